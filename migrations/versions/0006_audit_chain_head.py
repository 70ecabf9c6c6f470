"""Keep each case's event chain head on the case and key the chain with AUDIT_KEY.

The chain of a case's events could be cut at its end, or deleted whole, without a trace, and
the case row (status, narrative) was not covered; anyone with database access could also
recompute the unkeyed SHA-256 chain after editing it. Cases now record the number of events,
the last hash and an HMAC seal over both and their sealed fields, and every event hash is an
HMAC keyed with ``AUDIT_KEY`` (kept outside the database).

Existing chains are verified with the old unkeyed digest and, when they hold, rehashed with
the key; a chain that was already broken is left as it is (rehashing it would launder the
tampering) and its case gets no seal, so ``flask audit verify`` keeps reporting it.

Revision ID: 0006
Revises: 0012
Create Date: 2026-12-07 01:30:00

"""
import hashlib
import hmac

import sqlalchemy as sa
from alembic import op
from flask import current_app

from cases.audit import canonical_json, utc_iso

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0012'
branch_labels = None
depends_on = None

GENESIS = "0" * 64
SEALED = ("reference", "member_id", "kind", "status", "narrative", "requests")
BATCH = 500

cases_table = sa.table(
    'cases', sa.column('id', sa.Integer), sa.column('chain_length', sa.Integer), sa.column('chain_hash', sa.String),
    sa.column('chain_seal', sa.String), *(sa.column(name) for name in SEALED),
)
events_table = sa.table(
    'case_events', sa.column('id', sa.Integer), sa.column('case_id', sa.Integer), sa.column('sequence', sa.Integer),
    sa.column('kind', sa.String), sa.column('actor_id', sa.Integer), sa.column('created_at', sa.String),
    sa.column('payload', sa.JSON), sa.column('member_visible', sa.Boolean), sa.column('previous_hash', sa.String),
    sa.column('hash', sa.String),
)


def upgrade():
    # Plain ALTER TABLE ADD COLUMN, also on SQLite: recreating the cases table would drop its
    # search triggers (0012) and re-check every foreign key of every row.
    op.add_column('cases', sa.Column('chain_length', sa.Integer(), server_default='0', nullable=False))
    op.add_column('cases', sa.Column('chain_hash', sa.String(length=64), nullable=True))
    op.add_column('cases', sa.Column('chain_seal', sa.String(length=64), nullable=True))
    _backfill(op.get_bind(), str(current_app.config["AUDIT_KEY"]).encode("utf-8"))


def downgrade():
    op.drop_column('cases', 'chain_seal')
    op.drop_column('cases', 'chain_hash')
    op.drop_column('cases', 'chain_length')


def _document(previous, row):
    return {
        "previous_hash": previous, "case_id": row.case_id, "sequence": row.sequence, "kind": row.kind,
        "actor_id": row.actor_id, "created_at": utc_iso(row.created_at), "payload": dict(row.payload),
        "member_visible": bool(row.member_visible),
    }


def _mac(key, document):
    return hmac.new(key, canonical_json(document).encode("utf-8"), hashlib.sha256).hexdigest()


def _backfill(connection, key):
    last_id = 0
    while True:
        cases = connection.execute(
            sa.select(cases_table).where(cases_table.c.id > last_id).order_by(cases_table.c.id).limit(BATCH)
        ).all()
        if not cases:
            return
        last_id = cases[-1].id
        events = connection.execute(
            sa.select(events_table)
            .where(events_table.c.case_id.between(cases[0].id, last_id))
            .order_by(events_table.c.case_id, events_table.c.sequence)
        ).all()
        by_case = {}
        for row in events:
            by_case.setdefault(row.case_id, []).append(row)
        rehashed, heads = [], []
        for case in cases:
            rows = by_case.get(case.id, [])
            new_hashes = _rekey(rows, key)
            if new_hashes is None:  # already broken: keep it visible as broken
                last = rows[-1].hash if rows else None
                heads.append({"b_id": case.id, "b_length": len(rows), "b_hash": last, "b_seal": None})
                continue
            previous = GENESIS
            for row, digest in zip(rows, new_hashes, strict=True):
                rehashed.append({"b_id": row.id, "b_previous": previous, "b_hash": digest})
                previous = digest
            seal = None
            if rows:
                fields = {name: getattr(case, name) for name in SEALED}
                seal = _mac(key, {"case_id": case.id, "length": len(rows), "last_hash": previous, "fields": fields})
            heads.append({"b_id": case.id, "b_length": len(rows), "b_hash": previous if rows else None, "b_seal": seal})
        if rehashed:
            connection.execute(
                events_table.update().where(events_table.c.id == sa.bindparam("b_id"))
                .values(previous_hash=sa.bindparam("b_previous"), hash=sa.bindparam("b_hash")),
                rehashed,
            )
        connection.execute(
            cases_table.update().where(cases_table.c.id == sa.bindparam("b_id"))
            .values(chain_length=sa.bindparam("b_length"), chain_hash=sa.bindparam("b_hash"),
                    chain_seal=sa.bindparam("b_seal")),
            heads,
        )


def _rekey(rows, key):
    """The keyed hashes of a chain that holds under the old unkeyed digest, else None."""
    previous, keyed = GENESIS, []
    for expected_sequence, row in enumerate(rows, start=1):
        try:
            document = _document(previous, row)
            old = hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()
        except (TypeError, ValueError):
            return None
        if row.sequence != expected_sequence or row.previous_hash != previous or row.hash != old:
            return None
        new_previous = keyed[-1] if keyed else GENESIS
        keyed.append(_mac(key, {**document, "previous_hash": new_previous}))
        previous = row.hash
    return keyed
