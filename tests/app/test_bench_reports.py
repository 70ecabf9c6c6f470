"""The reports benchmark's completion step writes data the reports read consistently."""

from collections import Counter
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, CaseStageEntry, User
from app.queries.outcomes import outcomes
from app.queries.reports import ReportFilters, overview
from bench import reports as bench_reports
from bench import seed as seeding


def test_completed_bench_data_gives_consistent_reports(app):
    seeding.seed(db.engine, 300, echo=lambda *_: None)
    bench_reports.complete(db.engine, echo=lambda *_: None)
    db.session.remove()
    admin = db.session.scalar(sa.select(User).where(User.email == "yonetici@bench.test"))
    assert admin.role == "admin" and admin.union_id is None
    statuses = Counter(db.session.scalars(sa.select(Case.status)))
    entries = Counter(db.session.scalars(sa.select(CaseStageEntry.state)))
    assert entries["in_review"] == sum(n for s, n in statuses.items() if s != "submitted")
    assert entries["closed"] == statuses["closed"]
    assert all(days >= 0 for days in db.session.scalars(sa.select(CaseStageEntry.days)))
    everything = ReportFilters(date(2000, 1, 1), date(2100, 1, 1))
    report = overview(admin, everything)
    assert report.total == 300 and dict(report.by_stage) == {s: statuses.get(s, 0) for s, _n in report.by_stage}
    assert {t.state: t.cases for t in report.stage_times} == {s: n for s, n in entries.items() if n}
    decided = db.session.scalar(sa.select(sa.func.count()).where(Case.outcome.is_not(None)))
    assert decided and outcomes(admin, everything).total.total == decided
