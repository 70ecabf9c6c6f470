"""Optimistic locking for edit forms: a form carries the version it was shown with."""

import hashlib
import json

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from cases.errors import StaleCase
from cases.i18n import N_

STALE_MESSAGE = N_(
    "Someone else changed this record meanwhile. Nothing was saved: the page now shows the current version."
)


def ensure_version(record, expected: int | str | None) -> None:
    """Refuse the change when ``record`` moved on since the form showing ``expected`` was sent."""
    try:
        expected_number = int(expected) if expected is not None else None
    except (TypeError, ValueError):
        expected_number = None
    if expected_number != record.version:
        raise StaleCase(STALE_MESSAGE)


def fingerprint(*values: object) -> str:
    """A version for a record that has no version column: it changes whenever one of ``values`` does."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def commit_case_change() -> None:
    """Commit; a concurrent event for the same case (same sequence) is a stale form, not a crash."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise StaleCase(STALE_MESSAGE) from None
