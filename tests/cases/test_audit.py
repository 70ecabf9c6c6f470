"""The event hash chain: a stable digest, and verification that names the first broken link."""

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from cases.audit import (
    FIRST_SEQUENCE,
    GENESIS_HASH,
    UNREADABLE,
    ChainHead,
    ChainLink,
    append_link,
    check_head,
    event_digest,
    head_seal,
    status_after,
    verify_chain,
)

KEY = b"test-audit-key"
T0 = datetime(2025, 6, 16, 9, 30, tzinfo=UTC)
PAYLOAD = {"transition": "decline", "data": {"reason": "Süre geçmiş — İdare'ye başvuru yok."}}


def chain(length: int, case_id: int = 5) -> list[ChainLink]:
    links: list[ChainLink] = []
    for n in range(length):
        links.append(
            append_link(
                links[-1] if links else None,
                case_id=case_id,
                kind="note" if n % 2 else "transition",
                actor_id=None if n == 0 else 10 + n,
                created_at=T0 + timedelta(minutes=n),
                payload={"n": n, "text": f"adım {n}"},
                member_visible=n % 2 == 0,
                key=KEY,
                event_id=100 + n,
            )
        )
    return links


def test_genesis_hash_is_sixty_four_zeros() -> None:
    assert GENESIS_HASH == "0" * 64


def test_digest_is_a_keyed_hmac_of_canonical_json() -> None:
    expected_text = (
        '{"actor_id":10,"case_id":5,"created_at":"2025-06-16T09:30:00.000000+00:00","kind":"transition",'
        '"member_visible":true,"payload":{"data":{"reason":"Süre geçmiş — İdare\'ye başvuru yok."},"transition":"decline"},'
        '"previous_hash":"' + GENESIS_HASH + '","sequence":1}'
    )
    expected = hmac.new(KEY, expected_text.encode("utf-8"), hashlib.sha256).hexdigest()
    assert event_digest(GENESIS_HASH, 5, 1, "transition", 10, T0, PAYLOAD, True, key=KEY) == expected


def test_digest_ignores_key_order_and_survives_a_json_round_trip() -> None:
    reordered = {"data": dict(reversed(list(PAYLOAD["data"].items()))), "transition": "decline"}
    stored = json.loads(json.dumps(PAYLOAD))
    digests = {
        event_digest(GENESIS_HASH, 5, 1, "transition", 10, T0, payload, False, key=KEY)
        for payload in (PAYLOAD, reordered, stored)
    }
    assert len(digests) == 1


@pytest.mark.parametrize(
    "moment",
    [
        T0,
        T0.replace(tzinfo=None),  # SQLite gives naive UTC back
        T0.astimezone(timezone(timedelta(hours=3))),  # the same instant in Istanbul
        "2025-06-16T09:30:00+00:00",
        "2025-06-16T12:30:00.000000+03:00",
        "2025-06-16 09:30:00",
    ],
)
def test_digest_sees_the_instant_not_its_spelling(moment: datetime | str) -> None:
    assert event_digest(GENESIS_HASH, 5, 1, "k", None, moment, {}, False, key=KEY) == event_digest(
        GENESIS_HASH,
        5,
        1,
        "k",
        None,
        T0,
        {},
        False,
        key=KEY,
    )


@pytest.mark.parametrize(
    "change",
    [
        {"previous_hash": "f" * 64},
        {"case_id": 6},
        {"sequence": 2},
        {"kind": "note"},
        {"actor_id": 11},
        {"actor_id": None},
        {"created_at": T0 + timedelta(microseconds=1)},
        {"payload": {**PAYLOAD, "transition": "accept"}},
        {"member_visible": True},
    ],
)
def test_every_field_changes_the_digest(change: dict[str, object]) -> None:
    fields = {
        "previous_hash": GENESIS_HASH,
        "case_id": 5,
        "sequence": 1,
        "kind": "transition",
        "actor_id": 10,
        "created_at": T0,
        "payload": PAYLOAD,
        "member_visible": False,
    }
    assert event_digest(**fields, key=KEY) != event_digest(**{**fields, **change}, key=KEY)


