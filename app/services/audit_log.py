"""The access log: who read or changed which personal record (KVKK requires it)."""

from contextvars import ContextVar

from app.extensions import db
from app.models import AccessLog, User

# The address of the client being served; set by the web layer for each request (app/__init__.py),
# unset (None) for the command line.
_client_address: ContextVar[str | None] = ContextVar("client_address", default=None)


def set_client_address(address: str | None) -> None:
    """Remember the address that the access-log entries of this request record."""
    _client_address.set(address)


def log_access(actor: User | None, action: str, object_type: str, object_id: int | None) -> None:
    """Record an access in the current transaction (the caller commits)."""
    db.session.add(
        AccessLog(
            user_id=actor.id if actor else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            ip_address=_client_address.get(),
        )
    )
