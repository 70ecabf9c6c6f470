"""The access log: who read or changed which personal record (KVKK requires it)."""

from flask import has_request_context, request

from app.extensions import db
from app.models import AccessLog, User


def log_access(actor: User | None, action: str, object_type: str, object_id: int | None) -> None:
    """Record an access in the current transaction (the caller commits)."""
    address = request.remote_addr if has_request_context() else None
    db.session.add(
        AccessLog(
            user_id=actor.id if actor else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            ip_address=address,
        )
    )
