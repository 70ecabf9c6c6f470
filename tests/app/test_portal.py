"""Following a case in the portal: plain-words status, timeline without internal notes, messages,
answers to information requests, withdrawal with confirmation, shared documents, escaping."""

import sqlalchemy as sa

from app.models import Case, CaseEvent, Document, OutboxMessage
from app.services.timeline import append_event
from app.services.workflow import perform_transition
from tests.factories import MemberFactory, UserFactory, make_case, user_of
from tests.helpers import assert_sandboxed_download, csrf_token_from


def _lawyer_requests_information(db, case, message="Lütfen tebliğ belgesini gönderin."):
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)
    perform_transition(case, "take", lawyer, {}, expected_version=case.version)
    perform_transition(case, "request_info", lawyer, {"message": message}, expected_version=case.version)
    return lawyer


def test_my_cases_explains_the_status_in_plain_words(client, login):
    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))
    page = client.get("/portal/").get_data(as_text=True)
    assert case.reference in page
    assert "Başvurunuz alındı" in page  # "Your case has been received…"


def test_internal_notes_never_reach_the_member(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)
    append_event(case, "note", lawyer, {"text": "GIZLI-NOT: üye daha önce de şikâyet etmiş"}, member_visible=False)
    append_event(case, "message", lawyer, {"text": "Merhaba, dosyanızı inceliyoruz."}, member_visible=True)
    db.session.commit()
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert "Merhaba, dosyanızı inceliyoruz." in page
    assert "GIZLI-NOT" not in page
    export = client.post("/portal/my-data/export", data={"csrf_token": csrf_token_from(client.get("/portal/my-data"))})
    assert b"GIZLI-NOT" not in export.data


def test_a_reply_to_an_information_request_moves_the_case_back_to_review(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    lawyer = _lawyer_requests_information(db, case)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}")
    text = page.get_data(as_text=True)
    assert "Lütfen tebliğ belgesini gönderin." in text
    response = client.post(
        f"/portal/cases/{case.reference}/messages",
        data={"message": "Belgeyi ekledim.", "version": case.version, "csrf_token": csrf_token_from(page)},
    )
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.status == "in_review"
    last = db.session.scalar(sa.select(CaseEvent).order_by(CaseEvent.sequence.desc()).limit(1))
    assert last.payload["transition"] == "member_answer" and last.payload["data"]["message"] == "Belgeyi ekledim."
    notice = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.kind == "member_message"))
    assert notice.recipient == lawyer.email
    assert "Belgeyi ekledim." in client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)


def test_a_message_outside_an_information_request_is_a_member_message(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}")
    client.post(
        f"/portal/cases/{case.reference}/messages",
        data={"message": "Bir şey eklemek istiyorum.", "version": case.version, "csrf_token": csrf_token_from(page)},
    )
    db.session.refresh(case)
    assert case.status == "submitted"
    event = db.session.scalar(sa.select(CaseEvent).where(CaseEvent.kind == "member_message"))
    assert event.member_visible and event.payload["text"] == "Bir şey eklemek istiyorum."


def test_a_stale_reply_is_refused_with_the_changed_meanwhile_message(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}")
    old_version = case.version
    _lawyer_requests_information(db, case)
    response = client.post(
        f"/portal/cases/{case.reference}/messages",
        data={"message": "Eski sayfadan yazıyorum.", "version": old_version, "csrf_token": csrf_token_from(page)},
        follow_redirects=True,
    )
    assert "başka biri tarafından değiştirildi" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(CaseEvent.id)).where(CaseEvent.payload.is_not(None))) == 3
    db.session.refresh(case)
    assert case.status == "awaiting_member"


def test_an_empty_reply_is_explained_and_nothing_changes(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}")
    response = client.post(
        f"/portal/cases/{case.reference}/messages",
        data={"message": "   ", "version": case.version, "csrf_token": csrf_token_from(page)},
    )
    assert response.status_code == 400
    assert "Lütfen bir mesaj yazın" in response.get_data(as_text=True)


def test_withdrawal_asks_for_confirmation_first(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}/withdraw")
    assert page.status_code == 200
    token = csrf_token_from(page)
    unconfirmed = client.post(
        f"/portal/cases/{case.reference}/withdraw", data={"version": case.version, "csrf_token": token}
    )
    assert unconfirmed.status_code == 400
    db.session.refresh(case)
    assert case.status == "submitted"
    confirmed = client.post(
        f"/portal/cases/{case.reference}/withdraw",
        data={"version": case.version, "confirm": "y", "reason": "Sorun çözüldü.", "csrf_token": token},
    )
    assert confirmed.status_code == 302
    db.session.refresh(case)
    assert case.status == "withdrawn"
    detail = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert "geri çektiniz" in detail and 'data-testid="withdraw-link"' not in detail


