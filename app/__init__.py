"""The Dayanak Flask application: ``create_app()`` builds it."""

import contextlib
import os
import secrets
from pathlib import Path

from flask import Flask

from config import CONFIGS, DEFAULT_INSTANCE, check_production, trusted_hosts


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the application for ``config_name`` (``DAYANAK_ENV``, default development)."""
    config_name = config_name or os.environ.get("DAYANAK_ENV", "development")
    instance_path = os.environ.get("DAYANAK_INSTANCE_PATH", str(DEFAULT_INSTANCE))
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    from app.i18n import Request

    app.request_class = Request
    app.config.from_object(CONFIGS[config_name])
    app.config.from_pyfile("config.py", silent=True)
    if overrides:
        app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _complete_config(app, config_name)

    _trust_proxy_headers(app)
    _install_request_guards(app)
    _register_extensions(app)
    _register_blueprints(app)
    _register_error_handlers(app)
    _register_template_helpers(app)
    _register_commands(app)
    _remember_client_address(app)
    if app.config.get("OUTBOX_IN_PROCESS"):
        _deliver_mail_in_process(app)
    return app


def _deliver_mail_in_process(app: Flask) -> None:
    """Development: after each request, print the mails it queued to the server log at once.

    A newcomer registering on the demo sees the confirmation link in the terminal running
    ``scripts/run.sh`` without starting ``flask outbox send`` (print-only: nothing leaves the machine).
    """
    import sys

    from app.services.outbox import send_due

    def echo(text: str) -> None:
        print(f"\n[mail] {text}\n", file=sys.stderr, flush=True)

    @app.after_request
    def deliver(response):
        try:
            send_due(echo=echo)
        except Exception:  # a development convenience must never break the page
            app.logger.exception("Printing the queued mails failed; `flask outbox send` prints them too.")
        return response


def _remember_client_address(app: Flask) -> None:
    """Give the access log the client's address, so services need not know about requests."""
    from flask import request

    from app.services.audit_log import set_client_address

    @app.before_request
    def remember() -> None:
        set_client_address(request.remote_addr)

    @app.teardown_request
    def forget(_error: BaseException | None) -> None:
        set_client_address(None)


def _complete_config(app: Flask, config_name: str) -> None:
    cfg = app.config
    uri = cfg.get("SQLALCHEMY_DATABASE_URI")
    if not uri and config_name != "production":
        uri = "sqlite:///" + str(Path(app.instance_path) / "dayanak.db")
    if uri and uri.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we install; SQLAlchemy's bare scheme means psycopg2.
        uri = "postgresql+psycopg://" + uri.split("://", 1)[1]
    cfg["SQLALCHEMY_DATABASE_URI"] = uri
    if uri and uri.startswith("sqlite"):
        cfg["SQLALCHEMY_ENGINE_OPTIONS"] = {}
    if config_name == "production":
        check_production(cfg)
    else:
        if not cfg.get("SECRET_KEY"):
            cfg["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")
        if not cfg.get("AUDIT_KEY"):
            cfg["AUDIT_KEY"] = _instance_secret(Path(app.instance_path) / "audit_key")
    if not cfg.get("BASE_URL") and config_name != "production":
        cfg["BASE_URL"] = f"http://127.0.0.1:{os.environ.get('PORT') or 5000}"  # where scripts/run.sh serves
    cfg["BASE_URL"] = (cfg.get("BASE_URL") or "").rstrip("/")
    if cfg.get("TRUSTED_HOSTS") is None:
        # Flask answers 400 to a request whose Host (or trusted X-Forwarded-Host) is not listed.
        cfg["TRUSTED_HOSTS"] = trusted_hosts(
            cfg["BASE_URL"], production=config_name == "production", extra=cfg.get("EXTRA_TRUSTED_HOSTS", "")
        )
    cfg.setdefault("UPLOAD_DIR", str(Path(app.instance_path) / "uploads"))
    cfg.setdefault("DOCUMENT_DIR", str(Path(app.instance_path) / "documents"))
    _bound_petition_renders(cfg)


def _bound_petition_renders(cfg) -> None:
    """Every petition render of this process obeys the configured CPU, memory and time bounds."""
    from cases.petitions.isolation import RenderLimits, configure

    configure(
        RenderLimits(
            cpu_seconds=int(cfg["PETITION_RENDER_CPU_SECONDS"]),
            memory_mb=int(cfg["PETITION_RENDER_MEMORY_MB"]),
            wall_seconds=float(cfg["PETITION_RENDER_TIMEOUT"]),
        )
    )


def _instance_secret(path: Path) -> str:
    """Read the installation's secret key, creating it (mode 600) on first use.

    The key is written to a private temporary file and linked into place, so two processes
    starting at once agree on one key, and a crash never leaves an empty key behind.
    """
    key = path.read_text().strip() if path.exists() else ""
    if key:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)  # a copied or restored key file must not stay readable by others
        return key
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    try:
        if path.exists():
            os.replace(draft, path)  # an empty key file: replace it
        else:
            with contextlib.suppress(FileExistsError):  # another process won the race: use its key
                os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    return path.read_text().strip()


def _trust_proxy_headers(app: Flask) -> None:
    """Behind a reverse proxy, take the client address from X-Forwarded-For (rate limits use it)."""
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _install_request_guards(app: Flask) -> None:
    from app.request_guards import install_request_guards

    install_request_guards(app)  # before any route exists: the bounded id converter must be in place


def _register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401 - registers the tables on the metadata
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate
    from app.i18n import select_locale, select_timezone
    from app.security_headers import init_security_headers

    db.init_app(app)
    from app import query_plans, read_only_requests  # noqa: F401 - query_plans registers its execute hook

    read_only_requests.install(app)  # after db.init_app: its commit runs before the session is removed
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    limiter.init_app(app)
    init_security_headers(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    from app.i18n import install_cached_domain

    install_cached_domain(app)

    from app.models import load_user

    login_manager.user_loader(load_user)

    from app.access import enforce_access

    enforce_access(app)


def _register_blueprints(app: Flask) -> None:
    from app.admin import bp as admin_bp
    from app.auth import bp as auth_bp
    from app.desk import bp as desk_bp
    from app.files import bp as files_bp
    from app.main import bp as main_bp
    from app.portal import bp as portal_bp
    from app.reports import bp as reports_bp
    from app.statistics import bp as statistics_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(portal_bp)
    app.register_blueprint(desk_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(files_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(statistics_bp)


def _register_error_handlers(app: Flask) -> None:
    from app.errors import register_error_handlers

    register_error_handlers(app)


def _register_template_helpers(app: Flask) -> None:
    from app.templating import register_template_helpers

    register_template_helpers(app)


def _register_commands(app: Flask) -> None:
    from app.cli import register_commands

    register_commands(app)
