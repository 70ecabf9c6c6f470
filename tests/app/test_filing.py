"""Guided filing: steps from the domain's data, a server-side draft, evidence, one-transaction submit."""

import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app import clock
from app.models import Attachment, Case, CaseEvent, Draft, OutboxMessage
from tests.factories import PASSWORD, MemberFactory, UserFactory, user_of
from tests.helpers import csrf_token_from

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = clock.today()

LEGAL_ANSWERS = {
    "what": {"category": "relocation", "narrative": "Gerekçe gösterilmeden başka bir okula görevlendirildim."},
    "who": {"respondent_type": "manager", "respondent_name": "Ali Veli", "respondent_title": "Okul müdürü"},
    "when": {
        "incident_date": (TODAY - timedelta(days=10)).isoformat(),
        "notification_date": (TODAY - timedelta(days=8)).strftime("%d.%m.%Y"),
    },
    "details": {"old_post": "Çankaya İlkokulu", "new_post": "Polatlı Lisesi", "is_union_representative": "yes"},
    "request": {"request": "Görevlendirmenin iptali için dava açılmasını istiyorum."},
}


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def signed_in(client, login, member):
    login(user_of(member))
    return member


def start(client, kind="legal") -> str:
    token = csrf_token_from(client.get("/portal/new"))
    response = client.post(f"/portal/new/{kind}", data={"csrf_token": token})
    assert response.status_code == 302
    return response.headers["Location"]


def saved_at_from(page) -> str:
    match = re.search(r'name="saved_at" type="hidden" value="([^"]*)"', page.get_data(as_text=True))
    assert match, "the step form carries the draft's version"
    return match.group(1)


def post_step(client, url, answers, action="next"):
    page = client.get(url)
    data = {**answers, "action": action, "csrf_token": csrf_token_from(page), "saved_at": saved_at_from(page)}
    return client.post(url, data=data)


def walk(client, answers=LEGAL_ANSWERS, kind="legal") -> str:
    """Fill every question step; return the URL of the evidence step."""
    url = start(client, kind)
    for number, (step, values) in enumerate(answers.items()):
        assert url.endswith("/start" if number == 0 else f"/{step}"), url
        response = post_step(client, url, values)
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
        url = response.headers["Location"]
    return url


def upload(client, evidence_url, content=PDF, name="karar.pdf"):
    draft_id = evidence_url.split("/drafts/")[1].split("/")[0]
    token = csrf_token_from(client.get(evidence_url))
    return client.post(
        f"/portal/drafts/{draft_id}/files",
        data={"file": (io.BytesIO(content), name), "description": "", "csrf_token": token},
        content_type="multipart/form-data",
    )


def submit(client, evidence_url):
    draft_id = evidence_url.split("/drafts/")[1].split("/")[0]
    review = client.get(f"/portal/drafts/{draft_id}/review")
    token = csrf_token_from(review)
    return client.post(f"/portal/drafts/{draft_id}/submit", data={"csrf_token": token})


def test_a_grievance_is_filed_step_by_step_with_a_pdf(client, db, signed_in):
    evidence = walk(client)
    assert evidence.endswith("/evidence")
    assert upload(client, evidence).status_code == 302
    review = client.get(evidence.replace("/evidence", "/review")).get_data(as_text=True)
    assert "Polatlı Lisesi" in review and "karar.pdf" in review and "Evet" in review
    response = submit(client, evidence)
    assert response.status_code == 302 and "/received" in response.headers["Location"]
    case = db.session.scalar(sa.select(Case))
    assert case.category == "relocation" and case.kind == "legal" and case.respondent_type == "manager"
    assert case.details["old_post"] == "Çankaya İlkokulu" and case.details["is_union_representative"] == "yes"
    assert case.notification_date == TODAY - timedelta(days=8)
    assert case.priority == "high"  # a union representative relocated
    assert case.membership_pending is False
    attachment = db.session.scalar(sa.select(Attachment))
    assert attachment.case_id == case.id and attachment.draft_id is None
    assert db.session.scalar(sa.select(sa.func.count(Draft.id))) == 0
    kinds = db.session.scalars(sa.select(CaseEvent.kind).order_by(CaseEvent.sequence)).all()
    assert kinds == ["submitted", "attachment"]
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.kind == "case_received"))
    assert mail.case_id == case.id and case.reference in mail.subject
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert case.reference in page and "Bundan sonra ne olacak" in page


