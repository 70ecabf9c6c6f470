"""Server-side sign-in sessions: a cookie is good only while its row exists.

Signing out deletes the row of this browser, so a session or remember-me cookie copied before
still opens nothing; "sign out everywhere" and a new password delete every row of the account.
"""

import hashlib
import secrets
from datetime import timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.models import TrustedDevice, User, UserSession
from app.models.base import utcnow


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User, *, remember: bool) -> str:
    """Open a session row for ``user`` (who then carries its token into the cookie); committed."""
    now = utcnow()
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_at <= now))
    if remember:
        lifetime = current_app.config["REMEMBER_COOKIE_DURATION"]
    else:
        lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if not isinstance(lifetime, timedelta):
        lifetime = timedelta(seconds=int(lifetime))
    token = secrets.token_urlsafe(32)
    row = UserSession(user_id=user.id, token_hash=token_hash(token), created_at=now, expires_at=now + lifetime)
    db.session.add(row)
    db.session.commit()
    user.session_token = token
    return token


def end_session(user: User) -> None:
    """Sign this browser out: its cookies stop working at once."""
    token = getattr(user, "session_token", None)
    if token:
        db.session.execute(sa.delete(UserSession).where(UserSession.token_hash == token_hash(token)))
        db.session.commit()


def end_all_sessions(user: User, *, keep: str | None = None, forget_devices: bool = True) -> int:
    """Sign the account out on every browser but ``keep`` (not committed: the caller's transaction decides).

    Returns how many sessions ended. Trusted devices are forgotten too, so the next sign-in
    anywhere asks for the second factor again.
    """
    query = sa.delete(UserSession).where(UserSession.user_id == user.id)
    if keep:
        query = query.where(UserSession.token_hash != token_hash(keep))
    ended = cast(sa.CursorResult, db.session.execute(query)).rowcount
    if forget_devices:
        db.session.execute(sa.delete(TrustedDevice).where(TrustedDevice.user_id == user.id))
    return ended or 0


def sign_out_everywhere(user: User) -> int:
    ended = end_all_sessions(user)
    db.session.commit()
    return ended


def open_sessions(user: User) -> int:
    """How many browsers are signed in to the account now."""
    query = sa.select(sa.func.count(UserSession.id)).where(
        UserSession.user_id == user.id, UserSession.expires_at > utcnow()
    )
    return db.session.scalar(query) or 0
