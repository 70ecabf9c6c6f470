"""Links that leave the site come from the configured base URL, never from the request's Host."""

import re

import pytest
import sqlalchemy as sa

from app import create_app
from app.models import OutboxMessage
from config import ConfigurationError
from tests.factories import UserFactory
from tests.helpers import csrf_token_from, post_form

BASE = "https://dayanak.example.org"


def _ask_for_reset(client, email: str, **headers):
    token = csrf_token_from(client.get("/password/forgot", headers=headers))
    return client.post("/password/forgot", data={"email": email, "csrf_token": token}, headers=headers)


def _mail_bodies(db) -> list[str]:
    return list(db.session.scalars(sa.select(OutboxMessage.body)))


def test_a_request_for_an_unknown_host_is_refused(client, db):
    member = UserFactory(role="member")
    assert client.get("/password/forgot", headers={"Host": "evil.example"}).status_code == 400
    token = csrf_token_from(client.get("/password/forgot"))
    client.set_cookie("session", client.get_cookie("session").value, domain="evil.example")
    response = client.post(
        "/password/forgot", data={"email": member.email, "csrf_token": token}, headers={"Host": "evil.example"}
    )
    assert response.status_code == 400
    assert "CSRF" not in response.get_data(as_text=True)
    assert _mail_bodies(db) == []


def test_a_reset_link_uses_the_base_url_even_when_the_host_is_accepted(app, client, db):
    """Behind a proxy that passes any Host through, the mailed link still names our site."""
    app.config.update(BASE_URL=BASE, TRUSTED_HOSTS=[])  # [] accepts every host
    member = UserFactory(role="member")
    response = _ask_for_reset(client, member.email, Host="evil.example")
    assert response.status_code == 302
    (body,) = _mail_bodies(db)
    links = re.findall(r"https?://\S+", body)
    assert links and all(link.startswith(f"{BASE}/password/reset/") for link in links)
    assert "evil.example" not in body


def test_a_forwarded_host_from_a_trusted_proxy_is_checked_too(app, db):
    proxied = create_app("testing", {**_test_overrides(app), "PROXY_FIX_HOPS": 1})
    member = UserFactory(role="member")
    client = proxied.test_client()
    token = csrf_token_from(client.get("/password/forgot"))
    response = client.post(
        "/password/forgot",
        data={"email": member.email, "csrf_token": token},
        headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-For": "203.0.113.5"},
    )
    assert response.status_code == 400
    assert _mail_bodies(db) == []


def _test_overrides(app) -> dict:
    keys = ("SQLALCHEMY_DATABASE_URI", "UPLOAD_DIR", "DOCUMENT_DIR")
    return {key: app.config[key] for key in keys}


def test_the_base_url_may_carry_a_path(app, client, db):
    app.config.update(BASE_URL="https://union.example.org/dayanak")
    member = UserFactory(role="member")
    _ask_for_reset(client, member.email)
    (body,) = _mail_bodies(db)
    assert "https://union.example.org/dayanak/password/reset/" in body


def test_the_calendar_address_uses_the_base_url(app, client, db, login):
    app.config.update(BASE_URL=BASE, TRUSTED_HOSTS=[])
    lawyer = UserFactory(role="lawyer")
    login(lawyer)
    post_form(client, "/desk/calendar/token", {"version": lawyer.version}, page_url="/desk/deadlines")
    page = client.get("/desk/deadlines").get_data(as_text=True)
    assert re.search(rf'value="{re.escape(BASE)}/desk/calendar/[^"]+\.ics"', page)
    assert "evil.example" not in page


def test_production_refuses_to_start_without_a_base_url(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    settings = {
        "SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x",
        "SECRET_KEY": "x" * 64,
        "AUDIT_KEY": "a" * 64,
        "DATA_CONTROLLER_NAME": "Eğitim-Bir-Sen",
        "DATA_CONTROLLER_ADDRESS": "Ankara",
        "DATA_CONTROLLER_CONTACT": "kvkk@example.org",
    }
    with pytest.raises(ConfigurationError, match="DAYANAK_BASE_URL is not set"):
        create_app("production", {**settings, "BASE_URL": ""})
    with pytest.raises(ConfigurationError, match="DAYANAK_BASE_URL must be"):
        create_app("production", {**settings, "BASE_URL": "dayanak.example.org"})
    app = create_app("production", {**settings, "BASE_URL": BASE + "/"})
    assert app.config["BASE_URL"] == BASE
    assert app.config["TRUSTED_HOSTS"] == ["dayanak.example.org"]


def test_development_defaults_to_the_local_address_and_port(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PORT", "8000")
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": "sqlite://", "BASE_URL": ""})
    assert app.config["BASE_URL"] == "http://127.0.0.1:8000"
    assert set(app.config["TRUSTED_HOSTS"]) == {"127.0.0.1", "localhost"}


def test_more_host_names_may_be_trusted_for_a_health_check(app, tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    checked = create_app("testing", {**_test_overrides(app), "EXTRA_TRUSTED_HOSTS": "10.0.0.5, Internal.Example"})
    client = checked.test_client()
    assert client.get("/healthz", headers={"Host": "10.0.0.5:8000"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "internal.example"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
