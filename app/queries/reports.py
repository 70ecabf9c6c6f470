"""Aggregates for the reports page: each one indexed GROUP BY, scoped like every case read."""

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, Union, User
from app.queries.scope import case_scope
from cases.workflows import OPEN_STATES, State


@dataclass(frozen=True)
class CaseReport:
    by_union_and_status: dict[str, dict[str, int]]
    statuses: list[str]
    by_category: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    opened_per_month: list[tuple[str, int]]
    open_unassigned: int
    membership_pending: int
    total: int


# Stored values of the states in which work on a case goes on, as the workflows define them.
_OPEN = sorted(state.value for state in OPEN_STATES)


def case_report(user: User, *, months: int = 12) -> CaseReport:
    scope = case_scope(user)
    union_rows = db.session.execute(
        sa.select(Union.code, Case.status, sa.func.count(Case.id))
        .join(Union, Union.id == Case.union_id)
        .where(scope)
        .group_by(Union.code, Case.status)
    ).all()
    table: dict[str, dict[str, int]] = {}
    statuses: set[str] = set()
    for code, status, count in union_rows:
        table.setdefault(code, {})[status] = count
        statuses.add(status)
    by_category = db.session.execute(
        sa.select(Case.category, sa.func.count(Case.id))
        .where(scope)
        .group_by(Case.category)
        .order_by(sa.func.count(Case.id).desc())
    ).all()
    outcomes = db.session.execute(
        sa.select(Case.outcome, sa.func.count(Case.id)).where(scope, Case.outcome.is_not(None)).group_by(Case.outcome)
    ).all()
    now = datetime.now(UTC)
    start_year, start_month = divmod(now.year * 12 + now.month - 1 - (months - 1), 12)
    start = datetime(start_year, start_month + 1, 1, tzinfo=UTC)
    year, month = sa.extract("year", Case.created_at), sa.extract("month", Case.created_at)
    per_month = db.session.execute(
        sa.select(year, month, sa.func.count(Case.id)).where(scope, Case.created_at >= start).group_by(year, month)
    ).all()
    counts = {(int(y), int(m)): c for y, m, c in per_month}
    opened = []
    for offset in range(months):
        y, m = divmod(start_year * 12 + start_month + offset, 12)
        opened.append((f"{m + 1:02d}.{y}", counts.get((y, m + 1), 0)))
    open_unassigned = db.session.scalar(
        sa.select(sa.func.count(Case.id)).where(scope, Case.status.in_(_OPEN), Case.assignee_id.is_(None))
    )
    pending = db.session.scalar(
        sa.select(sa.func.count(Case.id)).where(scope, Case.membership_pending.is_(True), Case.status.in_(_OPEN))
    )
    return CaseReport(
        by_union_and_status=dict(sorted(table.items())),
        statuses=[state.value for state in State if state.value in statuses],  # in the workflows' order
        by_category=[(c, n) for c, n in by_category],
        outcomes=[(o, n) for o, n in outcomes],
        opened_per_month=opened,
        open_unassigned=open_unassigned or 0,
        membership_pending=pending or 0,
        total=sum(sum(row.values()) for row in table.values()),
    )
