"""The tamper-evident chain of a case's events: each event's hash covers the one before.

Every stored event keeps ``previous_hash`` (the hash of the case's previous event, or
``GENESIS_HASH`` for the first) and ``hash = event_digest(previous_hash, ...)`` over its own
fields, including whether the member may see it (flipping that flag would show an internal note
to the member, so it is covered like the text). Changing, deleting, inserting or reordering a
stored event therefore breaks the chain at that event, and ``verify_chain`` names it.

The chain alone cannot show that its *last* events were cut off, nor protect the case row
itself, so each case keeps its chain *head*: the number of events, the last hash, and a seal
(``head_seal``) over the head and the case fields only events may change (status, narrative,
requests, reference, member, kind). ``check_head`` compares a case with its events: a cut-off
tail, a deleted chain, an edited status or narrative all fail it, and the status must be the
one the events lead to (``status_after``).

Every digest is an HMAC-SHA256 keyed with a secret kept outside the database, so someone who
can write to the database cannot recompute a consistent chain after editing it.

The digest is an HMAC-SHA256 of canonical JSON (sorted keys, no spaces, UTF-8, timestamps as ISO UTC),
so a payload read back from a JSON column, on SQLite or PostgreSQL, hashes the same as when it
was written. Payloads must therefore be plain JSON values: anything else is refused, never
silently converted, because the converted form would not be what the database returns.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from cases.i18n import N_

GENESIS_HASH: Final = "0" * 64
FIRST_SEQUENCE: Final = 1
FIRST_STATUS: Final = "submitted"  # what a case is before any event moves it
SEALED_FIELDS: Final = ("reference", "member_id", "kind", "status", "narrative", "requests")


class _Unreadable(dict):
    """The payload of an event whose stored JSON cannot be parsed (compared by identity)."""


UNREADABLE: Final[Mapping[str, object]] = _Unreadable()


def canonical_json(value: object) -> str:
    """``value`` as canonical JSON text; raises TypeError/ValueError for non-JSON values or NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def utc_iso(moment: datetime | str) -> str:
    """``moment`` as ISO 8601 in UTC with microseconds; a naive value is taken as UTC."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        # SQLite hands timestamps back naive; the application writes them in UTC.
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def event_digest(
    previous_hash: str,
    case_id: int,
    sequence: int,
    kind: str,
    actor_id: int | None,
    created_at: datetime | str,
    payload: Mapping[str, object],
    member_visible: bool,
    *,
    key: bytes,
) -> str:
    """The HMAC-SHA256 hex digest, keyed with ``key``, of an event's fields and its predecessor's hash."""
    document = {
        "previous_hash": previous_hash,
        "case_id": case_id,
        "sequence": sequence,
        "kind": kind,
        "actor_id": actor_id,
        "created_at": utc_iso(created_at),
        "payload": dict(payload),
        "member_visible": bool(member_visible),
    }
    return _mac(key, document)


def _mac(key: bytes, document: Mapping[str, object]) -> str:
    if not key:
        raise ValueError("the audit chain needs a non-empty key")
    return hmac.new(key, canonical_json(document).encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    """One stored event as the chain sees it."""

    event_id: int | None
    case_id: int
    sequence: int
    kind: str
    actor_id: int | None
    created_at: datetime | str
    payload: Mapping[str, object]
    member_visible: bool
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class ChainBreak:
    """The first link of a chain that does not hold, and why (an N_ message)."""

    event_id: int | None
    case_id: int
    sequence: int
    reason: str


def append_link(
    previous: ChainLink | None,
    *,
    case_id: int,
    kind: str,
    actor_id: int | None,
    created_at: datetime | str,
    payload: Mapping[str, object],
    member_visible: bool,
    key: bytes,
    event_id: int | None = None,
) -> ChainLink:
    """The link that follows ``previous`` (None for a case's first event), hashed."""
    if previous is not None and previous.case_id != case_id:
        raise ValueError("an event continues the chain of its own case only")
    previous_hash = GENESIS_HASH if previous is None else previous.hash
    sequence = FIRST_SEQUENCE if previous is None else previous.sequence + 1
    digest = event_digest(
        previous_hash, case_id, sequence, kind, actor_id, created_at, payload, member_visible, key=key
    )
    return ChainLink(
        event_id, case_id, sequence, kind, actor_id, created_at, payload, member_visible, previous_hash, digest
    )


def verify_chain(links: Iterable[ChainLink], *, key: bytes, previous_hash: str = GENESIS_HASH) -> ChainBreak | None:
    """The first broken link of one case's chain, given in sequence order, or None if it holds.

    Reads ``links`` once, keeping only the previous link, so a chain of any length can be
    streamed from the database. ``previous_hash`` lets a caller resume after a verified part.
    """
    expected_previous = previous_hash
    prior: ChainLink | None = None
    for link in links:
        reason = _fault(link, prior, expected_previous, key)
        if reason is not None:
            return ChainBreak(link.event_id, link.case_id, link.sequence, reason)
        expected_previous, prior = link.hash, link
    return None


def _fault(link: ChainLink, prior: ChainLink | None, expected_previous: str, key: bytes) -> str | None:
    """Why ``link`` does not continue the chain, or None."""
    if prior is not None and link.case_id != prior.case_id:
        return N_("This event belongs to another case.")
    if prior is not None and link.sequence != prior.sequence + 1:
        return N_("An event is missing or out of order before this one.")
    if link.payload is UNREADABLE:
        return N_("This event's content cannot be read to check its hash.")
    if link.previous_hash != expected_previous:
        return N_("This event does not point to the hash of the event before it.")
    try:
        digest = event_digest(
            link.previous_hash,
            link.case_id,
            link.sequence,
            link.kind,
            link.actor_id,
            link.created_at,
            link.payload,
            link.member_visible,
            key=key,
        )
    except (TypeError, ValueError):
        # A verifier reports what it cannot read instead of stopping at it.
        return N_("This event's content cannot be read to check its hash.")
    if digest != link.hash:
        return N_("This event was changed after it was written.")
    return None


@dataclass(frozen=True)
class ChainHead:
    """What a case row records about its chain: how many events, the last hash, and the seal."""

    length: int
    last_hash: str
    seal: str | None


def head_seal(key: bytes, case_id: int, length: int, last_hash: str, sealed: Mapping[str, object]) -> str:
    """The HMAC over a case's chain head and the fields of ``SEALED_FIELDS`` it vouches for."""
    document = {"case_id": case_id, "length": length, "last_hash": last_hash}
    document["fields"] = {name: sealed.get(name) for name in SEALED_FIELDS}
    return _mac(key, document)


def status_after(status: str | None, payload: Mapping[str, object]) -> str | None:
    """The case status after an event with ``payload`` (an event without ``to_state`` keeps it)."""
    to_state = payload.get("to_state") if isinstance(payload, Mapping) else None
    return to_state if isinstance(to_state, str) else status


def check_head(
    key: bytes,
    case_id: int,
    head: ChainHead,
    sealed: Mapping[str, object],
    *,
    events_read: int,
    last_hash: str,
    status_from_events: str | None,
) -> str | None:
    """Why the case row disagrees with its (intact) chain of ``events_read`` events, or None (N_ message)."""
    if events_read == 0:
        return N_("This case has no events: its whole timeline was deleted.")
    if events_read < head.length:
        return N_("Events are missing at the end of this case's timeline.")
    if events_read > head.length or last_hash != head.last_hash:
        return N_("The case's record of its last event does not match its timeline.")
    if sealed.get("status") != (status_from_events or FIRST_STATUS):
        return N_("The case's status is not the one its events lead to.")
    if head.seal is None or not hmac.compare_digest(
        head.seal, head_seal(key, case_id, head.length, head.last_hash, sealed)
    ):
        return N_("The case row was changed outside the application (its status, narrative or timeline record).")
    return None
