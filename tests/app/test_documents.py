"""Generating petitions from a case: the form, the stored document, downloads, sharing, access."""

import io
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import clock
from app.models import CaseEvent, Document, PetitionTemplate, PetitionTemplateVersion
from app.services import petition_documents as documents_service
from app.services import petitions as service
from cases.petitions import soffice_available
from tests.app.test_petition_support import NOTIFIED, assert_no_tags, legal_case, load_defaults, read_back
from tests.factories import MemberFactory, UserFactory, make_case, user_of
from tests.helpers import assert_sandboxed_download, csrf_token_from

FORM = {
    "court__name": "Ankara 3. İdare Mahkemesi",
    "act__date": "01.10.2026",
    "act__description": "müvekkilin Kırşehir'e atanmasına ilişkin",
    "act__notification_date": "2026-10-06",
    "act__number": "E-123 & <456>",
    "stay_of_execution": "y",
    "facts": 'Müvekkil Çankaya\'da öğretmendir.\nAtama "hizmet ihtiyacı" & <gerekçesiz> yapıldı.',
    "defendant__name": "Ankara Valiliği",
    "defendant__address": "Kızılay / Ankara",
    "requests": "Hukuka aykırı dava konusu işlemin iptaline\nYargılama giderleri ile vekâlet ücretinin davalı idareye "
    "yükletilmesine",
}


@pytest.fixture
def setup(app, db, client, login):
    load_defaults()
    case, member, lawyer = legal_case()
    login(lawyer)
    return case, member, lawyer


def form_url(case, slug="iptal-davasi"):
    return f"/desk/cases/{case.id}/documents/new/{slug}"


def generate(client, case, data=None, slug="iptal-davasi"):
    page = client.get(form_url(case, slug))
    token = csrf_token_from(page)
    version = case.version
    return client.post(form_url(case, slug), data={"csrf_token": token, "version": version, **(data or FORM)})


def only_document(db) -> Document:
    documents = db.session.scalars(sa.select(Document)).all()
    assert len(documents) == 1
    return documents[0]


def _file_at(db, case, court: str, number: str | None = None) -> None:
    """The case's lawsuit, filed at ``court`` (its first-instance proceeding)."""
    from app.models import Proceeding

    db.session.add(
        Proceeding(case_id=case.id, position=1, kind="first_instance", authority=court, file_number=number, papers=[])
    )
    db.session.commit()


def _competent(db, case, court: str) -> None:
    """The lawyer confirmed ``court`` as the case's competent court; no lawsuit is filed yet."""
    from app.models import Court

    row = Court(name=court, province="Ankara")
    db.session.add(row)
    db.session.flush()
    case.competent_court_id = row.id
    db.session.commit()


def test_the_form_asks_the_templates_fields_prefilled_from_the_case(setup, client, db):
    case, _, _ = setup
    _competent(db, case, "Ankara 5. İdare Mahkemesi")
    page = client.get(form_url(case)).get_data(as_text=True)
    assert 'value="Ankara 5. İdare Mahkemesi"' in page
    assert 'name="act__notification_date"' in page and 'value="2026-10-06"' in page
    assert "Kızılay Mah." in page  # the member's address
    assert "İşlemin tarihi" in page  # Turkish descriptions as labels
    # Exactly the template's fields: the social-assistance IBAN is not asked for a lawsuit.
    assert 'name="member__iban"' not in page and 'name="authority"' not in page
    assert 'name="court__file_number"' not in page  # iptal-davasi does not use it


def test_generating_stores_the_document_with_version_author_and_hash(setup, client, db, app):
    case, member, lawyer = setup
    response = generate(client, case)
    assert response.status_code == 302
    document = only_document(db)
    version = db.session.get(PetitionTemplateVersion, document.template_version_id)
    assert version.number == 1 and version.status == "accepted"
    assert document.generated_by_id == lawyer.id and document.created_at is not None
    stored = Path(app.config["DOCUMENT_DIR"]) / document.storage_name
    import hashlib

    assert hashlib.sha256(stored.read_bytes()).hexdigest() == document.sha256
    assert document.storage_name not in document.filename and "static" not in str(stored)
    text = read_back(stored.read_bytes())
    assert_no_tags(text)
    assert "ANKARA 3. İDARE MAHKEMESİ" in text.upper()
    assert "E-123 & <456>" in text and 'Atama "hizmet ihtiyacı" & <gerekçesiz> yapıldı.' in text
    assert "Zeynep Güler" in text and "06.10.2026" in text and "YÜRÜTMENİN DURDURULMASI" in text
    assert document.fields["act.date"] == "2026-10-01"
    event = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.kind == "document")).one()
    assert event.member_visible is False and event.payload["document_id"] == document.id
    assert event.payload["version"] == 1 and event.payload["sha256"] == document.sha256


