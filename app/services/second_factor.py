"""Two-factor sign-in: a TOTP authenticator app, ten one-time recovery codes, remembered devices.

The TOTP secret is stored encrypted (Fernet) with a key derived from SECRET_KEY: a copy of the
database alone gives no codes. Changing SECRET_KEY makes the stored secrets unreadable, so every
user must enrol again (an admin resets them). Recovery codes and device tokens are stored as
SHA-256 hashes. A code is accepted once: the time step it used is kept.
"""

import base64
import hashlib
import secrets
import time
from datetime import timedelta

import pyotp
import segno
import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from app.extensions import db
from app.models import RecoveryCode, TrustedDevice, User
from app.models.base import utcnow
from app.services.audit_log import log_access
from app.services.sessions import end_all_sessions, token_hash

ISSUER = "Dayanak"
RECOVERY_CODES = 10
DEVICE_DAYS = 30
REQUIRED = "required"
OPTIONAL = "optional"


def _fernet() -> Fernet:
    key = hashlib.sha256(b"dayanak-second-factor|" + str(current_app.config["SECRET_KEY"]).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    """The secret encrypted for storage (in the database, or in the session during enrolment)."""
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str | None) -> str | None:
    """The secret, or None when missing or unreadable (e.g. SECRET_KEY changed)."""
    if not sealed:
        return None
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def required_for(user: User) -> bool:
    """Whether ``user`` must use a second factor: staff, when STAFF_MFA is ``required``."""
    return user.is_staff and current_app.config.get("STAFF_MFA", OPTIONAL) == REQUIRED


def enabled(user: User) -> bool:
    return user.mfa_enabled_at is not None and user.mfa_secret is not None


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The QR code of ``uri`` as a PNG data URI, drawn here (no outside service sees the secret)."""
    return segno.make(uri, error="m").png_data_uri(scale=5, border=2)


def _normalize(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).upper()


def _matching_step(secret: str, code: str, after: int | None) -> int | None:
    """The time step (now ± 1, later than ``after``) whose code is ``code``, else None."""
    totp = pyotp.TOTP(secret)
    now_step = int(time.time()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if after is not None and step <= after:
            continue
        if secrets.compare_digest(totp.at(step * totp.interval), code):
            return step
    return None


def enrol(user: User, secret: str, code: str) -> list[str] | None:
    """Turn the second factor on when ``code`` matches ``secret``; the new recovery codes, else None."""
    step = _matching_step(secret, _normalize(code), None)
    if step is None:
        return None
    user.mfa_secret = seal(secret)
    user.mfa_enabled_at = utcnow()
    user.mfa_last_step = step
    codes = _replace_recovery_codes(user)
    log_access(user, "enable_second_factor", "user", user.id)
    db.session.commit()
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}".upper() for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash_code(c)) for c in codes)
    return codes


def _hash_code(code: str) -> str:
    return hashlib.sha256(_normalize(code).encode()).hexdigest()


def verify(user: User, code: str) -> bool:
    """Whether ``code`` (from the app, or an unused recovery code) proves the second factor; committed.

    An app code is used up with its time step; a recovery code is marked used.
    """
    secret = unseal(user.mfa_secret)
    normalized = _normalize(code)
    if secret and normalized.isdigit() and len(normalized) == 6:
        step = _matching_step(secret, normalized, user.mfa_last_step)
        if step is None:
            return False
        user.mfa_last_step = step
        db.session.commit()
        return True
    row = db.session.scalar(
        sa.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_code(normalized),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return False
    row.used_at = utcnow()
    log_access(user, "use_recovery_code", "user", user.id)
    db.session.commit()
    return True


def recovery_codes_left(user: User) -> int:
    query = sa.select(sa.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
    )
    return db.session.scalar(query) or 0


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh recovery codes; the old ones stop working."""
    codes = _replace_recovery_codes(user)
    log_access(user, "renew_recovery_codes", "user", user.id)
    db.session.commit()
    return codes


def _clear(user: User) -> None:
    user.mfa_secret = None
    user.mfa_enabled_at = None
    user.mfa_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(sa.delete(TrustedDevice).where(TrustedDevice.user_id == user.id))


def disable(user: User) -> None:
    """The user turns their own second factor off (where it is not required)."""
    _clear(user)
    log_access(user, "disable_second_factor", "user", user.id)
    db.session.commit()


def reset(user: User, *, actor: User) -> None:
    """An admin clears a user's second factor (lost phone): audited, and the user is signed out everywhere."""
    _clear(user)
    end_all_sessions(user)
    log_access(actor, "reset_second_factor", "user", user.id)
    db.session.commit()


def trust_device(user: User) -> str:
    """A token for a cookie that spares this browser the second factor for 30 days; committed."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        TrustedDevice(
            user_id=user.id, token_hash=token_hash(token), created_at=now, expires_at=now + timedelta(days=DEVICE_DAYS)
        )
    )
    db.session.commit()
    return token


def is_trusted_device(user: User, token: str | None) -> bool:
    if not token:
        return False
    found = db.session.scalar(
        sa.select(TrustedDevice.id).where(
            TrustedDevice.user_id == user.id,
            TrustedDevice.token_hash == token_hash(token),
            TrustedDevice.expires_at > utcnow(),
        )
    )
    return found is not None
