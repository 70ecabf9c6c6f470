"""The reports' summary tables stay equal to a recount from the cases, whatever happens to the cases."""

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app import clock
from app.extensions import db
from app.models import (
    CaseStageEntry,
    Proceeding,
    ReportCaseCount,
    ReportDecisionCount,
    ReportPlaceCount,
    ReportStageCount,
)
from app.models.report_counts import ALL_UNIONS, filing_month, rebuild, whole_months
from app.services.workflow import perform_transition
from tests.factories import InstitutionFactory, MemberFactory, UnionFactory, UserFactory, make_case

TABLES = (ReportCaseCount, ReportPlaceCount, ReportDecisionCount, ReportStageCount)


def kept() -> dict[str, set[tuple]]:
    """Every summary row that counts something (rows taken down to zero count nothing)."""
    result = {}
    for model in TABLES:
        table = model.__table__
        measures = [c for c in table.columns if not c.primary_key]
        rows = db.session.execute(sa.select(table).where(sa.or_(*(c != 0 for c in measures))))
        result[table.name] = {tuple(row) for row in rows}
    return result


def recounted() -> dict[str, set[tuple]]:
    """The summary rows as ``rebuild`` counts them from the cases, leaving the kept rows as they were."""
    nested = db.session.begin_nested()
    rebuild(db.session.connection())
    result = kept()
    nested.rollback()
    return result


def counted(measure) -> int:
    """A measure summed over one dimension's rows for all unions: each case or entry counted once."""
    table = measure.table
    conditions = [table.c.union_id == ALL_UNIONS]
    conditions.append(table.c.dimension == "status" if "dimension" in table.c else table.c.grain == "month")
    return db.session.scalar(sa.select(sa.func.sum(measure)).where(*conditions))


def assert_exact() -> None:
    db.session.flush()
    assert kept() == recounted()


def test_filings_and_transitions_through_the_services_keep_the_counts(app):
    union = UnionFactory()
    institution = InstitutionFactory(province="Ankara")
    lawyer = UserFactory(role="lawyer", union_id=union.id)
    members = [MemberFactory(union=union, institution=institution, province="Ankara") for _ in range(3)]
    cases = [make_case(m, category=c) for m in members for c in ("relocation", "harassment")]
    assert_exact()
    assert counted(ReportCaseCount.cases) == 6
    for case in cases[:4]:
        perform_transition(case, "take", lawyer, {}, expected_version=case.version)
    perform_transition(
        cases[0], "request_info", lawyer, {"message": "Tebliğ tarihi?"}, expected_version=cases[0].version
    )
    assert_exact()
    assert counted(ReportCaseCount.unassigned) == 2
    assert counted(ReportStageCount.cases) == 5  # 4 × in_review, 1 awaiting


@pytest.mark.parametrize("seed", range(6))
def test_any_sequence_of_case_changes_keeps_the_counts_equal_to_a_recount(app, seed):
    rng = random.Random(seed)
    unions = [UnionFactory(), UnionFactory()]
    institutions = [InstitutionFactory(province="Ankara"), InstitutionFactory(province="İzmir")]
    members = [MemberFactory(union=u, institution=i, province=i.province) for u in unions for i in institutions]
    lawyers = [UserFactory(role="lawyer", union_id=u.id) for u in unions]
    cases = [
        make_case(rng.choice(members), kind=kind, category=category)
        for kind, category in [("legal", "relocation"), ("legal", "harassment"), ("social", "bereavement"),
                               ("material", "disaster"), ("legal", "arbitrary_treatment")]
    ]  # fmt: skip
    # A moment just before a local midnight at a month's end: the UTC date is still the old month.
    month_end = datetime(2026, 3, 31, 21, 30, tzinfo=UTC)
    assert filing_month(month_end) != filing_month(month_end - timedelta(hours=1))
    changes = {
        "status": lambda c: setattr(c, "status", rng.choice(["submitted", "in_review", "resolved", "closed"])),
        "outcome": lambda c: setattr(c, "outcome", rng.choice([None, "won", "lost", "settled"])),
        "assignee": lambda c: setattr(c, "assignee_id", rng.choice([None, *(u.id for u in lawyers)])),
        "amount": lambda c: setattr(c, "amount_approved", rng.choice([None, Decimal("1250.50"), Decimal("0.07")])),
        "filed": lambda c: setattr(c, "created_at", rng.choice(
            [month_end, month_end - timedelta(hours=1), clock.now() - timedelta(days=rng.randint(0, 400))])),
        "category": lambda c: setattr(c, "category", rng.choice(["relocation", "harassment", "bereavement"])),
        "place": lambda c: setattr(c, "institution_id", rng.choice([None, *(i.id for i in institutions)])),
        "province": lambda c: setattr(c, "province", rng.choice([None, "Ankara", "Iğdır"])),
        "respondent": lambda c: setattr(c, "respondent_type", rng.choice([None, "manager", "coworker"])),
        "union": lambda c: setattr(c, "union_id", rng.choice(unions).id),
        "kind": lambda c: setattr(c, "kind", rng.choice(["legal", "social"])),
    }  # fmt: skip
    for step in range(40):
        case = rng.choice(cases)
        if step % 10 == 9:
            db.session.expire_all()  # a change to an attribute not loaded still knows what it replaced
            case = rng.choice(cases)
        action = rng.choice([*changes, "stage", "unstage", "decide", "redecide"])
        if action == "decide":
            position = 1 + len(db.session.scalars(sa.select(Proceeding.id).where(Proceeding.case_id == case.id)).all())
            db.session.add(Proceeding(case_id=case.id, position=position, kind="first_instance", papers=[],
                                      authority=rng.choice([None, "Ankara 1. İdare Mahkemesi"]),
                                      decision_date=rng.choice([None, clock.today(), date(2026, 3, 31)]),
                                      outcome=rng.choice([None, "won", "lost"])))  # fmt: skip
        elif action == "redecide":
            decision = db.session.scalar(sa.select(Proceeding).where(Proceeding.case_id == case.id).limit(1))
            if decision is not None:
                decision.outcome = rng.choice([None, "won", "settled"])
                decision.decision_date = rng.choice([None, clock.today() - timedelta(days=40)])
                if rng.random() < 0.3:
                    db.session.delete(decision)
        elif action == "stage":
            state = rng.choice(["in_review", "accepted", "paid"])
            if db.session.get(CaseStageEntry, (case.id, state)) is None:
                db.session.add(CaseStageEntry(case_id=case.id, state=state, union_id=case.union_id, kind=case.kind,
                                              province=case.province, filed_at=case.created_at,
                                              entered_at=case.created_at + timedelta(days=3), days=rng.randint(0, 9)))  # fmt: skip
        elif action == "unstage":
            entry = db.session.scalar(sa.select(CaseStageEntry).where(CaseStageEntry.case_id == case.id).limit(1))
            if entry is not None:
                entry.days = rng.randint(0, 9) if rng.random() < 0.5 else entry.days
                if rng.random() < 0.5:
                    db.session.delete(entry)
        else:
            changes[action](case)
        if rng.random() < 0.3:
            db.session.commit()
        elif rng.random() < 0.1:
            db.session.rollback()  # the counts of a flush roll back with its changes
        if step % 8 == 7:
            assert_exact()
    db.session.commit()
    assert_exact()
    assert counted(ReportCaseCount.cases) == len(cases)