def test_a_missing_required_field_is_refused_in_turkish_and_nothing_typed_is_lost(setup, client, db):
    case, _, _ = setup
    data = {**FORM, "court__name": "", "act__date": "32.13.2026"}
    response = generate(client, case, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Lütfen bu alanı doldurun." in page
    assert "23.11.2026" in page  # the date format hint
    assert "müvekkilin Kırşehir&#39;e atanmasına ilişkin" in page and "&lt;gerekçesiz&gt;" in page
    assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0


def test_a_case_changed_meanwhile_keeps_the_form_and_says_so(setup, client, db):
    case, _, _ = setup
    page = client.get(form_url(case))
    token, shown_version = csrf_token_from(page), case.version
    case.priority = "high"  # someone else's change bumps the version
    db.session.commit()
    response = client.post(form_url(case), data={"csrf_token": token, "version": shown_version, **FORM})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "değiştirdi" in page or "değiştirildi" in page
    assert "müvekkilin Kırşehir&#39;e atanmasına ilişkin" in page
    assert f'name="version" type="hidden" value="{case.version}"' in page
    assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0


def test_the_docx_download_is_an_attachment_never_sniffed(setup, client, db):
    case, _, _ = setup
    generate(client, case)
    document = only_document(db)
    response = client.get(f"/desk/cases/{case.id}/documents/{document.id}.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "iptal-davasi" in response.headers["Content-Disposition"]
    assert_sandboxed_download(response)
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "Zeynep Güler" in read_back(response.data)


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed: PDF path not tested")
def test_the_pdf_download_is_a_real_pdf(setup, client, db):
    case, _, _ = setup
    generate(client, case)
    document = only_document(db)
    response = client.get(f"/desk/cases/{case.id}/documents/{document.id}.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pdf_without_libreoffice_is_a_clear_503(setup, client, db, monkeypatch):
    case, _, _ = setup
    generate(client, case)
    document = only_document(db)
    monkeypatch.setenv("PATH", "/nonexistent")
    response = client.get(f"/desk/cases/{case.id}/documents/{document.id}.pdf")
    assert response.status_code == 503
    assert "LibreOffice" in response.get_data(as_text=True)


def test_a_hung_converter_answers_the_request_with_a_503_at_the_timeout(setup, app, client, db, monkeypatch, tmp_path):
    case, _, _ = setup
    generate(client, case)
    document = only_document(db)
    hung = tmp_path / "soffice"
    hung.write_text("#!/bin/sh\nsleep 300\n")
    hung.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setitem(app.config, "SOFFICE_TIMEOUT", 1)
    response = client.get(f"/desk/cases/{case.id}/documents/{document.id}.pdf")
    assert response.status_code == 503
    assert "LibreOffice PDF&#39;i 1 saniye içinde oluşturamadı." in response.get_data(as_text=True)
    assert not list(documents_service.document_dir().glob("*.pdf"))  # nothing half-written is kept


def test_sharing_makes_the_document_visible_to_the_member(setup, client, db):
    case, _, _ = setup
    generate(client, case)
    document = only_document(db)
    token = csrf_token_from(client.get(f"/desk/cases/{case.id}/documents"))
    db.session.refresh(case)
    response = client.post(
        f"/desk/cases/{case.id}/documents/{document.id}/share", data={"csrf_token": token, "version": case.version}
    )
    assert response.status_code == 302
    db.session.refresh(document)
    assert document.shared_with_member and document.shared_at is not None
    shared = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.kind == "document").order_by(CaseEvent.sequence))
    events = list(shared)
    assert [e.member_visible for e in events] == [False, True]
    assert events[1].payload["title"].startswith("İptal davası dilekçesi")
    timeline = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert "Belge oluşturuldu" in timeline and "Belge üyeyle paylaşıldı" in timeline
    assert "Şablon sürümü" in timeline and document.filename in timeline


def _shared_with_member(client, case, db):
    generate(client, case)
    document = only_document(db)
    token = csrf_token_from(client.get(f"/desk/cases/{case.id}/documents"))
    db.session.refresh(case)
    client.post(
        f"/desk/cases/{case.id}/documents/{document.id}/share", data={"csrf_token": token, "version": case.version}
    )
    return document


def _member_client(app, member):
    """A second browser, signed in as the member."""
    from tests.factories import PASSWORD

    browser = app.test_client()
    token = csrf_token_from(browser.get("/login"))
    response = browser.post("/login", data={"email": user_of(member).email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return browser


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed: PDF path not tested")
def test_the_member_is_offered_a_shared_petition_as_pdf_too(setup, app, client, db):
    case, member, _ = setup
    document = _shared_with_member(client, case, db)
    client = _member_client(app, member)
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    pdf_url = f"/portal/cases/{case.reference}/documents/{document.id}.pdf"
    assert f'href="{pdf_url}"' in page
    response = client.get(pdf_url)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_without_libreoffice_the_member_gets_no_pdf_link(setup, app, client, db, monkeypatch):
    case, member, _ = setup
    document = _shared_with_member(client, case, db)
    monkeypatch.setattr(documents_service, "soffice_available", lambda: False)
    client = _member_client(app, member)
    page = client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)
    assert 'data-testid="document-pdf"' not in page and document.filename in page
    assert client.get(f"/portal/cases/{case.reference}/documents/{document.id}.pdf").status_code == 404


@pytest.mark.parametrize("who", ["foreign_lawyer", "officer", "member"])
def test_only_staff_who_may_see_the_case_reach_its_documents(app, db, client, login, who):
    load_defaults()
    case, member, lawyer = legal_case()
    service_doc = _generate_directly(case, lawyer)
    intruder = {
        "foreign_lawyer": lambda: UserFactory(role="lawyer", union_id=MemberFactory().union_id),
        "officer": lambda: UserFactory(role="officer", union_id=member.union_id),
        "member": lambda: user_of(member),
    }[who]()
    login(intruder)
    expected = 403 if who == "member" else 404
    assert client.get(form_url(case)).status_code == expected
    assert client.get(f"/desk/cases/{case.id}/documents/{service_doc.id}.docx").status_code == expected
    assert client.get(f"/desk/cases/{case.id}/documents").status_code == expected


def test_a_document_of_another_case_is_not_found_through_this_one(setup, client, db):
    case, member, lawyer = setup
    other = make_case(member, notification_date=NOTIFIED)
    document = _generate_directly(other, lawyer)
    assert client.get(f"/desk/cases/{case.id}/documents/{document.id}.docx").status_code == 404


def test_officers_generate_assistance_applications_not_lawsuits(app, db, client, login):
    load_defaults()
    member = MemberFactory()
    case = make_case(member, kind="social", category="bereavement", narrative="Babam vefat etti.")
    officer = UserFactory(role="officer", union_id=member.union_id)
    login(officer)
    refused = client.get(form_url(case))
    assert refused.status_code == 400 and "Bu şablon bu tür bir dosya için değildir." in refused.get_data(as_text=True)
    response = generate(client, case, {"claim__amount": "10.000,00 TL"}, slug="sosyal-yardim-basvurusu")
    assert response.status_code == 302
    text = read_back(Path(documents_service.document_path(only_document(db))).read_bytes())
    assert "Babam vefat etti." in text and "10.000,00 TL" in text


def test_a_deactivated_template_can_no_longer_be_used(setup, client, db):
    case, _, _ = setup
    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == "iptal-davasi"))
    template.active = False
    db.session.commit()
    assert client.get(form_url(case)).status_code == 404
    assert "iptal-davasi" not in client.get(f"/desk/cases/{case.id}/documents").get_data(as_text=True)


