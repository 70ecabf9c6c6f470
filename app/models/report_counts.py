"""Summary tables of the reports: cases counted per filing month, kept exact in the transaction of every change.

At a million cases a report over a period cannot read the period's cases (hundreds of
thousands of index entries) within its budget. These tables hold the same counts per local
filing month and per everything a report groups or scopes by, so a report reads its whole
months here (a few thousand rows) and only the period's partial months from the cases.

* ``report_case_counts``: per month, union, kind, category, state and outcome: the cases, how
  many have no assignee, how many carry an approved amount and its sum in cents.
* ``report_place_counts``: legal cases per month, union, category and one place of the
  patterns report (``dimension`` institution, province or respondent type, ``key`` its value).
* ``report_stage_counts``: stage entries per filing month, union, kind, state and whole days.

Every ORM flush that inserts, changes or deletes a case or a stage entry adds its differences
here in the same transaction (``after_flush`` below), by an upsert that adds to the row, so two
transactions counting into one row serialise on it and neither is lost. Writes that bypass the
ORM must call ``rebuild`` (the benchmark's seed does; the migration fills the tables the same
way). ``membership_pending`` is deliberately not counted here: it is changed in bulk by the
roll import, so the overview counts it from a small partial index on the cases instead.
"""

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from app import clock
from app.extensions import db

NONE = ""  # an absent outcome, place or respondent type in a key column (keys are never NULL)
DIMENSIONS = ("institution", "province", "respondent")


class ReportCaseCount(db.Model):
    """Cases filed in a local month, per scope (union, kind) and per category, state and outcome."""

    __tablename__ = "report_case_counts"

    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    union_id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    status: Mapped[str] = mapped_column(sa.String(24), primary_key=True)
    outcome: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)
    unassigned: Mapped[int] = mapped_column(default=0)
    approved: Mapped[int] = mapped_column(default=0)  # cases with an approved amount
    approved_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class ReportPlaceCount(db.Model):
    """Legal cases filed in a local month per union, category and one place (institution, province, respondent)."""

    __tablename__ = "report_place_counts"

    dimension: Mapped[str] = mapped_column(sa.String(12), primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    union_id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)


class ReportStageCount(db.Model):
    """Stage entries per filing month, union, kind, state and whole days from filing: the stage times' histograms."""

    __tablename__ = "report_stage_counts"

    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    union_id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    state: Mapped[str] = mapped_column(sa.String(24), primary_key=True)
    days: Mapped[int] = mapped_column(primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)


def filing_month(moment: datetime) -> date:
    """The first day of the installation's month in which ``moment`` falls."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return clock.local(aware).date().replace(day=1)


def month_start(month: date) -> datetime:
    """The first instant of a local month, in UTC."""
    return datetime.combine(month, time.min, tzinfo=clock.zone()).astimezone(UTC)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def cents(amount: Decimal | None) -> int:
    return 0 if amount is None else int((Decimal(amount) * 100).to_integral_value())


# --- keeping the counts in step with the ORM -------------------------------------------------

CASE_FIELDS = ("created_at", "union_id", "kind", "category", "status", "outcome", "assignee_id", "amount_approved",
               "institution_id", "province", "respondent_type")  # fmt: skip
STAGE_FIELDS = ("filed_at", "union_id", "kind", "state", "days")


def _case_rows(v: dict) -> tuple[list[tuple], list[tuple]]:
    """The summary rows one case counts in: (key, measures) of the case counts, and the place counts' keys."""
    if v["created_at"] is None:
        return [], []
    month = filing_month(v["created_at"])
    key = (month, v["union_id"], v["kind"], v["category"], v["status"], v["outcome"] or NONE)
    amount = v["amount_approved"]
    measures = (1, int(v["assignee_id"] is None), int(amount is not None), cents(amount))
    places = []
    if v["kind"] == "legal":
        where = (v["institution_id"], v["province"], v["respondent_type"])
        for dimension, value in zip(DIMENSIONS, where, strict=True):
            if value is not None:
                places.append((dimension, month, v["union_id"], str(value), v["category"]))
    return [(key, measures)], places


