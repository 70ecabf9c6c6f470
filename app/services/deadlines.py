"""Legal deadlines on cases: proposed by the rules, confirmed, edited, met (reminders: deadline_reminders).

Every change writes a staff-only 'deadline' timeline event and refreshes ``Case.next_deadline``
(the nearest open due date, which the queue sorts and filters on) in the same transaction.
"""

import functools
import hmac
import secrets
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import gettext

from app.extensions import db
from app.models import CalendarDay, Case, Deadline, User
from app.models.base import utcnow
from app.services.concurrency import STALE_MESSAGE, ensure_version
from app.services.timeline import append_event
from cases.calendar import TurkishCalendar
from cases.deadlines import DeadlineResult, compute_deadline, rules_for_case  # noqa: F401
from cases.errors import DomainError, StaleCase
from cases.events import EventKind
from cases.i18n import N_
from cases.vocabulary import Role

if TYPE_CHECKING:
    from app.services.deadline_proposals import CaseDeadlineFacts

PROPOSED = "proposed"
OPEN = "open"
MET = "met"
DISMISSED = "dismissed"
# Cases in these states no longer need their deadlines watched (views, reminders, feeds).
INACTIVE_STATES = ("withdrawn", "declined", "closed")


# The calendar ------------------------------------------------------------------------------


@functools.cache
def _calendar_days() -> sa.Select:
    return sa.select(CalendarDay)  # built once per process


def load_calendar() -> TurkishCalendar:
    """The official calendar with the administrators' corrections (one small query)."""
    extra_holidays: dict[date, str] = {}
    extra_half_days: dict[date, str] = {}
    removed_holidays: set[date] = set()
    removed_half_days: set[date] = set()
    for row in db.session.scalars(_calendar_days()):
        if row.kind == "holiday":
            extra_holidays[row.day] = row.name
        elif row.kind == "half_day":
            extra_half_days[row.day] = row.name
            removed_holidays.add(row.day)
        else:  # working: an official day off that was cancelled or wrongly dated
            removed_holidays.add(row.day)
            removed_half_days.add(row.day)
    return TurkishCalendar(extra_holidays, removed_holidays, extra_half_days, removed_half_days)


def court_takes_recess(case: Case) -> bool | None:
    """Whether the court of the case's lawsuit takes the judicial recess; None when it is not known."""
    from app.services.deadline_proposals import case_proceedings, recess_flags

    return recess_flags(case, case_proceedings(case.id))[0]


def case_deadlines(case_id: int) -> list[Deadline]:
    """Every recorded deadline of a case (not the proposals), open ones first by due date."""
    return list(db.session.scalars(_case_deadlines_statement(), {"case_id": case_id}))


@functools.cache
def _case_deadlines_statement() -> sa.Select:
    """Built once per process (the case page's deadlines panel asks it on every view)."""
    order = sa.case((Deadline.status == OPEN, 0), else_=1)
    return (
        sa.select(Deadline)
        .where(Deadline.case_id == sa.bindparam("case_id"), Deadline.status != PROPOSED)
        .order_by(order, Deadline.due_date)
    )


# Changes -----------------------------------------------------------------------------------


def refresh_next_deadline(
    case: Case, calendar: TurkishCalendar | None = None, facts: "CaseDeadlineFacts | None" = None
) -> None:
    """Keep the proposals current and ``Case.next_deadline`` the nearest open or proposed due date.

    ``next_deadline_proposed`` says the nearest one awaits a lawyer's confirmation. An ended case
    keeps its deadline rows (a reopened case gets them back) but no longer shows as overdue in
    the queue, nor sorts or filters by them. ``facts``: the case's rows, proceedings and courts
    when they were loaded with other cases' (``sync_proposals``).
    """
    from app.services.deadline_proposals import sync_proposals

    if case.status in INACTIVE_STATES:
        case.next_deadline = None
        case.next_deadline_proposed = False
        return
    rows = sync_proposals(case, calendar or load_calendar(), facts)
    db.session.flush()
    nearest_open = min((d.due_date for d in rows if d.status == OPEN), default=None)
    nearest_proposed = min((d.due_date for d in rows if d.status == PROPOSED), default=None)
    case.next_deadline = min((d for d in (nearest_open, nearest_proposed) if d is not None), default=None)
    case.next_deadline_proposed = nearest_proposed is not None and (
        nearest_open is None or nearest_proposed < nearest_open
    )


