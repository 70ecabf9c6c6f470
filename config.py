"""Configuration classes, read from the environment.

``instance/config.py`` (never committed) may override any of these for one installation.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_INSTANCE = BASE_DIR / "instance"


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # Keys the case event chain (HMAC): kept outside the database, so a recomputed chain fails.
    AUDIT_KEY = os.environ.get("AUDIT_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = False

    # Sessions and cookies: HttpOnly and SameSite always, Secure in production.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # "Remember me" lasts a month, not Flask-Login's default year: case files are sensitive data.
    REMEMBER_COOKIE_DURATION = timedelta(days=_int("REMEMBER_COOKIE_DAYS", 30))
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 8
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 8

    # Languages: Turkish first, English second.
    LANGUAGES = ("tr", "en")
    BABEL_DEFAULT_LOCALE = "tr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Istanbul"

    # Login throttling (Flask-Limiter). Redis in production: RATELIMIT_STORAGE_URI=redis://…
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False
    # Failures of one account from one address: this many are free, then each pauses the pair for
    # 1, 2, 4 … minutes (at most LOGIN_PAIR_MAX_MINUTES). Over the per-account or per-address limit,
    # only addresses the account never signed in from are paused (app/services/login_throttle.py).
    LOGIN_PAIR_FREE_FAILURES = _int("LOGIN_PAIR_FREE_FAILURES", 5)
    LOGIN_PAIR_MAX_MINUTES = _int("LOGIN_PAIR_MAX_MINUTES", 60)
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "10 per 15 minutes")
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "30 per 15 minutes")
    REGISTER_LIMIT_PER_ADDRESS = os.environ.get("REGISTER_LIMIT_PER_ADDRESS", "10 per hour")

    # Uploads: evidence files.
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 25 * 1024 * 1024)
    EVIDENCE_MAX_BYTES = _int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
    EVIDENCE_MAX_FILES = _int("EVIDENCE_MAX_FILES", 20)

    # Mail: notifications go through the outbox; `flask outbox send` delivers them.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Dayanak <dayanak@localhost>")
    MAIL_PRINT_ONLY = _bool("MAIL_PRINT_ONLY", False)
    OUTBOX_IN_PROCESS = False  # development prints queued mails at the end of each request

    PRIVACY_NOTICE_VERSION = os.environ.get("PRIVACY_NOTICE_VERSION", "2026-12")
    # The data controller the privacy notice names (KVKK art. 10/a): the union running Dayanak.
    DATA_CONTROLLER_NAME = os.environ.get("DATA_CONTROLLER_NAME", "")
    DATA_CONTROLLER_ADDRESS = os.environ.get("DATA_CONTROLLER_ADDRESS", "")
    DATA_CONTROLLER_CONTACT = os.environ.get("DATA_CONTROLLER_CONTACT", "")
    # How long case records are kept after the case is closed (the general limitation period).
    CASE_RETENTION_YEARS = _int("CASE_RETENTION_YEARS", 10)
    PAGE_SIZE = _int("PAGE_SIZE", 25)
    # The public address of the site (scheme, host, optional port and path): every link that leaves
    # the site (mails, calendar feeds) is built from it, never from the request's Host header.
    BASE_URL = os.environ.get("DAYANAK_BASE_URL", "").strip()
    # Host names requests may carry; None derives them from BASE_URL (plus localhost outside production).
    TRUSTED_HOSTS = None
    # More host names to accept, comma-separated: e.g. the address a load balancer's health check uses.
    EXTRA_TRUSTED_HOSTS = os.environ.get("DAYANAK_TRUSTED_HOSTS", "")
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers to trust.
    PROXY_FIX_HOPS = _int("PROXY_FIX_HOPS", 0)
    FORCE_HTTPS = _bool("FORCE_HTTPS", False)
    # Two-factor sign-in for lawyers, officers and admins: "required" (staff without one are taken to
    # enrolment before any page) or "optional" (development: the demo logins sign in with the password).
    STAFF_MFA = os.environ.get("STAFF_MFA", "optional").strip().lower()
    # Seconds a PDF conversion may take; below gunicorn's default 30 s worker timeout, so a hung
    # LibreOffice is killed by us (with its children) before gunicorn kills the worker and orphans it.
    SOFFICE_TIMEOUT = _int("SOFFICE_TIMEOUT", 25)
    # One petition render (upload check, preview, generation) runs in a worker process with these
    # bounds: CPU seconds, megabytes of memory, and wall-clock seconds (below gunicorn's 30).
    PETITION_RENDER_CPU_SECONDS = _int("PETITION_RENDER_CPU_SECONDS", 5)
    PETITION_RENDER_MEMORY_MB = _int("PETITION_RENDER_MEMORY_MB", 512)
    PETITION_RENDER_TIMEOUT = _int("PETITION_RENDER_TIMEOUT", 15)


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = _bool("FLASK_DEBUG", False)
    MAIL_PRINT_ONLY = _bool("MAIL_PRINT_ONLY", True)
    # Print each queued mail to the server log as soon as the request that queued it ends.
    OUTBOX_IN_PROCESS = _bool("OUTBOX_IN_PROCESS", MAIL_PRINT_ONLY)
    DATA_CONTROLLER_NAME = os.environ.get("DATA_CONTROLLER_NAME", "Demo Sendikası (geliştirme)")
    DATA_CONTROLLER_ADDRESS = os.environ.get("DATA_CONTROLLER_ADDRESS", "Örnek Mah. Deneme Cad. No: 1, Çankaya/Ankara")
    DATA_CONTROLLER_CONTACT = os.environ.get("DATA_CONTROLLER_CONTACT", "kvkk@dayanak.test")


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105 - fixed so test sessions are reproducible
    AUDIT_KEY = "test-only-audit-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_PRINT_ONLY = False
    SERVER_NAME = None
    BASE_URL = "http://localhost"  # the test client's host
    STAFF_MFA = "optional"  # tests that need "required" set it
    SOFFICE_TIMEOUT = _int("SOFFICE_TIMEOUT", 120)  # a shared CI machine starts LibreOffice slowly
    DATA_CONTROLLER_NAME = "Test Sendikası"
    DATA_CONTROLLER_ADDRESS = "Test Cad. No: 1, Ankara"
    DATA_CONTROLLER_CONTACT = "kvkk@test.example"


class ProductionConfig(Config):
    ENV_NAME = "production"
    DEBUG = False
    # Redirect plain http to https and send HSTS (the proxy passes X-Forwarded-Proto; /healthz is exempt).
    FORCE_HTTPS = _bool("FORCE_HTTPS", True)
    STAFF_MFA = os.environ.get("STAFF_MFA", "required").strip().lower()
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


_CONTROLLER_SETTINGS = ("DATA_CONTROLLER_NAME", "DATA_CONTROLLER_ADDRESS", "DATA_CONTROLLER_CONTACT")


class ConfigurationError(RuntimeError):
    """The configuration is unsafe or incomplete; the message says what to fix."""


def base_url_host(base_url: str) -> str | None:
    """The host name of an http(s) base URL, or None when it is not one."""
    parts = urlsplit(base_url or "")
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        return None
    return parts.hostname


def trusted_hosts(base_url: str, *, production: bool, extra: str = "") -> list[str]:
    """The Host names to accept: the base URL's, ``extra`` (comma-separated), and loopback outside production."""
    hosts = [base_url_host(base_url) or "", *(h.strip().lower() for h in (extra or "").split(","))]
    if not production:
        hosts += ["localhost", "127.0.0.1"]
    return list(dict.fromkeys(h for h in hosts if h))


