"""An officer approves "10.000" in a real browser: ten thousand lira, echoed back and confirmed."""

from app import clock
from app.extensions import db
from app.models import Case
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, MemberFactory, UnionFactory, UserFactory, make_case


def test_officer_approves_ten_thousand_written_the_turkish_way_after_confirming_it(live_server, page):
    union = UnionFactory(code="EBS")
    officer = UserFactory(role="officer", union=union, full_name="Selin Aksoy")
    case = make_case(MemberFactory(union=union), kind="material", category="disaster", narrative="Sel baskını")
    case_url = f"{live_server}/desk/cases/{case.id}"
    sign_in(page, live_server, officer.email, PASSWORD)
    page.wait_for_url(f"{live_server}/desk/")
    page.goto(case_url)
    page.get_by_test_id("transition-take").get_by_role("button").click()
    page.wait_for_load_state()

    approve = page.get_by_test_id("transition-approve")
    approve.get_by_label("Tutar (TL)").fill("10.000")
    approve.get_by_role("button", name="Onayla").click()
    page.wait_for_load_state()
    echo = page.get_by_test_id("confirm-amount")
    assert "10.000,00 TL" in echo.inner_text()
    confirm = page.get_by_test_id("confirm-amount-button")
    assert confirm.evaluate("e => e === document.activeElement")
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "in_review"  # nothing approved yet
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-confirm-amount.png"), full_page=True)
    confirm.click()
    page.wait_for_load_state()

    db.session.expire_all()
    stored = db.session.get(Case, case.id)
    assert (stored.status, str(stored.amount_approved)) == ("approved", "10000.00")
    assert "10.000,00 TL" in page.get_by_test_id("case-facts").inner_text()

    paid = page.get_by_test_id("transition-mark_paid")
    paid.get_by_label("Yardımın ödendiği tarih").fill(clock.today().isoformat())
    paid.get_by_role("button").click()
    page.wait_for_load_state()
    assert "10.000,00 TL" in page.get_by_test_id("confirm-amount").inner_text()
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "approved"
    page.get_by_test_id("confirm-amount-button").click()
    page.wait_for_load_state()
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "paid"
