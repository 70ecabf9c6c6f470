"""A lawyer works a case from take to close in a real browser; a stale second session is told so."""

import sqlalchemy as sa

from app import clock
from app.extensions import db
from app.models import Case, CaseEvent, Court
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, MemberFactory, UnionFactory, UserFactory, make_case, user_of


def _member_answers(case_id: int, member_user, text: str) -> None:
    """The member's reply, through the service layer (the portal is another area)."""
    from app.services.workflow import perform_transition

    db.session.expire_all()
    case = db.session.get(Case, case_id)
    perform_transition(case, "member_answer", member_user, {"message": text}, expected_version=case.version)


def _act(page, transition: str, button: str, fields: dict | None = None, done: str = "") -> None:
    form = page.get_by_test_id(f"transition-{transition}")
    for label, value in (fields or {}).items():
        control = form.get_by_label(label)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    # The confirmation says what happened, not which button was pressed.
    assert page.get_by_role("alert").first.inner_text().startswith(done), page.content()[:3000]


def test_lawyer_works_a_case_to_the_end_and_a_stale_session_is_refused(live_server, page, browser):
    union = UnionFactory(code="EBS")
    lawyer = UserFactory(role="lawyer", union=union, full_name="Av. Deniz Kaya")
    member = MemberFactory(union=union, user__full_name="Ayşe Yılmaz")
    case = make_case(member)
    db.session.add(Court(name="Ankara 3. İdare Mahkemesi", province="Ankara"))
    db.session.commit()
    case_url = f"{live_server}/desk/cases/{case.id}"

    sign_in(page, live_server, lawyer.email, PASSWORD)
    page.wait_for_url(f"{live_server}/desk/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-queue.png"), full_page=True)
    page.get_by_role("link", name=case.reference).click()
    page.wait_for_url(case_url)

    _act(page, "take", "Dosyayı üstlen", done="Dosyayı üstlendiniz.")
    assert page.get_by_test_id("assignee").inner_text() == "Av. Deniz Kaya"
    _act(
        page,
        "request_info",
        "Bilgi iste",
        {"Üyeye mesaj": "Tebliğ belgesini yükler misiniz?"},
        done="Üyeden bilgi istendi",
    )
    _member_answers(case.id, user_of(member), "Belgeyi yükledim, tebliğ 3 Kasım'da yapıldı.")
    page.goto(case_url)
    thread = page.get_by_test_id("thread").inner_text()
    assert thread.index("Tebliğ belgesini") < thread.index("Belgeyi yükledim")
    _act(page, "accept", "Dosyayı kabul et", done="Dosya kabul edildi.")
    today = clock.today().isoformat()
    _act(
        page,
        "file_lawsuit",
        "Davayı kaydet",
        {"Mahkeme": "Ankara 3. İdare Mahkemesi", "Dosya numarası": "2026/1234 E.", "Davanın açıldığı tarih": today},
        done="Dava kaydedildi.",
    )
    assert page.get_by_test_id("court").inner_text() == "Ankara 3. İdare Mahkemesi"
    _act(
        page,
        "record_decision",
        "Kararı kaydet",
        {"Sonuç": "won", "Kararın verildiği tarih": today},
        done="Karar kaydedildi.",
    )

    # A second session opens the case before it is closed, and acts after.
    other = browser.new_context(locale="tr-TR", viewport={"width": 1280, "height": 900})
    stale = other.new_page()
    sign_in(stale, live_server, lawyer.email, PASSWORD)
    stale.wait_for_url(f"{live_server}/desk/")
    stale.goto(case_url)

    _act(page, "close", "Kapat", done="Dosya kapatıldı.")
    titles = page.get_by_test_id("timeline").get_by_test_id("event-title").all_inner_texts()
    assert titles == [
        "Başvuru yapıldı",
        "Dosya üstlenildi",
        "Üyeden bilgi istendi",
        "Üye yanıtladı",
        "Dosya kabul edildi",
        "Dava kaydedildi",
        "Karar kaydedildi",
        "Dosya kapatıldı",
    ]
    assert page.get_by_test_id("case-status").locator("[data-status]").get_attribute("data-status") == "closed"
    page.screenshot(path=str(ARTIFACTS / "desk-case-closed.png"), full_page=True)

    # The stale page still offers "Kapat": acting on it is refused, and the page shows the case now.
    stale.get_by_test_id("transition-close").get_by_role("button", name="Kapat").click()
    stale.wait_for_load_state()
    warning = stale.get_by_role("alert").first.inner_text()
    assert "başka biri tarafından değiştirildi" in warning
    assert stale.get_by_test_id("case-status").locator("[data-status]").get_attribute("data-status") == "closed"
    assert stale.get_by_test_id("transition-close").count() == 0
    assert stale.get_by_test_id("transition-reopen").count() == 1
    stale.screenshot(path=str(ARTIFACTS / "desk-stale.png"), full_page=True)
    other.close()
    db.session.expire_all()
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    closes = [e for e in events if e.payload.get("transition") == "close"]
    assert len(closes) == 1 and len(events) == 8  # only the first session's close was recorded
