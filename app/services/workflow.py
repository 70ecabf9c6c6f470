"""Moving a case through its workflow: one transition, its event, in one transaction."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import cast

import sqlalchemy as sa

from app import clock
from app.extensions import db
from app.models import Case, User
from app.models.base import utcnow
from app.services.assignment import check_assignee
from app.services.concurrency import commit_case_change, ensure_version
from app.services.deadlines import INACTIVE_STATES, refresh_next_deadline
from app.services.outbox import notify_case_member
from app.services.stages import record_stage_entry
from app.services.timeline import append_event
from cases.i18n import N_
from cases.money import ensure_confirmed, format_amount
from cases.vocabulary import CaseKind, Role
from cases.workflows import (
    Actor,
    State,
    Transition,
    TransitionResult,
    apply_transition,
    available_transitions,
    workflow_for,
)

# Which case column each transition input is recorded in (the event keeps them all); the court,
# file number and dates of a filing go to the proceeding the transition opens or decides.
_CASE_FIELDS = {
    "reason": None,
    "outcome": "outcome",
    "amount": "amount_approved",
}
# The proceeding a transition opens.
_OPENS = {"file_lawsuit": "first_instance", "file_objection": "board_objection"}

# What the member is told by e-mail after a step they should know about (N_ subject, body).
# Bodies may use the case's facts: %(amount)s, %(court)s, %(file_number)s, %(filing_date)s, %(paid_date)s.
_UPDATE_SUBJECT = N_("Your case %(reference)s has been updated")
MEMBER_NOTICES = {
    "take": N_("Dear %(name)s, a union lawyer has started reviewing your case %(reference)s."),
    "request_info": N_(
        "Dear %(name)s, the union needs more information about your case %(reference)s. Please sign in and answer."
    ),
    "accept": N_("Dear %(name)s, the union has taken on your case %(reference)s."),
    "decline": N_("Dear %(name)s, the union cannot take on your case %(reference)s. The reason is on the case page."),
    "file_objection": N_("Dear %(name)s, an objection has been filed for your case %(reference)s."),
    "file_lawsuit": N_(
        "Dear %(name)s, a lawsuit has been filed for your case %(reference)s.\n\nCourt: %(court)s\n"
        "File number: %(file_number)s\nFiled on: %(filing_date)s"
    ),
    "record_decision": N_("Dear %(name)s, there is a decision in your case %(reference)s."),
    "approve": N_(
        "Dear %(name)s, your request %(reference)s has been approved.\n\nApproved amount: %(amount)s\n"
        "The payment or help is being arranged."
    ),
    "mark_paid": N_(
        "Dear %(name)s, the help for your request %(reference)s has been paid or delivered.\n\n"
        "Amount paid: %(amount)s\nPayment date: %(paid_date)s"
    ),
    "close": N_("Dear %(name)s, your case %(reference)s has been closed."),
    "reopen": N_("Dear %(name)s, your case %(reference)s has been reopened."),
}
# Assistance requests are handled by social-affairs officers, not lawyers.
ASSISTANCE_NOTICES = {
    "take": N_("Dear %(name)s, a union officer has started reviewing your request %(reference)s."),
}


def actor_for(case: Case, user: User) -> Actor:
    return Actor(user_id=user.id, role=Role(user.role), is_assignee=case.assignee_id == user.id)


def transitions_for(case: Case, user: User) -> list[Transition]:
    """The transitions ``user`` may perform on ``case`` now (the page shows exactly these)."""
    return available_transitions(
        workflow_for(case.kind), State(case.status), actor_for(case, user), assigned=case.assignee_id is not None
    )


# Steps that move money: each runs only once the amount was shown back and confirmed.
CONFIRMED_AMOUNT_STEPS = ("approve", "mark_paid")


def amount_at_stake(case: Case, name: str, data: Mapping[str, object]) -> Decimal | None:
    """The amount step ``name`` moves: the one being approved, or the approved one being paid."""
    if name == "approve" and data.get("amount") is not None:
        return Decimal(str(data["amount"]))
    if name == "mark_paid":
        return case.amount_approved
    return None


def perform_transition(
    case: Case,
    name: str,
    user: User,
    inputs: Mapping[str, object],
    *,
    expected_version,
    today: date | None = None,
    confirmed_amount: str | None = None,
) -> TransitionResult:
    """Apply transition ``name`` by ``user``; record it; commit. Raises DomainError subclasses.

    A step that moves money raises AmountNotConfirmed, writing nothing, unless
    ``confirmed_amount`` is the canonical form of the amount it moves.
    """
    ensure_version(case, expected_version)
    if name == "assign" and inputs.get("assignee_id") not in (None, ""):
        check_assignee(case, inputs.get("assignee_id"))
    result = apply_transition(
        workflow_for(case.kind),
        State(case.status),
        name,
        actor_for(case, user),
        inputs,
        assigned=case.assignee_id is not None,
        today=today or clock.today(),
    )
    if name in CONFIRMED_AMOUNT_STEPS:
        amount = amount_at_stake(case, name, result.event.data)
        if amount is not None:
            ensure_confirmed(amount, confirmed_amount)
    _record_on_case(case, result)
    _record_proceeding(case, name, result, user)
    event = append_event(
        case, result.event.kind, user, result.event.payload(), member_visible=result.event.member_visible
    )
    if result.new_state != result.event.from_state:
        record_stage_entry(case, result.new_state.value, event.created_at)
    _notify_member(case, name, user, result.event.data)
    commit_case_change()
    return result


def _notify_member(case: Case, name: str, user: User, data: Mapping[str, object]) -> None:
    """Queue the member's notification in the same transaction as the step."""
    notices = MEMBER_NOTICES if case.kind == CaseKind.LEGAL else {**MEMBER_NOTICES, **ASSISTANCE_NOTICES}
    body = notices.get(name)
    if body is None or user.role == Role.MEMBER:
        return
    notify_case_member(case, "case_update", _UPDATE_SUBJECT, body, **_facts(case, data))