@pytest.mark.parametrize("payload", [{"amount": float("nan")}, {"when": T0}, {"items": {1, 2}}])
def test_digest_refuses_what_a_json_column_would_not_give_back(payload: dict[str, object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        event_digest(GENESIS_HASH, 5, 1, "k", None, T0, payload, False, key=KEY)


def test_append_link_continues_the_chain() -> None:
    first, second = chain(2)
    assert (first.sequence, first.previous_hash) == (FIRST_SEQUENCE, GENESIS_HASH)
    assert (second.sequence, second.previous_hash) == (2, first.hash)
    assert second.hash == event_digest(
        first.hash,
        5,
        2,
        "note",
        second.actor_id,
        second.created_at,
        second.payload,
        False,
        key=KEY,
    )
    with pytest.raises(ValueError):
        append_link(
            second, case_id=6, kind="note", actor_id=None, created_at=T0, payload={}, member_visible=False, key=KEY
        )


def test_an_intact_chain_verifies() -> None:
    assert verify_chain([], key=KEY) is None
    assert verify_chain(chain(1), key=KEY) is None
    assert verify_chain(chain(20), key=KEY) is None


def test_a_chain_read_back_from_the_database_verifies() -> None:
    stored = [
        replace(link, payload=json.loads(json.dumps(link.payload)), created_at=link.created_at.isoformat())
        for link in chain(5)
    ]
    assert verify_chain(stored, key=KEY) is None


@pytest.mark.parametrize("index", [0, 3, 9])
@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda link: {"payload": {**link.payload, "text": "değişti"}}, "changed after it was written"),
        (lambda link: {"kind": "internal_note"}, "changed after it was written"),
        (lambda link: {"actor_id": 999}, "changed after it was written"),
        # An internal note made visible to the member is tampering too.
        (lambda link: {"member_visible": not link.member_visible}, "changed after it was written"),
        (lambda link: {"created_at": link.created_at - timedelta(days=1)}, "changed after it was written"),
        (lambda link: {"hash": "a" * 64}, "changed after it was written"),
        (lambda link: {"previous_hash": "b" * 64}, "does not point to the hash"),
        (lambda link: {"payload": {"n": float("inf")}}, "cannot be read"),
    ],
)
def test_tampering_with_one_link_is_reported_at_that_link(
    index: int, change: Callable[[ChainLink], dict[str, object]], reason: str
) -> None:
    links = chain(10)
    links[index] = replace(links[index], **change(links[index]))
    broken = verify_chain(links, key=KEY)
    assert broken is not None
    assert (broken.event_id, broken.case_id, broken.sequence) == (100 + index, 5, index + 1)
    assert reason in broken.reason


def test_a_rehashed_forgery_is_caught_at_the_next_link() -> None:
    links = chain(6)
    forged = replace(links[2], payload={"n": 2, "text": "sahte"})
    links[2] = replace(
        forged,
        hash=event_digest(
            forged.previous_hash,
            5,
            3,
            forged.kind,
            forged.actor_id,
            forged.created_at,
            forged.payload,
            forged.member_visible,
            key=KEY,
        ),
    )
    broken = verify_chain(links, key=KEY)
    assert broken is not None and broken.sequence == 4
    assert "does not point to the hash" in broken.reason


def test_deleted_inserted_and_swapped_events_are_reported() -> None:
    links = chain(6)
    assert verify_chain(links[:2] + links[3:], key=KEY).sequence == 4  # third event deleted
    assert verify_chain(links[1:], key=KEY).sequence == 2  # first event deleted
    assert verify_chain([links[0], links[2], links[1], *links[3:]], key=KEY).sequence == 3
    assert verify_chain([*links[:3], *chain(2, case_id=9)], key=KEY).case_id == 9
    assert verify_chain([*links[:3], links[2]], key=KEY).sequence == 3  # a repeated event


