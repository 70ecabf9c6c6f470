"""What a member chose or typed survives: a file chosen then "Continue", a reply typed then a file added."""

from datetime import timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from app import clock
from app.extensions import db
from app.models import Attachment, CaseEvent, Draft
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, MemberFactory, make_case, user_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHONE = {"width": 390, "height": 844}


def _draft_at_evidence(user) -> Draft:
    today = clock.today()
    answers = {
        "category": "relocation",
        "narrative": "Gerekçe gösterilmeden başka bir okula görevlendirildim.",
        "respondent_type": "manager",
        "respondent_name": "Ali Veli",
        "incident_date": (today - timedelta(days=10)).isoformat(),
        "notification_date": (today - timedelta(days=8)).isoformat(),
        "old_post": "Çankaya İlkokulu",
        "new_post": "Polatlı Lisesi",
        "is_union_representative": "no",
        "request": "Görevlendirmenin iptalini istiyorum.",
    }
    draft = Draft(user_id=user.id, kind="legal", step="evidence", answers=answers)
    db.session.add(draft)
    db.session.commit()
    return draft


def test_a_file_chosen_and_continue_pressed_reaches_the_review(live_server, browser, tmp_path):
    member = MemberFactory()
    draft = _draft_at_evidence(user_of(member))
    photos = []
    for name in ("tebligat-1.pdf", "tebligat-2.pdf"):
        photos.append(tmp_path / name)
        photos[-1].write_bytes(PDF)
    context = browser.new_context(locale="tr-TR", viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server, user_of(member).email, PASSWORD)
        page.wait_for_url(f"{live_server}/portal/")
        page.goto(f"{live_server}/portal/drafts/{draft.id}/evidence")
        page.set_input_files("#file", [str(p) for p in photos])  # two photos at once, as from a phone
        page.get_by_test_id("next").click()  # "Devam et", not "add these files"
        page.wait_for_url(f"{live_server}/portal/drafts/{draft.id}/review")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "portal-files-kept.png"), full_page=True)
        body = page.locator("main").inner_text()
        assert "tebligat-1.pdf" in body and "tebligat-2.pdf" in body and "Dosya yok" not in body
        names = db.session.scalars(sa.select(Attachment.original_name).where(Attachment.draft_id == draft.id)).all()
        assert sorted(names) == ["tebligat-1.pdf", "tebligat-2.pdf"]
    finally:
        context.close()


def test_a_reply_typed_before_adding_a_file_is_sent_with_it(live_server, browser, tmp_path):
    member = MemberFactory()
    case = make_case(member)
    pdf = tmp_path / "tebligat.pdf"
    pdf.write_bytes(PDF)
    context = browser.new_context(locale="tr-TR", viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server, user_of(member).email, PASSWORD)
        page.wait_for_url(f"{live_server}/portal/")
        page.goto(f"{live_server}/portal/cases/{case.reference}")
        page.fill("#message", "Tebligat belgesini ekledim, 3 Kasım'da elime geçti.")
        page.set_input_files("#files", str(pdf))
        expect(page.locator("#message")).to_have_value("Tebligat belgesini ekledim, 3 Kasım'da elime geçti.")
        page.get_by_test_id("send-reply").click()
        expect(page.get_by_test_id("thread")).to_contain_text("3 Kasım'da elime geçti")
        expect(page.get_by_test_id("files")).to_contain_text("tebligat.pdf")
        db.session.expire_all()
        kinds = db.session.scalars(sa.select(CaseEvent.kind).where(CaseEvent.case_id == case.id)).all()
        assert kinds.count("member_message") == 1 and kinds.count("attachment") == 1
    finally:
        context.close()


def test_after_a_refused_step_the_first_error_is_in_view_and_focused(live_server, browser):
    member = MemberFactory()
    context = browser.new_context(locale="tr-TR", viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server, user_of(member).email, PASSWORD)
        page.wait_for_url(f"{live_server}/portal/")
        page.goto(f"{live_server}/portal/new")
        page.get_by_test_id("start-legal").click()
        page.get_by_test_id("next").click()  # nothing chosen, nothing written
        page.wait_for_load_state()
        focused = page.evaluate("document.activeElement.getAttribute('aria-invalid') || document.activeElement.name")
        assert focused in ("true", "category"), focused
        first_error = page.locator('[aria-invalid="true"], .is-invalid').first
        expect(first_error).to_be_in_viewport()
    finally:
        context.close()