def _facts(case: Case, data: Mapping[str, object]) -> dict[str, str]:
    """The facts a notice may name, as the member reads them (dates 23.11.2026, amounts 10.000,00 TL)."""

    def day(value: object) -> str:
        if isinstance(value, str):
            value = date.fromisoformat(value)
        return value.strftime("%d.%m.%Y") if isinstance(value, date) else ""

    # A filing's court, file number and date are the step's own inputs (its proceeding keeps them).
    return {
        "amount": format_amount(case.amount_approved),
        "court": str(data.get("court") or data.get("authority") or ""),
        "file_number": str(data.get("file_number") or ""),
        "filing_date": day(data.get("filing_date")),
        "paid_date": day(data.get("paid_date")),
    }


def _record_proceeding(case: Case, name: str, result: TransitionResult, user: User) -> None:
    """A filing opens its proceeding; a decision is recorded on the last one (issue 14)."""
    from app.models import Proceeding
    from app.services.proceedings import add_proceeding

    data = result.event.data
    if name in _OPENS:
        filed = data.get("filing_date")
        add_proceeding(
            case,
            user,
            kind=_OPENS[name],
            authority=cast("str | None", data.get("court") or data.get("authority")),
            file_number=cast("str | None", data.get("file_number")),
            filing_date=date.fromisoformat(str(filed)) if filed else None,
            expected_version=None,
            notify=False,
            commit=False,
        )
        refresh_next_deadline(case)
    elif name == "record_decision":
        last = db.session.scalar(
            sa.select(Proceeding).where(Proceeding.case_id == case.id).order_by(Proceeding.position.desc()).limit(1)
        )
        if last is not None:
            decided = data.get("decision_date")
            last.decision_date = date.fromisoformat(str(decided)) if decided else last.decision_date
            last.outcome = cast("str | None", data.get("outcome")) or last.outcome


def _record_on_case(case: Case, result: TransitionResult) -> None:
    data = result.event.data
    case.status = result.new_state.value
    if result.assignee_id is not None:
        case.assignee_id = result.assignee_id
    if result.new_state == State.DECLINED:
        case.decline_reason = cast("str | None", data.get("reason"))
    for key, column in _CASE_FIELDS.items():
        if column and key in data and data[key] is not None:
            value = data[key]
            if column.endswith("_date"):
                value = date.fromisoformat(str(value))
            elif column == "amount_approved":
                value = Decimal(str(value))
            setattr(case, column, value)
    if {result.new_state.value, result.event.from_state.value} & set(INACTIVE_STATES):
        refresh_next_deadline(case)
    if result.new_state == State.CLOSED:
        case.closed_at = utcnow()
    elif result.event.from_state == State.CLOSED:
        case.closed_at = None