def first_save(client, answers, action="next") -> str:
    """Open a new legal application and save its first step; return the draft's first-step URL."""
    response = post_step(client, start(client), answers, action=action)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    draft_id = response.headers["Location"].split("/drafts/")[1].split("/")[0] if action == "next" else None
    if draft_id is None:
        from app.extensions import db

        draft_id = db.session.scalar(sa.select(sa.func.max(Draft.id)))
    return f"/portal/drafts/{draft_id}/what"


def test_the_questions_follow_the_category(client, signed_in):
    url = first_save(
        client,
        {"category": "disciplinary_penalty", "narrative": "Hakkımda haksız bir ceza verildi, itiraz etmek istiyorum."},
    )
    details = client.get(url.replace("/what", "/details")).get_data(as_text=True)
    assert 'name="penalty"' in details and 'name="objection_made"' in details
    assert 'name="old_post"' not in details
    post_step(
        client, url, {"category": "relocation", "narrative": "Başka bir ile görevlendirildim, ailemden ayrı kaldım."}
    )
    details = client.get(url.replace("/what", "/details")).get_data(as_text=True)
    assert 'name="old_post"' in details and 'name="penalty"' not in details


def test_each_step_validates_in_turkish_and_keeps_what_was_typed(client, db, signed_in):
    url = start(client)
    response = post_step(client, url, {"category": "", "narrative": "Kısa <b>"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'data-testid="error-category"' in page and 'data-testid="error-narrative"' in page
    assert "Kısa &lt;b&gt;</textarea>" in page
    # The draft kept it too: closing the browser loses nothing.
    draft = db.session.scalar(sa.select(Draft))
    assert draft.answers["narrative"] == "Kısa <b>"


def test_a_draft_survives_a_new_session(app, client, db, signed_in, login):
    url = first_save(
        client, {"category": "harassment", "narrative": "Müdürüm her gün herkesin önünde bana bağırıyor."}, "save"
    )
    other = app.test_client()
    token = csrf_token_from(other.get("/login"))
    other.post(
        "/login", data={"email": user_of(signed_in).email, "password": "correct horse battery", "csrf_token": token}
    )
    home = other.get("/portal/").get_data(as_text=True)
    draft = db.session.scalar(sa.select(Draft))
    assert f"/portal/drafts/{draft.id}" in home
    page = other.get(url).get_data(as_text=True)
    assert "Müdürüm her gün herkesin önünde bana bağırıyor." in page


def test_an_executable_renamed_pdf_is_refused_with_a_clear_message(client, db, signed_in):
    evidence = walk(client)
    response = upload(client, evidence, content=b"MZ\x90\x00" + b"\x00" * 200, name="karar.pdf")
    assert response.status_code == 400
    assert "PDF dosyası gibi adlandırılmış, ama içeriği PDF değil" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_a_failed_submit_leaves_no_half_written_case(client, db, signed_in, monkeypatch):
    evidence = walk(client)
    upload(client, evidence)

    def broken(case):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr("app.services.outbox.notify_case_received", broken)
    with pytest.raises(RuntimeError):
        submit(client, evidence)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(CaseEvent.id))) == 0
    assert db.session.scalar(sa.select(Attachment.draft_id)) is not None
    assert db.session.scalar(sa.select(sa.func.count(Draft.id))) == 1