def test_the_panel_runs_the_same_queries_for_one_document_or_many(setup, db, app):
    case, _, lawyer = setup
    _generate_directly(case, lawyer)
    few = _count(db, app, case, lawyer)
    for _ in range(4):
        _generate_directly(case, lawyer)
    many = _count(db, app, case, lawyer)
    assert few == many


def _count(db, app, case, lawyer) -> int:
    from app.desk.documents import documents_panel

    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    case = db.session.get(type(case), case.id)
    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        with app.test_request_context():
            panel = documents_panel(case, lawyer)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert panel["documents"]
    return len(statements)


def _generate_directly(case, lawyer) -> Document:
    from app.extensions import db

    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == "iptal-davasi"))
    db.session.refresh(case)
    return documents_service.generate_document(
        case,
        template,
        lawyer,
        {
            "court.name": "Ankara 1. İdare Mahkemesi",
            "act.date": date(2026, 10, 1),
            "act.description": "atama",
            "defendant.name": "Ankara Valiliği",
            "defendant.address": "Ankara",
        },
        expected_version=case.version,
        today=date(2026, 11, 23),
    )


def test_generated_documents_record_the_exact_version_after_a_new_one(setup, db):
    case, _, lawyer = setup
    first = _generate_directly(case, lawyer)
    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == "iptal-davasi"))
    content = service.current_version(template.id).content
    admin = UserFactory(role="admin")
    service.add_version(template, content, actor=admin, expected_latest=1, propose=False, note="aynı")
    second = _generate_directly(case, lawyer)
    numbers = [db.session.get(PetitionTemplateVersion, d.template_version_id).number for d in (first, second)]
    assert numbers == [1, 2]
    assert NOTIFIED.strftime("%d.%m.%Y") in read_back(
        io.BytesIO(documents_service.document_path(second).read_bytes()).read()
    )


