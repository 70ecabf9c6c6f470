"""A second member reaches nothing of the first member's: every member-facing route answers 404
and changes nothing, whichever id or reference is tried."""

import io

import pytest
import sqlalchemy as sa

from app.models import Attachment, Case, CaseEvent, Document, Draft, PetitionTemplate, PetitionTemplateVersion
from app.services.timeline import append_event
from tests.factories import MemberFactory, UserFactory, make_case, user_of
from tests.helpers import csrf_token_from


@pytest.fixture
def victim(app, db):
    """The first member's case with a file, a shared document and a draft with a file."""
    member = MemberFactory()
    case = make_case(member, narrative="Birinci üyenin gizli anlatımı.")
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)
    append_event(case, "message", lawyer, {"text": "Birinci üyeye özel mesaj."}, member_visible=True)
    attachment = Attachment(
        case_id=case.id,
        uploaded_by_id=member.user_id,
        original_name="gizli.pdf",
        storage_name="s-gizli",
        mime_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    draft = Draft(user_id=member.user_id, kind="legal", step="what", answers={"narrative": "taslak"})
    db.session.add_all([attachment, draft])
    db.session.flush()
    draft_file = Attachment(
        draft_id=draft.id,
        uploaded_by_id=member.user_id,
        original_name="taslak.pdf",
        storage_name="s-taslak",
        mime_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    template = PetitionTemplate(slug="t", title="T")
    db.session.add_all([draft_file, template])
    db.session.flush()
    version = PetitionTemplateVersion(template_id=template.id, number=1, content=b"x", sha256="0" * 64)
    db.session.add(version)
    db.session.flush()
    document = Document(
        case_id=case.id,
        template_version_id=version.id,
        generated_by_id=lawyer.id,
        filename="d.docx",
        storage_name="s-doc",
        sha256="0" * 64,
        shared_with_member=True,
    )
    db.session.add(document)
    db.session.commit()
    return {
        "ref": case.reference,
        "case": case.id,
        "att": attachment.id,
        "draft": draft.id,
        "draft_att": draft_file.id,
        "doc": document.id,
    }


# (method, url template, form data); the URLs name the first member's things.
ROUTES = [
    ("get", "/portal/cases/{ref}", {}),
    ("get", "/portal/cases/{ref}/received", {}),
    ("post", "/portal/cases/{ref}/messages", {"message": "Başkasının dosyasına yazıyorum"}),
    ("get", "/portal/cases/{ref}/withdraw", {}),
    ("post", "/portal/cases/{ref}/withdraw", {"confirm": "y"}),
    ("post", "/portal/cases/{ref}/evidence", {"file": "pdf"}),
    ("get", "/portal/cases/{ref}/documents/{doc}", {}),
    ("get", "/files/attachments/{att}", {}),
    ("get", "/files/attachments/{draft_att}", {}),
    ("get", "/portal/drafts/{draft}", {}),
    ("get", "/portal/drafts/{draft}/what", {}),
    ("post", "/portal/drafts/{draft}/what", {"category": "other", "narrative": "Başkasının taslağını değiştiriyorum."}),
    ("post", "/portal/drafts/{draft}/evidence", {}),
    ("post", "/portal/drafts/{draft}/files", {"file": "pdf"}),
    ("post", "/portal/drafts/{draft}/files/{draft_att}/remove", {}),
    ("post", "/portal/drafts/{draft}/submit", {}),
    ("post", "/portal/drafts/{draft}/delete", {}),
]


def _state(db) -> tuple:
    case = db.session.scalar(sa.select(Case))
    draft = db.session.scalar(sa.select(Draft))
    return (
        case.status,
        case.version,
        db.session.scalar(sa.select(sa.func.count(CaseEvent.id))),
        db.session.scalar(sa.select(sa.func.count(Attachment.id))),
        db.session.scalar(sa.select(sa.func.count(Case.id))),
        draft.answers if draft else None,
    )


@pytest.mark.parametrize(("method", "template", "data"), ROUTES, ids=[f"{m} {t}" for m, t, _ in ROUTES])
def test_a_second_member_gets_404_and_changes_nothing(client, db, login, victim, method, template, data):
    intruder = MemberFactory()
    login(user_of(intruder))
    before = _state(db)
    url = template.format(**victim)
    if method == "get":
        response = client.get(url)
    else:
        token = csrf_token_from(client.get("/portal/new"))
        form = {**data, "csrf_token": token, "version": db.session.get(Case, victim["case"]).version}
        if form.get("file") == "pdf":
            form["file"] = (io.BytesIO(b"%PDF-1.4\n%%EOF"), "x.pdf")
        response = client.post(url, data=form, content_type="multipart/form-data")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "gizli" not in body and "Birinci üye" not in body
    db.session.expire_all()
    assert _state(db) == before


@pytest.mark.parametrize("guess", ["{ref}", "{case}", "X-2026-000001"])
def test_guessing_references_reveals_nothing(client, db, login, victim, guess):
    login(user_of(MemberFactory()))
    assert client.get("/portal/cases/" + guess.format(**victim)).status_code == 404


def test_the_owner_reaches_the_same_routes(client, db, login, victim):
    owner = db.session.scalar(sa.select(Draft)).user_id
    from app.models import User

    login(db.session.get(User, owner))
    assert client.get("/portal/cases/{ref}".format(**victim)).status_code == 200
    assert client.get("/portal/drafts/{draft}/what".format(**victim)).status_code == 200