def _values(obj, fields: tuple[str, ...], *, old: bool) -> dict:
    """The tracked fields of ``obj`` before (``old``) or after this flush.

    Every tracked column is mapped with ``active_history``, so a change always carries the
    value it replaced, even when the attribute had not been loaded before it was set.
    """
    state = sa.inspect(obj)
    values = {}
    for name in fields:
        history = state.attrs[name].history
        values[name] = history.deleted[0] if old and history.deleted else getattr(obj, name)
    return values


class Deltas:
    """What one flush adds to (and takes from) each summary row."""

    def __init__(self) -> None:
        self.cases: dict[tuple, list[int]] = {}
        self.places: Counter = Counter()
        self.stages: Counter = Counter()

    def case(self, values: dict, sign: int) -> None:
        rows, places = _case_rows(values)
        for key, measures in rows:
            total = self.cases.setdefault(key, [0, 0, 0, 0])
            for i, m in enumerate(measures):
                total[i] += sign * m
        for key in places:
            self.places[key] += sign

    def stage(self, v: dict, sign: int) -> None:
        if v["filed_at"] is not None:
            self.stages[(filing_month(v["filed_at"]), v["union_id"], v["kind"], v["state"], v["days"])] += sign

    def apply(self, connection: sa.Connection) -> None:
        cases = [
            dict(zip(("month", "union_id", "kind", "category", "status", "outcome"), key, strict=True))
            | dict(zip(("cases", "unassigned", "approved", "approved_cents"), m, strict=True))
            for key, m in sorted(self.cases.items()) if any(m)
        ]  # fmt: skip
        places = [
            dict(zip(("dimension", "month", "union_id", "key", "category"), key, strict=True)) | {"cases": n}
            for key, n in sorted(self.places.items()) if n
        ]  # fmt: skip
        stages = [
            dict(zip(("month", "union_id", "kind", "state", "days"), key, strict=True)) | {"cases": n}
            for key, n in sorted(self.stages.items()) if n
        ]  # fmt: skip
        for model, rows, measures in (
            (ReportCaseCount, cases, ("cases", "unassigned", "approved", "approved_cents")),
            (ReportPlaceCount, places, ("cases",)),
            (ReportStageCount, stages, ("cases",)),
        ):
            if rows:
                _add(connection, model.__table__, rows, measures)


