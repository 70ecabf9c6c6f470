"""How cases end: decisions for the member by category, court and year; assistance approved and paid.

The whole months of a period are read from the summaries of decisions (per decision month) and
of cases (per filing month); the partial months at either end, or the whole period when it is
filtered by province, from the proceedings and the cases (``decided_outcomes``, ``assistance``).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Case, CaseStageEntry, Proceeding, ReportCaseCount, ReportDecisionCount, User
from app.models.report_counts import next_month, whole_months
from app.queries.reports import ReportFilters, in_ranges, month_range, scope_conditions, split_period, summary_scope
from app.queries.scope import case_scope
from cases.vocabulary import ASSISTANCE_KINDS, CaseKind, Outcome

FAVOURABLE = (Outcome.WON.value, Outcome.PARTLY_WON.value)


@dataclass
class OutcomeRow:
    """Decisions for one category, court or year."""

    key: str | int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def favourable_share(self) -> float:
        """Share (0–100) of the decisions that went wholly or partly for the member."""
        return 0.0 if not self.total else round(100 * sum(self.counts.get(o, 0) for o in FAVOURABLE) / self.total, 1)


@dataclass
class AssistanceRow:
    kind: str
    category: str
    approved: int
    approved_amount: Decimal
    paid: int
    paid_amount: Decimal


@dataclass
class Outcomes:
    by_category: list[OutcomeRow]
    by_court: list[OutcomeRow]
    by_year: list[OutcomeRow]
    total: OutcomeRow
    assistance: list[AssistanceRow]


def decided_outcomes(
    user: User, filters: ReportFilters, days: list[tuple[date, date]] | None = None
) -> list[tuple[str, str, int, str, int]]:
    """(category, court or authority, year, outcome, count) of the decisions given in the period (or ``days``).

    Each proceeding's decision counts (a first-instance judgment, an istinaf, a board's answer),
    so a case that was lost at first and won on appeal shows both, each by its own court.
    ``days`` are [first, end) ranges of decision dates that replace the period.
    """
    year = sa.extract("year", Proceeding.decision_date).label("year")
    dates = (
        [Proceeding.decision_date >= filters.date_from, Proceeding.decision_date <= filters.date_to]
        if days is None
        else [in_ranges(Proceeding.decision_date, days)]
    )
    conditions = [case_scope(user), Case.kind == CaseKind.LEGAL.value, Proceeding.outcome.is_not(None), *dates]
    if filters.union_id:
        conditions.append(Case.union_id == filters.union_id)
    if filters.province:
        conditions.append(Case.province == filters.province)
    court = sa.func.coalesce(Proceeding.authority, "").label("court")
    rows = db.session.execute(
        sa.select(Case.category, court, year, Proceeding.outcome, sa.func.count())
        .select_from(Proceeding)
        .join(Case, Case.id == Proceeding.case_id)
        .where(*conditions)
        .group_by(Case.category, court, year, Proceeding.outcome)
    )
    return [(category, court, int(y), outcome, count) for category, court, y, outcome, count in rows]


def _cents(column) -> sa.ColumnElement[int]:
    # Whole cents summed as integers: exact on SQLite too, whose NUMERIC is a float.
    return sa.cast(sa.func.round(column * 100), sa.BigInteger)


def assistance(user: User, filters: ReportFilters) -> list[AssistanceRow]:
    """Assistance requests filed in the period: how many were approved and paid, and for how much."""
    period = split_period(filters)
    kinds = [k.value for k in ASSISTANCE_KINDS]
    totals: dict[tuple[str, str], list[int]] = {}
    statements = []
    if period.months:
        t = ReportCaseCount
        statements.append(
            sa.select(t.kind, t.key, sa.func.sum(t.approved), sa.func.sum(t.approved_cents), sa.func.sum(t.paid),
                      sa.func.sum(t.paid_cents))
            .where(*summary_scope(user, filters, t), *month_range(t, period.months), t.dimension == "category",
                   t.kind.in_(kinds))
            .group_by(t.kind, t.key)
        )  # fmt: skip
    if period.rest:
        paid = aliased(CaseStageEntry)
        is_paid = paid.case_id.is_not(None)
        statements.append(
            sa.select(
                Case.kind,
                Case.category,
                sa.func.count(),
                sa.func.sum(_cents(Case.amount_approved)),
                sa.func.sum(sa.case((is_paid, 1), else_=0)),
                sa.func.sum(sa.case((is_paid, _cents(Case.amount_approved)), else_=0)),
            )
            .outerjoin(paid, sa.and_(paid.case_id == Case.id, paid.state == "paid"))
            .where(
                *scope_conditions(user, filters),
                in_ranges(Case.created_at, period.rest),
                Case.kind.in_(kinds),
                Case.amount_approved.is_not(None),
            )
            .group_by(Case.kind, Case.category)
        )
    for statement in statements:
        for kind, category, *measures in db.session.execute(statement):
            row = totals.setdefault((kind, category), [0, 0, 0, 0])
            for i, m in enumerate(measures):
                row[i] += int(m or 0)
    return [
        AssistanceRow(kind, category, approved, Decimal(cents).scaleb(-2), n_paid, Decimal(paid_cents).scaleb(-2))
        for (kind, category), (approved, cents, n_paid, paid_cents) in sorted(totals.items())
        if approved
    ]


def _decisions(user: User, filters: ReportFilters) -> list[tuple[str, str, int, str, int]]:
    """(dimension, key, year, outcome, count): decisions per category ("category") and per court ("court").

    The summary of decisions serves whole months from its month rows and the partial months from
    its day rows; a province filter, which it does not carry, reads the proceedings instead.
    """
    if filters.province:
        result = []
        for category, court, y, outcome, count in decided_outcomes(user, filters):
            result += [("category", category, y, outcome, count), ("court", court, y, outcome, count)]
        return result
    months = whole_months(filters.date_from, filters.date_to)
    after = filters.date_to + timedelta(days=1)
    days = [(filters.date_from, after)]
    if months:
        days = [(a, b) for a, b in ((filters.date_from, months[0]), (next_month(months[-1]), after)) if a < b]
    t = ReportDecisionCount
    grains = [sa.and_(t.grain == "month", *month_range(t, months))] if months else []
    grains += [sa.and_(t.grain == "day", in_ranges(t.month, days))] if days else []
    year = sa.extract("year", t.month)
    rows = db.session.execute(
        sa.select(t.dimension, t.key, year, t.outcome, sa.func.sum(t.decisions))
        .where(*summary_scope(user, filters, t, CaseKind.LEGAL.value), sa.or_(*grains))
        .group_by(t.dimension, t.key, year, t.outcome)
    )
    return [(dimension, key, int(y), outcome, count) for dimension, key, y, outcome, count in rows]


def outcomes(user: User, filters: ReportFilters) -> Outcomes:
    """Decisions by category, court and year, and the assistance figures (two to four statements)."""
    by: dict[str, dict] = {"category": {}, "court": {}, "year": {}}
    total = OutcomeRow("")
    for dimension, key, year, outcome, count in _decisions(user, filters):
        if not count:
            continue
        keys = ((dimension, key),) if dimension == "court" else (("category", key), ("year", year))
        for name, k in keys:
            row = by[name].setdefault(k, OutcomeRow(k))
            row.counts[outcome] = row.counts.get(outcome, 0) + count
        if dimension == "category":
            total.counts[outcome] = total.counts.get(outcome, 0) + count
    return Outcomes(
        by_category=sorted(by["category"].values(), key=lambda r: (-r.total, r.key)),
        by_court=sorted(by["court"].values(), key=lambda r: (-r.total, str(r.key))),
        by_year=sorted(by["year"].values(), key=lambda r: r.key),
        total=total,
        assistance=assistance(user, filters),
    )
