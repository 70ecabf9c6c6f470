"""Everything the staff case page shows, in a fixed number of queries whatever the case's size."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Attachment, Case, CaseEvent, Consent, Court, MemberProfile, User
from app.queries.scope import case_scope
from app.queries.timeline import case_timeline
from app.services.member_data import current_consent
from cases.events import EventKind

MAX_COURTS = 1000


@dataclass
class CasePage:
    case: Case
    member: MemberProfile
    events: list[CaseEvent]
    attachments: list[Attachment]
    people: dict[int, str] = field(default_factory=dict)  # user id -> name, for assignment events
    consent: Consent | None = None  # the member's explicit consent in force, if any


def load_case(user: User, case_id: int) -> Case:
    """The case with its union, institution, assignee and member (with account and workplace); 404 outside scope."""
    case = (
        db.session.scalars(
            sa.select(Case)
            .options(
                joinedload(Case.union),
                joinedload(Case.institution),
                joinedload(Case.assignee),
                joinedload(Case.member).joinedload(MemberProfile.user),
                joinedload(Case.member).joinedload(MemberProfile.institution),
                joinedload(Case.member).joinedload(MemberProfile.union),
                joinedload(Case.competent_court),
                joinedload(Case.proceedings),  # a handful of rows, in the same statement
            )
            .where(Case.id == case_id, case_scope(user))
        )
        .unique()
        .one_or_none()
    )
    if case is None:
        abort(404)
    return case


def case_page(user: User, case: Case) -> CasePage:
    """The timeline, evidence and the names the timeline refers to."""
    events = case_timeline(case.id, member_view=False)
    attachments = list(
        db.session.scalars(
            sa.select(Attachment)
            .options(joinedload(Attachment.uploaded_by))
            .where(Attachment.case_id == case.id)
            .order_by(Attachment.created_at, Attachment.id)
        )
    )
    named = {
        int(event.payload.get("data", {}).get("assignee_id"))
        for event in events
        if event.kind == EventKind.TRANSITION and str(event.payload.get("data", {}).get("assignee_id", "")).isdigit()
    }
    people = {}
    if named:
        people = dict(db.session.execute(sa.select(User.id, User.full_name).where(User.id.in_(named))).all())
    consent = current_consent(case.member.user_id) if case.member is not None else None
    return CasePage(
        case=case, member=case.member, events=events, attachments=attachments, people=people, consent=consent
    )


def court_names() -> list[str]:
    """The courts a lawsuit can be recorded at, as suggestions."""
    return list(db.session.scalars(sa.select(Court.name).order_by(Court.name).limit(MAX_COURTS)))