def test_the_case_page_shows_the_documents_panel(setup, client, db):
    case, _, lawyer = setup
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert 'data-panel="documents"' in page and "Bu dosya için henüz belge oluşturulmadı." in page
    assert f"/desk/cases/{case.id}/documents/new/iptal-davasi" in page
    assert "sosyal-yardim-basvurusu" not in page  # not for a legal case
    document = _generate_directly(case, lawyer)
    page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
    assert f"/desk/cases/{case.id}/documents/{document.id}.docx" in page and "Üyeyle paylaş" in page


def test_two_generations_racing_on_one_case_leave_one_document_and_no_stray_file(setup, db, app):
    case, _, lawyer = setup
    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == "iptal-davasi"))
    shown = case.version
    # Another request changes the case between this one's version check and its commit.
    with db.engine.begin() as other:
        other.execute(sa.text("UPDATE cases SET version = version + 1 WHERE id = :id"), {"id": case.id})
    from cases.errors import StaleCase

    with pytest.raises(StaleCase):
        documents_service.generate_document(
            case,
            template,
            lawyer,
            {"court.name": "X", "act.date": date(2026, 10, 1), "act.description": "atama"},
            expected_version=shown,
        )
    assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0
    assert not any(Path(app.config["DOCUMENT_DIR"]).glob("*.docx"))


def test_the_form_speaks_english_to_an_english_speaking_lawyer(setup, client, db):
    case, _, lawyer = setup
    lawyer.language = "en"
    db.session.commit()
    page = client.get(form_url(case)).get_data(as_text=True)
    assert "The date of the contested act" in page and "Generate the document" in page
    assert "İşlemin tarihi" not in page


def test_a_blank_court_takes_the_one_the_case_records(setup, db):
    case, _, lawyer = setup
    _competent(db, case, "İzmir 3. İdare Mahkemesi")
    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == "iptal-davasi"))
    document = documents_service.generate_document(
        case,
        template,
        lawyer,
        {
            "court.name": "",
            "act.date": date(2026, 10, 1),
            "act.description": "atama",
            "defendant.name": "Ankara Valiliği",
            "defendant.address": "Ankara",
        },
        expected_version=case.version,
    )
    assert "İZMİR 3. İDARE MAHKEMESİ" in read_back(documents_service.document_path(document).read_bytes())
    assert document.fields["court.name"] == "İzmir 3. İdare Mahkemesi"


def test_the_form_page_runs_the_same_queries_with_one_piece_of_evidence_or_many(setup, client, db):
    from app.models import Attachment

    case, member, lawyer = setup

    case_id, lawyer_id = case.id, lawyer.id

    def add_evidence(count: int) -> None:
        for _ in range(count):
            token = os.urandom(8).hex()
            db.session.add(
                Attachment(
                    case_id=case_id,
                    uploaded_by_id=lawyer_id,
                    original_name=f"{token}.pdf",
                    storage_name=token,
                    mime_type="application/pdf",
                    size=1,
                    sha256="0" * 64,
                    description=f"Belge {token}",
                )
            )
        db.session.commit()

    url = form_url(case)

    def statements() -> int:
        db.session.remove()  # each request starts from an empty session, as in production
        seen: list[str] = []

        def record(conn, cursor, statement, *args):
            seen.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert client.get(url).status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
        return len(seen)

    add_evidence(1)
    statements()  # the first request also loads what every later one finds cached
    few = statements()
    add_evidence(15)
    page = client.get(url).get_data(as_text=True)
    assert page.count("Belge ") >= 16  # every piece of evidence is offered in the list
    assert statements() == few


