"""Appending to a case's timeline: every event is chained to the one before it."""

from collections.abc import Mapping

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, CaseEvent, User
from app.models.base import utcnow
from cases.audit import ChainLink, append_link
from cases.events import EventKind


def _last_link(case_id: int) -> ChainLink | None:
    last = db.session.scalar(
        sa.select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.sequence.desc()).limit(1)
    )
    return None if last is None else link_of(last)


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
    """Add an event to ``case``'s timeline in the current transaction and touch the case.

    Touching the case bumps its version, so two people acting on one case at once cannot
    both succeed; the unique (case, sequence) pair backs that up at the database.
    """
    if case.id is None:
        db.session.flush()
    now = utcnow()
    link = append_link(
        _last_link(case.id),
        case_id=case.id,
        kind=kind,
        actor_id=actor.id if actor else None,
        created_at=now,
        payload=dict(payload or {}),
        member_visible=member_visible,
    )
    event = CaseEvent(
        case_id=case.id,
        sequence=link.sequence,
        kind=kind,
        actor_id=link.actor_id,
        member_visible=member_visible,
        payload=dict(link.payload),
        created_at=now,
        previous_hash=link.previous_hash,
        hash=link.hash,
    )
    db.session.add(event)
    case.last_activity_at = now
    return event
