"""Moving a case through its workflow: one transition, its event, in one transaction."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from app.extensions import db
from app.models import Case, User
from app.models.base import utcnow
from app.services.concurrency import ensure_version
from app.services.timeline import append_event
from cases.vocabulary import Role
from cases.workflows import (
    Actor,
    State,
    Transition,
    TransitionResult,
    apply_transition,
    available_transitions,
    workflow_for,
)

# Which case column each transition input is recorded in (the event keeps them all).
_CASE_FIELDS = {
    "reason": None,
    "court": "court",
    "file_number": "court_file_number",
    "filing_date": "filing_date",
    "decision_date": "decision_date",
    "outcome": "outcome",
    "amount": "amount_approved",
}


def actor_for(case: Case, user: User) -> Actor:
    return Actor(user_id=user.id, role=Role(user.role), is_assignee=case.assignee_id == user.id)


def transitions_for(case: Case, user: User) -> list[Transition]:
    """The transitions ``user`` may perform on ``case`` now (the page shows exactly these)."""
    return available_transitions(
        workflow_for(case.kind), State(case.status), actor_for(case, user), assigned=case.assignee_id is not None
    )


def perform_transition(
    case: Case, name: str, user: User, inputs: Mapping[str, object], *, expected_version, today: date | None = None
) -> TransitionResult:
    """Apply transition ``name`` by ``user``; record it; commit. Raises DomainError subclasses."""
    ensure_version(case, expected_version)
    result = apply_transition(
        workflow_for(case.kind),
        State(case.status),
        name,
        actor_for(case, user),
        inputs,
        assigned=case.assignee_id is not None,
        today=today or date.today(),
    )
    _record_on_case(case, result)
    append_event(case, result.event.kind, user, result.event.payload(), member_visible=result.event.member_visible)
    db.session.commit()
    return result


def _record_on_case(case: Case, result: TransitionResult) -> None:
    data = result.event.data
    case.status = result.new_state.value
    if result.assignee_id is not None:
        case.assignee_id = result.assignee_id
    if result.new_state == State.DECLINED:
        case.decline_reason = data.get("reason")
    for key, column in _CASE_FIELDS.items():
        if column and key in data and data[key] is not None:
            value = data[key]
            if column.endswith("_date"):
                value = date.fromisoformat(str(value))
            elif column == "amount_approved":
                value = Decimal(str(value))
            setattr(case, column, value)
    if result.new_state == State.CLOSED:
        case.closed_at = utcnow()
    elif result.event.from_state == State.CLOSED:
        case.closed_at = None
