"""Everything the staff case page shows, in a fixed number of queries whatever the case's size."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from typing import Protocol, cast

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import Attachment, Case, CaseEvent, Consent, Court, MemberProfile, User
from app.queries.scope import Viewer, case_scope, viewer_of
from app.services.member_data import current_consent
from cases.events import EventKind

MAX_COURTS = 1000


class TimelineEvent(Protocol):
    """One timeline entry as the staff page reads it: the event's columns and its actor's name."""

    id: int
    sequence: int
    kind: str
    actor_id: int | None
    member_visible: bool
    payload: dict
    created_at: datetime
    actor_name: str | None  # None: the system acted


@dataclass
class CasePage:
    case: Case
    member: MemberProfile
    events: list[TimelineEvent]
    attachments: list[Attachment]
    people: dict[int, str] = field(default_factory=dict)  # user id -> name, for assignment events
    consent: Consent | None = None  # the member's explicit consent in force, if any


# What the page shows with the case, loaded in the same statement (built once: loader options are
# immutable and may be shared by statements).
_CASE_WITH = (
    joinedload(Case.union),
    joinedload(Case.institution),
    joinedload(Case.assignee),
    joinedload(Case.member).joinedload(MemberProfile.user),
    joinedload(Case.member).joinedload(MemberProfile.institution),
    joinedload(Case.member).joinedload(MemberProfile.union),
    joinedload(Case.competent_court),
    # A collection: its own statement. Joined too, it made the case's statement ten tables, which
    # PostgreSQL took 7 ms to plan (and plans on every request) against under 1 ms to run.
    selectinload(Case.proceedings),
)


@lru_cache(maxsize=256)
def _case_statement(viewer: Viewer) -> sa.Select:
    return sa.select(Case).options(*_CASE_WITH).where(Case.id == sa.bindparam("case_id"), case_scope(viewer))


def load_case(user: User, case_id: int) -> Case:
    """The case with its union, institution, assignee and member (with account and workplace); 404 outside scope."""
    case = db.session.scalars(_case_statement(viewer_of(user)), {"case_id": case_id}).unique().one_or_none()
    if case is None:
        abort(404)
    return case


def case_page(user: User, case: Case) -> CasePage:
    """The timeline, evidence and the names the timeline refers to."""
    events = staff_timeline(case.id)
    attachments = list(db.session.scalars(_attachments_statement(), {"case_id": case.id}))
    named = {
        int(event.payload.get("data", {}).get("assignee_id"))
        for event in events
        if event.kind == EventKind.TRANSITION and str(event.payload.get("data", {}).get("assignee_id", "")).isdigit()
    }
    people = {}
    if named:
        people = dict(db.session.execute(_names_statement(), {"ids": sorted(named)}).all())
    consent = current_consent(case.member.user_id) if case.member is not None else None
    return CasePage(
        case=case, member=case.member, events=events, attachments=attachments, people=people, consent=consent
    )


def staff_timeline(case_id: int) -> list[TimelineEvent]:
    """Every event of the case in order, with its actor's name, in one query.

    Rows rather than ORM objects: the page only reads them, and a case's 50 events loaded as
    entities (identity map, instance state, the actor's whole account) cost three times as much.
    """
    rows = db.session.execute(_timeline_statement(), {"case_id": case_id}).all()
    return cast(list[TimelineEvent], rows)


# The page's statements, built once per process: building a statement and working out its cache
# key cost SQLAlchemy more than running these small queries (a kept one keeps its key).


@cache
def _timeline_statement() -> sa.Select:
    return (
        sa.select(
            CaseEvent.id,
            CaseEvent.sequence,
            CaseEvent.kind,
            CaseEvent.actor_id,
            CaseEvent.member_visible,
            CaseEvent.payload,
            CaseEvent.created_at,
            User.full_name.label("actor_name"),
        )
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .where(CaseEvent.case_id == sa.bindparam("case_id"))
        .order_by(CaseEvent.sequence)
    )


@cache
def _attachments_statement() -> sa.Select:
    return (
        sa.select(Attachment)
        .options(joinedload(Attachment.uploaded_by))
        .where(Attachment.case_id == sa.bindparam("case_id"))
        .order_by(Attachment.created_at, Attachment.id)
    )


@cache
def _names_statement() -> sa.Select:
    return sa.select(User.id, User.full_name).where(User.id.in_(sa.bindparam("ids", expanding=True)))


def court_names() -> list[str]:
    """The courts a lawsuit can be recorded at, as suggestions."""
    return list(db.session.scalars(sa.select(Court.name).order_by(Court.name).limit(MAX_COURTS)))
