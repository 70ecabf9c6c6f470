"""A case's proceedings: record a step, a served paper or a decision; each proposes what follows.

Every change checks the case's version, writes the proceeding, a timeline event naming the
proceeding that moved, the member's notification where the member should know, refreshes the
proposed deadlines (``refresh_next_deadline``) and commits once.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale, gettext

from app.extensions import db
from app.models import Case, Court, Proceeding, User
from app.services.concurrency import commit_case_change, ensure_version
from app.services.deadlines import load_calendar, refresh_next_deadline
from app.services.timeline import append_event
from cases.errors import DomainError
from cases.events import EventKind
from cases.i18n import N_
from cases.proceedings import (
    COURT_KINDS,
    STAGE_LABELS,
    ApplicationBasis,
    DecisionKind,
    PaperKind,
    ProceedingKind,
    case_outcome,
)
from cases.vocabulary import Outcome, Role

_SUBJECT = N_("Your case %(reference)s has been updated")
_NOTICES = {
    "added": N_("Dear %(name)s, a new step was taken in your case %(reference)s: %(stage)s."),
    "decision": N_("Dear %(name)s, there is a decision in your case %(reference)s: %(stage)s."),
}


@dataclass(frozen=True)
class CompetentCourt:
    """The court a petition of the case is addressed to, as far as it is known."""

    name: str
    province: str
    address: str  # "" when the courts list has no address for it
    file_number: str  # the esas no of the first-instance proceeding, once filed
    confirmed: bool  # True when a lawyer confirmed it as the competent court (İYUK 32–33)


def competent_court(case: Case) -> CompetentCourt | None:
    """The confirmed competent court of ``case``, else the court of its first-instance proceeding (≤ 2 queries).

    Petitions address their heading to it ("… İDARE MAHKEMESİ BAŞKANLIĞI'NA").
    """
    first = db.session.scalar(
        sa.select(Proceeding)
        .where(Proceeding.case_id == case.id, Proceeding.kind == ProceedingKind.FIRST_INSTANCE.value)
        .order_by(Proceeding.position)
        .limit(1)
    )
    court_id = case.competent_court_id or (first.court_id if first else None)
    court = db.session.get(Court, court_id) if court_id else None
    file_number = (first.file_number or "") if first else ""
    if court is not None:
        return CompetentCourt(
            court.name, court.province, court.address or "", file_number, bool(case.competent_court_id)
        )
    if first is not None and first.authority:
        return CompetentCourt(first.authority, "", "", file_number, False)
    return None


def proceeding_label(proceeding: Proceeding) -> str:
    """The proceeding in plain words, with its court or authority (current language)."""
    stage = gettext(STAGE_LABELS[ProceedingKind(proceeding.kind)])
    return f"{stage} — {proceeding.authority}" if proceeding.authority else stage


def _payload(proceeding: Proceeding, action: str, **extra: object) -> dict[str, object]:
    return {
        "action": action,
        "proceeding_id": proceeding.id,
        "proceeding_kind": proceeding.kind,
        "authority": proceeding.authority,
        "file_number": proceeding.file_number,
        **{k: v.isoformat() if isinstance(v, date) else v for k, v in extra.items()},
    }


def _notify(case: Case, proceeding: Proceeding, action: str, actor: User) -> None:
    from app.services.outbox import member_user_of, notify_user

    member = member_user_of(case)
    if member is None or not member.active or actor.role == Role.MEMBER:
        return
    with force_locale(member.language or "tr"):
        stage = proceeding_label(proceeding)
    notify_user(member, "case_update", _SUBJECT, _NOTICES[action], case=case, stage=stage)


def _court(court_id: int | None, authority: str | None) -> tuple[int | None, str | None]:
    """The court chosen from the list (its name becomes the authority), or the name typed."""
    if court_id:
        court = db.session.get(Court, court_id)
        if court is None:
            raise DomainError(N_("That court is not on the list."))
        return court.id, court.name
    name = " ".join((authority or "").split()) or None
    if name:
        found = db.session.scalar(sa.select(Court.id).where(Court.name == name))
        return found, name
    return None, None


def add_proceeding(
    case: Case,
    actor: User,
    *,
    kind: str,
    basis: str | None = None,
    authority: str | None = None,
    court_id: int | None = None,
    file_number: str | None = None,
    filing_date: date | None = None,
    expected_version,
    notify: bool = True,
    commit: bool = True,
) -> Proceeding:
    """Add the next proceeding of ``case``; commit.

    A workflow step that opens the proceeding (filing the lawsuit) passes ``commit=False``: its own
    event names the court and file number, it notifies the member, and it commits.
    """
    if expected_version is not None:
        ensure_version(case, expected_version)
    kind = ProceedingKind(kind)
    if kind is ProceedingKind.APPLICATION and basis not in ApplicationBasis.__members__.values():
        raise DomainError(N_("Say which law the application was made under."))
    court_id, authority = _court(court_id, authority)
    if kind in COURT_KINDS and not authority:
        raise DomainError(N_("Give the court of this proceeding."))
    position = (
        db.session.scalar(sa.select(sa.func.max(Proceeding.position)).where(Proceeding.case_id == case.id)) or 0
    ) + 1
    proceeding = Proceeding(
        case_id=case.id,
        position=position,
        kind=kind.value,
        basis=basis if kind is ProceedingKind.APPLICATION else None,
        authority=authority,
        court_id=court_id,
        file_number=(file_number or "").strip() or None,
        filing_date=filing_date,
        papers=[],
    )
    db.session.add(proceeding)
    db.session.flush()
    _summarise(case)
    if commit:
        payload = _payload(proceeding, "added", filing_date=filing_date)
        append_event(case, EventKind.PROCEEDING, actor, payload, member_visible=True)
    if notify:
        _notify(case, proceeding, "added", actor)
    if commit:
        refresh_next_deadline(case, load_calendar())
        commit_case_change()
    return proceeding


def record_decision(
    case: Case,
    proceeding: Proceeding,
    actor: User,
    *,
    decision: str | None,
    decision_date: date | None,
    notified: date | None,
    outcome: str | None,
    expected_version,
) -> None:
    """Record a proceeding's decision and the date it was notified; the case takes the last outcome; commit."""
    ensure_version(case, expected_version)
    _belongs(case, proceeding)
    if decision and decision not in DecisionKind.__members__.values():
        raise DomainError(N_("Choose whether the answer was final."))
    if outcome and outcome not in Outcome.__members__.values():
        raise DomainError(N_("Choose an outcome from the list."))
    if decision_date and notified and notified < decision_date:
        raise DomainError(N_("The decision cannot be notified before it was made."))
    if proceeding.filing_date and decision_date and decision_date < proceeding.filing_date:
        raise DomainError(N_("The decision cannot be earlier than the filing."))
    proceeding.decision = decision or None
    proceeding.decision_date = decision_date
    proceeding.decision_notified_date = notified
    proceeding.outcome = outcome or None
    _summarise(case)
    payload = _payload(
        proceeding, "decision", decision_date=decision_date, decision_notified_date=notified, outcome=outcome
    )
    append_event(case, EventKind.PROCEEDING, actor, payload, member_visible=True)
    _notify(case, proceeding, "decision", actor)
    refresh_next_deadline(case, load_calendar())
    commit_case_change()


