"""How cases end: decisions for the member by category, court and year; assistance approved and paid.

``decided_outcomes`` is the one query the outcomes report reads: today it counts the outcome
recorded on the case; when proceedings carry their own outcomes, only it changes.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Case, CaseStageEntry, Proceeding, User
from app.queries.reports import ReportFilters
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


def decided_outcomes(user: User, filters: ReportFilters) -> list[tuple[str, str, int, str, int]]:
    """(category, court or authority, year, outcome, count) of the decisions given in the period.

    Each proceeding's decision counts (a first-instance judgment, an istinaf, a board's answer),
    so a case that was lost at first and won on appeal shows both, each by its own court.
    """
    year = sa.extract("year", Proceeding.decision_date).label("year")
    conditions = [
        case_scope(user),
        Case.kind == CaseKind.LEGAL.value,
        Proceeding.outcome.is_not(None),
        Proceeding.decision_date >= filters.date_from,
        Proceeding.decision_date <= filters.date_to,
    ]
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
    from app.queries.reports import case_conditions

    paid = aliased(CaseStageEntry)
    is_paid = paid.case_id.is_not(None)
    rows = db.session.execute(
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
            *case_conditions(user, filters),
            Case.kind.in_([k.value for k in ASSISTANCE_KINDS]),
            Case.amount_approved.is_not(None),
        )
        .group_by(Case.kind, Case.category)
        .order_by(Case.kind, Case.category)
    )
    return [
        AssistanceRow(kind, category, approved, Decimal(int(cents or 0)).scaleb(-2), int(n_paid or 0),
                      Decimal(int(paid_cents or 0)).scaleb(-2))
        for kind, category, approved, cents, n_paid, paid_cents in rows
    ]  # fmt: skip


def outcomes(user: User, filters: ReportFilters) -> Outcomes:
    """Decisions by category, court and year, and the assistance figures (two statements)."""
    by: dict[str, dict] = {"category": {}, "court": {}, "year": {}}
    total = OutcomeRow("")
    for category, court, year, outcome, count in decided_outcomes(user, filters):
        for name, key in (("category", category), ("court", court), ("year", year)):
            row = by[name].setdefault(key, OutcomeRow(key))
            row.counts[outcome] = row.counts.get(outcome, 0) + count
        total.counts[outcome] = total.counts.get(outcome, 0) + count
    return Outcomes(
        by_category=sorted(by["category"].values(), key=lambda r: (-r.total, r.key)),
        by_court=sorted(by["court"].values(), key=lambda r: (-r.total, str(r.key))),
        by_year=sorted(by["year"].values(), key=lambda r: r.key),
        total=total,
        assistance=assistance(user, filters),
    )