def test_verify_can_resume_from_a_verified_hash() -> None:
    links = chain(8)
    assert verify_chain(links[5:], previous_hash=links[4].hash, key=KEY) is None
    assert verify_chain(links[5:], key=KEY) is not None


def test_verification_streams_and_stops_at_the_first_break() -> None:
    consumed: list[int] = []
    links = chain(50)
    links[10] = replace(links[10], kind="tampered")

    def stream() -> Iterator[ChainLink]:
        for link in links:
            consumed.append(link.sequence)
            yield link

    assert verify_chain(stream(), key=KEY).sequence == 11
    assert consumed[-1] == 11


def test_a_chain_recomputed_without_the_key_does_not_verify() -> None:
    # Someone with database access edits an event and rehashes the whole chain, as the old
    # unkeyed scheme allowed: without the key every hash is wrong from the first event on.
    forged, previous = [], GENESIS_HASH
    for link in chain(4):
        fields = {**link.__dict__, "previous_hash": previous, "payload": {**link.payload, "text": "sahte"}}
        document = {k: fields[k] for k in ("case_id", "sequence", "kind", "actor_id", "member_visible", "payload")}
        document |= {"previous_hash": previous, "created_at": link.created_at.isoformat(timespec="microseconds")}
        digest = hashlib.sha256(json.dumps(document, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        forged.append(replace(link, previous_hash=previous, payload=fields["payload"], hash=digest))
        previous = digest
    broken = verify_chain(forged, key=KEY)
    assert broken is not None and broken.sequence == 1
    assert verify_chain(chain(4), key=b"another-key").sequence == 1


def test_an_unreadable_payload_is_a_broken_event() -> None:
    links = chain(3)
    links[1] = replace(links[1], payload=UNREADABLE)
    broken = verify_chain(links, key=KEY)
    assert (broken.event_id, broken.sequence) == (101, 2)
    assert "cannot be read" in broken.reason


SEALED = {"reference": "EBS-2026-000001", "member_id": 7, "kind": "legal", "status": "in_review"}
SEALED |= {"narrative": "Gerekçesiz atandım.", "requests": "İptal"}


def _head(links: list[ChainLink], sealed: dict = SEALED) -> ChainHead:
    last = links[-1].hash
    return ChainHead(len(links), last, head_seal(KEY, 5, len(links), last, sealed))


def _check(head: ChainHead, links: list[ChainLink], sealed: dict = SEALED, status: str | None = "in_review"):
    last = links[-1].hash if links else GENESIS_HASH
    return check_head(KEY, 5, head, sealed, events_read=len(links), last_hash=last, status_from_events=status)


def test_a_case_agreeing_with_its_chain_passes_the_head_check() -> None:
    links = chain(4)
    assert _check(_head(links), links) is None


def test_a_cut_off_tail_or_a_deleted_chain_fails_the_head_check() -> None:
    links = chain(4)
    head = _head(links)
    assert "missing at the end" in _check(head, links[:3])
    assert "no events" in _check(head, [])


def test_an_edited_case_row_fails_the_head_check() -> None:
    links = chain(4)
    head = _head(links)
    assert "status is not the one its events lead to" in _check(head, links, SEALED | {"status": "accepted"})
    edited = SEALED | {"narrative": "Başka bir anlatım."}
    assert "changed outside the application" in _check(head, links, edited)
    assert "changed outside the application" in _check(replace(head, seal=None), links)
    assert "does not match" in _check(replace(head, last_hash="c" * 64), links)


def test_the_status_follows_the_events_that_move_it() -> None:
    status = None
    for payload in ({"to_state": "submitted"}, {"text": "not"}, {"to_state": "in_review"}, {"n": 1}):
        status = status_after(status, payload)
    assert status == "in_review"