def add_paper(
    case: Case, proceeding: Proceeding, actor: User, *, kind: str, notified: date, note: str | None, expected_version
) -> None:
    """Record a paper served in a proceeding (a defence, a stay decision, an appeal petition); commit."""
    ensure_version(case, expected_version)
    _belongs(case, proceeding)
    kind = PaperKind(kind)
    if proceeding.filing_date and notified < proceeding.filing_date:
        raise DomainError(N_("A paper cannot be served before the proceeding was filed."))
    paper = {"kind": kind.value, "date": notified.isoformat(), "note": (note or "").strip() or None}
    proceeding.papers = [*(proceeding.papers or []), paper]
    append_event(
        case, EventKind.PROCEEDING, actor, _payload(proceeding, "paper", paper_kind=kind.value, notified=notified)
    )
    refresh_next_deadline(case, load_calendar())
    commit_case_change()


def set_notification_date(case: Case, day: date, reason: str, actor: User, *, today: date, expected_version) -> None:
    """Record or correct the date the contested act was notified, with the reason; commit."""
    ensure_version(case, expected_version)
    if day > today:
        raise DomainError(N_("The notification date cannot be in the future."))
    reason = reason.strip()
    if not reason:
        raise DomainError(N_("Say why the notification date is recorded or changed."))
    previous = case.notification_date
    if previous == day:
        raise DomainError(N_("That is already the notification date."))
    case.notification_date = day
    payload = {
        "action": "notification_date",
        "previous_date": previous.isoformat() if previous else None,
        "notification_date": day.isoformat(),
        "reason": reason,
    }
    append_event(case, EventKind.CASE_FACT, actor, payload)
    refresh_next_deadline(case, load_calendar())
    commit_case_change()


def set_competent_court(case: Case, court_id: int, reason: str, actor: User, *, expected_version) -> None:
    """Confirm or change the case's competent court (İYUK 32–33), with the reason; commit."""
    ensure_version(case, expected_version)
    court = db.session.get(Court, court_id)
    if court is None:
        raise DomainError(N_("That court is not on the list."))
    previous = case.competent_court_id
    case.competent_court_id = court.id
    payload = {"action": "competent_court", "court": court.name, "previous_court_id": previous, "reason": reason}
    append_event(case, EventKind.CASE_FACT, actor, payload)
    refresh_next_deadline(case, load_calendar())
    commit_case_change()


def set_limitation_dates(case: Case, values: dict[str, date | None], actor: User, *, expected_version) -> None:
    """Keep the dates the 657 art. 127 check reads (staff-entered, beside the member's answers); commit."""
    ensure_version(case, expected_version)
    stored = {key: value.isoformat() for key, value in values.items() if value is not None}
    case.details = {**(case.details or {}), "staff_limitation": stored}
    append_event(case, EventKind.CASE_FACT, actor, {"action": "limitation_dates", **stored})
    commit_case_change()


def _summarise(case: Case) -> None:
    """The case's outcome is its last proceeding's that has one."""
    db.session.flush()
    outcomes = db.session.scalars(
        sa.select(Proceeding.outcome).where(Proceeding.case_id == case.id).order_by(Proceeding.position)
    ).all()
    case.outcome = case_outcome(list(outcomes)) or case.outcome


def _belongs(case: Case, proceeding: Proceeding) -> None:
    if proceeding.case_id != case.id:
        raise DomainError(N_("This proceeding belongs to another case."))
