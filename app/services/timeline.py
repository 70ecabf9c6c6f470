"""Appending to a case's timeline: every event is chained to the one before it, and the case keeps the head.

This is the one place events are written, so it is also where the case's chain head (event
count, last hash and the seal over them and the case's sealed fields) is kept up to date.
"""

from collections.abc import Mapping
from datetime import datetime

from flask import current_app

from app.extensions import db
from app.models import Case, CaseEvent, MemberProfile, User
from app.models.base import utcnow
from cases.audit import FIRST_SEQUENCE, GENESIS_HASH, SEALED_FIELDS, ChainLink, event_digest, head_seal
from cases.events import EventKind
from cases.vocabulary import Role


def audit_key() -> bytes:
    """The installation's key for the event chain (``AUDIT_KEY``; never stored in the database)."""
    return str(current_app.config["AUDIT_KEY"]).encode("utf-8")


def sealed_fields(case: Case) -> dict[str, object]:
    """The case fields its chain head vouches for (only events may change them)."""
    return {name: getattr(case, name) for name in SEALED_FIELDS}


def link_of(event: CaseEvent) -> ChainLink:
    """The chain's view of a stored event."""
    return ChainLink(
        event.id,
        event.case_id,
        event.sequence,
        event.kind,
        event.actor_id,
        event.created_at,
        event.payload,
        event.member_visible,
        event.previous_hash,
        event.hash,
    )


def append_event(
    case: Case,
    kind: EventKind,
    actor: User | None,
    payload: Mapping[str, object] | None = None,
    *,
    member_visible: bool = False,
) -> CaseEvent:
    """Add an event to ``case``'s timeline in the current transaction, move the chain head, touch the case.

    The event continues the head recorded on the case row; touching the row bumps its version,
    so two people acting on one case at once cannot both succeed (the unique (case, sequence)
    pair backs that up at the database). Change the case's sealed fields (status…) before
    calling this: the head's seal covers them as they are now.
    """
    if case.id is None:
        db.session.flush()
    key = audit_key()
    now = utcnow()
    previous_hash = case.chain_hash or GENESIS_HASH
    sequence = (case.chain_length or 0) + FIRST_SEQUENCE
    actor_id = actor.id if actor else None
    body = dict(payload or {})
    digest = event_digest(previous_hash, case.id, sequence, kind, actor_id, now, body, member_visible, key=key)
    event = CaseEvent(
        case_id=case.id,
        sequence=sequence,
        kind=kind,
        actor_id=actor_id,
        member_visible=member_visible,
        payload=body,
        created_at=now,
        previous_hash=previous_hash,
        hash=digest,
    )
    db.session.add(event)
    case.chain_length = sequence
    case.chain_hash = digest
    case.chain_seal = head_seal(key, case.id, sequence, digest, sealed_fields(case))
    case.last_activity_at = now
    _note_member_activity(case, kind, actor, now)
    return event


MEMBER_ACTIVITY = {"transition": "member_replied_at", "attachment": "member_file_at"}


def _note_member_activity(case: Case, kind: str, actor: User | None, now: datetime) -> None:
    """Keep the case's marks of what the member did last (the start page's attentions)."""
    if kind == "member_message":
        case.member_message_at = now
    elif kind in MEMBER_ACTIVITY and actor is not None and actor.role == Role.MEMBER:
        profile = db.session.get(MemberProfile, case.member_id)
        if profile is not None and profile.user_id == actor.id:
            setattr(case, MEMBER_ACTIVITY[kind], now)