def test_the_petition_pages_repeat_the_cases_overdue_mark(setup, client, db):
    case, _, _ = setup
    # The case's nearest deadline from the app's clock: the fixed notification date of the setup
    # puts its lawsuit deadline in December 2026, overdue from then on.
    case.next_deadline = clock.today() + timedelta(days=10)
    db.session.commit()
    for url in (f"/desk/cases/{case.id}/documents", form_url(case), f"/desk/cases/{case.id}"):
        assert 'data-testid="case-overdue"' not in client.get(url).get_data(as_text=True)
    overdue = clock.today() - timedelta(days=2)
    case.next_deadline = overdue
    db.session.commit()
    for url in (f"/desk/cases/{case.id}/documents", form_url(case), f"/desk/cases/{case.id}"):
        page = client.get(url).get_data(as_text=True)
        assert 'data-testid="case-overdue"' in page and overdue.strftime("%d.%m.%Y") in page, url


def test_the_form_shows_the_members_words_beside_a_third_person_draft(setup, client, db):
    case, _, _ = setup
    case.narrative = "Okulumda yıllardır çalışıyorum, beni Kırşehir'e gönderdiler."
    case.requests = "Eski okuluma dönmek istiyorum."
    case.details = {"old_post": "Çankaya Lisesi", "new_post": "Kırşehir Lisesi"}
    db.session.commit()
    page = client.get(form_url(case)).get_data(as_text=True)
    form_part, _, aside = page.partition('data-testid="source-material"')
    assert "Okulumda yıllardır çalışıyorum" in aside and "Eski okuluma dönmek istiyorum." in aside
    assert "Okulumda" not in form_part and "istiyorum" not in form_part
    assert "Çankaya Lisesi bünyesinde görev yapmakta iken işlemle Kırşehir Lisesi bünyesinde" in form_part
    assert "Hukuka aykırı dava konusu işlemin iptaline\nYargılama giderleri" in form_part  # the library's start
    assert 'data-testid="request-library"' in page and 'data-testid="grounds-library"' in page
    assert "4688 sayılı Kamu Görevlileri Sendikaları" in page  # a ground offered for a relocation


def test_the_form_lists_what_is_missing_before_generating(setup, client, db):
    case, _, _ = setup
    page = client.get(form_url(case)).get_data(as_text=True)
    missing = page.split('data-testid="missing"', 1)[1].split("</div>", 1)[0]
    assert "İşlemin tarihi" in missing and "mahkemenin adı" in missing.lower()
    assert "T.C. Kimlik" not in missing  # the member's number is on record


def test_a_request_that_breaks_the_sentence_is_refused_with_its_reason(setup, client, db):
    case, _, _ = setup
    response = generate(client, case, {**FORM, "requests": "Eski okuluma dönmek istiyorum."})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Eski okuluma dönmek istiyorum" in page and "karar verilmesini" in page
    assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0


def test_an_application_to_the_administration_may_not_ask_for_an_annulment(setup, client, db):
    case, _, _ = setup
    data = {"authority": "Millî Eğitim Bakanlığına", "requests": "Hukuka aykırı işlemin iptaline"}
    response = generate(client, case, data, slug="nakle-itiraz")
    assert response.status_code == 400
    assert "geri alınmasını" in response.get_data(as_text=True)


def test_a_filed_lawsuit_offers_its_stages_petitions_headed_to_its_court(setup, client, db):
    case, _, _ = setup
    _file_at(db, case, "Ankara 5. İdare Mahkemesi", "2026/77 E.")
    refused = client.get(form_url(case))
    assert refused.status_code == 400 and "aşama" in refused.get_data(as_text=True)
    page = client.get(form_url(case, "savunmaya-cevap")).get_data(as_text=True)
    assert 'value="Ankara 5. İdare Mahkemesi"' in page and 'value="2026/77 E."' in page
