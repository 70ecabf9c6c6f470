"""Summary tables of the reports: counts per month, kept exact in the transaction of every change.

At a million cases a report over a period cannot read the period's cases (up to a million index
entries for five years) within its budget. These tables hold the counts the reports add up, per
local filing month (decisions: per month of the decision date), per scope and per what a report
groups by, so a report reads its whole months here (a few thousand rows) and only the period's
partial months from the cases.

Every count is kept twice: per union and once more for all unions together (``union_id`` 0,
``ALL_UNIONS``), because a confederation-wide report would otherwise add up eleven rows for each
of its figures. Each table counts *marginals* (one row per dimension and key), never the cross
product of every dimension, which would hold nearly as many rows as there are cases:

* ``report_case_counts``: per dimension (category, status, outcome), month, union, kind and key:
  the cases, those without an assignee, those with an approved amount (and its sum in cents),
  and of those the ones paid (a "paid" stage entry) and their amount.
* ``report_place_counts``: legal cases per place dimension (institution, province, respondent
  type), month, union, key and category; category "" is the place's total.
* ``report_decision_counts``: decisions of legal cases (a proceeding with an outcome and a
  decision date) per grain (the decision's month, or its day for partial months), dimension
  (category, court), union, key and outcome.
* ``report_stage_counts``: stage entries per grain (a filing month, or a whole filing year for
  long periods), union, kind, state and whole days from filing: the stage times' histograms.

How they stay exact: before a flush writes anything, ``before_flush`` reads from the database
what the cases the flush touches (themselves, their stage entries or their proceedings) count
in now and remembers it; after the flush, ``after_flush`` reads them again and adds the
difference to the tables with an upsert that adds (INSERT … ON CONFLICT DO UPDATE), in the same
transaction. So whatever a service changes through the ORM is counted, and two transactions
counting into one row serialise on it. Writes that bypass the ORM (the benchmark's seed, the
roll import's bulk update of ``membership_pending``, which is why that flag is not counted here)
must not touch what is counted, or call ``rebuild``, which counts everything afresh with
set-based SQL (the migration fills the tables with it; the tests compare the kept counts with it).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from app import clock
from app.extensions import db

ALL_UNIONS = 0  # the union_id of the rows that count every union together
NONE = ""  # an absent outcome, court or respondent type in a key column (keys are never NULL)
CASE_DIMENSIONS = ("category", "status", "outcome")
PLACE_DIMENSIONS = ("institution", "province", "respondent")
DECISION_DIMENSIONS = ("category", "court")
CASE_MEASURES = ("cases", "unassigned", "approved", "approved_cents", "paid", "paid_cents")


class ReportCaseCount(db.Model):
    """Cases filed in a local month per scope (union or all, kind) and per category, state or outcome."""

    __tablename__ = "report_case_counts"
    # The queue's counts per status: a scope's rows of one dimension and kind, every month (app/queries/queue.py).
    __table_args__ = (
        # The count as the last key column, not INCLUDE: SQLite has no INCLUDE, and both then sum from the index alone.
        sa.Index("ix_report_case_counts_scope", "union_id", "dimension", "kind", "key", "cases"),
    )

    union_id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    dimension: Mapped[str] = mapped_column(sa.String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)
    unassigned: Mapped[int] = mapped_column(default=0)
    approved: Mapped[int] = mapped_column(default=0)
    approved_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    paid: Mapped[int] = mapped_column(default=0)
    paid_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class ReportPlaceCount(db.Model):
    """Legal cases filed in a local month per union (or all), place and category ("" for the place's total)."""

    __tablename__ = "report_place_counts"

    dimension: Mapped[str] = mapped_column(sa.String(12), primary_key=True)
    union_id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)


class ReportDecisionCount(db.Model):
    """Decisions on legal cases per decision month or day (``grain``), union (or all), category or court, outcome.

    The days serve a period's partial months (decision dates are plain dates, no zone applies).
    """

    __tablename__ = "report_decision_counts"

    grain: Mapped[str] = mapped_column(sa.String(5), primary_key=True)  # month | day
    union_id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)  # the month's first day, or the day
    dimension: Mapped[str] = mapped_column(sa.String(10), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(300), primary_key=True)
    outcome: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    decisions: Mapped[int] = mapped_column(default=0)


