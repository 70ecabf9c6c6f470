"""What the served app does once per process instead of once per request stays correct."""

from flask import render_template_string
from flask_babel import force_locale, gettext

from app.i18n import CachedDomain
from app.labels import STATES


def test_translations_follow_the_locale_of_each_request_and_of_force_locale(app):
    from flask_babel import get_domain

    with app.test_request_context("/?lang=en"):
        assert isinstance(get_domain(), CachedDomain)
        assert gettext("Case queue") == "Case queue" and str(STATES["in_review"]) == "In review"
        assert render_template_string("{{ _('Case queue') }}") == "Case queue"
        with force_locale("tr"):  # a mail in the recipient's language, in the middle of a request
            assert gettext("Case queue") == "Dosya kuyruğu"
            assert render_template_string("{{ _('Case queue') }}") == "Dosya kuyruğu"
        assert gettext("Case queue") == "Case queue"
    with app.test_request_context("/"):
        assert gettext("Case queue") == "Dosya kuyruğu" and str(STATES["in_review"]) != "In review"


def test_warmed_templates_render_without_reading_a_template_again(app, client, monkeypatch):
    from app.templating import warm_templates

    assert warm_templates(app) > 20
    loader = app.jinja_env.loader

    def refuse(*_args, **_kwargs):
        raise AssertionError("a template was loaded after the warm-up")

    monkeypatch.setattr(loader, "get_source", refuse)
    monkeypatch.setattr(app.jinja_env, "auto_reload", False)
    page = client.get("/login")
    assert page.status_code == 200 and "Giriş yap" in page.get_data(as_text=True)


def test_select_options_escape_and_select_as_the_template_loop_did():
    from app.templating import select_options

    choices = [("", "All"), ("1", "Ankara <İl> & Müdürlüğü"), ("2", 'Okul "A"')]
    html = select_options(choices, "1")
    assert html == (
        '<option value="">All</option>'
        '<option value="1" selected>Ankara &lt;İl&gt; &amp; Müdürlüğü</option>'
        '<option value="2">Okul &#34;A&#34;</option>'
    )
    assert select_options(choices, "").count(" selected") == 1  # the empty choice, like the loop
    assert " selected" not in select_options(choices, "9")


def test_a_filter_select_shows_its_label_choice_and_error_escaped(app):
    from flask_babel import force_locale
    from werkzeug.datastructures import MultiDict

    from app.desk.forms import QueueFilterForm
    from app.templating import select_field

    with app.test_request_context(), force_locale("tr"):
        form = QueueFilterForm(MultiDict({"institution": "2"}))
        form.institution.choices = [("", "Tümü"), ("1", "Okul <A>"), ("2", 'Okul "B"')]
        html = str(select_field(form.institution))
        assert '<label class="form-label" for="institution">Kurum</label>' in html
        assert '<select class="form-select" id="institution" name="institution">' in html
        assert '<option value="2" selected>Okul &#34;B&#34;</option>' in html and "Okul &lt;A&gt;" in html
        assert "invalid" not in html
        form.institution.errors = ["<Listeden> seçin."]
        html = str(select_field(form.institution))
        assert 'class="form-select is-invalid"' in html
        assert 'aria-invalid="true" aria-describedby="institution-error"' in html
        assert '<div id="institution-error" class="invalid-feedback d-block">&lt;Listeden&gt; seçin.</div>' in html
