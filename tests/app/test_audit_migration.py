"""Migration 0006 rekeys the existing unkeyed chains that hold and records every case's head."""

import hashlib
import importlib.util
import json
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db
from app.models import CaseEvent
from app.services.case_notes import add_note
from app.services.timeline import audit_key
from cases.audit import GENESIS_HASH, canonical_json, utc_iso
from tests.factories import MemberFactory, UserFactory, make_case

MIGRATION = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "0006_audit_chain_head.py"


def _migration():
    spec = importlib.util.spec_from_file_location("migration_0006", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_before_0006(case_id: int, *, tamper: bool = False) -> None:
    """Rewrite a case's chain with the old unkeyed SHA-256 digest and forget its head."""
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.sequence))
    previous = GENESIS_HASH
    with db.engine.begin() as connection:
        for event in events:
            document = {
                "previous_hash": previous, "case_id": event.case_id, "sequence": event.sequence,
                "kind": event.kind, "actor_id": event.actor_id, "created_at": utc_iso(event.created_at),
                "payload": event.payload, "member_visible": event.member_visible,
            }  # fmt: skip
            digest = hashlib.sha256(canonical_json(document).encode()).hexdigest()
            payload = (
                {**event.payload, "text": "sonradan değişti"} if tamper and event.kind == "note" else event.payload
            )
            connection.execute(
                sa.text("UPDATE case_events SET payload = :p, previous_hash = :prev, hash = :h WHERE id = :id"),
                {"p": json.dumps(payload), "prev": previous, "h": digest, "id": event.id},
            )
            previous = digest
        connection.execute(
            sa.text("UPDATE cases SET chain_length = 0, chain_hash = NULL, chain_seal = NULL WHERE id = :id"),
            {"id": case_id},
        )


def test_backfill_rekeys_intact_chains_and_leaves_broken_ones_reported(app, runner):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    intact, tampered = make_case(member), make_case(member)
    for case in (intact, tampered):
        add_note(case, lawyer, "not", expected_version=case.version)
    _as_before_0006(intact.id)
    _as_before_0006(tampered.id, tamper=True)
    db.session.expire_all()
    assert runner.invoke(args=["audit", "verify"]).exit_code == 1  # unkeyed and headless: refused as is

    with db.engine.begin() as connection:
        _migration()._backfill(connection, audit_key())

    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert intact.reference not in result.output
    assert f"case {tampered.reference}" in result.output and "changed after it was written" in result.output
    assert "1 of 2 cases have a broken chain (4 events read)" in result.output