class ReportStageCount(db.Model):
    """Stage entries per filing month or year (``grain``), union (or all), kind, state and days from filing."""

    __tablename__ = "report_stage_counts"

    grain: Mapped[str] = mapped_column(sa.String(5), primary_key=True)  # month | year
    union_id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)  # the first day of the month or year
    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    state: Mapped[str] = mapped_column(sa.String(24), primary_key=True)
    days: Mapped[int] = mapped_column(primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)


def filing_month(moment: datetime) -> date:
    """The first day of the installation's month in which ``moment`` falls."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return clock.local(aware).date().replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def whole_months(date_from: date, date_to: date) -> list[date]:
    """The months lying wholly inside the period ``date_from``–``date_to`` (both days included)."""
    first = date_from if date_from.day == 1 else next_month(date_from.replace(day=1))
    end = (date_to + timedelta(days=1)).replace(day=1)  # months before this one end within the period
    months = []
    while first < end:
        months.append(first)
        first = next_month(first)
    return months


def cents(amount: Decimal | None) -> int:
    return 0 if amount is None else int((Decimal(amount) * 100).to_integral_value())


# --- what one case counts in -----------------------------------------------------------------


@dataclass
class Contributions:
    """The summary rows some cases count in: per table, key -> measures."""

    tables: dict[str, Counter] = field(default_factory=dict)

    def add(self, table: str, key: tuple, measures: Iterable[int], sign: int = 1) -> None:
        counter = self.tables.setdefault(table, Counter())
        for i, m in enumerate(measures):
            counter[(key, i)] += sign * m

    def minus(self, other: "Contributions") -> "Contributions":
        result = Contributions({name: Counter(c) for name, c in self.tables.items()})
        for name, counter in other.tables.items():
            mine = result.tables.setdefault(name, Counter())
            for k, v in counter.items():
                mine[k] -= v
        return result


def _unions(union_id: int) -> tuple[int, int]:
    return (union_id, ALL_UNIONS)


def _case(c, paid: bool, out: Contributions) -> None:
    month = filing_month(c.created_at)
    approved = c.amount_approved is not None
    paid = paid and approved  # the reports count payments of approved amounts
    measures = (1, int(c.assignee_id is None), int(approved), cents(c.amount_approved), int(paid),
                cents(c.amount_approved) if paid else 0)  # fmt: skip
    for union in _unions(c.union_id):
        for dimension, key in zip(CASE_DIMENSIONS, (c.category, c.status, c.outcome or NONE), strict=True):
            out.add("report_case_counts", (union, month, dimension, c.kind, key), measures)
        if c.kind != "legal":
            continue
        for dimension, value in zip(PLACE_DIMENSIONS, (c.institution_id, c.province, c.respondent_type), strict=True):
            if value is not None:
                for category in (c.category, NONE):
                    out.add("report_place_counts", (dimension, union, month, str(value), category), (1,))


def _decision(union_id: int, category: str, p, out: Contributions) -> None:
    for union in _unions(union_id):
        for dimension, key in zip(DECISION_DIMENSIONS, (category, p.authority or NONE), strict=True):
            for grain, day in (("month", p.decision_date.replace(day=1)), ("day", p.decision_date)):
                out.add("report_decision_counts", (grain, union, day, dimension, key, p.outcome), (1,))


def _stage(e, out: Contributions) -> None:
    month = filing_month(e.filed_at)
    for union in _unions(e.union_id):
        for grain, start in (("month", month), ("year", month.replace(month=1))):
            out.add("report_stage_counts", (grain, union, start, e.kind, e.state, e.days), (1,))


@dataclass
class Touched:
    """The cases whose counts a flush may change, per part: case rows, stage entries, decisions.

    A case's own rows depend on its columns and on whether it has a "paid" stage entry; the stage
    rows on the entries alone (they carry their union, kind and filing time); the decision rows on
    the proceedings and the case's union, kind and category. So each change reads only its part.
    """

    cases: set[int] = field(default_factory=set)
    stages: set[int] = field(default_factory=set)
    decisions: set[int] = field(default_factory=set)
    pending: list = field(default_factory=list)  # (part, object) whose case id the flush assigns

    def __bool__(self) -> bool:
        return bool(self.cases or self.stages or self.decisions or self.pending)

    def resolved(self) -> "Touched":
        """With the ids the flush assigned to new rows."""
        result = Touched(set(self.cases), set(self.stages), set(self.decisions))
        for part, obj in self.pending:
            case_id = obj.id if part == "case" else obj.case_id
            if case_id is not None:
                getattr(result, part + "s").add(case_id)
        return result


def contributions(connection: sa.Connection, touched: Touched) -> Contributions:
    """What the touched cases count in, as the database holds them now (a statement per part touched)."""
    from app.models import Case, CaseStageEntry, Proceeding

    out = Contributions()
    cases, entries, proceedings = Case.__table__, CaseStageEntry.__table__, Proceeding.__table__
    if touched.cases:
        paid = sa.exists().where(entries.c.case_id == cases.c.id, entries.c.state == "paid")
        for c in connection.execute(
            sa.select(cases.c.created_at, cases.c.union_id, cases.c.kind, cases.c.category, cases.c.status,
                      cases.c.outcome, cases.c.assignee_id, cases.c.amount_approved, cases.c.institution_id,
                      cases.c.province, cases.c.respondent_type, paid.label("paid"))
            .where(cases.c.id.in_(sorted(touched.cases)))
        ):  # fmt: skip
            _case(c, c.paid, out)
    if touched.stages:
        for e in connection.execute(
            sa.select(entries.c.filed_at, entries.c.union_id, entries.c.kind, entries.c.state, entries.c.days).where(
                entries.c.case_id.in_(sorted(touched.stages))
            )
        ):
            _stage(e, out)
    if touched.decisions:
        for p in connection.execute(
            sa.select(cases.c.union_id, cases.c.category, proceedings.c.decision_date, proceedings.c.outcome,
                      proceedings.c.authority)
            .join_from(proceedings, cases, cases.c.id == proceedings.c.case_id)
            .where(proceedings.c.case_id.in_(sorted(touched.decisions)), cases.c.kind == "legal")
            .where(proceedings.c.outcome.is_not(None), proceedings.c.decision_date.is_not(None))
        ):  # fmt: skip
            _decision(p.union_id, p.category, p, out)
    return out


def _add(connection: sa.Connection, deltas: Contributions) -> None:
    """Add ``deltas`` to the tables: insert a new key, add to an existing one (rows in key order)."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    for name in sorted(deltas.tables):
        table = db.metadata.tables[name]
        keys = [c.name for c in table.primary_key.columns]
        measures = [c.name for c in table.columns if not c.primary_key]
        rows: dict[tuple, list[int]] = {}
        for (key, i), value in deltas.tables[name].items():
            rows.setdefault(key, [0] * len(measures))[i] = value
        values = [
            dict(zip(keys, key, strict=True)) | dict(zip(measures, m, strict=True))
            for key, m in sorted(rows.items()) if any(m)
        ]  # fmt: skip
        if values:
            statement = insert(table).values(values)
            statement = statement.on_conflict_do_update(
                index_elements=keys, set_={m: table.c[m] + statement.excluded[m] for m in measures}
            )
            connection.execute(statement)