def test_whole_months_are_those_inside_the_period():
    assert whole_months(date(2026, 1, 1), date(2026, 3, 31)) == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert whole_months(date(2026, 1, 2), date(2026, 3, 30)) == [date(2026, 2, 1)]
    assert whole_months(date(2026, 1, 2), date(2026, 1, 30)) == []
    assert whole_months(date(2025, 12, 1), date(2026, 1, 31)) == [date(2025, 12, 1), date(2026, 1, 1)]


def test_the_migration_fills_the_member_activity_marks_from_the_timelines(app):
    import importlib.util
    from pathlib import Path

    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from app.models import Case
    from app.services.timeline import append_event
    from tests.factories import user_of

    union = UnionFactory()
    member = MemberFactory(union=union)
    lawyer = UserFactory(role="lawyer", union_id=union.id)
    answered, quiet = make_case(member), make_case(member)
    for kind in ("transition", "attachment", "member_message"):
        append_event(answered, kind, user_of(member), {})
    append_event(quiet, "transition", lawyer, {})  # a lawyer's step is no answer of the member
    db.session.commit()
    kept = {c.id: (c.member_replied_at, c.member_file_at, c.member_message_at) for c in (answered, quiet)}
    assert all(kept[answered.id]) and kept[quiet.id] == (None, None, None)
    db.session.execute(sa.update(Case).values(member_replied_at=None, member_file_at=None, member_message_at=None))
    path = next(Path(app.root_path).parent.glob("migrations/versions/0013_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0013", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with Operations.context(MigrationContext.configure(db.session.connection())):
        migration._mark_member_activity()
    db.session.expire_all()
    assert {c.id: (c.member_replied_at, c.member_file_at, c.member_message_at) for c in (answered, quiet)} == kept


def test_the_summaries_answer_each_staff_user_within_their_scope_only(app):
    from app.queries.outcomes import outcomes
    from app.queries.patterns import patterns
    from app.queries.reports import ReportFilters, overview
    from tests.app import report_data

    seeded = report_data.seed()
    today = clock.today()
    period = dict(date_from=today - timedelta(days=500), date_to=today)
    a, b = seeded.union_a.id, seeded.union_b.id
    users = {
        "confederation lawyer": (UserFactory(role="lawyer", union_id=None), lambda r: r.kind == "legal"),
        "union officer": (UserFactory(role="officer", union_id=a), lambda r: r.kind != "legal" and r.union_id == a),
        "union admin": (UserFactory(role="admin", union_id=a), lambda r: r.union_id == a),
    }
    for name, (user, visible) in users.items():
        rows = [r for r in seeded.cases if visible(r)]
        report = overview(user, ReportFilters(**period))
        assert report.total == len(rows), name
        legal = [r for r in rows if r.kind == "legal"]
        places = patterns(user, ReportFilters(**period), "province")
        assert {p.key: p.total for p in places.rows} == dict(Counter(r.province for r in legal)), name
        decided = [r for r in legal if r.outcome and r.decision_date >= period["date_from"]]
        assert outcomes(user, ReportFilters(**period)).total.total == len(decided), name
    # A union filter outside the user's own union shows nothing, never the other union's figures.
    admin = users["union admin"][0]
    assert overview(admin, ReportFilters(**period, union_id=b)).total == 0
    assert patterns(admin, ReportFilters(**period, union_id=b), "institution").rows == []
    assert outcomes(admin, ReportFilters(**period, union_id=b)).total.total == 0
