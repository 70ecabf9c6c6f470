"""The case page's catalogue translates exactly as Flask-Babel and Jinja's i18n extension do."""

import pytest
from flask import render_template_string
from flask_babel import force_locale, gettext, lazy_gettext

from app.desk.render_i18n import Catalogue

TEMPLATE = (
    '{{ _("Priority") }}|{{ _("Back to the queue") }}|{{ _("Page %(page)s of %(pages)s", page=2, pages="<3>") }}|'
    '{{ _("Explicit consent: given on %(date)s (notice v%(version)s).", date="1.2.2026", version=3) }}|'
    '{{ ngettext("%(num)s day left", "%(num)s days left", 1) }}|'
    '{{ ngettext("%(num)s day left", "%(num)s days left", 5) }}|{{ _("100%% sure <b>") }}|{{ _("An unknown string") }}|'
    '{% autoescape false %}{{ _("Page %(page)s of %(pages)s", page=1, pages="<b>") }}{% endautoescape %}'
)


@pytest.mark.parametrize("language", ["tr", "en"])
def test_templates_read_the_same_with_the_catalogue(app, language):
    with app.test_request_context(), force_locale(language):
        expected = render_template_string(TEMPLATE)
        for _ in range(2):  # the second time from the cache
            assert render_template_string(TEMPLATE, **Catalogue().template_context) == expected
    if language == "tr":
        assert "Öncelik" in expected and "5 gün kaldı" in expected


@pytest.mark.parametrize("language", ["tr", "en"])
def test_plain_and_lazy_strings_read_as_flask_babel_gives_them(app, language):
    with app.test_request_context(), force_locale(language):
        catalogue = Catalogue()
        assert catalogue.plain("Priority") == gettext("Priority")
        assert catalogue.plain("Page %(page)s of %(pages)s", page=1, pages=2) == gettext(
            "Page %(page)s of %(pages)s", page=1, pages=2
        )
        lazy = lazy_gettext("Back to the queue")
        assert catalogue.text(lazy) == str(lazy)
        assert catalogue.text(lazy_gettext("Page %(page)s of %(pages)s", page=3, pages=4)) == gettext(
            "Page %(page)s of %(pages)s", page=3, pages=4
        )
        assert catalogue.text(12) == "12"
