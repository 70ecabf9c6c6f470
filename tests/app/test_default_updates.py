"""A newer default template shipped with the code: shown with its text diff, adopted in one step."""

import pytest
import sqlalchemy as sa

from app.models import PetitionTemplate, PetitionTemplateVersion
from app.services import petitions as service
from cases.errors import StaleCase
from tests.app.test_petition_support import load_defaults
from tests.factories import UserFactory
from tests.helpers import csrf_token_from

OLD_TEXT = "ESKİ ŞABLON METNİ"


@pytest.fixture
def outdated(app, db, login):
    """The annulment template as an older installation has it: default version 1, its own text."""
    load_defaults()
    admin = UserFactory(role="admin")
    login(admin)
    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == "iptal-davasi"))
    version = service.current_version(template.id)
    from tests.app.test_petition_support import make_docx

    version.content = make_docx(OLD_TEXT + " {{ court.name }}")
    template.default_version = None  # made before versions were recorded: taken as 1
    template.signer = None
    db.session.commit()
    return template, admin


def test_an_admin_sees_that_a_newer_default_is_available_with_the_text_diff(outdated, client):
    template, _ = outdated
    page = client.get(f"/admin/petition-templates/{template.id}").get_data(as_text=True)
    assert 'data-testid="newer-default"' in page and "Daha yeni bir varsayılan" in page
    assert f"-{OLD_TEXT}" in page  # what goes
    assert "+{{ court.name|buyuk }} BAŞKANLIĞINA" in page  # what comes


def test_adopting_the_newer_default_adds_a_version_and_keeps_the_old_one(outdated, client, db):
    template, _ = outdated
    page = client.get(f"/admin/petition-templates/{template.id}")
    response = client.post(
        f"/admin/petition-templates/{template.id}/adopt-default",
        data={"csrf_token": csrf_token_from(page), "latest": 1},
    )
    assert response.status_code == 302
    db.session.refresh(template)
    versions = db.session.scalars(
        sa.select(PetitionTemplateVersion)
        .where(PetitionTemplateVersion.template_id == template.id)
        .order_by(PetitionTemplateVersion.number)
    ).all()
    assert [(v.number, v.status) for v in versions] == [(1, "accepted"), (2, "accepted")]
    assert versions[1].note == "Varsayılan şablon, sürüm 2"
    assert template.default_version == 2 and template.signer == "lawyer" and template.request_keys
    assert service.default_update(template) is None
    page = client.get(f"/admin/petition-templates/{template.id}").get_data(as_text=True)
    assert 'data-testid="newer-default"' not in page


def test_adopting_over_a_version_uploaded_meanwhile_is_refused(outdated, db):
    template, admin = outdated
    with pytest.raises(StaleCase):
        service.adopt_default(template, actor=admin, expected_latest=0)
    assert service.latest_number(template.id) == 1


def test_a_fresh_installation_has_nothing_to_adopt(app, db):
    load_defaults()
    templates = db.session.scalars(sa.select(PetitionTemplate)).all()
    assert len(templates) == 17 and all(service.default_update(t) is None for t in templates)


def test_an_admin_sets_who_signs_a_template_whom_it_addresses_and_the_stages_it_serves(app, db, client, login):
    load_defaults()
    login(UserFactory(role="admin"))
    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == "idareye-basvuru"))
    url = f"/admin/petition-templates/{template.id}/settings"
    page = client.get(url)
    text = page.get_data(as_text=True)
    assert 'selected value="lawyer"' in text and 'selected value="administration"' in text
    token = csrf_token_from(page)
    form = dict(
        csrf_token=token,
        token=service.settings_token(template),
        title=template.title,
        kinds=["legal"],
        signer="member",
        addressee="administration",
        proceedings=["administrative", "first_instance"],
    )
    response = client.post(url, data=form)
    assert response.status_code == 302
    db.session.refresh(template)
    assert template.signer == "member" and template.proceedings == ["administrative", "first_instance"]
    spec = service.spec_of(template)
    assert not spec.lawyer_signed and [str(p) for p in spec.proceedings] == ["administrative", "first_instance"]
