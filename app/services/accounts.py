"""Accounts: authentication, creation and changes of users."""

import sqlalchemy as sa

from app.extensions import db
from app.models import User
from app.models.base import utcnow
from app.models.user import normalize_email, verify_dummy_password

__all__ = ["authenticate", "find_user", "create_user", "normalize_email", "record_login", "email_taken"]


def find_user(email: str) -> User | None:
    """The account with this email address, active or not."""
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None (in the same time either way)."""
    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if user is None:
        verify_dummy_password(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    if user.password_needs_rehash():
        # Hashing parameters were raised since this hash was made: upgrade it while we know the password.
        user.set_password(password)
    return user


def record_login(user: User) -> None:
    user.last_login_at = utcnow()
    db.session.commit()


def email_taken(email: str, *, except_user_id: int | None = None) -> bool:
    query = sa.select(User.id).where(User.email == normalize_email(email))
    if except_user_id is not None:
        query = query.where(User.id != except_user_id)
    return db.session.scalar(query) is not None


def create_user(
    *, email: str, password: str, full_name: str, role: str, union_id: int | None = None, language: str = "tr", **extra
) -> User:
    """Add a user (not committed: the caller's transaction decides)."""
    user = User(
        email=normalize_email(email),
        full_name=full_name.strip(),
        role=role,
        union_id=union_id,
        language=language,
        **extra,
    )
    user.set_password(password)
    db.session.add(user)
    return user