# --- keeping the counts in step with the ORM -------------------------------------------------

CASE_FIELDS = ("created_at", "union_id", "kind", "category", "status", "outcome", "assignee_id", "amount_approved",
               "institution_id", "province", "respondent_type")  # fmt: skip
PROCEEDING_FIELDS = ("case_id", "decision_date", "outcome", "authority")
STAGE_FIELDS = ("case_id", "state", "filed_at", "union_id", "kind", "days")
PENDING = "report_counts"


DECISION_CASE_FIELDS = ("union_id", "kind", "category")  # what a case's decisions are counted by


def _touched(session: Session) -> Touched:
    """The cases whose counts this flush may change, per part (see ``Touched``)."""
    from app.models import Case, CaseStageEntry, Proceeding

    touched = Touched()
    fields = {Case: CASE_FIELDS, Proceeding: PROCEEDING_FIELDS, CaseStageEntry: STAGE_FIELDS}
    changed = [(obj, False) for obj in [*session.new, *session.deleted]] + [(obj, True) for obj in session.dirty]
    for obj, dirty in changed:
        tracked = fields.get(type(obj))
        if tracked is None:
            continue
        state = sa.inspect(obj)
        if isinstance(obj, Case) and obj.id is not None and state.attrs.proceedings.history.has_changes():
            touched.decisions.add(obj.id)  # a proceeding added through the collection has no case id yet
        if dirty and not any(state.attrs[name].history.has_changes() for name in tracked):
            continue  # changed, but in nothing counted
        if isinstance(obj, Case):
            if obj.id is None:
                touched.pending.append(("case", obj))
                continue
            touched.cases.add(obj.id)
            if not dirty or any(state.attrs[name].history.has_changes() for name in DECISION_CASE_FIELDS):
                touched.decisions.add(obj.id)
            continue
        parts = ["decision"] if isinstance(obj, Proceeding) else ["stage"]
        if isinstance(obj, CaseStageEntry) and "paid" in (*state.attrs.state.history.deleted, obj.state):
            parts.append("case")  # a payment changes what the case counts in
        for part in parts:
            ids = [i for i in (*state.attrs.case_id.history.deleted, obj.case_id) if i is not None]
            getattr(touched, part + "s").update(ids)
            if obj.case_id is None:
                touched.pending.append((part, obj))
    return touched


