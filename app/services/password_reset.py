"""Password reset by a mailed link, bound to the password hash it replaces."""

import sqlalchemy as sa

from app.extensions import db
from app.models import User
from app.models.base import utcnow
from app.services.accounts import normalize_email
from app.services.outbox import ACCOUNT_FOOTER, notify_user
from app.services.registration import _recently_mailed
from app.services.sessions import end_all_sessions
from app.services.tokens import InvalidToken, _fingerprint, _load, _serializer
from app.urls import external_url
from cases.i18n import N_

RESET_SALT = "dayanak-password-reset"
RESET_MAX_AGE = 2 * 3600


def reset_token(user: User) -> str:
    return _serializer(RESET_SALT).dumps({"u": user.id, "p": _fingerprint(user.password_hash)})


def request_password_reset(email: str) -> None:
    """Queue a reset link when an active account has this address; silent otherwise."""
    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if user is None or not user.active:
        return
    if _recently_mailed(user, "password_reset"):
        return  # one link is on its way; asking again must not flood the mailbox
    link = external_url("auth.reset_password", token=reset_token(user))
    notify_user(
        user,
        "password_reset",
        N_("Resetting your password"),
        N_(
            "Dear %(name)s,\n\nSomeone (hopefully you) asked to reset your Dayanak password. Open this link "
            "within 2 hours to choose a new one:\n\n%(link)s\n\nIf it was not you, ignore this message: "
            "your password stays the same."
        ),
        link=link,
        footer=ACCOUNT_FOOTER,
    )
    db.session.commit()


def user_for_reset(token: str) -> User:
    data = _load(token, RESET_SALT, RESET_MAX_AGE)
    user = db.session.get(User, data["u"])
    if user is None or not user.active or data.get("p") != _fingerprint(user.password_hash):
        raise InvalidToken(N_("This link has already been used or is no longer valid. Please ask for a new one."))
    return user


def reset_password(token: str, password: str) -> User:
    """Set a new password; the token stops working because the hash it was bound to changed."""
    user = user_for_reset(token)
    user.set_password(password)
    end_all_sessions(user)  # whoever knew the old password is signed out everywhere
    if user.email_confirmed_at is None:
        # The link reached the mailbox, which proves the address.
        user.email_confirmed_at = utcnow()
    db.session.commit()
    return user
