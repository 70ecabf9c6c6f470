from app.services.workflow import perform_transition
from tests.factories import MemberFactory, UserFactory, make_case, user_of


def test_report_counts_cases_in_the_admins_scope_only(client, login, db):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    for _ in range(3):
        make_case(member)
    decided = make_case(member, category="disciplinary_penalty")
    for name, inputs in [
        ("take", {}),
        ("accept", {}),
        ("file_lawsuit", {"court": "Ankara 1. İdare Mahkemesi", "file_number": "2026/1", "filing_date": "2026-01-05"}),
        ("record_decision", {"outcome": "won", "decision_date": "2026-03-01"}),
    ]:
        perform_transition(decided, name, lawyer, inputs, expected_version=decided.version)
    make_case(member, kind="social", category="bereavement")
    outsider = MemberFactory()
    make_case(outsider)

    union_admin = UserFactory(role="admin", union_id=member.union_id)
    login(union_admin)
    page = client.get("/reports/").get_data(as_text=True)
    assert 'data-count="total">5<' in page  # the other union's case is not counted
    assert 'data-count="unassigned">4<' in page
    assert "Kazanıldı" in page and "Disiplin cezası" in page and "Sendikaya ve duruma göre dosyalar" in page


def test_reports_are_for_admins_only(client, login):
    login(user_of(MemberFactory()))
    assert client.get("/reports/").status_code == 403


def test_report_columns_are_the_states_present_in_the_workflows_order(db, app):
    from app.queries.reports import case_report

    member = MemberFactory()
    officer = UserFactory(role="officer", union_id=member.union_id)
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    approved = make_case(member, kind="social", category="bereavement")
    for name in ("take", "approve"):
        perform_transition(
            approved, name, officer, {"amount": "1000"} if name == "approve" else {}, expected_version=approved.version
        )
    make_case(member)
    taken = make_case(member)
    perform_transition(taken, "take", lawyer, {}, expected_version=taken.version)
    admin = UserFactory(role="admin", union_id=member.union_id)

    report = case_report(admin)

    assert report.statuses == ["submitted", "in_review", "approved"]
    assert report.open_unassigned == 1  # approved and in review have their officer and lawyer
