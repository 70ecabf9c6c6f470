"""Administration of what deadlines are computed from: calendar corrections and the courts' recess.

A calendar day or a court has no version column: its edit form carries a fingerprint of the
values it showed, and a save over a change made meanwhile is refused (StaleCase).
"""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import CalendarDay, Court, User
from app.services.audit_log import log_access
from app.services.concurrency import STALE_MESSAGE, fingerprint
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


def save_calendar_day(
    row: CalendarDay | None, *, day: date, kind: str, name: str, expected_version: str | None, actor: User
) -> CalendarDay:
    """Add (``row`` None) or correct a calendar day; commits. Raises AlreadyListed or StaleCase."""
    if _day_taken(day, row.id if row else None):
        raise AlreadyListed(N_("This day already has a correction: change that one instead."))
    if row is not None and expected_version != day_fingerprint(row):
        raise StaleCase(STALE_MESSAGE)
    action = "update" if row else "create"
    if row is None:
        row = CalendarDay(created_by_id=actor.id)
        db.session.add(row)
    row.day, row.kind, row.name = day, kind, name.strip()
    db.session.flush()
    log_access(actor, action, "calendar_day", row.id)
    db.session.commit()
    return row


def remove_calendar_day(row: CalendarDay, *, expected_version: str | None, actor: User) -> None:
    """Remove a correction (the official calendar applies again); commits. Raises StaleCase."""
    if expected_version != day_fingerprint(row):
        raise StaleCase(STALE_MESSAGE)
    log_access(actor, "delete", "calendar_day", row.id)
    db.session.delete(row)
    db.session.commit()


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
) -> Court:
    """Add (``court`` None) or change a court; commits. Raises AlreadyListed or StaleCase."""
    name = name.strip()
    taken = sa.select(Court.id).where(Court.name == name)
    if court is not None:
        taken = taken.where(Court.id != court.id)
    if db.session.scalar(taken) is not None:
        raise AlreadyListed(N_("This court is already on the list: change that one instead."))
    if court is not None and expected_version != court_fingerprint(court):
        raise StaleCase(STALE_MESSAGE)
    action = "update" if court else "create"
    if court is None:
        court = Court()
        db.session.add(court)
    court.name, court.province, court.kind = name, province.strip(), kind
    court.takes_recess = takes_recess
    court.address = (address or "").strip() or None
    db.session.flush()
    log_access(actor, action, "court", court.id)
    db.session.commit()
    return court
