"""Where grievances cluster: per institution, province or respondent type, ranked, with the members there.

Grievances are legal cases. Each grouping is a GROUP BY over the summary of legal cases per
month and place (app/models/report_counts.py) for the period's whole months, plus one over the
scope's cases filed in its partial months; the members come from the verified member profiles of
the same union(s).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from app.clock import start_of_day
from app.extensions import db
from app.models import Case, Institution, MemberProfile, ReportPlaceCount, User
from app.models.report_counts import NONE
from app.queries.reports import (
    ReportFilters,
    in_ranges,
    month_range,
    scope_conditions,
    split_period,
    summary_scope,
)
from cases.vocabulary import CaseKind

DIMENSIONS = ("institution", "province", "respondent")
RANKINGS = ("count", "rate")
LIMIT = 50


@dataclass
class PatternRow:
    key: str  # institution id, province name or respondent type
    name: str
    total: int
    members: int | None  # verified members there (None: not a place, e.g. a respondent type)
    by_category: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)

    @property
    def per_thousand(self) -> float | None:
        """Grievances per 1,000 members there."""
        return None if not self.members else round(1000 * self.total / self.members, 1)


@dataclass
class Patterns:
    dimension: str
    ranking: str
    rows: list[PatternRow]
    categories: list[str]
    years: list[int]
    groups: int  # how many institutions (provinces, …) had grievances at all


def _column(dimension: str):
    return {"institution": Case.institution_id, "province": Case.province, "respondent": Case.respondent_type}[
        dimension
    ]


def _members(user: User, filters: ReportFilters, dimension: str, keys: list) -> dict:
    if dimension == "respondent" or not keys:
        return {}
    column = MemberProfile.institution_id if dimension == "institution" else MemberProfile.province
    conditions = [column.in_(keys), MemberProfile.membership_status == "verified"]
    for union_id in (user.union_id, filters.union_id):
        if union_id:
            conditions.append(MemberProfile.union_id == union_id)
    rows = db.session.execute(sa.select(column, sa.func.count()).where(*conditions).group_by(column))
    return {key: count for key, count in rows}


@dataclass
class _Sources:
    """Where a pattern's counts come from: the summary's whole months and the cases of the rest."""

    dimension: str
    summary: list  # WHERE conditions on ReportPlaceCount (empty: no whole months)
    cases: list  # WHERE conditions on Case (empty: no partial months)

    def typed(self, key: str):
        """A summary key (text) as the cases' column holds it."""
        return int(key) if self.dimension == "institution" else key


def _sources(user: User, filters: ReportFilters, dimension: str) -> _Sources:
    period = split_period(filters)
    place, column = ReportPlaceCount, _column(dimension)
    summary = [] if not period.months else [
        place.dimension == dimension, *summary_scope(user, filters, place, CaseKind.LEGAL.value),
        *month_range(place, period.months),
    ]  # fmt: skip
    cases = [] if not period.rest else [
        *scope_conditions(user, filters), in_ranges(Case.created_at, period.rest), Case.kind == CaseKind.LEGAL.value,
        column.is_not(None),
    ]  # fmt: skip
    return _Sources(dimension, summary, cases)


def _totals(sources: _Sources) -> dict:
    place, column = ReportPlaceCount, _column(sources.dimension)
    counted: Counter = Counter()
    if sources.summary:
        statement = (
            sa.select(place.key, sa.func.sum(place.cases))
            .where(*sources.summary, place.category == NONE)
            .group_by(place.key)
        )
        for key, count in db.session.execute(statement):
            counted[sources.typed(key)] += count
    if sources.cases:
        statement = sa.select(column, sa.func.count()).where(*sources.cases).group_by(column)
        counted.update(dict(db.session.execute(statement).all()))
    return {key: n for key, n in counted.items() if n}


def _breakdowns(sources: _Sources, filters: ReportFilters, rows: dict) -> None:
    """Fill each row's grievances per category and per calendar year."""
    place, column = ReportPlaceCount, _column(sources.dimension)
    if sources.summary:
        year = sa.extract("year", place.month)
        for key, category, y, count in db.session.execute(
            sa.select(place.key, place.category, year, sa.func.sum(place.cases))
            .where(*sources.summary, place.key.in_([str(k) for k in rows]), place.category != NONE)
            .group_by(place.key, place.category, year)
        ):
            _add(rows[sources.typed(key)], category, {int(y): count})
    if sources.cases:
        # One scan of the partial months for both breakdowns: per category (grouped) and per calendar
        # year (filtered counts, a range test per year rather than a year computed for every case).
        first, last = filters.date_from.year, filters.date_to.year
        span = [(y, start_of_day(date(y, 1, 1)), start_of_day(date(y + 1, 1, 1))) for y in range(first, last + 1)]
        for key, category, _count, *per_year in db.session.execute(
            sa.select(
                column,
                Case.category,
                sa.func.count(),
                *(sa.func.count().filter(Case.created_at >= start, Case.created_at < end) for _y, start, end in span),
            )
            .where(*sources.cases, column.in_(list(rows)))
            .group_by(column, Case.category)
        ):
            _add(rows[key], category, {y: n for (y, _s, _e), n in zip(span, per_year, strict=True)})


def _add(row: PatternRow, category: str, per_year: dict[int, int]) -> None:
    for year, count in per_year.items():
        if count:
            row.by_category[category] = row.by_category.get(category, 0) + count
            row.by_year[year] = row.by_year.get(year, 0) + count


def patterns(user: User, filters: ReportFilters, dimension: str = "institution", ranking: str = "count") -> Patterns:
    """The ``LIMIT`` places (or respondent types) with the most grievances, or the most per member."""
    sources = _sources(user, filters, dimension)
    totals = _totals(sources)
    members = _members(user, filters, dimension, list(totals)) if ranking == "rate" else {}
    if ranking == "rate" and dimension != "respondent":

        def order(key):
            return (-(totals[key] / members[key]) if members.get(key) else 0, -totals[key], str(key))
    else:

        def order(key):
            return (-totals[key], str(key))

    top = sorted(totals, key=order)[:LIMIT]
    if ranking != "rate":
        members = _members(user, filters, dimension, top)
    names: dict = {}
    if dimension == "institution" and top:
        names = dict(
            db.session.execute(sa.select(Institution.id, Institution.name).where(Institution.id.in_(top))).all()
        )
    rows = {
        key: PatternRow(
            str(key), names.get(key, str(key)), totals[key], members.get(key, 0) if dimension != "respondent" else None
        )
        for key in top
    }
    if rows:
        _breakdowns(sources, filters, rows)
    categories = {c for r in rows.values() for c in r.by_category}
    return Patterns(
        dimension=dimension,
        ranking=ranking,
        rows=[rows[key] for key in top],
        categories=sorted(categories, key=lambda c: -sum(r.by_category.get(c, 0) for r in rows.values())),
        years=sorted({y for r in rows.values() for y in r.by_year}),
        groups=len(totals),
    )
