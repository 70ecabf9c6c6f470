"""Saved queue filters: a name for a query string a staff user comes back to."""

from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import SavedFilter, User
from cases.errors import DomainError
from cases.i18n import N_

MAX_PER_USER = 30
# Only the queue's own arguments are kept: a saved filter is never a way to store anything else.
KEYS = ("q", "status", "kind", "category", "union", "institution", "province", "assignee", "priority",
        "date_from", "date_to", "membership_pending", "overdue", "due_within", "conflict", "sort", "view",
        "attention")  # fmt: skip


class SavedFilterRefused(DomainError):
    """A saved filter could not be stored (its message is an N_ text)."""


def clean_query(query: str) -> str:
    """The queue arguments of ``query``, re-encoded (unknown arguments and the page number dropped)."""
    pairs = [(k, v[:200]) for k, v in parse_qsl(query, keep_blank_values=False) if k in KEYS]
    return urlencode(pairs)[:1000]


def save_filter(user: User, name: str, query: str) -> SavedFilter:
    name = " ".join(name.split())[:80]
    if not name:
        raise SavedFilterRefused(N_("Please give the filter a name."))
    count = db.session.scalar(sa.select(sa.func.count()).where(SavedFilter.user_id == user.id)) or 0
    if count >= MAX_PER_USER:
        raise SavedFilterRefused(N_("You can keep at most 30 saved filters; delete one first."))
    saved = SavedFilter(user_id=user.id, name=name, query=clean_query(query))
    db.session.add(saved)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise SavedFilterRefused(N_("You already have a filter with this name.")) from None
    return saved


def delete_filter(user: User, filter_id: int) -> bool:
    saved = db.session.get(SavedFilter, filter_id)
    if saved is None or saved.user_id != user.id:
        return False
    db.session.delete(saved)
    db.session.commit()
    return True


def saved_filters(user: User) -> list[SavedFilter]:
    query = sa.select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name)
    return list(db.session.scalars(query))
