"""One-time links that finish a paused sign-in, mailed to the account's owner.

When failed attempts pause sign-in from an address, the right password there is answered
with this link instead of a session: only the mailbox's owner can use it, so a stranger's
failures never lock the owner out, and the pause still teaches the stranger nothing.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import parse

from app.extensions import db, limiter
from app.models import User
from app.services.outbox import notify_user
from app.urls import external_url
from cases.i18n import N_

SALT = "dayanak-sign-in-link"
MAX_AGE = 30 * 60
MAIL_LIMIT = "1 per 5 minutes"  # per account: a stranger who knows the password cannot flood the mailbox


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    """Changes when the password changes or the account signs in, so a link works once."""
    seen = user.last_login_at.isoformat() if user.last_login_at else ""
    return hashlib.sha256(f"{user.password_hash}|{seen}".encode()).hexdigest()[:20]


def link_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "f": _fingerprint(user)})


def user_for_link(token: str) -> User | None:
    """The active user a link names while it is fresh and unused, else None."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not 0 < data["u"] < 2**31:
        return None
    user = db.session.get(User, data["u"])
    if user is None or not user.active or data.get("f") != _fingerprint(user):
        return None
    return user


def send_sign_in_link(user: User) -> None:
    """Mail the owner a link to finish signing in (at most one every few minutes); committed."""
    if not limiter.limiter.hit(parse(MAIL_LIMIT), f"sign-in-link:{user.id}"):
        return
    notify_user(
        user,
        "sign_in_link",
        N_("Finish signing in to Dayanak"),
        N_(
            "Dear %(name)s,\n\nYour Dayanak account was signed in to with the right password, from a connection "
            "where sign-in is paused after failed attempts. If it was you, open this link within 30 minutes to "
            "finish signing in:\n\n%(link)s\n\nIf it was not you, someone knows your password: choose a new one "
            "at once here:\n\n%(reset)s"
        ),
        link=external_url("auth.sign_in_link", token=link_token(user)),
        reset=external_url("auth.forgot_password"),
    )
    db.session.commit()
