"""Reading a case's timeline: everything for staff, only member-visible entries for the member."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import CaseEvent


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
