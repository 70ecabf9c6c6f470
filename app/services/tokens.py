"""Signed links mailed to users.

Tokens are signed with itsdangerous (one salt per purpose) and expire. They are single use
because each one is bound to the state it changes: a confirmation token to the address not
yet confirmed, a reset token to the password hash it replaces.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from cases.errors import DomainError
from cases.i18n import N_


class InvalidToken(DomainError):
    """A link that is forged, expired or already used."""


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:20]


def _load(token: str, salt: str, max_age: int) -> dict:
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired:
        raise InvalidToken(N_("This link has expired. Please ask for a new one.")) from None
    except BadSignature:
        raise InvalidToken(N_("This link is not valid. Please check that you copied it completely.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise InvalidToken(N_("This link is not valid. Please check that you copied it completely."))
    return data
