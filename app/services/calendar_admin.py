"""Administration of what deadlines are computed from: calendar corrections and the courts' recess.

A calendar day or a court has no version column: its edit form carries a fingerprint of the
values it showed, and a save over a change made meanwhile is refused (StaleCase). A change and
what it does to the deadlines stored on cases (``calendar_effects``) are committed together, or
not at all.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import CalendarDay, Court, User
from app.services.audit_log import log_access
from app.services.calendar_effects import (
    CALENDAR,
    COURT,
    Change,
    CourtBefore,
    Impact,
    cases_before_court,
    cases_counting_over,
    follow_change,
)
from app.services.concurrency import STALE_MESSAGE, commit_case_change, fingerprint
from app.services.deadlines import load_calendar
from cases.calendar import TurkishCalendar
from cases.errors import DomainError, StaleCase
from cases.i18n import N_


class AlreadyListed(DomainError):
    """The day or the court already has its own row: that one is to be changed instead."""


def day_fingerprint(row: CalendarDay) -> str:
    return fingerprint(row.day, row.kind, row.name)


def court_fingerprint(court: Court) -> str:
    return fingerprint(court.name, court.province, court.kind, court.takes_recess, court.address)


def _day_taken(day: date, except_id: int | None) -> bool:
    query = sa.select(CalendarDay.id).where(CalendarDay.day == day)
    if except_id:
        query = query.where(CalendarDay.id != except_id)
    return db.session.scalar(query) is not None


@contextmanager
def _all_or_nothing() -> Iterator[None]:
    """A calendar or court change and what it does to the cases' deadlines: committed together, or not at all.

    A case changed meanwhile refuses the whole save as stale: StaleCase for its timeline's next event
    taken (``commit_case_change``), the ORM's StaleDataError for its version (answered as stale too).
    """
    try:
        yield
        commit_case_change()
    except Exception:
        db.session.rollback()
        raise


def save_calendar_day(
    row: CalendarDay | None, *, day: date, kind: str, name: str, expected_version: str | None, actor: User
) -> tuple[CalendarDay, Impact]:
    """Add (``row`` None) or correct a calendar day, and follow it on stored deadlines; commits.

    Raises AlreadyListed or StaleCase; any failure leaves nothing written.
    """
    if _day_taken(day, row.id if row else None):
        raise AlreadyListed(N_("This day already has a correction: change that one instead."))
    if row is not None and expected_version != day_fingerprint(row):
        raise StaleCase(STALE_MESSAGE)
    with _all_or_nothing():
        before = load_calendar()
        action = "update" if row else "create"
        days = {day} if row is None else {day, row.day}
        if row is None:
            row = CalendarDay(created_by_id=actor.id)
            db.session.add(row)
        row.day, row.kind, row.name = day, kind, name.strip()
        db.session.flush()
        impact = _follow_calendar(days, before, actor)
        log_access(actor, action, "calendar_day", row.id)
    return row, impact


def remove_calendar_day(row: CalendarDay, *, expected_version: str | None, actor: User) -> Impact:
    """Remove a correction (the official calendar applies again), and follow it on stored deadlines; commits.

    Raises StaleCase; any failure leaves nothing written.
    """
    if expected_version != day_fingerprint(row):
        raise StaleCase(STALE_MESSAGE)
    with _all_or_nothing():
        before, day = load_calendar(), row.day
        log_access(actor, "delete", "calendar_day", row.id)
        db.session.delete(row)
        db.session.flush()
        impact = _follow_calendar({day}, before, actor)
    return impact


def _follow_calendar(days: set[date], before: TurkishCalendar, actor: User) -> Impact:
    change = Change(CALENDAR, calendar_before=before, calendar_after=load_calendar())
    return follow_change(cases_counting_over(days), change, actor)


def save_court(
    court: Court | None,
    *,
    name: str,
    province: str,
    kind: str,
    takes_recess: bool | None,
    address: str | None,
    expected_version: str | None,
    actor: User,
) -> tuple[Court, Impact]:
    """Add (``court`` None) or change a court, and follow its recess on stored deadlines; commits.

    Raises AlreadyListed or StaleCase; any failure leaves nothing written.
    """
    name = name.strip()
    taken = sa.select(Court.id).where(Court.name == name)
    if court is not None:
        taken = taken.where(Court.id != court.id)
    if db.session.scalar(taken) is not None:
        raise AlreadyListed(N_("This court is already on the list: change that one instead."))
    if court is not None and expected_version != court_fingerprint(court):
        raise StaleCase(STALE_MESSAGE)
    with _all_or_nothing():
        action = "update" if court else "create"
        before = CourtBefore(court.id, court.name, court.takes_recess, True) if court else None
        if court is None:
            court = Court()
            db.session.add(court)
        court.name, court.province, court.kind = name, province.strip(), kind
        court.takes_recess = takes_recess
        court.address = (address or "").strip() or None
        db.session.flush()
        impact = Impact()
        # Deadlines read a court's recess flag, found by its id or (for a proceeding) by its name.
        if before is None or (before.name, before.takes_recess) != (name, takes_recess):
            before = before or CourtBefore(court.id, name, None, existed=False)
            calendar = load_calendar()
            change = Change(COURT, calendar, calendar, court_before=before, court_name_after=name)
            impact = follow_change(cases_before_court(court.id, {before.name, name}), change, actor)
        log_access(actor, action, "court", court.id)
    return court, impact
