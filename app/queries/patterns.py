"""Where grievances cluster: per institution, province or respondent type, ranked, with the members there.

Grievances are legal cases. Each grouping is an indexed GROUP BY over the scope's cases filed
in the period; the members come from the verified member profiles of the same union(s).
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, Institution, MemberProfile, User
from app.queries.reports import ReportFilters, case_conditions, start_of_day
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


def patterns(user: User, filters: ReportFilters, dimension: str = "institution", ranking: str = "count") -> Patterns:
    """The ``LIMIT`` places (or respondent types) with the most grievances, or the most per member."""
    column = _column(dimension)
    conditions = [*case_conditions(user, filters), Case.kind == CaseKind.LEGAL.value, column.is_not(None)]
    totals = dict(db.session.execute(sa.select(column, sa.func.count()).where(*conditions).group_by(column)).all())
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
    categories: set[str] = set()
    years: set[int] = set()
    if top:
        # One scan for both breakdowns: per category (grouped) and per calendar year (filtered counts,
        # a range test per year rather than a year computed for every case).
        first, last = filters.date_from.year, filters.date_to.year
        span = [(y, start_of_day(date(y, 1, 1)), start_of_day(date(y + 1, 1, 1))) for y in range(first, last + 1)]
        for key, category, count, *per_year in db.session.execute(
            sa.select(
                column,
                Case.category,
                sa.func.count(),
                *(sa.func.count().filter(Case.created_at >= start, Case.created_at < end) for _y, start, end in span),
            )
            .where(*conditions, column.in_(top))
            .group_by(column, Case.category)
        ):
            rows[key].by_category[category] = count
            categories.add(category)
            for (y, _start, _end), n in zip(span, per_year, strict=True):
                if n:
                    rows[key].by_year[y] = rows[key].by_year.get(y, 0) + n
                    years.add(y)
    return Patterns(
        dimension=dimension,
        ranking=ranking,
        rows=[rows[key] for key in top],
        categories=sorted(categories, key=lambda c: -sum(r.by_category.get(c, 0) for r in rows.values())),
        years=sorted(years),
        groups=len(totals),
    )
