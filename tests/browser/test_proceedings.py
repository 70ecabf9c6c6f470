"""A lawyer records a first-instance decision in a real browser and keeps the istinaf period it starts."""

from datetime import date

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, MemberFactory, UserFactory, make_case


def test_lawyer_records_a_decision_and_confirms_the_istinaf_deadline(live_server, page, db):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id, email="avukat.istinaf@example.org")
    case = make_case(member, category="relocation", notification_date=date(2026, 6, 10))
    sign_in(page, live_server, lawyer.email, PASSWORD)
    page.goto(f"{live_server}/desk/cases/{case.id}")

    panel = page.get_by_test_id("proceedings-panel")
    panel.get_by_text("Yeni aşama kaydet").click()
    form = panel.get_by_test_id("proceeding-form")
    form.get_by_label("Aşama").select_option("first_instance")
    form.get_by_label("Mahkeme veya merci").fill("Ankara 3. İdare Mahkemesi")
    form.get_by_label("Esas no").fill("2026/812")
    form.get_by_label("Dava/başvuru tarihi").fill("2026-07-01")
    form.get_by_role("button", name="Aşamayı kaydet").click()
    page.wait_for_url(f"{live_server}/desk/cases/{case.id}#proceedings")
    proceeding = page.get_by_test_id("proceeding").first
    assert "Ankara 3. İdare Mahkemesi" in proceeding.inner_text()

    # Decision notified 02.12.2026: +29 = 31.12, +1 = 01.01.2027 Fri (New Year) → Sat, Sun → Mon 04.01.2027.
    proceeding.get_by_test_id("decision-toggle").click()
    decision = proceeding.get_by_test_id("decision-form")
    decision.get_by_label("Karar tarihi").fill("2026-11-20")
    decision.get_by_label("Kararın tebliğ tarihi").fill("2026-12-02")
    decision.get_by_role("button", name="Kararı kaydet").click()
    page.wait_for_url(f"{live_server}/desk/cases/{case.id}#proceedings")

    istinaf = page.get_by_test_id("deadlines-panel").locator('[data-rule="istinaf"]')
    assert istinaf.get_by_test_id("proposal-due").inner_text() == "04.01.2027"
    assert "Ankara 3. İdare Mahkemesi" in istinaf.get_by_test_id("proposal-proceeding").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "proceedings-istinaf-proposed.png"), full_page=True)

    # Unconfirmed, it already shows in the queue, marked as awaiting confirmation.
    page.goto(f"{live_server}/desk/")
    row = page.locator("tr", has_text=case.reference)
    assert "04.01.2027" in row.inner_text() and row.get_by_test_id("awaiting-confirmation").count() == 1

    page.goto(f"{live_server}/desk/cases/{case.id}")
    page.get_by_test_id("deadlines-panel").locator('[data-rule="istinaf"]').get_by_role(
        "button", name="Bu süreyi onayla"
    ).click()
    page.wait_for_url(f"{live_server}/desk/cases/{case.id}#deadlines")
    recorded = page.get_by_test_id("deadline").first
    assert recorded.get_by_test_id("deadline-due").inner_text() == "04.01.2027"

    page.goto(f"{live_server}/desk/")
    row = page.locator("tr", has_text=case.reference)
    assert "04.01.2027" in row.inner_text() and row.get_by_test_id("awaiting-confirmation").count() == 0
    page.screenshot(path=str(ARTIFACTS / "proceedings-queue.png"), full_page=True)
