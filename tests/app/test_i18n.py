from datetime import UTC, date, datetime

import pytest

from app.templating import format_date, format_datetime
from tests.helpers import csrf_token_from


def test_turkish_is_the_default_language(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="tr">' in page
    assert "Giriş yap" in page


def test_english_can_be_chosen_and_sticks(client):
    token = csrf_token_from(client.get("/login"))
    client.post("/language", data={"language": "en", "next": "/login", "csrf_token": token})
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign in" in page


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example/x", "/\t/evil.example"])
def test_language_switch_never_redirects_off_site(client, target):
    token = csrf_token_from(client.get("/login"))
    response = client.post("/language", data={"language": "en", "next": target, "csrf_token": token})
    assert response.headers["Location"] == "/"


def test_language_switch_returns_to_the_page(client):
    token = csrf_token_from(client.get("/login"))
    response = client.post("/language", data={"language": "en", "next": "/login?x=1", "csrf_token": token})
    assert response.headers["Location"] == "/login?x=1"


def test_dates_are_shown_the_turkish_way(app):
    with app.test_request_context():
        assert format_date(date(2026, 11, 23)) == "23.11.2026"
        # 21:30 UTC is already the next day in Istanbul (UTC+3).
        assert format_datetime(datetime(2026, 11, 23, 21, 30, tzinfo=UTC)) == "24.11.2026 00:30"


def test_every_message_has_a_turkish_translation():
    from scripts.translations import missing

    assert missing() == []


def test_kept_label_tables_and_template_translations_follow_the_language_of_each_request(app):
    """labels.names keeps a table per language, and templates translate through the domain directly:
    a Turkish request, an English one and a forced locale (a mail in its recipient's language) each
    get their own words, in whatever order they come."""
    from flask import render_template_string
    from flask_babel import force_locale

    from app import labels

    page = "{{ _('Sign in') }} {{ labels.label(labels.STATES, 'in_review') }}"
    with app.test_request_context("/?lang=tr"):
        assert labels.names(labels.STATES)["in_review"] == "İnceleniyor"
        assert render_template_string(page) == "Giriş yap İnceleniyor"
        with force_locale("en"):
            assert labels.names(labels.STATES)["in_review"] == "In review"
            assert render_template_string(page) == "Sign in In review"
        assert render_template_string(page) == "Giriş yap İnceleniyor"
    with app.test_request_context("/?lang=en"):
        assert render_template_string(page) == "Sign in In review"
        assert labels.label(labels.CATEGORIES, "no-such-category") == "no-such-category"


def test_a_list_links_each_row_by_the_url_its_route_builds(app):
    from flask import url_for

    from app.templating import url_to_ids

    with app.test_request_context("/"):
        assert url_to_ids("desk.case_detail", "case_id") + "42" == url_for("desk.case_detail", case_id=42)
        with pytest.raises(ValueError, match="does not end"):
            url_to_ids("desk.export_queue", "fmt")


def test_counts_are_grouped_the_way_each_language_writes_them(app):
    from app.templating import format_count

    with app.test_request_context("/?lang=tr"):
        assert [format_count(n) for n in (7, 1000, 1234567, -2500)] == ["7", "1.000", "1.234.567", "-2.500"]
        assert format_count(12.5) == "12,5"  # not a whole number: Babel formats it
    with app.test_request_context("/?lang=en"):
        assert [format_count(n) for n in (7, 1000, 1234567)] == ["7", "1,000", "1,234,567"]


def test_each_status_link_keeps_the_other_filters_in_their_order(app):
    from app.templating import url_with, urls_with_each

    with app.test_request_context("/desk/?q=%C4%B1%C5%9F%C4%B1k&status=closed&page=3&kind=legal"):
        each = urls_with_each("status", ["in_review", "closed"], page=None, after=None)
        for state in ("in_review", "closed"):
            assert each[state] == url_with(status=state, page=None, after=None)
        assert each["in_review"] == "/desk/?q=%C4%B1%C5%9F%C4%B1k&status=in_review&kind=legal"


def test_wtforms_own_messages_speak_the_request_language_from_a_catalogue_loaded_once(app):
    """WTForms' built-in messages follow each request's language; the catalogue is parsed once per process."""
    from flask import request
    from flask_wtf import FlaskForm
    from wtforms import IntegerField, StringField
    from wtforms.validators import DataRequired

    class Sample(FlaskForm):
        class Meta:
            csrf = False

        name = StringField(validators=[DataRequired()])
        count = IntegerField()

    def errors(lang: str):
        with app.test_request_context(f"/?lang={lang}", method="POST", data={"count": "iki"}):
            form = Sample()
            form.validate()
            return form.errors, request.wtforms_translations

    turkish, catalogue = errors("tr")
    assert turkish == {"name": ["Bu alan zorunludur."], "count": ["Geçerli bir tam sayı değeri değil."]}
    english, english_catalogue = errors("en")
    assert english == {"name": ["This field is required."], "count": ["Not a valid integer value."]}
    again, same_catalogue = errors("tr")
    assert again == turkish and same_catalogue is catalogue and english_catalogue is not catalogue