def _event(case: Case, actor: User, action: str, deadline: Deadline, **extra: object) -> None:
    payload = {
        "action": action,
        "deadline_id": deadline.id,
        "rule": deadline.rule_id,
        "title": deadline.title,
        "due_date": deadline.due_date.isoformat(),
        **extra,
    }
    append_event(case, EventKind.DEADLINE, actor, payload, member_visible=False)


def _from_proposal(case: Case, rule_id: str, source: str, actor: User, status: str) -> Deadline:
    """Turn the current proposal (rule, trigger) into a recorded deadline with ``status``."""
    from app.services.deadline_proposals import case_proceedings, desired_proposals, fill

    if case.notification_date is None and not source:
        raise DomainError(N_("Enter the notification date of the case first."))
    existing = list(db.session.scalars(sa.select(Deadline).where(Deadline.case_id == case.id)))
    if any(d.rule_id == rule_id and (d.source or "") == source and d.status != PROPOSED for d in existing):
        raise StaleCase(STALE_MESSAGE)
    desired = desired_proposals(case, case_proceedings(case.id), existing, load_calendar())
    proposal = next((p for p in desired if p.key == (rule_id, source)), None)
    if proposal is None:
        raise DomainError(N_("This rule does not apply to this case."))
    row = next(
        (d for d in existing if d.status == PROPOSED and d.rule_id == rule_id and (d.source or "") == source), None
    )
    if row is None:
        row = Deadline(case_id=case.id)
        db.session.add(row)
    fill(row, proposal)
    row.status = status
    row.created_by_id = actor.id
    db.session.flush()
    return row


def _record(case: Case, result: DeadlineResult, actor: User, status: str) -> Deadline:
    deadline = Deadline(
        case_id=case.id,
        rule_id=result.rule.id,
        title=result.rule.name,
        legal_basis=result.rule.legal_basis,
        start_date=result.start,
        computed_date=result.due,
        due_date=result.due,
        explanation=[step.as_dict() for step in result.steps],
        warnings=[step.as_dict() for step in result.warnings],
        status=status,
        created_by_id=actor.id,
    )
    db.session.add(deadline)
    db.session.flush()
    return deadline


def confirm_proposal(case: Case, rule_id: str, actor: User, *, expected_version, source: str = "") -> Deadline:
    """Record the rule's computed deadline on ``case`` as open; commit."""
    ensure_version(case, expected_version)
    deadline = _from_proposal(case, rule_id, source, actor, OPEN)
    _event(case, actor, "confirmed", deadline, legal_basis=deadline.legal_basis)
    refresh_next_deadline(case)
    db.session.commit()
    return deadline


def dismiss_proposal(
    case: Case, rule_id: str, actor: User, reason: str, *, expected_version, source: str = ""
) -> Deadline:
    """Record that the rule's deadline does not apply to ``case`` (it is no longer proposed); commit."""
    ensure_version(case, expected_version)
    deadline = _from_proposal(case, rule_id, source, actor, DISMISSED)
    deadline.edit_reason = reason or None
    _event(case, actor, "dismissed", deadline, reason=reason)
    refresh_next_deadline(case)
    db.session.commit()
    return deadline


def add_from_rule(
    case: Case,
    rule_id: str,
    start: date,
    actor: User,
    *,
    recess: bool | None = True,
    applied: date | None = None,
    answered: date | None = None,
    note: str | None = None,
    expected_version,
) -> Deadline:
    """Compute any rule from a trigger the lawyer gives (a refusal, an application…) and record it; commit.

    Raises DomainError when the rule refuses the dates (e.g. an application made too late).
    """
    ensure_version(case, expected_version)
    result = compute_deadline(
        rule_id, start, calendar=load_calendar(), recess=recess, applied=applied, answered=answered
    )
    deadline = _record(case, result, actor, OPEN)
    deadline.note = (note or "").strip() or None
    _event(case, actor, "computed", deadline, legal_basis=deadline.legal_basis, start_date=start.isoformat())
    refresh_next_deadline(case)
    db.session.commit()
    return deadline


