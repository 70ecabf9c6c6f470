"""A lawyer keeps a case's deadlines in a real browser: confirm, change with a reason, mark met."""

from datetime import date

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, MemberFactory, UserFactory, make_case


def test_lawyer_confirms_changes_and_meets_a_deadline(live_server, page, db):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id, email="avukat.sure@example.org")
    case = make_case(member, category="disciplinary_penalty", notification_date=date(2026, 3, 12))
    sign_in(page, live_server, lawyer.email, PASSWORD)
    page.goto(f"{live_server}/desk/cases/{case.id}")

    panel = page.get_by_test_id("deadlines-panel")
    objection = panel.locator('[data-rule="disciplinary-objection"]')
    assert objection.get_by_test_id("proposal-due").inner_text() == "19.03.2026"
    assert "13:00" in objection.inner_text()  # the half-day eve warning
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "deadlines-proposed.png"), full_page=True)
    objection.get_by_role("button", name="Bu süreyi onayla").click()
    page.wait_for_url(f"{live_server}/desk/cases/{case.id}#deadlines")
    assert "Süre onaylandı" in page.get_by_role("alert").first.inner_text()

    recorded = page.get_by_test_id("deadline").first
    recorded.get_by_text("Tarihi değiştir").click()
    recorded.get_by_label("Yeni son gün").fill("2026-03-18")
    recorded.get_by_role("button", name="Yeni tarihi kaydet").click()
    # No reason: refused, what was typed is still there.
    assert page.get_by_text("Lütfen tarihi değiştirmenin gerekçesini yazın.").is_visible()
    recorded = page.get_by_test_id("deadline").first
    assert recorded.get_by_label("Yeni son gün").input_value() == "2026-03-18"
    recorded.get_by_label("Değişikliğin gerekçesi").fill("Arife günü öğleden sonra kapalı; bir gün önce verilecek.")
    recorded.get_by_role("button", name="Yeni tarihi kaydet").click()
    recorded = page.get_by_test_id("deadline").first
    assert recorded.get_by_test_id("deadline-due").inner_text() == "18.03.2026"

    recorded.get_by_role("button", name="Yerine getirildi olarak işaretle").click()
    assert page.locator('[data-testid="deadline"][data-status="met"]').count() == 1
    page.screenshot(path=str(ARTIFACTS / "deadlines-met.png"), full_page=True)

    page.get_by_test_id("deadlines-panel").locator('[data-rule="annulment-lawsuit"]').get_by_role(
        "button", name="Bu süreyi onayla"
    ).click()
    page.goto(f"{live_server}/desk/deadlines?scope=union")
    assert page.get_by_test_id("page-heading").inner_text() == "Süreler"
    overdue = page.get_by_test_id("bucket-overdue").get_by_test_id("deadline-row")
    assert overdue.count() == 1 and "11.05.2026" in overdue.inner_text()
    assert "table-danger" in overdue.get_attribute("class")
    page.screenshot(path=str(ARTIFACTS / "deadlines-view.png"), full_page=True)


def test_admin_declares_a_holiday_and_the_proposal_moves(live_server, page, db):
    member = MemberFactory()
    admin = UserFactory(role="admin", union_id=None, email="yonetici.takvim@example.org")
    case = make_case(member, notification_date=date(2026, 7, 3))
    sign_in(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/admin/calendar?year=2026")
    page.get_by_role("link", name="Gün ekle veya düzelt").click()
    page.get_by_role("textbox", name="Gün").fill("2026-09-01")
    page.get_by_label("Günün niteliği").select_option("holiday")
    page.get_by_label("Adı veya gerekçesi").fill("Ek resmî tatil")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_url(f"{live_server}/admin/calendar?year=2026")
    assert "Ek resmî tatil" in page.get_by_test_id("corrections").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-calendar.png"), full_page=True)
    page.goto(f"{live_server}/desk/cases/{case.id}/deadlines")
    proposal = page.locator('[data-rule="annulment-lawsuit"]')
    assert proposal.get_by_test_id("proposal-due").inner_text() == "02.09.2026"
