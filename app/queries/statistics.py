"""The raw counts behind a public statistics page (before suppression): three GROUP BYs."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, Institution, Proceeding, User
from app.queries.reports import ReportFilters, case_conditions
from app.queries.scope import case_scope
from cases.vocabulary import CaseKind


@dataclass
class RawCounts:
    by_category_province: dict[tuple[str, str], int]
    by_category_outcome: dict[tuple[str, str], int]
    institutions: dict[str, tuple[str, int]]  # name -> (province, cases)


def raw_counts(user: User, union_id: int | None, start: date, end: date) -> RawCounts:
    """Cases filed by subject and province, decisions by subject and outcome, cases per institution."""
    filters = ReportFilters(start, end, union_id=union_id)
    conditions = case_conditions(user, filters)
    province = sa.func.coalesce(Case.province, "")
    places = db.session.execute(
        sa.select(Case.category, province, sa.func.count()).where(*conditions).group_by(Case.category, province)
    )
    decided = [
        case_scope(user),
        Case.kind == CaseKind.LEGAL.value,
        Proceeding.outcome.is_not(None),
        Proceeding.decision_date >= start,
        Proceeding.decision_date <= end,
        *([Case.union_id == union_id] if union_id else []),
    ]
    outcomes = db.session.execute(
        sa.select(Case.category, Proceeding.outcome, sa.func.count())
        .select_from(Proceeding)
        .join(Case, Case.id == Proceeding.case_id)
        .where(*decided)
        .group_by(Case.category, Proceeding.outcome)
    )
    institutions = db.session.execute(
        sa.select(Institution.name, Institution.province, sa.func.count())
        .select_from(Case)
        .join(Institution, Institution.id == Case.institution_id)
        .where(*conditions)
        .group_by(Institution.id, Institution.name, Institution.province)
    )
    return RawCounts(
        by_category_province={(c, p): n for c, p, n in places},
        by_category_outcome={(c, o): n for c, o, n in outcomes},
        institutions={name: (p, n) for name, p, n in institutions},
    )