@sa.event.listens_for(Session, "before_flush")
def _before(session: Session, _context, _instances) -> None:
    session.info.pop(PENDING, None)  # a failed flush never reached after_flush: what it read is stale
    touched = _touched(session)
    if touched:
        session.info[PENDING] = (touched, contributions(session.connection(), touched))


@sa.event.listens_for(Session, "after_flush")
def _after(session: Session, _context) -> None:
    pending = session.info.pop(PENDING, None)
    if pending is None:
        return
    touched, before = pending
    connection = session.connection()
    _add(connection, contributions(connection, touched.resolved()).minus(before))


# --- counting afresh from the cases ----------------------------------------------------------


def rebuild(connection: sa.Connection) -> int:
    """Count the summary tables afresh from the cases, stage entries and proceedings; returns the months.

    Set-based: one INSERT … SELECT per table, dimension and month (``counting``), for writes that
    bypassed the ORM (the benchmark's seed) and to check the kept counts. After it the tables hold
    exactly what the flushes would have added up.
    """
    from app.models import Case, CaseStageEntry, Proceeding

    cases, entries, proceedings = Case.__table__, CaseStageEntry.__table__, Proceeding.__table__
    for model in (ReportCaseCount, ReportPlaceCount, ReportDecisionCount, ReportStageCount):
        connection.execute(sa.delete(model.__table__))
    first, last = connection.execute(sa.select(sa.func.min(cases.c.created_at), sa.func.max(cases.c.created_at))).one()
    decided_first, decided_last = connection.execute(
        sa.select(sa.func.min(proceedings.c.decision_date), sa.func.max(proceedings.c.decision_date))
    ).one()
    months = 0
    if first is not None:
        month = filing_month(first)
        while month <= filing_month(last):
            for statement in counting(month, cases, entries):
                connection.execute(statement)
            month, months = next_month(month), months + 1
        for year in range(filing_month(first).year, filing_month(last).year + 1):
            connection.execute(_stage_counting("year", date(year, 1, 1), date(year + 1, 1, 1), entries))
    if decided_first is not None:
        month = decided_first.replace(day=1)
        while month <= decided_last:
            for statement in _decision_counting(month, cases, proceedings):
                connection.execute(statement)
            month = next_month(month)
    return months


def _levels(union_column):
    """The union column twice: as each union, and as ALL_UNIONS (grouped without it)."""
    return ((union_column, [union_column]), (sa.literal(ALL_UNIONS), []))


