"""Opening a case: reference, searchable text, and the first timeline event, in one transaction."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.extensions import db
from app.models import Case, Institution, MemberProfile, Union, User
from app.models.base import utcnow
from app.models.member import MembershipStatus
from app.services.references import next_reference
from app.services.timeline import append_event
from cases.text import fold
from cases.vocabulary import PRIORITY_RANK, Priority


@dataclass
class NewCase:
    """What a member (or staff on their behalf) gives when opening a case."""

    kind: str
    category: str
    narrative: str
    requests: str = ""
    respondent_type: str | None = None
    respondent_name: str | None = None
    respondent_title: str | None = None
    institution_id: int | None = None
    incident_date: date | None = None
    notification_date: date | None = None
    details: dict = field(default_factory=dict)
    priority: str = Priority.NORMAL
    amount_requested: Decimal | None = None


def search_text_for(case: Case, member_name: str, institution_name: str | None) -> str:
    """The folded text search runs on: reference, member, institution, respondent, narrative."""
    parts = [case.reference, member_name, institution_name or "", case.respondent_name or "", case.narrative]
    return fold(" ".join(parts))


def open_case(member: MemberProfile, data: NewCase, *, actor: User, member_name: str) -> Case:
    """Create the case and its 'submitted' event in the current transaction (not committed)."""
    institution = db.session.get(Institution, data.institution_id) if data.institution_id else None
    if institution is None and member.institution_id:
        institution = db.session.get(Institution, member.institution_id)
    now = utcnow()
    case = Case(
        reference=next_reference(db.session.get(Union, member.union_id), now.year),
        union_id=member.union_id,
        member_id=member.id,
        kind=data.kind,
        category=data.category,
        status="submitted",
        priority=data.priority,
        priority_rank=PRIORITY_RANK[Priority(data.priority)],
        respondent_type=data.respondent_type,
        respondent_name=data.respondent_name,
        respondent_title=data.respondent_title,
        institution_id=institution.id if institution else None,
        province=institution.province if institution else member.province,
        incident_date=data.incident_date,
        notification_date=data.notification_date,
        narrative=data.narrative,
        requests=data.requests,
        details=data.details,
        amount_requested=data.amount_requested,
        membership_pending=member.membership_status != MembershipStatus.VERIFIED,
        created_at=now,
        last_activity_at=now,
    )
    case.search_text = search_text_for(case, member_name, institution.name if institution else None)
    db.session.add(case)
    db.session.flush()
    append_event(case, "submitted", actor, {"to_state": "submitted"}, member_visible=True)
    return case
