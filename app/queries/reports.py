"""Aggregates for the reports: every figure an indexed GROUP BY in the database, scoped like every case read.

Nothing here loads cases into Python: each function returns at most a few hundred grouped rows
whatever the number of cases. The state lists come from the workflow tables (cases/workflows),
never from a list of names kept here.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from math import ceil

import sqlalchemy as sa

from app import clock
from app.extensions import db
from app.models import Case, CaseStageEntry, User
from app.queries.scope import case_scope, staff_scope
from cases.vocabulary import Outcome
from cases.workflows import State, states_for_role, workflows_for_role

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


def start_of_day(day: date) -> datetime:
    """Midnight of ``day`` in the installation's zone, as a UTC instant."""
    return datetime.combine(day, time.min, tzinfo=clock.zone()).astimezone(UTC)


def _period(column, filters: ReportFilters) -> list:
    return [column >= start_of_day(filters.date_from), column < start_of_day(filters.date_to + timedelta(days=1))]


def case_conditions(user: User, filters: ReportFilters) -> list:
    """Scope, filing period, union and province as WHERE conditions on Case."""
    conditions = [case_scope(user), *_period(Case.created_at, filters)]
    if filters.union_id:
        conditions.append(Case.union_id == filters.union_id)
    if filters.province:
        conditions.append(Case.province == filters.province)
    return conditions


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
    """Cases filed in the period by category, stage, outcome and month, and the stage times (two statements).

    One pass over the period's index entries gives every count of the cases table: the month
    columns are filtered counts (a range test per month) rather than a computed month per row,
    so the scan is read once and nothing is evaluated per case but comparisons.
    """
    conditions = case_conditions(user, filters)
    open_states = open_states_for(user)
    months = months_between(filters.date_from, filters.date_to)
    bounds = [start_of_day(m) for m in months] + [start_of_day(_next_month(months[-1]))]
    rows = db.session.execute(
        sa.select(
            Case.category,
            Case.status,
            Case.outcome,
            sa.func.count(),
            sa.func.sum(sa.case((sa.and_(Case.status.in_(open_states), Case.assignee_id.is_(None)), 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(Case.status.in_(open_states), Case.membership_pending), 1), else_=0)),
            *(
                sa.func.count().filter(Case.created_at >= start, Case.created_at < end)
                for start, end in zip(bounds, bounds[1:], strict=False)
            ),
        )
        .where(*conditions)
        .group_by(Case.category, Case.status, Case.outcome)
    ).all()
    categories: dict[str, int] = {}
    stages: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    per_month = [0] * len(months)
    unassigned = pending = 0
    for category, status, outcome, count, no_assignee, membership, *in_months in rows:
        categories[category] = categories.get(category, 0) + count
        stages[status] = stages.get(status, 0) + count
        if outcome:
            outcomes[outcome] = outcomes.get(outcome, 0) + count
        unassigned += int(no_assignee or 0)
        pending += int(membership or 0)
        per_month = [a + b for a, b in zip(per_month, in_months, strict=True)]
    return Overview(
        total=sum(categories.values()),
        by_category=sorted(categories.items(), key=lambda item: (-item[1], item[0])),
        by_stage=[(s, stages.get(s, 0)) for s in states_for(user)],
        by_outcome=[(o.value, outcomes.get(o.value, 0)) for o in Outcome],
        per_month=list(zip(months, per_month, strict=True)),
        stage_times=stage_times(user, filters),
        open_unassigned=unassigned,
        membership_pending=pending,
    )


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


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


def stage_conditions(user: User, filters: ReportFilters) -> list:
    entry = CaseStageEntry
    conditions = [staff_scope(user, entry.union_id, entry.kind), *_period(entry.filed_at, filters)]
    if filters.union_id:
        conditions.append(entry.union_id == filters.union_id)
    if filters.province:
        conditions.append(entry.province == filters.province)
    return conditions


def stage_times(user: User, filters: ReportFilters) -> list[StageTime]:
    """Per state reached after filing: cases that reached it, median and 90th percentile of the days it took.

    The database returns a histogram (cases per state and whole day), so the percentiles are
    exact and the rows it sends are bounded by the states times the days, not by the cases.
    """
    entry = CaseStageEntry
    rows = db.session.execute(
        sa.select(entry.state, entry.days, sa.func.count())
        .where(*stage_conditions(user, filters))
        .group_by(entry.state, entry.days)
        .order_by(entry.state, entry.days)
    ).all()
    histograms: dict[str, list[tuple[int, int]]] = {}
    for state, days, count in rows:
        histograms.setdefault(state, []).append((days, count))
    result = []
    for state in states_for(user):
        histogram = histograms.get(state)
        if state == State.SUBMITTED or not histogram:
            continue
        result.append(
            StageTime(state, sum(c for _d, c in histogram), percentile(histogram, 0.5), percentile(histogram, 0.9))
        )
    return result
