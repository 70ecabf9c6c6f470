"""A member's whole journey in a real browser: register, file a grievance with a PDF, follow it,
answer the lawyer's question, withdraw. Once on a desktop and once on a 390×844 phone."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app import clock
from app.extensions import db
from app.models import Case
from app.services.workflow import perform_transition
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import InstitutionFactory, UnionFactory, UserFactory, national_id

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_register_file_follow_answer_and_withdraw(app, live_server, browser, tmp_path, device):
    union = UnionFactory(code="EBS", name="Eğitim-Bir-Sen")
    InstitutionFactory(name="Çankaya İlkokulu", province="Ankara")
    lawyer = UserFactory(role="lawyer", union_id=union.id)
    context = browser.new_context(locale="tr-TR", viewport=VIEWPORTS[device])
    context.set_default_timeout(10_000)
    page = context.new_page()
    shots = ARTIFACTS / "portal"
    shots.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        if device == "phone":
            page.screenshot(path=str(shots / f"phone-{name}.png"), full_page=True)

    try:
        # Register.
        page.goto(f"{live_server}/")
        page.get_by_test_id("register").click()
        page.fill("#full_name", "Zeynep Işık")
        page.fill("#national_id", national_id())
        page.select_option("#union_id", label="Eğitim-Bir-Sen")
        page.fill("#membership_number", "4711")
        page.select_option("#province", "Ankara")
        page.fill("#institution_search", "cankaya")
        page.wait_for_function("document.querySelector('#institution_id').options.length > 1")
        page.select_option("#institution_id", label="Çankaya İlkokulu")
        page.fill("#title", "Öğretmen")
        page.fill("#email", f"zeynep.{device}@example.org")
        page.fill("#phone", "0532 123 45 67")
        page.fill("#password", "uzun-bir-parola")
        page.fill("#password_again", "uzun-bir-parola")
        page.check("#notice_read")
        page.check("#special_consent")
        shot("1-register")
        page.get_by_role("button", name="Kayıt ol").click()
        # The same page whether or not the details were already registered; then sign in.
        page.wait_for_url(f"{live_server}/register/sent")
        expect(page.get_by_test_id("registration-sent")).to_be_visible()
        sign_in(page, live_server, f"zeynep.{device}@example.org", "uzun-bir-parola")
        page.wait_for_url(f"{live_server}/portal/")
        expect(page.get_by_test_id("membership-pending")).to_be_visible()

        # File a grievance, step by step, with a PDF.
        page.get_by_role("link", name="Yeni başvuru").first.click()
        page.get_by_test_id("start-legal").click()
        page.check("input[name=category][value=relocation]")
        page.fill("#narrative", "Gerekçe gösterilmeden başka bir ilçedeki okula görevlendirildim.")
        shot("2-what")
        page.get_by_test_id("next").click()
        page.check("input[name=respondent_type][value=manager]")
        page.fill("#respondent_name", "Ali Veli")
        page.get_by_test_id("next").click()
        page.fill("#incident_date", (clock.today() - timedelta(days=10)).isoformat())
        page.fill("#notification_date", (clock.today() - timedelta(days=9)).isoformat())
        shot("3-when")
        page.get_by_test_id("next").click()
        page.fill("#old_post", "Çankaya İlkokulu, Ankara")
        page.fill("#new_post", "Polatlı Lisesi, Ankara")
        page.check("input[name=is_union_representative][value=no]")
        page.get_by_test_id("next").click()
        page.fill("#request", "Görevlendirmenin iptal edilmesini istiyorum.")
        page.get_by_test_id("next").click()
        pdf = tmp_path / "tebligat.pdf"
        pdf.write_bytes(PDF)
        page.set_input_files("#file", str(pdf))
        page.get_by_test_id("upload").click()
        expect(page.get_by_test_id("draft-files")).to_contain_text("tebligat.pdf")
        shot("4-evidence")
        page.get_by_test_id("next").click()
        shot("5-review")
        page.get_by_test_id("submit-case").click()
        reference = page.get_by_test_id("case-reference").inner_text().strip()
        assert reference.startswith("EBS-")
        shot("6-received")

        # See it in "my cases".
        page.get_by_role("link", name="Başvurularım").first.click()
        expect(page.get_by_test_id("my-cases")).to_contain_text(reference)
        shot("7-my-cases")

        # A lawyer asks for information (through the service layer).
        case = db.session.scalar(sa.select(Case).where(Case.reference == reference))
        perform_transition(case, "take", lawyer, {}, expected_version=case.version)
        perform_transition(
            case,
            "request_info",
            lawyer,
            {"message": "Görevlendirme onayının tarihini yazar mısınız?"},
            expected_version=case.version,
        )

        # The member answers; the case goes back to review.
        page.get_by_role("link", name=reference).click()
        expect(page.get_by_test_id("thread")).to_contain_text("Görevlendirme onayının tarihini yazar mısınız?")
        shot("8-question")
        page.fill("#message", "Onay 12.11.2026 tarihli.")
        page.get_by_test_id("send-reply").click()
        expect(page.locator("[data-status=in_review]").first).to_be_visible()
        expect(page.get_by_test_id("thread")).to_contain_text("Onay 12.11.2026 tarihli.")

        # Withdraw, with a confirmation step.
        page.get_by_test_id("withdraw-link").click()
        page.check("#confirm")
        shot("9-withdraw")
        page.get_by_test_id("confirm-withdraw").click()
        expect(page.locator("[data-status=withdrawn]").first).to_be_visible()
        shot("10-withdrawn")
        db.session.expire_all()
        assert db.session.scalar(sa.select(Case.status).where(Case.reference == reference)) == "withdrawn"
    finally:
        context.close()
