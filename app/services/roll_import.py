"""Importing a union's member roll: streamed, checked row by row, written in batches, one transaction.

A row is added, updated, unchanged or refused (with the reason). Writing uses Core bulk
statements (one SELECT, one INSERT and one UPDATE per batch), so 100,000 rows take seconds.
The whole import is one transaction: a file that fails part-way changes nothing. Re-importing
the same file reports every row unchanged and writes nothing.
"""

from collections.abc import Callable
from typing import BinaryIO, cast

import sqlalchemy as sa

from app.extensions import db
from app.models import MemberProfile, RollEntry, Union, User
from app.models.base import utcnow
from app.models.member import MembershipStatus
from app.services.audit_log import log_access
from app.services.membership import mark_cases_membership
from cases.i18n import N_
from cases.member_roll import (
    RollImportReport,
    RollRow,
    RowOutcome,
    RowRefusal,
    batched,
    iter_roll_rows,
    normalize_union_code,
    validate_rows,
)

BATCH_SIZE = 2000
Progress = Callable[[int, int | None], None]


def import_roll(
    source: str | bytes | BinaryIO,
    *,
    filename: str | None = None,
    union_code: str | None = None,
    actor: User | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> RollImportReport:
    """Import a roll file; ``union_code`` limits it to one union (rows of others are refused).

    Raises InvalidRollFile (nothing changed) when the file cannot be read. Pending members the
    roll now confirms are verified in the same transaction.
    """
    unions = {u.code: u.id for u in db.session.scalars(sa.select(Union))}
    known = {normalize_union_code(union_code)} & set(unions) if union_code else set(unions)
    report = RollImportReport()
    roll = iter_roll_rows(source, filename)
    table = RollEntry.__table__
    try:
        with roll:
            for batch in batched(validate_rows(roll, known, set(unions) - known), batch_size):
                _write_batch(batch, unions, report, table)
                if progress:
                    progress(roll.rows_read, roll.total_rows)
        verified = _verify_pending_members()
        if verified:
            mark_cases_membership(pending=False)
        if actor is not None:
            log_access(actor, "roll_import", "union", unions.get(normalize_union_code(union_code or "")))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    report.verified_members = verified  # type: ignore[attr-defined]
    return report


def _write_batch(
    batch: list[RollRow | RowRefusal], unions: dict[str, int], report: RollImportReport, table: sa.Table
) -> None:
    rows = [row for row in batch if isinstance(row, RollRow)]
    existing_by_id: dict[tuple[int, str], dict] = {}
    owner_of_number: dict[tuple[int, str], str] = {}
    if rows:
        ids = list({row.national_id for row in rows})
        numbers = list({row.membership_number for row in rows})
        union_ids = list({unions[row.union_code] for row in rows})
        columns = (
            table.c.id,
            table.c.union_id,
            table.c.national_id,
            table.c.membership_number,
            table.c.full_name,
            table.c.status,
        )
        # Two lookups, each on its unique index (an OR of both would scan the table).
        found = [
            *db.session.execute(
                sa.select(*columns).where(table.c.national_id.in_(ids), table.c.union_id.in_(union_ids))
            ),
            *db.session.execute(
                sa.select(*columns).where(table.c.union_id.in_(union_ids), table.c.membership_number.in_(numbers))
            ),
        ]
        codes = {v: k for k, v in unions.items()}
        for entry in found:
            owner_of_number[(entry.union_id, entry.membership_number)] = entry.national_id
            existing_by_id[(entry.union_id, entry.national_id)] = {
                "id": entry.id,
                "union_code": codes[entry.union_id],
                "membership_number": entry.membership_number,
                "national_id": entry.national_id,
                "full_name": entry.full_name,
                "status": entry.status,
            }
    inserts, updates = [], []
    now = utcnow()
    for row in batch:
        if isinstance(row, RowRefusal):
            report.record_refusal(row)
            continue
        union_id = unions[row.union_code]
        owner = owner_of_number.get((union_id, row.membership_number))
        if owner is not None and owner != row.national_id:
            report.record(
                RowOutcome.REFUSED,
                row.line_no,
                N_("This membership number belongs to another person on the union's roll."),
            )
            continue
        existing = existing_by_id.get((union_id, row.national_id))
        outcome = report.record_row(row, existing)
        values = {
            "union_id": union_id,
            "membership_number": row.membership_number,
            "national_id": row.national_id,
            "full_name": row.full_name if row.full_name is not None else (existing or {}).get("full_name"),
            "status": row.status.value,
            "updated_at": now,
        }
        if outcome is RowOutcome.ADDED:
            inserts.append(values)
        elif outcome is RowOutcome.UPDATED:
            assert existing is not None  # an update is of a stored entry
            updates.append({"entry_id": existing["id"], **values})
    if inserts:
        _insert_entries(inserts, table)
    if updates:
        db.session.execute(
            table.update()
            .where(table.c.id == sa.bindparam("entry_id"))
            .values(
                membership_number=sa.bindparam("new_number"),
                full_name=sa.bindparam("new_name"),
                status=sa.bindparam("new_status"),
                updated_at=sa.bindparam("new_time"),
            ),
            [
                {
                    "entry_id": u["entry_id"],
                    "new_number": u["membership_number"],
                    "new_name": u["full_name"],
                    "new_status": u["status"],
                    "new_time": u["updated_at"],
                }
                for u in updates
            ],
        )


_UNNEST_INSERT = sa.text(
    "INSERT INTO roll_entries (union_id, membership_number, national_id, full_name, status, updated_at) "
    "SELECT * FROM unnest(CAST(:union_id AS integer[]), CAST(:membership_number AS varchar[]), "
    "CAST(:national_id AS varchar[]), CAST(:full_name AS varchar[]), CAST(:status AS varchar[]), "
    "CAST(:updated_at AS timestamptz[]))"
)


def _insert_entries(rows: list[dict], table: sa.Table) -> None:
    """Insert a batch of roll entries in one statement.

    On PostgreSQL one INSERT … SELECT FROM unnest(arrays) (an executemany costs a round trip a
    row there, and a compiled multi-row VALUES costs more in Python than the insert itself);
    on SQLite the driver's in-process executemany is already fast.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        columns = ("union_id", "membership_number", "national_id", "full_name", "status", "updated_at")
        db.session.execute(_UNNEST_INSERT, {name: [row[name] for row in rows] for name in columns})
    else:
        db.session.execute(table.insert(), rows)


def _verify_pending_members() -> int:
    """Verify pending members whose T.C. Kimlik No and membership number the roll now lists."""
    profiles = MemberProfile.__table__
    roll = RollEntry.__table__
    listed = (
        sa.select(roll.c.id)
        .where(
            roll.c.union_id == profiles.c.union_id,
            roll.c.national_id == profiles.c.national_id,
            roll.c.membership_number == profiles.c.membership_number,
            roll.c.status == "active",
        )
        .exists()
    )
    result = cast(
        sa.CursorResult,
        db.session.execute(
            profiles.update()
            .where(profiles.c.membership_status == MembershipStatus.PENDING, listed)
            .values(membership_status=MembershipStatus.VERIFIED, verified_at=utcnow())
        ),
    )
    return result.rowcount or 0
