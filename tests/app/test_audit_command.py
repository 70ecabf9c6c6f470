"""`flask audit verify` checks every case's event chain and names the first broken event."""

import hashlib
import json

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import CaseEvent
from app.services.case_notes import add_note
from tests.factories import MemberFactory, UserFactory, make_case


def _cases_with_events():
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    cases = [make_case(member) for _ in range(3)]
    for case in cases:
        for n in range(3):
            add_note(case, lawyer, f"not {n}", expected_version=case.version)
    return cases


def test_verify_passes_on_untouched_chains(runner):
    _cases_with_events()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "All 3 case chains hold (12 events checked)." in result.output


def test_verify_names_the_first_broken_event_after_a_raw_update(runner):
    cases = _cases_with_events()
    target = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == cases[1].id, CaseEvent.sequence == 3)
    ).one()
    with db.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE case_events SET payload = :payload WHERE id = :id"),
            {"payload": '{"text": "değiştirilmiş"}', "id": target.id},
        )
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"case {cases[1].reference}" in result.output
    assert f"event id {target.id}, sequence 3" in result.output
    assert "changed after it was written" in result.output
    assert cases[0].reference not in result.output and cases[2].reference not in result.output


def test_verify_reports_an_internal_note_made_visible_to_the_member(runner):
    cases = _cases_with_events()
    note = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == cases[2].id, CaseEvent.kind == "note").order_by(CaseEvent.id)
    ).first()
    with db.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE case_events SET member_visible = :yes WHERE id = :id"), {"yes": True, "id": note.id}
        )
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"case {cases[2].reference}" in result.output
    assert f"event id {note.id}, sequence {note.sequence}" in result.output


def test_verify_reports_a_deleted_event_at_the_one_after_it(runner):
    cases = _cases_with_events()
    events = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == cases[0].id).order_by(CaseEvent.sequence)
    ).all()
    with db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM case_events WHERE id = :id"), {"id": events[1].id})
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"event id {events[2].id}, sequence 3" in result.output
    assert "1 of 3 cases have a broken chain" in result.output


def _verify(runner):
    result = runner.invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def _events_of(case):
    return db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.sequence)
    ).all()


def test_verify_reports_a_cut_off_last_event(runner):
    cases = _cases_with_events()
    last = _events_of(cases[0])[-1]
    with db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM case_events WHERE id = :id"), {"id": last.id})
    code, output = _verify(runner)
    assert code == 1
    assert f"case {cases[0].reference}" in output and "missing at the end" in output
    assert "1 of 3 cases have a broken chain" in output


def test_verify_reports_a_case_whose_events_were_all_deleted(runner):
    cases = _cases_with_events()
    with db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM case_events WHERE case_id = :id"), {"id": cases[1].id})
    code, output = _verify(runner)
    assert code == 1
    assert f"case {cases[1].reference}" in output and "no events" in output


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("status", "accepted", "status is not the one its events lead to"),
        ("narrative", "Başka bir anlatım.", "changed outside the application"),
        ("requests", "Tazminat", "changed outside the application"),
        ("chain_length", 1, "does not match its timeline"),
    ],
)
def test_verify_reports_an_edited_case_row(runner, column, value, reason):
    cases = _cases_with_events()
    with db.engine.begin() as connection:
        connection.execute(
            sa.text(f"UPDATE cases SET {column} = :value WHERE id = :id"), {"value": value, "id": cases[2].id}
        )
    code, output = _verify(runner)
    assert code == 1
    assert f"case {cases[2].reference}" in output and reason in output


def test_a_status_reached_through_the_workflow_verifies(runner, db):
    from app.services.workflow import perform_transition

    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    case = make_case(member)
    perform_transition(case, "take", lawyer, {}, expected_version=case.version)
    assert case.status == "in_review"
    assert _verify(runner) == (0, "All 1 case chains hold (2 events checked).\n")


def test_a_chain_recomputed_without_the_key_fails(runner):
    # The attacker edits a note and recomputes every hash and the case's head the only way they
    # can without AUDIT_KEY: with plain SHA-256 (the old scheme) or a guessed key.
    from cases.audit import GENESIS_HASH, canonical_json, utc_iso

    cases = _cases_with_events()
    events = _events_of(cases[0])
    previous = GENESIS_HASH
    with db.engine.begin() as connection:
        for event in events:
            payload = {**event.payload, "text": "sahte"} if event.kind == "note" else event.payload
            document = {
                "previous_hash": previous, "case_id": event.case_id, "sequence": event.sequence,
                "kind": event.kind, "actor_id": event.actor_id, "created_at": utc_iso(event.created_at),
                "payload": payload, "member_visible": event.member_visible,
            }  # fmt: skip
            digest = hashlib.sha256(canonical_json(document).encode()).hexdigest()
            connection.execute(
                sa.text("UPDATE case_events SET payload = :p, previous_hash = :prev, hash = :h WHERE id = :id"),
                {"p": json.dumps(payload), "prev": previous, "h": digest, "id": event.id},
            )
            previous = digest
        connection.execute(
            sa.text("UPDATE cases SET chain_hash = :h WHERE id = :id"), {"h": previous, "id": cases[0].id}
        )
    code, output = _verify(runner)
    assert code == 1
    assert f"event id {events[0].id}, sequence 1" in output and "changed after it was written" in output


@pytest.mark.parametrize("raw", ['{"text": ', '"düz metin"', "null"], ids=["broken-json", "not-an-object", "null"])
def test_an_unreadable_payload_is_reported_by_event_id_without_a_traceback(runner, app, raw):
    if raw.startswith("{") and db.engine.dialect.name == "postgresql":
        pytest.skip("PostgreSQL's json type refuses invalid JSON on write")
    cases = _cases_with_events()
    target = _events_of(cases[1])[1]
    with db.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE case_events SET payload = :raw WHERE id = :id"), {"raw": raw, "id": target.id}
        )
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"event id {target.id}, sequence 2: This event's content cannot be read" in result.output
    assert "1 of 3 cases have a broken chain" in result.output
