"""Security headers on every page: a strict CSP, no framing, no sniffing, no caching of case data."""

import re
from pathlib import Path

import pytest
from flask import Response

from app import create_app
from app.access import public
from tests.factories import MemberFactory, UserFactory, user_of

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"


def _assert_page_headers(response) -> None:
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in headers  # plain http in testing


@pytest.mark.parametrize("url", ["/", "/login", "/register", "/password/forgot", "/nowhere"])
def test_anonymous_pages_carry_the_security_headers(client, db, url):
    _assert_page_headers(client.get(url))


@pytest.mark.parametrize(
    ("role", "url"),
    [("member", "/portal/"), ("lawyer", "/desk/"), ("officer", "/desk/"), ("admin", "/admin/"), ("lawyer", "/account")],
)
def test_signed_in_pages_carry_the_security_headers_and_are_never_cached(client, login, role, url):
    user = user_of(MemberFactory()) if role == "member" else UserFactory(role=role)
    login(user)
    response = client.get(url)
    assert response.status_code == 200
    _assert_page_headers(response)


def test_static_files_stay_cacheable(client):
    response = client.get("/static/css/dayanak.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_downloads_own_sandbox_policy_is_kept(app, client):
    @public
    def download():
        return Response(b"x", headers={"Content-Security-Policy": "default-src 'none'; sandbox"})

    app.add_url_rule("/test-download", "test_download", download)
    response = client.get("/test-download")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers["X-Frame-Options"] == "DENY"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle=[\"']", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+=[\"']", re.I), "an inline event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_need_no_inline_script_or_style(template):
    """The CSP refuses them: a page that used one would silently lose its script or look."""
    text = re.sub(r"\{%.*?%\}", "", template.read_text(), flags=re.S)  # macro arguments are not HTML
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert found == [], f"{template.name} has {', '.join(found)}: move it to app/static"


def test_production_redirects_plain_http_but_not_the_health_check(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        "production",
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/prod.db",
            "SECRET_KEY": "p" * 64,
            "BASE_URL": "https://dayanak.example.org",
            "DATA_CONTROLLER_NAME": "Eğitim-Bir-Sen",
            "DATA_CONTROLLER_ADDRESS": "Ankara",
            "DATA_CONTROLLER_CONTACT": "kvkk@example.org",
            "AUDIT_KEY": "a" * 64,
        },
    )
    client = app.test_client()
    plain = client.get("/login", headers={"Host": "dayanak.example.org"})
    assert plain.status_code == 302 and plain.headers["Location"].startswith("https://dayanak.example.org/login")
    secure = client.get("/healthz", base_url="https://dayanak.example.org")
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    assert client.get("/healthz", headers={"Host": "dayanak.example.org"}).status_code == 200


def test_development_never_forces_https(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/dev.db"})
    assert app.test_client().get("/healthz").status_code == 200
    assert app.config["SESSION_COOKIE_SECURE"] is False
