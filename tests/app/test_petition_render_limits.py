"""Petition renders in the web app are bounded in CPU time and memory at upload and at generation."""

import html

import pytest
import sqlalchemy as sa

from app.models import Document, PetitionTemplate
from cases.petitions import RenderLimits, isolation
from tests.app.test_documents import form_url
from tests.app.test_petition_support import legal_case, make_docx
from tests.app.test_petition_templates import count_templates, upload_new
from tests.cases.test_petitions_isolation import MANY_LARGE_SETS, QUADRATIC_IN
from tests.factories import UserFactory
from tests.helpers import csrf_token_from

SLOW_TR = "Şablonun doldurulması çok uzun sürüyor"
BIG_TR = "Şablonun doldurulması çok fazla bellek gerektiriyor (128 MB'tan fazla)"


@pytest.fixture
def small_limits(app):
    previous = isolation.current_limits()
    isolation.configure(RenderLimits(cpu_seconds=1, memory_mb=128, wall_seconds=30))
    yield
    isolation.configure(previous)


def test_the_app_takes_its_render_bounds_from_the_configuration(app):
    from app import create_app

    create_app("testing", {"PETITION_RENDER_CPU_SECONDS": 3, "PETITION_RENDER_MEMORY_MB": 200})
    try:
        assert isolation.current_limits() == RenderLimits(cpu_seconds=3, memory_mb=200, wall_seconds=15)
    finally:
        isolation.configure(RenderLimits())


@pytest.mark.parametrize(
    ("body", "message"), [(QUADRATIC_IN, SLOW_TR), (MANY_LARGE_SETS, BIG_TR)], ids=["cpu", "memory"]
)
def test_an_upload_that_overruns_a_bound_is_refused_in_turkish(app, db, client, login, small_limits, body, message):
    login(UserFactory(role="admin", union_id=None))
    response = upload_new(client, make_docx("Dilekçe", body))
    assert response.status_code == 400
    assert message in html.unescape(response.get_data(as_text=True))
    assert count_templates(db) == 0


def test_a_template_harmless_on_the_sample_is_still_bounded_when_generating(app, db, client, login, small_limits):
    # Cheap for the sample member the upload check renders, costly for every real member.
    sets, loop = QUADRATIC_IN.split("{% for")
    sneaky = make_docx("Dilekçe", sets + "{% if member.full_name != 'Ayşe Işık Çağlar' %}{% for" + loop + "{% endif %}")
    login(UserFactory(role="admin", union_id=None))
    response = upload_new(client, sneaky)
    assert response.status_code == 302
    case, _member, lawyer = legal_case()
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/admin/petition-templates"))})
    login(lawyer)
    slug = db.session.scalar(sa.select(PetitionTemplate.slug))
    page = client.get(form_url(case, slug))
    token = csrf_token_from(page)
    response = client.post(form_url(case, slug), data={"csrf_token": token, "version": case.version})
    assert response.status_code == 400
    assert SLOW_TR in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0