def test_narrative_and_messages_are_shown_escaped(client, db, login):
    member = MemberFactory()
    case = make_case(member, narrative="<script>alert('x')</script> olanlar")
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)
    append_event(case, "message", lawyer, {"text": "<img src=x onerror=alert(1)>"}, member_visible=True)
    db.session.commit()
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    # The member's own reply too.
    token = csrf_token_from(client.get(f"/portal/cases/{case.reference}"))
    client.post(
        f"/portal/cases/{case.reference}/messages",
        data={"message": "<b onclick=alert(2)>yanıt</b>", "version": case.version, "csrf_token": token},
    )
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert "<b onclick" not in page and "&lt;b onclick=alert(2)&gt;yanıt&lt;/b&gt;" in page


def test_shared_documents_can_be_downloaded_and_unshared_ones_cannot(client, db, login, app, tmp_path):
    from pathlib import Path

    from app.models import PetitionTemplate, PetitionTemplateVersion

    member = MemberFactory()
    case = make_case(member)
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)
    template = PetitionTemplate(slug="t", title="T")
    db.session.add(template)
    db.session.flush()
    version = PetitionTemplateVersion(template_id=template.id, number=1, content=b"x", sha256="0" * 64)
    db.session.add(version)
    db.session.flush()
    directory = Path(app.config["DOCUMENT_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    docs = []
    for name, shared in (("paylasilan.docx", True), ("taslak.docx", False)):
        (directory / f"store-{name}").write_bytes(b"PK docx " + name.encode())
        doc = Document(
            case_id=case.id,
            template_version_id=version.id,
            generated_by_id=lawyer.id,
            filename=name,
            storage_name=f"store-{name}",
            sha256="0" * 64,
            shared_with_member=shared,
        )
        db.session.add(doc)
        docs.append(doc)
    db.session.commit()
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert "paylasilan.docx" in page and "taslak.docx" not in page
    shared = client.get(f"/portal/cases/{case.reference}/documents/{docs[0].id}")
    assert shared.status_code == 200 and shared.data == b"PK docx paylasilan.docx"
    assert shared.headers["Content-Disposition"].startswith("attachment")
    assert_sandboxed_download(shared)  # the member's download is as sandboxed as staff's
    assert client.get(f"/portal/cases/{case.reference}/documents/{docs[1].id}").status_code == 404


def test_the_case_page_runs_a_bounded_number_of_queries(client, db, login):
    from sqlalchemy import event

    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))

    def count_queries() -> int:
        db.session.expire_all()  # every request starts like a fresh one
        seen = []
        listener = lambda conn, cursor, statement, *args: seen.append(statement[:90])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(f"/portal/cases/{case.reference}").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return seen

    few = count_queries()
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)
    for n in range(30):
        append_event(case, "message", lawyer, {"text": f"Mesaj {n}"}, member_visible=True)
    db.session.commit()
    assert len(count_queries()) == len(few) <= 8


def test_a_member_adds_a_file_to_an_open_case(client, db, login):
    import io

    from app.models import Attachment

    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))
    page = client.get(f"/portal/cases/{case.reference}")
    response = client.post(
        f"/portal/cases/{case.reference}/messages",
        data={
            "message": "",
            "files": (io.BytesIO(b"%PDF-1.4\n%%EOF"), "ek.pdf"),
            "version": case.version,
            "csrf_token": csrf_token_from(page),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    attachment = db.session.scalar(sa.select(Attachment))
    assert attachment.case_id == case.id
    download = client.get(f"/files/attachments/{attachment.id}")
    assert download.status_code == 200 and download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert db.session.get(Case, case.id).status == "submitted"


def test_a_message_and_its_files_go_in_one_post_and_a_refused_file_keeps_the_text(client, db, login):
    import io

    from app.models import Attachment

    member = MemberFactory()
    case = make_case(member)
    login(user_of(member))
    url = f"/portal/cases/{case.reference}/messages"
    page = client.get(f"/portal/cases/{case.reference}")
    assert page.get_data(as_text=True).count('enctype="multipart/form-data"') == 1  # one composer
    refused = client.post(
        url,
        data={
            "message": "Tebligat ekte.",
            "files": [(io.BytesIO(b"%PDF-1.4\n%%EOF"), "tebligat.pdf"), (io.BytesIO(b"MZ\x90"), "x.exe")],
            "version": case.version,
            "csrf_token": csrf_token_from(page),
        },
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400 and "Tebligat ekte." in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0
    assert not [e for e in _events(db, case) if e.kind == "member_message"]
    sent = client.post(
        url,
        data={
            "message": "Tebligat ekte.",
            "files": [(io.BytesIO(b"%PDF-1.4\n%%EOF"), "tebligat.pdf"), (io.BytesIO(b"%PDF-1.4\n%%EOF"), "ek.pdf")],
            "version": case.version,
            "csrf_token": csrf_token_from(page),
        },
        content_type="multipart/form-data",
    )
    assert sent.status_code == 302
    kinds = [e.kind for e in _events(db, case)]
    assert kinds.count("attachment") == 2 and kinds.count("member_message") == 1


def _events(db, case):
    db.session.expire_all()
    return list(
        db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.sequence))
    )
