"""Aggregates for the reports: every figure a GROUP BY in the database, scoped like every case read.

Nothing here loads cases into Python: each function returns grouped rows, bounded by the months
and the groups, whatever the number of cases. A period's whole months are read from the summary
tables (app/models/report_counts.py), its partial months at either end from the cases' report
indexes (``split_period``); a province filter, which the summaries do not carry, reads the whole
period from the cases. The state lists come from the workflow tables (cases/workflows), never
from a list of names kept here.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from math import ceil
from typing import Protocol

import sqlalchemy as sa

from app import clock
from app.clock import start_of_day
from app.extensions import db
from app.models import Case, CaseStageEntry, ReportCaseCount, ReportStageCount, User
from app.models.report_counts import ALL_UNIONS, next_month, whole_months
from app.queries.scope import Viewer, case_scope, staff_scope
from cases.vocabulary import Outcome
from cases.workflows import State, states_for_role, workflows_for_role


class AsksUnion(Protocol):
    """Filters that may name one union (a report's, the queue's)."""

    @property
    def union_id(self) -> int | None: ...


MAX_MONTHS = 120  # a month axis longer than ten years is not a chart any more


@dataclass(frozen=True)
class ReportFilters:
    """The period (filing dates, both ends included) and the union and province a report covers."""

    date_from: date
    date_to: date
    union_id: int | None = None
    province: str | None = None

    @classmethod
    def default(cls, today: date | None = None) -> "ReportFilters":
        """The last twelve months: from the first day of the month eleven months ago to today."""
        today = today or clock.today()
        year, month = divmod(today.year * 12 + today.month - 1 - 11, 12)
        return cls(date(year, month + 1, 1), today)

    def query_args(self) -> dict[str, str]:
        """The filters as query-string arguments (for links and exports)."""
        args = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        if self.union_id:
            args["union"] = str(self.union_id)
        if self.province:
            args["province"] = self.province
        return args


def _period(column, filters: ReportFilters) -> list:
    return [column >= start_of_day(filters.date_from), column < start_of_day(filters.date_to + timedelta(days=1))]


@dataclass(frozen=True)
class Period:
    """A report period split by source: whole months from the summary tables, the rest from the cases."""

    months: list[date]  # the first days of the whole months, in order (empty: everything from the cases)
    rest: list[tuple[datetime, datetime]]  # instants [start, end) read from the cases


def split_period(filters: ReportFilters) -> Period:
    start, end = start_of_day(filters.date_from), start_of_day(filters.date_to + timedelta(days=1))
    months = [] if filters.province else whole_months(filters.date_from, filters.date_to)
    if not months:
        return Period([], [(start, end)])
    first, after = start_of_day(months[0]), start_of_day(next_month(months[-1]))
    return Period(months, [(a, b) for a, b in ((start, first), (after, end)) if a < b])


def in_ranges(column, ranges: list[tuple[datetime, datetime]]) -> sa.ColumnElement[bool]:
    if not ranges:
        return sa.false()
    return sa.or_(*(sa.and_(column >= start, column < end) for start, end in ranges))


def summary_scope(user: User | Viewer, filters: AsksUnion, table, kind=None) -> list:
    """Scope and union as WHERE conditions on a summary table (``kind``: the table's one kind, if it has no column).

    The scope rule is the cases' own (``staff_scope``); the union picks the rows of that union, or
    the rows counting every union together when the user and the filters name none.
    """
    unions = {u for u in (user.union_id, filters.union_id) if u}
    conditions = [staff_scope(user, table.union_id, table.kind if kind is None else sa.literal(kind))]
    if len(unions) > 1:  # a union filter outside the user's own union
        return [*conditions, sa.false()]
    return [*conditions, table.union_id == (unions.pop() if unions else ALL_UNIONS)]


def month_range(table, months: list[date]) -> list:
    return [table.month >= months[0], table.month <= months[-1]]


def scope_conditions(user: User, filters: ReportFilters) -> list:
    """Scope, union and province as WHERE conditions on Case (no period)."""
    conditions = [case_scope(user)]
    if filters.union_id:
        conditions.append(Case.union_id == filters.union_id)
    if filters.province:
        conditions.append(Case.province == filters.province)
    return conditions


def case_conditions(user: User, filters: ReportFilters) -> list:
    """Scope, filing period, union and province as WHERE conditions on Case."""
    return [*scope_conditions(user, filters), *_period(Case.created_at, filters)]


def workflows_for(user: User) -> tuple:
    """The workflows whose cases ``user`` may see (the legal one first)."""
    return workflows_for_role(user.role)


def states_for(user: User) -> list[str]:
    """Every state of the user's workflows in workflow order (the legal one first), once each."""
    return states_for_role(user.role)


def open_states_for(user: User) -> list[str]:
    return [s for s in states_for(user) if any(State(s) in w.open_states for w in workflows_for(user))]


@dataclass
class Overview:
    """The figures of the overview page."""

    total: int
    by_category: list[tuple[str, int]]
    by_stage: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    per_month: list[tuple[date, int]]
    stage_times: list["StageTime"] = field(default_factory=list)
    open_unassigned: int = 0
    membership_pending: int = 0


@dataclass(frozen=True)
class StageTime:
    """Days from filing to the first entry into a state: how many cases got there, median and 90th percentile."""

    state: str
    cases: int
    median: int
    p90: int


def overview(user: User, filters: ReportFilters) -> Overview:
    """Cases filed in the period by category, stage, outcome and month, and the stage times.

    The whole months are one GROUP BY over the summary of case counts; the partial months at
    either end one pass over their cases' index entries, whose month columns are filtered counts
    (a range test per month), and the open cases awaiting membership one count over a partial
    index (the summary does not keep that flag, which the roll import changes in bulk).
    """
    open_states = set(open_states_for(user))
    months = months_between(filters.date_from, filters.date_to)
    index = {m: i for i, m in enumerate(months)}
    period = split_period(filters)
    categories: Counter = Counter()
    stages: Counter = Counter()
    outcomes: Counter = Counter()
    per_month = [0] * len(months)
    unassigned = 0
    if period.months:
        t = ReportCaseCount
        for dimension, month, key, count, no_assignee in db.session.execute(
            sa.select(t.dimension, t.month, t.key, sa.func.sum(t.cases), sa.func.sum(t.unassigned))
            .where(*summary_scope(user, filters, t), *month_range(t, period.months))
            .group_by(t.dimension, t.month, t.key)
        ):
            if dimension == "category":
                categories[key] += count
            elif dimension == "outcome":
                outcomes[key] += count if key else 0
            elif dimension == "status":
                stages[key] += count
                unassigned += no_assignee if key in open_states else 0
                if month in index:
                    per_month[index[month]] += count
    touched = [
        (i, start, end)
        for i, (start, end) in enumerate(_month_bounds(months))
        if any(start < b and a < end for a, b in period.rest)
    ]
    rows = (
        []
        if not period.rest
        else db.session.execute(
            sa.select(
                Case.category,
                Case.status,
                Case.outcome,
                sa.func.count(),
                sa.func.sum(sa.case((Case.assignee_id.is_(None), 1), else_=0)),
                *(
                    sa.func.count().filter(Case.created_at >= start, Case.created_at < end)
                    for _i, start, end in touched
                ),
            )
            .where(*scope_conditions(user, filters), in_ranges(Case.created_at, period.rest))
            .group_by(Case.category, Case.status, Case.outcome)
        ).all()
    )
    for category, status, outcome, count, no_assignee, *in_months in rows:
        categories[category] += count
        stages[status] += count
        if outcome:
            outcomes[outcome] += count
        if status in open_states:
            unassigned += int(no_assignee or 0)
        for (i, _start, _end), n in zip(touched, in_months, strict=True):
            per_month[i] += n
    pending = db.session.scalar(
        sa.select(sa.func.count()).where(
            *case_conditions(user, filters), Case.membership_pending, Case.status.in_(open_states_for(user))
        )
    )
    return Overview(
        total=sum(categories.values()),
        by_category=sorted(((c, n) for c, n in categories.items() if n), key=lambda item: (-item[1], item[0])),
        by_stage=[(s, stages.get(s, 0)) for s in states_for(user)],
        by_outcome=[(o.value, outcomes.get(o.value, 0)) for o in Outcome],
        per_month=list(zip(months, per_month, strict=True)),
        stage_times=stage_times(user, filters),
        open_unassigned=unassigned,
        membership_pending=pending or 0,
    )


def _month_bounds(months: list[date]) -> list[tuple[datetime, datetime]]:
    return [(start_of_day(m), start_of_day(next_month(m))) for m in months]


def months_between(start: date, end: date) -> list[date]:
    """The first day of each month from ``start``'s to ``end``'s (at most MAX_MONTHS, the latest kept)."""
    first = start.year * 12 + start.month - 1
    last = end.year * 12 + end.month - 1
    first = max(first, last - MAX_MONTHS + 1)
    return [date(m // 12, m % 12 + 1, 1) for m in range(first, last + 1)]


def percentile(histogram: list[tuple[int, int]], fraction: float) -> int:
    """The nearest-rank percentile of values given as sorted (value, count) pairs."""
    total = sum(count for _value, count in histogram)
    rank = max(1, ceil(fraction * total))
    seen = 0
    for value, count in histogram:
        seen += count
        if seen >= rank:
            return value
    raise ValueError("empty histogram")


def stage_conditions(user: User, filters: ReportFilters, ranges: list[tuple[datetime, datetime]] | None = None) -> list:
    """Scope, filing period (or only ``ranges`` of it), union and province as WHERE conditions on stage entries."""
    entry = CaseStageEntry
    period = _period(entry.filed_at, filters) if ranges is None else [in_ranges(entry.filed_at, ranges)]
    conditions = [staff_scope(user, entry.union_id, entry.kind), *period]
    if filters.union_id:
        conditions.append(entry.union_id == filters.union_id)
    if filters.province:
        conditions.append(entry.province == filters.province)
    return conditions


def stage_times(user: User, filters: ReportFilters) -> list[StageTime]:
    """Per state reached after filing: cases that reached it, median and 90th percentile of the days it took.

    The database returns a histogram (cases per state and whole day) from the summary of stage
    entries for the whole years and months and from the entries themselves for the rest of the
    period, so the percentiles are exact and the rows are bounded by the states times the days.
    """
    entry = CaseStageEntry
    period = split_period(filters)
    counts: dict[str, Counter] = {}
    statements = [
        sa.select(entry.state, entry.days, sa.func.count())
        .where(*stage_conditions(user, filters, period.rest))
        .group_by(entry.state, entry.days)
    ][: 1 if period.rest else 0]
    if period.months:
        t = ReportStageCount
        years = [y for y in sorted({m.year for m in period.months}) if date(y, 1, 1) in period.months
                 and date(y, 12, 1) in period.months]  # fmt: skip
        rest = [m for m in period.months if m.year not in years]
        grains = [sa.and_(t.grain == "year", t.month.in_([date(y, 1, 1) for y in years]))] if years else []
        grains += [sa.and_(t.grain == "month", t.month.in_(rest))] if rest else []
        statements.append(
            sa.select(t.state, t.days, sa.func.sum(t.cases))
            .where(*summary_scope(user, filters, t), sa.or_(*grains))
            .group_by(t.state, t.days)
        )
    for statement in statements:
        for state, days, count in db.session.execute(statement):
            counts.setdefault(state, Counter())[days] += count
    result = []
    for state in states_for(user):
        histogram = sorted((d, n) for d, n in counts.get(state, Counter()).items() if n)
        if state == State.SUBMITTED or not histogram:
            continue
        result.append(
            StageTime(state, sum(c for _d, c in histogram), percentile(histogram, 0.5), percentile(histogram, 0.9))
        )
    return result
