"""Human case references, ``<UNION>-<YEAR>-<NNNNNN>``, unique under concurrent filing."""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.models import CaseReferenceCounter, Union


def format_reference(union_code: str, year: int, number: int) -> str:
    return f"{union_code}-{year}-{number:06d}"


def next_reference(union: Union, year: int) -> str:
    """Reserve the next number of ``union`` for ``year`` in one atomic statement.

    An upsert that increments and returns the counter: concurrent transactions queue on the
    counter row, so no two get the same number. A rolled-back filing leaves a gap, which is
    allowed (references are unique, not gapless).
    """
    table = CaseReferenceCounter.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    statement = (
        insert.values(union_id=union.id, year=year, last_number=1)
        .on_conflict_do_update(index_elements=["union_id", "year"], set_={"last_number": table.c.last_number + 1})
        .returning(table.c.last_number)
    )
    number = db.session.execute(statement).scalar_one()
    return format_reference(union.code, year, number)


def peek_counter(union_id: int, year: int) -> int:
    return (
        db.session.scalar(
            sa.select(CaseReferenceCounter.last_number).where(
                CaseReferenceCounter.union_id == union_id, CaseReferenceCounter.year == year
            )
        )
        or 0
    )
