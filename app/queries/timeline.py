"""Reading a case's timeline: everything for staff, only member-visible entries for the member."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import CaseEvent

# The kinds of timeline events. Member-visible or not is stored per event (member_visible).
EVENT_KINDS = (
    "submitted",  # the member filed the case
    "transition",  # a workflow step (payload: transition, from_state, to_state, data)
    "assignment",  # assignee changed outside a transition
    "note",  # internal note by staff (never member-visible)
    "message",  # staff -> member message (member-visible)
    "member_message",  # member -> staff message (member-visible)
    "attachment",  # evidence added
    "document",  # a petition generated or shared
    "deadline",  # deadline proposed, confirmed, edited, met
    "priority",  # priority changed
    "conflict",  # conflict of interest detected or handled (staff only)
)


def case_timeline(case_id: int, *, member_view: bool) -> list[CaseEvent]:
    """The case's events in order, with their actors loaded in the same query."""
    query = (
        sa.select(CaseEvent)
        .options(joinedload(CaseEvent.actor))
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.sequence)
    )
    if member_view:
        query = query.where(CaseEvent.member_visible.is_(True))
    return list(db.session.scalars(query))