def test_submitting_incomplete_answers_sends_back_to_the_step(client, db, signed_in):
    url = first_save(client, {"category": "harassment", "narrative": ""}, "save")
    draft_id = url.split("/drafts/")[1].split("/")[0]
    token = csrf_token_from(client.get(f"/portal/drafts/{draft_id}/review"))
    response = client.post(f"/portal/drafts/{draft_id}/submit", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/what")
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0


def test_a_pending_member_can_file_and_the_case_is_marked(client, db, login):
    member = MemberFactory(membership_status="pending")
    login(user_of(member))
    evidence = walk(client)
    submit(client, evidence)
    assert db.session.scalar(sa.select(Case.membership_pending)) is True


def test_an_assistance_request_has_its_own_short_form(client, db, signed_in):
    answers = {
        "what": {"category": "bereavement", "narrative": "Babamı kaybettim, destek istiyorum."},
        "details": {"event_date": (TODAY - timedelta(days=3)).isoformat(), "affected_person": "parent"},
        "request": {"help_kind": "material", "amount": "5.000,00", "iban": "", "request": ""},
    }
    evidence = walk(client, answers, kind="assistance")
    assert submit(client, evidence).status_code == 302
    case = db.session.scalar(sa.select(Case))
    assert case.kind == "material" and case.category == "bereavement"
    assert str(case.amount_requested) == "5000.00" and case.priority == "high"


def test_another_members_draft_is_not_found(client, db, signed_in):
    other = MemberFactory()
    draft = Draft(user_id=other.user_id, kind="legal", step="what", answers={"narrative": "gizli"})
    db.session.add(draft)
    db.session.commit()
    assert client.get(f"/portal/drafts/{draft.id}/what").status_code == 404
    assert client.get(f"/portal/drafts/{draft.id}").status_code == 404


def test_a_step_saved_from_another_window_meanwhile_is_not_overwritten(client, db, signed_in):
    url = first_save(client, {"category": "other", "narrative": "İlk kayıt, sonra iki pencerede düzenleniyor."})
    stale_page = client.get(url)
    post_step(client, url, {"category": "harassment", "narrative": "İlk pencerede yazdığım uzun anlatım."})
    response = client.post(
        url,
        data={
            "category": "other",
            "narrative": "İkinci pencereden eski sayfayla yazıyorum.",
            "action": "next",
            "csrf_token": csrf_token_from(stale_page),
            "saved_at": saved_at_from(stale_page),
        },
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "İlk pencerede yazdığım uzun anlatım." in page
    assert "başka biri tarafından değiştirildi" in page
    assert db.session.scalar(sa.select(Draft.answers))["category"] == "harassment"


def test_the_review_repeats_time_critical_warnings(client, db, signed_in):
    answers = dict(LEGAL_ANSWERS)
    answers["when"] = {
        "incident_date": (TODAY - timedelta(days=90)).isoformat(),
        "notification_date": (TODAY - timedelta(days=80)).isoformat(),
    }
    evidence = walk(client, answers)
    review = client.get(evidence.replace("/evidence", "/review")).get_data(as_text=True)
    assert 'data-testid="review-warning"' in review and "60 gün" in review


def test_step_messages_follow_the_members_language(client, db, login):
    member = MemberFactory(user__language="en")
    login(user_of(member))
    response = post_step(client, start(client), {"category": "", "narrative": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please choose what it is about." in page and "Please tell us what happened." in page
    assert "Lütfen" not in page


@pytest.mark.parametrize(
    ("kind", "answers", "handler"),
    [
        ("legal", LEGAL_ANSWERS, "lawyer"),
        (
            "assistance",
            {
                "what": {"category": "bereavement", "narrative": "Babamı kaybettim, destek istiyorum."},
                "details": {"event_date": (TODAY - timedelta(days=3)).isoformat(), "affected_person": "parent"},
                "request": {"help_kind": "social", "request": "Cenaze işlemleri için yardım istiyorum."},
            },
            "officer",
        ),
    ],
)
def test_a_submitted_case_lands_in_its_unions_right_queue(app, client, db, signed_in, kind, answers, handler):
    submit(client, walk(client, answers, kind=kind))
    reference = db.session.scalar(sa.select(Case.reference))
    other_role = {"lawyer": "officer", "officer": "lawyer"}[handler]
    staff = {
        "handler": UserFactory(role=handler, union_id=signed_in.union_id),
        "other role": UserFactory(role=other_role, union_id=signed_in.union_id),
        "other union": UserFactory(role=handler, union_id=MemberFactory().union_id),
    }
    seen = {}
    for label, user in staff.items():
        desk = app.test_client()
        token = csrf_token_from(desk.get("/login"))
        desk.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
        seen[label] = reference in desk.get("/desk/").get_data(as_text=True)
    assert seen == {"handler": True, "other role": False, "other union": False}


def test_the_review_page_shows_a_script_as_text(client, db, signed_in):
    answers = dict(LEGAL_ANSWERS)
    answers["what"] = {"category": "relocation", "narrative": "<script>alert('x')</script> beni sürdüler"}
    answers["request"] = {"request": "<img src=x onerror=alert(1)> iptal"}
    evidence = walk(client, answers)
    review = client.get(evidence.replace("/evidence", "/review")).get_data(as_text=True)
    assert "<script>alert" not in review and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in review
    assert "<img src=x" not in review and "&lt;img src=x onerror=alert(1)&gt;" in review


def _evidence_post(client, evidence_url, files, action):
    page = client.get(evidence_url)
    data = {"csrf_token": csrf_token_from(page), "saved_at": "", "action": action, "description": ""}
    data["file"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(evidence_url, data=data, content_type="multipart/form-data")


def test_a_file_chosen_then_continue_is_kept_not_dropped(client, db, signed_in):
    evidence = walk(client)
    response = _evidence_post(client, evidence, [("tebligat.pdf", PDF)], "next")
    assert response.status_code == 302 and response.headers["Location"].endswith("/review")
    review = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "tebligat.pdf" in review and "Dosya yok" not in review


def test_several_files_are_added_at_once_or_none_when_one_is_refused(client, db, signed_in):
    evidence = walk(client)
    added = _evidence_post(client, evidence, [("bir.pdf", PDF), ("iki.pdf", PDF)], "upload")
    assert added.status_code == 302 and added.headers["Location"].endswith("/evidence")
    assert sorted(db.session.scalars(sa.select(Attachment.original_name))) == ["bir.pdf", "iki.pdf"]
    refused = _evidence_post(client, evidence, [("uc.pdf", PDF), ("virus.exe", b"MZ\x90\x00")], "next")
    assert refused.status_code == 400  # the member stays on the step, with the reason
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 2
    nothing = _evidence_post(client, evidence, [], "upload")
    assert nothing.status_code == 400 and "Lütfen eklenecek bir dosya seçin" in nothing.get_data(as_text=True)


def test_opening_the_form_creates_no_draft_the_first_save_does(client, db, signed_in):
    first = start(client)
    assert first.endswith("/portal/new/legal/start")
    assert "Ne oldu" in client.get(first).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Draft.id))) == 0  # opened, not saved
    nothing = post_step(client, first, {"category": "", "narrative": ""}, action="save")
    assert nothing.status_code == 302 and db.session.scalar(sa.select(sa.func.count(Draft.id))) == 0
    empty = post_step(client, first, {"category": "", "narrative": ""})
    assert empty.status_code == 400 and db.session.scalar(sa.select(sa.func.count(Draft.id))) == 0
    typed = post_step(client, first, {"category": "relocation", "narrative": ""})
    assert typed.status_code == 400  # the narrative is missing, yet what was typed is kept
    draft = db.session.scalar(sa.select(Draft))
    assert draft.answers["category"] == "relocation"
    assert f'action="/portal/drafts/{draft.id}/what"' in typed.get_data(as_text=True)
    page = client.get("/portal/new").get_data(as_text=True)
    drafts = page.split('data-testid="drafts"')[1].split("</ul>")[0]
    assert "Yer değiştirme" in drafts and clock.local(draft.updated_at).strftime("%d.%m.%Y") in drafts
