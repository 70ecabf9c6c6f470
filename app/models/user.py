"""User accounts: members, lawyers, officers and admins."""

import contextlib
import functools
import hashlib
import hmac
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.org import Union
from cases.vocabulary import STAFF_ROLES, Role

_hasher = PasswordHasher()


def use_fast_password_hashing() -> None:
    """Cheap Argon2 parameters, for test suites only (set by TestingConfig)."""
    global _hasher
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def normalize_email(email: str) -> str:
    """The form an address is stored and compared in: trimmed and lower-cased."""
    return (email or "").strip().lower()


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (sa.Index("ix_users_role_union", "role", "union_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored normalised, so the unique index is case-insensitive on every database.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    full_name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(16), default=Role.MEMBER)
    # None means the confederation: every union is in scope (staff only).
    union_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unions.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[str] = mapped_column(sa.String(5), default="tr")
    phone: Mapped[str | None] = mapped_column(sa.String(30))
    bar: Mapped[str | None] = mapped_column(sa.String(120))  # lawyers: e.g. "Ankara Barosu"
    registry_number: Mapped[str | None] = mapped_column(sa.String(30))
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    calendar_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Second factor (TOTP): the secret encrypted with a key derived from SECRET_KEY (app/services/second_factor.py),
    # when it was confirmed, and the last time step used, so one code never signs in twice.
    mfa_secret: Mapped[str | None] = mapped_column(sa.String(255))
    mfa_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mfa_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    union: Mapped[Union | None] = relationship(lazy="raise")

    # Flask-Login reads is_active.
    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def get_id(self) -> str:
        """The id the session and remember-me cookies carry: the user, the password and the session row.

        The password tag ends every other session when the password changes; the token names the
        row in user_sessions (app/services/sessions.py), which signing out deletes.
        """
        return f"{self.id}:{self.session_tag()}:{getattr(self, 'session_token', None) or ''}"

    def session_tag(self) -> str:
        key = str(current_app.config["SECRET_KEY"]).encode()
        return hmac.new(key, self.password_hash.encode(), hashlib.sha256).hexdigest()[:20]

    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def password_needs_rehash(self) -> bool:
        try:
            return _hasher.check_needs_rehash(self.password_hash)
        except InvalidHashError:
            return True

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_confederation(self) -> bool:
        return self.is_staff and self.union_id is None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


def verify_dummy_password(password: str) -> None:
    """Spend the time of a real check when no account matched, so timing reveals nothing."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_DUMMY_HASH, password)


_DUMMY_HASH = PasswordHasher().hash("dayanak-dummy-password")


@functools.cache
def _session_user_statement() -> sa.Select:
    """The user of a live session row, built once: every request asks it before anything else."""
    from app.models.security import UserSession

    return (
        sa.select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            User.id == sa.bindparam("user_id"),
            UserSession.token_hash == sa.bindparam("token_hash"),
            UserSession.expires_at > sa.bindparam("now"),
        )
    )


def load_user(session_id: str) -> User | None:
    """The user a session or remember cookie names, while its session row lasts and the password is the same."""
    user_id, _, rest = session_id.partition(":")
    tag, _, token = rest.partition(":")
    if not user_id.isdigit() or len(user_id) > 12 or not tag or not token:
        return None
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    user = db.session.scalar(
        _session_user_statement(), {"user_id": int(user_id), "token_hash": token_hash, "now": utcnow()}
    )
    if user is None or not hmac.compare_digest(user.session_tag(), tag):
        return None
    user.session_token = token
    return user