def recompute(deadline: Deadline, calendar: TurkishCalendar, *, recess: bool | None) -> date | None:
    """The date the rule gives today for a recorded rule deadline (None when it cannot be redone)."""
    kinds = {step.get("kind") for step in deadline.explanation or []}
    if not deadline.rule_id or not deadline.start_date or "suspended" in kinds:
        return None
    if "no_recess" in kinds:
        recess = False
    return compute_deadline(deadline.rule_id, deadline.start_date, calendar=calendar, recess=recess).due


def add_manual(case: Case, title: str, due: date, note: str | None, actor: User, *, expected_version) -> Deadline:
    """Add a deadline the lawyer entered by hand; commit."""
    ensure_version(case, expected_version)
    deadline = Deadline(
        case_id=case.id,
        rule_id=None,
        title=title.strip(),
        due_date=due,
        note=(note or "").strip() or None,
        status=OPEN,
        explanation=[],
        warnings=[],
        created_by_id=actor.id,
    )
    db.session.add(deadline)
    db.session.flush()
    _event(case, actor, "added", deadline, note=deadline.note)
    refresh_next_deadline(case)
    db.session.commit()
    return deadline


def _open_deadline(case: Case, deadline: Deadline, expected_version) -> None:
    ensure_version(deadline, expected_version)
    if deadline.status != OPEN:
        raise DomainError(N_("This deadline is no longer open."))


def edit_date(case: Case, deadline: Deadline, due: date, reason: str, actor: User, *, expected_version) -> None:
    """Move an open deadline to ``due``, keeping the lawyer's reason; commit."""
    _open_deadline(case, deadline, expected_version)
    previous = deadline.due_date
    deadline.due_date = due
    deadline.edit_reason = reason.strip()
    _event(case, actor, "edited", deadline, previous_date=previous.isoformat(), reason=deadline.edit_reason)
    refresh_next_deadline(case)
    db.session.commit()


def mark_met(case: Case, deadline: Deadline, actor: User, *, expected_version) -> None:
    """Record that the action was taken in time; commit."""
    _open_deadline(case, deadline, expected_version)
    deadline.status = MET
    deadline.met_at = utcnow()
    _event(case, actor, "met", deadline)
    refresh_next_deadline(case)
    db.session.commit()


def dismiss(case: Case, deadline: Deadline, reason: str, actor: User, *, expected_version) -> None:
    """Drop an open deadline that no longer applies, with the reason; commit."""
    _open_deadline(case, deadline, expected_version)
    deadline.status = DISMISSED
    deadline.edit_reason = reason.strip()
    _event(case, actor, "dismissed", deadline, reason=deadline.edit_reason)
    refresh_next_deadline(case)
    db.session.commit()


# The calendar feed token -------------------------------------------------------------------


def regenerate_calendar_token(user: User, *, expected_version) -> str:
    """Give ``user`` a new feed token (the old URL stops working); commit."""
    ensure_version(user, expected_version)
    user.calendar_token = f"{user.id}.{secrets.token_urlsafe(32)}"
    db.session.commit()
    return user.calendar_token


def user_for_calendar_token(token: str) -> User | None:
    """The active lawyer or admin whose feed token is ``token``, compared in constant time."""
    user_id, _, secret = token.partition(".")
    if not user_id.isdigit() or not secret or len(user_id) > 9:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.calendar_token:
        return None
    if not hmac.compare_digest(user.calendar_token.encode(), token.encode()):
        return None
    if not user.active or user.role not in (Role.LAWYER, Role.ADMIN):
        return None
    return user


def feed_deadlines(user: User, scope: sa.ColumnElement[bool], limit: int = 2000) -> list[tuple[Deadline, Case]]:
    """The open deadlines of the cases assigned to ``user`` (within their scope)."""
    rows = db.session.execute(
        sa.select(Deadline, Case)
        .join(Case, Case.id == Deadline.case_id)
        .where(
            Deadline.status == OPEN,
            Case.assignee_id == user.id,
            Case.status.not_in(INACTIVE_STATES),
            scope,
        )
        .order_by(Deadline.due_date, Deadline.id)
        .limit(limit)
    )
    return [(deadline, case) for deadline, case in rows]


def deadline_title(deadline: Deadline) -> str:
    """The deadline's title in the current language (rule titles are translated)."""
    return gettext(deadline.title) if deadline.rule_id else deadline.title
