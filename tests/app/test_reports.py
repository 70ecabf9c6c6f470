"""The report pages: every figure checked against counts made here, independently, on a seeded data set."""

from collections import Counter
from datetime import date, timedelta
from math import ceil

import pytest

from app import clock
from app.clock import start_of_day
from app.queries.outcomes import outcomes
from app.queries.patterns import patterns
from app.queries.reports import ReportFilters, overview
from app.services.workflow import perform_transition
from cases.workflows import ASSISTANCE_WORKFLOW, LEGAL_WORKFLOW
from tests.app import report_data
from tests.factories import MemberFactory, UserFactory, make_case, user_of


@pytest.fixture
def seeded(app):
    return report_data.seed()


def _in(filters: ReportFilters, row) -> bool:
    return (
        start_of_day(filters.date_from) <= row.created_at < start_of_day(filters.date_to + timedelta(days=1))
        and (not filters.union_id or row.union_id == filters.union_id)
        and (not filters.province or row.province == filters.province)
    )


def _nearest_rank(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[max(1, ceil(fraction * len(ordered))) - 1]


def _filters_cases(seeded):
    today = clock.today()
    yield ReportFilters.default(), None
    yield ReportFilters(today - timedelta(days=500), today), None
    yield ReportFilters(today - timedelta(days=200), today - timedelta(days=30), union_id=seeded.union_a.id), None
    yield ReportFilters(today - timedelta(days=500), today, province="İzmir"), None


def test_overview_figures_match_counts_made_from_the_cases(seeded):
    admin = UserFactory(role="admin", union_id=None)
    for filters, _ in _filters_cases(seeded):
        rows = [r for r in seeded.cases if _in(filters, r)]
        report = overview(admin, filters)
        assert report.total == len(rows)
        assert dict(report.by_category) == Counter(r.category for r in rows)
        stages = dict(report.by_stage)
        assert {s: n for s, n in stages.items() if n} == Counter(r.status for r in rows)
        # Every state of both workflows is listed, in workflow order, even at zero.
        assert list(stages) == list(dict.fromkeys([*LEGAL_WORKFLOW.states, *ASSISTANCE_WORKFLOW.states]))
        assert {o: n for o, n in report.by_outcome if n} == Counter(r.outcome for r in rows if r.outcome)
        months = Counter(clock.local(r.created_at).strftime("%Y-%m") for r in rows)
        assert {m.strftime("%Y-%m"): n for m, n in report.per_month if n} == months
        assert report.per_month[0][0] == filters.date_from.replace(day=1)
        assert report.per_month[-1][0] == filters.date_to.replace(day=1)
        times = {t.state: t for t in report.stage_times}
        expected_states = {s for r in rows for s in r.stages}
        assert set(times) == expected_states
        for state in expected_states:
            days = [r.stages[state] for r in rows if state in r.stages]
            assert (times[state].cases, times[state].median, times[state].p90) == (
                len(days),
                _nearest_rank(days, 0.5),
                _nearest_rank(days, 0.9),
            )
        open_states = {"submitted", "in_review", "awaiting_member", "accepted", "objection_filed", "lawsuit_filed",
                       "approved"}  # fmt: skip
        assert report.open_unassigned == sum(1 for r in rows if r.status in open_states and r.assignee_id is None)


def test_a_lawyer_sees_the_legal_figures_of_their_union_only(seeded):
    filters = ReportFilters(clock.today() - timedelta(days=500), clock.today())
    report = overview(seeded.lawyer_a, filters)
    rows = [r for r in seeded.cases if r.union_id == seeded.union_a.id and r.kind == "legal"]
    assert report.total == len(rows)
    assert [s for s, _n in report.by_stage] == [s.value for s in LEGAL_WORKFLOW.states]
    times = {t.state: t.cases for t in report.stage_times}
    assert times == dict(Counter(s for r in rows for s in r.stages))


def test_patterns_rank_places_by_grievances_and_per_member(seeded):
    admin = UserFactory(role="admin", union_id=None)
    filters = ReportFilters(clock.today() - timedelta(days=500), clock.today())
    legal = [r for r in seeded.cases if r.kind == "legal" and _in(filters, r)]
    by_institution = Counter(r.institution_id for r in legal)
    report = patterns(admin, filters, "institution", "count")
    assert [(int(r.key), r.total) for r in report.rows] == sorted(
        by_institution.items(), key=lambda item: (-item[1], str(item[0]))
    )
    for row in report.rows:
        mine = [r for r in legal if r.institution_id == int(row.key)]
        assert row.members == seeded.members_by_institution[int(row.key)]
        assert row.by_category == Counter(r.category for r in mine)
        assert row.by_year == Counter(clock.local(r.created_at).year for r in mine)
        assert row.per_thousand == round(1000 * len(mine) / row.members, 1)
    by_rate = patterns(admin, filters, "institution", "rate")
    rates = [r.total / r.members for r in by_rate.rows]
    assert rates == sorted(rates, reverse=True)
    provinces = patterns(admin, filters, "province")
    assert {r.key: r.total for r in provinces.rows} == Counter(r.province for r in legal)
    respondents = patterns(admin, filters, "respondent")
    assert {r.key: r.total for r in respondents.rows} == Counter(r.respondent_type for r in legal)
    assert all(r.members is None for r in respondents.rows)


def test_outcomes_by_category_court_and_year_and_assistance_amounts(seeded):
    admin = UserFactory(role="admin", union_id=None)
    today = clock.today()
    filters = ReportFilters(today - timedelta(days=500), today)
    report = outcomes(admin, filters)
    decided = [r for r in seeded.cases if r.outcome and filters.date_from <= r.decision_date <= filters.date_to]
    assert report.total.total == len(decided)
    for row in report.by_category:
        assert row.counts == Counter(r.outcome for r in decided if r.category == row.key)
    assert {r.key: r.total for r in report.by_court} == Counter(r.court for r in decided)
    assert {r.key: r.total for r in report.by_year} == Counter(r.decision_date.year for r in decided)
    favourable = sum(1 for r in decided if r.outcome in ("won", "partly_won"))
    assert report.total.favourable_share == round(100 * favourable / len(decided), 1)
    approved = [r for r in seeded.cases if r.amount is not None and _in(filters, r)]
    got = {(a.kind, a.category): a for a in report.assistance}
    assert sum(a.approved for a in got.values()) == len(approved)
    for (kind, category), a in got.items():
        mine = [r for r in approved if (r.kind, r.category) == (kind, category)]
        assert a.approved_amount == sum(r.amount for r in mine)
        paid = [r for r in mine if "paid" in r.stages]
        assert (a.paid, a.paid_amount) == (len(paid), sum((r.amount for r in paid), start=a.paid_amount * 0))


def test_report_pages_show_the_figures_with_charts_and_filters(client, login, seeded):
    admin = UserFactory(role="admin", union_id=seeded.union_a.id)
    login(admin)
    page = client.get("/reports/").get_data(as_text=True)
    assert page.count('<svg class="chart" role="img"') == 5 and page.count("data-table=") == 5
    expected = sum(1 for r in seeded.cases if r.union_id == seeded.union_a.id and _in(ReportFilters.default(), r))
    assert f'data-count="total">{expected}<' in page
    for url in ("/reports/patterns", "/reports/patterns?by=province&rank=rate", "/reports/patterns?by=respondent",
                "/reports/outcomes"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
    patterns_page = client.get("/reports/patterns").get_data(as_text=True)
    assert "/desk/?" in patterns_page and "institution=" in patterns_page  # drill-down into the queue
    refused = client.get("/reports/?date_from=yesterday&date_to=2020-13-40&union=999&province=Mars")
    assert refused.status_code == 200
    text = refused.get_data(as_text=True)
    assert 'data-testid="filter-errors"' in text and "bir tarih değil" in text


def test_a_period_filters_by_the_local_calendar_day(app):
    member = MemberFactory()
    admin = UserFactory(role="admin", union_id=member.union_id)
    case = make_case(member)
    local_day = clock.local(case.created_at).date()
    assert overview(admin, ReportFilters(local_day, local_day)).total == 1
    assert overview(admin, ReportFilters(local_day + timedelta(days=1), local_day + timedelta(days=2))).total == 0
    assert overview(admin, ReportFilters(local_day - timedelta(days=2), local_day - timedelta(days=1))).total == 0


def test_transitions_record_the_first_entry_into_each_stage(app):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    case = make_case(member, category="disciplinary_penalty")
    for name, inputs in [
        ("take", {}),
        ("request_info", {"message": "Belge?"}),
    ]:
        perform_transition(case, name, lawyer, inputs, expected_version=case.version)
    perform_transition(case, "member_answer", user_of(member), {"message": "Ekte."}, expected_version=case.version)
    perform_transition(case, "accept", lawyer, {}, expected_version=case.version)
    today = clock.today()
    report = overview(lawyer, ReportFilters(today - timedelta(days=1), today))
    assert {t.state: (t.cases, t.median) for t in report.stage_times} == {
        "in_review": (1, 0),
        "awaiting_member": (1, 0),
        "accepted": (1, 0),
    }


def test_reports_are_for_staff_only(client, login):
    login(user_of(MemberFactory()))
    for url in ("/reports/", "/reports/patterns", "/reports/outcomes", "/reports/overview.csv"):
        assert client.get(url).status_code == 403


def test_default_period_is_the_last_twelve_months():
    filters = ReportFilters.default(date(2026, 3, 15))
    assert (filters.date_from, filters.date_to) == (date(2025, 4, 1), date(2026, 3, 15))