def _add(connection: sa.Connection, table: sa.Table, rows: list[dict], measures: tuple[str, ...]) -> None:
    """Add ``rows`` to the table: insert a new key, add the measures to an existing one (rows in key order)."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key.columns],
        set_={name: table.c[name] + statement.excluded[name] for name in measures},
    )
    connection.execute(statement)


def _changed(obj, fields: tuple[str, ...]) -> bool:
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


@sa.event.listens_for(Session, "after_flush")
def _count(session: Session, _context) -> None:
    from app.models import Case, CaseStageEntry

    deltas = Deltas()
    for obj in session.new:
        if isinstance(obj, Case):
            deltas.case(_values(obj, CASE_FIELDS, old=False), 1)
        elif isinstance(obj, CaseStageEntry):
            deltas.stage(_values(obj, STAGE_FIELDS, old=False), 1)
    for obj in session.dirty:
        if isinstance(obj, Case) and _changed(obj, CASE_FIELDS):
            deltas.case(_values(obj, CASE_FIELDS, old=True), -1)
            deltas.case(_values(obj, CASE_FIELDS, old=False), 1)
        elif isinstance(obj, CaseStageEntry) and _changed(obj, STAGE_FIELDS):
            deltas.stage(_values(obj, STAGE_FIELDS, old=True), -1)
            deltas.stage(_values(obj, STAGE_FIELDS, old=False), 1)
    for obj in session.deleted:
        if isinstance(obj, Case):
            deltas.case(_values(obj, CASE_FIELDS, old=True), -1)
        elif isinstance(obj, CaseStageEntry):
            deltas.stage(_values(obj, STAGE_FIELDS, old=True), -1)
    deltas.apply(session.connection())


# --- counting afresh from the cases ----------------------------------------------------------


def rebuild(connection: sa.Connection) -> int:
    """Count the summary tables afresh from the cases and stage entries (set-based, one month at a time).

    For writes that bypassed the ORM (the benchmark's seed) and for checking the kept counts:
    after it the tables hold exactly what the flushes would have added up. Returns the months.
    """
    from app.models import Case, CaseStageEntry

    for model in (ReportCaseCount, ReportPlaceCount, ReportStageCount):
        connection.execute(sa.delete(model.__table__))
    first, last = connection.execute(sa.select(sa.func.min(Case.created_at), sa.func.max(Case.created_at))).one()
    if first is None:
        return 0
    months = 0
    month = filing_month(first)
    while month <= filing_month(last):
        start, end = month_start(month), month_start(next_month(month))
        _rebuild_month(connection, month, Case.__table__, CaseStageEntry.__table__, start, end)
        month = next_month(month)
        months += 1
    return months


def _rebuild_month(connection, month: date, cases, entries, start: datetime, end: datetime) -> None:
    label = sa.literal(month, sa.Date)
    filed = [cases.c.created_at >= start, cases.c.created_at < end]
    outcome = sa.func.coalesce(cases.c.outcome, NONE)
    amount = sa.cast(sa.func.round(cases.c.amount_approved * 100), sa.BigInteger)
    connection.execute(
        ReportCaseCount.__table__.insert().from_select(
            ["month", "union_id", "kind", "category", "status", "outcome", "cases", "unassigned", "approved",
             "approved_cents"],
            sa.select(label, cases.c.union_id, cases.c.kind, cases.c.category, cases.c.status, outcome,
                      sa.func.count(), sa.func.sum(sa.case((cases.c.assignee_id.is_(None), 1), else_=0)),
                      sa.func.count(cases.c.amount_approved), sa.func.coalesce(sa.func.sum(amount), 0))
            .where(*filed)
            .group_by(cases.c.union_id, cases.c.kind, cases.c.category, cases.c.status, outcome),
        )
    )  # fmt: skip
    for dimension, column in zip(
        DIMENSIONS, (cases.c.institution_id, cases.c.province, cases.c.respondent_type), strict=True
    ):
        key = sa.cast(column, sa.String) if dimension == "institution" else column
        connection.execute(
            ReportPlaceCount.__table__.insert().from_select(
                ["dimension", "month", "union_id", "key", "category", "cases"],
                sa.select(sa.literal(dimension), label, cases.c.union_id, key, cases.c.category, sa.func.count())
                .where(*filed, cases.c.kind == "legal", column.is_not(None))
                .group_by(cases.c.union_id, key, cases.c.category),
            )
        )
    connection.execute(
        ReportStageCount.__table__.insert().from_select(
            ["month", "union_id", "kind", "state", "days", "cases"],
            sa.select(label, entries.c.union_id, entries.c.kind, entries.c.state, entries.c.days, sa.func.count())
            .where(entries.c.filed_at >= start, entries.c.filed_at < end)
            .group_by(entries.c.union_id, entries.c.kind, entries.c.state, entries.c.days),
        )
    )


def whole_months(date_from: date, date_to: date) -> list[date]:
    """The months lying wholly inside the period ``date_from``–``date_to`` (both days included)."""
    first = date_from if date_from.day == 1 else next_month(date_from.replace(day=1))
    end = (date_to + timedelta(days=1)).replace(day=1)  # months before this one end within the period
    months = []
    while first < end:
        months.append(first)
        first = next_month(first)
    return months