def counting(month: date, cases, entries) -> list:
    """The INSERT … SELECTs that count one filing month of cases and stage entries."""
    label = sa.literal(month, sa.Date)
    filed = [
        cases.c.created_at >= clock.start_of_day(month),
        cases.c.created_at < clock.start_of_day(next_month(month)),
    ]
    paid_entry = entries.alias("paid_entry")
    is_paid = sa.and_(paid_entry.c.case_id.is_not(None), cases.c.amount_approved.is_not(None))
    amount = sa.func.coalesce(sa.cast(sa.func.round(cases.c.amount_approved * 100), sa.BigInteger), 0)
    measures = [
        sa.func.count(),
        sa.func.sum(sa.case((cases.c.assignee_id.is_(None), 1), else_=0)),
        sa.func.count(cases.c.amount_approved),
        sa.func.sum(amount),
        sa.func.sum(sa.case((is_paid, 1), else_=0)),
        sa.func.sum(sa.case((is_paid, amount), else_=0)),
    ]
    with_paid = cases.outerjoin(paid_entry, sa.and_(paid_entry.c.case_id == cases.c.id, paid_entry.c.state == "paid"))
    statements = []
    for union, group in _levels(cases.c.union_id):
        for dimension, key in zip(
            CASE_DIMENSIONS, (cases.c.category, cases.c.status, sa.func.coalesce(cases.c.outcome, NONE)), strict=True
        ):
            statements.append(
                ReportCaseCount.__table__.insert().from_select(
                    ["union_id", "month", "dimension", "kind", "key", *CASE_MEASURES],
                    sa.select(union, label, sa.literal(dimension), cases.c.kind, key, *measures)
                    .select_from(with_paid)
                    .where(*filed)
                    .group_by(*group, cases.c.kind, key),
                )
            )
        places = (sa.cast(cases.c.institution_id, sa.String), cases.c.province, cases.c.respondent_type)
        for dimension, key in zip(PLACE_DIMENSIONS, places, strict=True):
            for category, by in ((cases.c.category, [cases.c.category]), (sa.literal(NONE), [])):
                statements.append(
                    ReportPlaceCount.__table__.insert().from_select(
                        ["dimension", "union_id", "month", "key", "category", "cases"],
                        sa.select(sa.literal(dimension), union, label, key, category, sa.func.count())
                        .where(*filed, cases.c.kind == "legal", key.is_not(None))
                        .group_by(*group, key, *by),
                    )
                )
    statements.append(_stage_counting("month", month, next_month(month), entries))
    return statements


def _stage_counting(grain: str, start: date, end: date, entries):
    """Count the stage entries filed from ``start`` to ``end`` (local days) into ``grain`` rows, both union levels."""
    selects = [
        sa.select(sa.literal(grain), union, sa.literal(start, sa.Date), entries.c.kind, entries.c.state,
                  entries.c.days, sa.func.count())
        .where(entries.c.filed_at >= clock.start_of_day(start), entries.c.filed_at < clock.start_of_day(end))
        .group_by(*group, entries.c.kind, entries.c.state, entries.c.days)
        for union, group in _levels(entries.c.union_id)
    ]  # fmt: skip
    return ReportStageCount.__table__.insert().from_select(
        ["grain", "union_id", "month", "kind", "state", "days", "cases"], sa.union_all(*selects)
    )


def _decision_counting(month: date, cases, proceedings) -> list:
    """The INSERT … SELECTs that count the decisions of one month, per month and per day, both union levels."""
    decided = [
        proceedings.c.outcome.is_not(None),
        proceedings.c.decision_date >= month,
        proceedings.c.decision_date < next_month(month),
        cases.c.kind == "legal",
    ]
    joined = proceedings.join(cases, cases.c.id == proceedings.c.case_id)
    statements = []
    grains = (("month", sa.literal(month, sa.Date), []), ("day", proceedings.c.decision_date,
                                                         [proceedings.c.decision_date]))  # fmt: skip
    for union, group in _levels(cases.c.union_id):
        for dimension, key in zip(
            DECISION_DIMENSIONS, (cases.c.category, sa.func.coalesce(proceedings.c.authority, NONE)), strict=True
        ):
            for grain, day, by_day in grains:
                statements.append(
                    ReportDecisionCount.__table__.insert().from_select(
                        ["grain", "union_id", "month", "dimension", "key", "outcome", "decisions"],
                        sa.select(sa.literal(grain), union, day, sa.literal(dimension), key, proceedings.c.outcome,
                                  sa.func.count())
                        .select_from(joined)
                        .where(*decided)
                        .group_by(*group, key, proceedings.c.outcome, *by_day),
                    )
                )  # fmt: skip
    return statements