def check_production(settings: dict) -> None:
    """Refuse to run production with an in-memory database, debug on, or no secret key."""
    problems = []
    uri = settings.get("SQLALCHEMY_DATABASE_URI") or ""
    if not uri:
        problems.append("DATABASE_URL is not set (e.g. postgresql+psycopg://user@host/dayanak).")
    elif uri.startswith("sqlite") and (uri == "sqlite://" or ":memory:" in uri or "mode=memory" in uri):
        problems.append("DATABASE_URL points to an in-memory SQLite database: every restart would lose all data.")
    # FLASK_DEBUG (also set by `flask --debug`) turns the debugger on after the app is built: refuse it too.
    if settings.get("DEBUG") or _bool("FLASK_DEBUG", False):
        problems.append("Debug mode is on (FLASK_DEBUG): it exposes an interactive console. Turn it off.")
    if not settings.get("SECRET_KEY"):
        problems.append(
            "SECRET_KEY is not set: generate one (python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    if not settings.get("AUDIT_KEY"):
        problems.append(
            "AUDIT_KEY is not set: it keys the audit chain; generate one like SECRET_KEY and keep it outside "
            "the database and its backups."
        )
    missing = [name for name in _CONTROLLER_SETTINGS if not (settings.get(name) or "").strip()]
    if missing:
        problems.append(
            f"{', '.join(missing)} not set: the privacy notice must name the data controller "
            "(the union's name, address and a contact, KVKK art. 10/a)."
        )
    if settings.get("STAFF_MFA") not in {"required", "optional"}:
        problems.append("STAFF_MFA must be 'required' or 'optional'.")
    if not settings.get("BASE_URL"):
        problems.append(
            "DAYANAK_BASE_URL is not set: give the site's public address (e.g. https://dayanak.example.org); "
            "links in mails are built from it."
        )
    elif not base_url_host(settings["BASE_URL"]):
        problems.append("DAYANAK_BASE_URL must be an http:// or https:// address, e.g. https://dayanak.example.org.")
    if problems:
        raise ConfigurationError("Refusing to start in production:\n- " + "\n- ".join(problems))
