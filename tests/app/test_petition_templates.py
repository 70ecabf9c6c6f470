"""Template management: the list, the field catalogue, checked uploads, versions, proposals, preview."""

import io
import re
import zipfile

import pytest
import sqlalchemy as sa

from app.models import PetitionTemplate, PetitionTemplateVersion
from app.services import petitions as service
from cases.petitions import FIELDS
from tests.app.test_petition_support import assert_no_tags, legal_case, load_defaults, make_docx, read_back
from tests.factories import MemberFactory, UserFactory, user_of
from tests.helpers import assert_sandboxed_download, csrf_token_from

GOOD = make_docx(
    "{{ court.name|buyuk }} BAŞKANLIĞI'NA", "DAVACI: {{ member.full_name }}", "Tebliğ: {{ act.notification_date }}"
)
NEW = {"slug": "ornek-dilekce", "title": "Örnek dilekçe", "title_en": "Sample", "kinds": ["legal"]}


def bomb() -> bytes:
    """A real zip bomb: 64 MB of zeros packed into a few kB, with a Word-like layout."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(64):
                member.write(chunk)
    return out.getvalue()


@pytest.fixture
def admin(app, db, login):
    user = UserFactory(role="admin", union_id=None)
    login(user)
    return user


def upload_new(client, data: bytes, **fields):
    token = csrf_token_from(client.get("/admin/petition-templates/new"))
    form = {**NEW, **fields, "csrf_token": token, "file": (io.BytesIO(data), "sablon.docx")}
    return client.post("/admin/petition-templates/new", data=form, content_type="multipart/form-data")


def upload_version(client, template, data: bytes, latest, *, url=None):
    page = client.get(f"/admin/petition-templates/{template.id}")
    form = {
        "csrf_token": csrf_token_from(page),
        "latest": latest,
        "note": "Yeni paragraf",
        "file": (io.BytesIO(data), "v.docx"),
    }
    return client.post(
        url or f"/admin/petition-templates/{template.id}/versions", data=form, content_type="multipart/form-data"
    )


def template_named(db, slug: str) -> PetitionTemplate:
    return db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == slug))


def count_templates(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(PetitionTemplate.id)))


def test_the_default_set_loads_once_and_is_listed(admin, client, db):
    load_defaults()
    load_defaults()
    assert count_templates(db) == 17
    page = client.get("/admin/petition-templates").get_data(as_text=True)
    for slug in ("iptal-davasi", "disiplin-cezasina-itiraz", "idareye-basvuru", "bilgi-edinme", "mobbing-sikayeti"):
        assert f'data-template="{slug}"' in page
    assert "Dilekçe şablonları" in page and "Bilgi edinme başvurusu" in page


def test_the_field_catalogue_shows_every_field_with_its_turkish_and_english_description(admin, client):
    import html

    page = html.unescape(client.get("/admin/petition-templates/fields").get_data(as_text=True))
    assert "{{ member.full_name }}" in page and "Doldurulabilir" in page
    assert "Açıklama (Türkçe)" in page and "Açıklama (İngilizce)" in page
    for field in FIELDS:
        assert f'data-field="{field.name}"' in page
        assert field.tr in page and field.en in page


def test_a_good_template_is_accepted_as_version_one(admin, client, db):
    response = upload_new(client, GOOD, required_fields=["court.name"])
    assert response.status_code == 302, response.get_data(as_text=True)
    template = template_named(db, "ornek-dilekce")
    assert template.kinds == ["legal"] and template.active
    assert template.extra_fields[0] == {"name": "court.name", "required": True}
    assert {"name": "act.notification_date", "required": False} in template.extra_fields
    version = db.session.scalars(
        sa.select(PetitionTemplateVersion).where(PetitionTemplateVersion.template_id == template.id)
    ).one()
    assert version.number == 1 and version.status == "accepted" and version.content == GOOD
    assert version.uploaded_by_id == admin.id


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a word file", "Bu dosya bir Word belgesi (.docx) değil."),
        (
            make_docx("{{ member.full_name }} {{ member.salary }} {{ secret }}"),
            "Şablon bilinmeyen alanlar kullanıyor: member.salary, secret.",
        ),
        (make_docx("Giriş", "{{ member.full_name }", "Son"), "söz dizimi hatası"),
        (bomb(), "zip bombasına benziyor"),
        (make_docx("{{ member.__class__.__mro__ }}"), "Şablon"),
        (b"PK\x03\x04" + bytes(11 * 1024 * 1024), "Dosya çok büyük (11 MB; en fazla 10 MB)."),
        (
            make_docx(
                "{% for a in facts|first %}{% for b in facts|first %}{% for c in facts|first %}{{ c }}"
                "{% endfor %}{% endfor %}{% endfor %}"
            ),
            "Şablondaki döngüler çok uzun sürüyor",
        ),
    ],
    ids=["not-docx", "unknown-field", "syntax-error", "zip-bomb", "sandbox-escape", "oversized", "endless-loops"],
)
def test_a_bad_template_is_refused_with_its_message_in_turkish(admin, client, db, data, message):
    response = upload_new(client, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    import html

    assert message in html.unescape(page)
    assert 'value="Örnek dilekçe"' in page  # what was typed stays
    assert count_templates(db) == 0


def test_a_syntax_error_names_its_line(admin, client):
    page = upload_new(client, make_docx("Giriş", "{% if stay_of_execution %}YD", "Son")).get_data(as_text=True)
    assert "satırında" in page


def test_a_new_version_is_kept_beside_the_old_one_and_used_from_then_on(admin, client, db):
    load_defaults()
    template = template_named(db, "bilgi-edinme")
    response = upload_version(client, template, GOOD, latest=1)
    assert response.status_code == 302
    versions = service.versions_of(template.id)
    assert [(v.number, v.status) for v in versions] == [(2, "accepted"), (1, "accepted")]
    assert service.current_version(template.id).content == GOOD


def test_an_upload_after_someone_elses_version_is_refused_as_stale(admin, client, db):
    load_defaults()
    template = template_named(db, "bilgi-edinme")
    page = client.get(f"/admin/petition-templates/{template.id}")
    service.add_version(template, GOOD, actor=admin, expected_latest=1, propose=False)
    form = {"csrf_token": csrf_token_from(page), "latest": 1, "note": "benim", "file": (io.BytesIO(GOOD), "v.docx")}
    response = client.post(
        f"/admin/petition-templates/{template.id}/versions", data=form, content_type="multipart/form-data"
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 409 and "benim" in body
    assert 'name="latest" type="hidden" value="2"' in body
    assert service.latest_number(template.id) == 2


def test_a_bad_version_is_refused_and_the_current_one_stays(admin, client, db):
    load_defaults()
    template = template_named(db, "bilgi-edinme")
    response = upload_version(client, template, make_docx("{{ gizli }}"), latest=1)
    assert response.status_code == 400 and "gizli" in response.get_data(as_text=True)
    assert service.latest_number(template.id) == 1


def accept_after_the_lawyer_could_not(client, login, template, proposal):
    """As the signed-in lawyer, fail to accept ``proposal``; then accept it as an admin."""
    token = csrf_token_from(client.get(f"/admin/petition-templates/{template.id}"))
    decide = f"/admin/petition-templates/versions/{proposal.id}/decision"
    assert client.post(decide, data={"csrf_token": token, "decision": "accept"}).status_code == 403
    client.post("/logout", data={"csrf_token": token})
    login(UserFactory(role="admin"))
    token = csrf_token_from(client.get(f"/admin/petition-templates/{template.id}"))
    assert client.post(decide, data={"csrf_token": token, "decision": "accept"}).status_code == 302
    return decide, token


def test_a_lawyer_proposes_and_an_admin_accepts(app, db, client, login):
    load_defaults()
    template = template_named(db, "bilgi-edinme")
    lawyer = UserFactory(role="lawyer")
    login(lawyer)
    assert client.get(f"/admin/petition-templates/{template.id}/versions").status_code == 405
    response = upload_version(
        client, template, GOOD, latest=1, url=f"/admin/petition-templates/{template.id}/proposals"
    )
    assert response.status_code == 302
    proposal = service.versions_of(template.id)[0]
    assert (proposal.number, proposal.status, proposal.uploaded_by_id) == (2, "proposed", lawyer.id)
    assert service.current_version(template.id).number == 1  # not used before an admin accepts it
    # A lawyer cannot accept it, nor upload an accepted version directly.
    decide, token = accept_after_the_lawyer_could_not(client, login, template, proposal)
    assert service.current_version(template.id).number == 2
    # Deciding twice is refused as a change made meanwhile.
    client.post(decide, data={"csrf_token": token, "decision": "reject"})
    db.session.expire_all()
    assert db.session.get(PetitionTemplateVersion, proposal.id).status == "accepted"


def test_a_lawyers_new_template_waits_for_an_admin(app, db, client, login, runner):
    load_defaults()
    lawyer = UserFactory(role="lawyer")
    login(lawyer)
    page = client.get("/admin/petition-templates/new").get_data(as_text=True)
    assert "Yeni şablon öner" in page
    response = upload_new(client, GOOD, required_fields=["court.name"])
    assert response.status_code == 302, response.get_data(as_text=True)
    template = template_named(db, "ornek-dilekce")
    (proposal,) = service.versions_of(template.id)
    assert (proposal.number, proposal.status, proposal.uploaded_by_id) == (1, "proposed", lawyer.id)
    case, _, _ = legal_case()
    assert "ornek-dilekce" not in [t.slug for t in service.templates_for_case(case)]
    assert "ornek-dilekce" not in runner.invoke(args=["petitions", "list"]).output.split()
    # Unchecked files are refused for lawyers too.
    refused = upload_new(client, make_docx("{{ gizli }}"), slug="baska-dilekce")
    assert refused.status_code == 400 and template_named(db, "baska-dilekce") is None
    accept_after_the_lawyer_could_not(client, login, template, proposal)
    assert "ornek-dilekce" in [t.slug for t in service.templates_for_case(case)]
    assert "ornek-dilekce" in runner.invoke(args=["petitions", "list"]).output.split()


def test_a_rejected_proposal_is_kept_but_never_used(admin, client, db):
    load_defaults()
    template = template_named(db, "bilgi-edinme")
    proposal = service.add_version(template, GOOD, actor=UserFactory(role="lawyer"), expected_latest=1, propose=True)
    token = csrf_token_from(client.get(f"/admin/petition-templates/{template.id}"))
    client.post(
        f"/admin/petition-templates/versions/{proposal.id}/decision", data={"csrf_token": token, "decision": "reject"}
    )
    assert [v.status for v in service.versions_of(template.id)] == ["rejected", "accepted"]
    assert service.current_version(template.id).number == 1


def test_deactivating_hides_a_template_from_cases_and_the_command_line(admin, client, db, runner):
    load_defaults()
    template = template_named(db, "iptal-davasi")
    token = csrf_token_from(client.get(f"/admin/petition-templates/{template.id}"))
    response = client.post(f"/admin/petition-templates/{template.id}/active", data={"csrf_token": token, "active": "0"})
    assert response.status_code == 302
    db.session.refresh(template)
    assert not template.active
    case, _, _ = legal_case()
    assert "iptal-davasi" not in [t.slug for t in service.templates_for_case(case)]
    assert "iptal-davasi" not in runner.invoke(args=["petitions", "list"]).output.split()
    client.post(f"/admin/petition-templates/{template.id}/active", data={"csrf_token": token, "active": "1"})
    db.session.refresh(template)
    assert template.active


def test_the_preview_renders_the_sample_case(admin, client, db):
    load_defaults()
    template = template_named(db, "iptal-davasi")
    version = service.current_version(template.id)
    response = client.get(f"/admin/petition-templates/versions/{version.id}/preview")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert_sandboxed_download(response)
    text = read_back(response.data)
    assert_no_tags(text)
    assert "AYŞE IŞIK ÇAĞLAR (T.C. Kimlik No: 10000000146)" in text and "ANKARA NÖBETÇİ İDARE MAHKEMESİ" in text


def test_a_version_file_download_is_sandboxed_and_logged(admin, client, db):
    from app.models import AccessLog

    load_defaults()
    version = service.current_version(template_named(db, "iptal-davasi").id)
    response = client.get(f"/admin/petition-templates/versions/{version.id}/file")
    assert_sandboxed_download(response)
    assert response.data == version.content
    logged = db.session.scalars(sa.select(AccessLog).where(AccessLog.object_type == "petition_template_version"))
    assert [(entry.action, entry.object_id, entry.ip_address) for entry in logged] == [
        ("download", version.id, "127.0.0.1")  # the request's address, though the service never sees the request
    ]
    assert client.get("/admin/petition-templates/versions/999999/file").status_code == 404


@pytest.mark.parametrize("role", ["member", "officer", "lawyer"])
def test_only_admins_upload_and_switch_templates(app, db, client, login, role):
    load_defaults()
    template = template_named(db, "iptal-davasi")
    login(user_of(MemberFactory()) if role == "member" else UserFactory(role=role))
    # Lawyers reach the upload page only to propose (see test_a_lawyers_new_template_waits_for_an_admin).
    assert client.get("/admin/petition-templates/new").status_code == (200 if role == "lawyer" else 403)
    token = csrf_token_from(client.get("/portal/" if role == "member" else "/desk/"))
    assert client.post(f"/admin/petition-templates/{template.id}/active", data={"csrf_token": token}).status_code == 403
    expected = 200 if role == "lawyer" else 403  # lawyers read the list and may propose versions
    assert client.get("/admin/petition-templates").status_code == expected


def test_settings_change_where_a_template_applies_and_what_it_requires(admin, client, db):
    load_defaults()
    template = template_named(db, "bilgi-edinme")
    page = client.get(f"/admin/petition-templates/{template.id}/settings")
    assert page.status_code == 200
    assert re.search(r'<input checked[^>]*value="authority"', page.get_data(as_text=True))
    token = csrf_token_from(page)
    stamp = service.settings_token(template)
    form = {
        "csrf_token": token,
        "token": stamp,
        "title": "Bilgi edinme başvurusu (yeni)",
        "kinds": ["legal", "social"],
        "categories": [],
        "required_fields": ["authority", "member.address"],
    }
    assert client.post(f"/admin/petition-templates/{template.id}/settings", data=form).status_code == 302
    db.session.refresh(template)
    assert template.title == "Bilgi edinme başvurusu (yeni)" and template.kinds == ["legal", "social"]
    assert template.categories == []
    assert service.spec_of(template).required_fields == ("authority", "member.address")
    # The same (now outdated) form again: refused, what was typed stays, the new fingerprint is offered.
    again = client.post(f"/admin/petition-templates/{template.id}/settings", data={**form, "title": "Benim başlığım"})
    body = again.get_data(as_text=True)
    assert again.status_code == 409 and 'value="Benim başlığım"' in body
    assert service.settings_token(template) in body
    db.session.refresh(template)
    assert template.title == "Bilgi edinme başvurusu (yeni)"


def test_settings_refuse_a_field_the_template_does_not_use(admin, client, db):
    load_defaults()
    template = template_named(db, "bilgi-edinme")
    page = client.get(f"/admin/petition-templates/{template.id}/settings")
    form = {
        "csrf_token": csrf_token_from(page),
        "token": service.settings_token(template),
        "title": "x",
        "kinds": ["legal"],
        "required_fields": ["court.name"],
    }
    response = client.post(f"/admin/petition-templates/{template.id}/settings", data=form)
    assert response.status_code == 400
    assert service.spec_of(template).required_fields == ("authority", "requests")


def test_template_and_pdf_errors_reach_the_user_as_pages_in_turkish(app, client):
    from app.access import public
    from cases.errors import TemplateError
    from cases.i18n import N_
    from cases.petitions import PdfConversionError

    @public
    def broken_template():
        raise TemplateError(N_("The template uses unknown fields: %(fields)s."), fields="gizli")

    @public
    def broken_pdf():
        raise PdfConversionError(N_("PDF is not available: LibreOffice (soffice) is not installed."))

    app.add_url_rule("/broken-template", "broken_template", broken_template)
    app.add_url_rule("/broken-pdf", "broken_pdf", broken_pdf)
    response = client.get("/broken-template")
    assert response.status_code == 400
    assert "Şablon bilinmeyen alanlar kullanıyor: gizli." in response.get_data(as_text=True)
    response = client.get("/broken-pdf")
    assert response.status_code == 503 and "PDF oluşturulamıyor" in response.get_data(as_text=True)
