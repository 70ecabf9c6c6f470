"""Fixtures shared by the whole suite.

The database backend is chosen by ``DAYANAK_TEST_DB``: ``sqlite`` (default) or
``postgresql``. Each pytest worker gets its own database, migrated to head once with the
project's real migrations; every test then starts from empty tables.
"""

import os
import re
from pathlib import Path

import pytest

BACKEND = os.environ.get("DAYANAK_TEST_DB", "sqlite")
# An instant to run the whole session at, e.g. 2026-12-06T23:30:00Z: the clock starts there and
# ticks on. scripts/test.sh runs the suite once at 23:30 UTC, when Istanbul is already in the
# next day, so a test that takes its date from the machine instead of app.clock fails at once.
FROZEN_NOW = os.environ.get("DAYANAK_TEST_NOW")
POSTGRES_ADMIN_URL = os.environ.get("DAYANAK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def postgres_url(database: str) -> str:
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{database}"


def _create_postgres_database(name: str) -> str:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return postgres_url(name)


def _drop_postgres_database(name: str) -> None:
    import psycopg

    # FORCE closes the pooled connections the test apps still hold.
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, request) -> str:
    """A fresh database for this worker, migrated to head."""
    if BACKEND == "postgresql":
        # One database per test process, so parallel runs never share one.
        worker = re.sub(r"\W", "_", _worker())
        name = f"dayanak_test_{worker}_{os.getpid()}"
        url = _create_postgres_database(name)
        request.addfinalizer(lambda: _drop_postgres_database(name))
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")
    from flask_migrate import upgrade

    from app import create_app

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
    return url


@pytest.fixture
def app(database_url, tmp_path):
    from app import create_app
    from app.extensions import db, limiter
    from app.models.user import use_fast_password_hashing

    use_fast_password_hashing()
    application = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "DOCUMENT_DIR": str(tmp_path / "documents"),
        },
    )

    @application.teardown_request
    def _forget_request_globals(_exc) -> None:
        # The test keeps one app context open for its factories, and Flask reuses it for each
        # request; clearing g makes every request start as fresh as it would in production.
        from flask import g

        g.__dict__.clear()

    with application.app_context():
        limiter.reset()
        yield application
        db.session.remove()
        _empty_tables(db)


def _empty_tables(db) -> None:
    """Delete every row, children first, so the next test starts from nothing."""
    engine = db.engine
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                connection.exec_driver_sql(f'DELETE FROM "{table}"')


@pytest.fixture
def db(app):
    from app.extensions import db as database

    return database


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def login(client):
    """Sign ``user`` in through the real login form (password from the factories)."""
    from tests.factories import PASSWORD
    from tests.helpers import csrf_token_from

    def sign_in(user, password: str = PASSWORD):
        page = client.get("/login")
        token = csrf_token_from(page)
        response = client.post("/login", data={"email": user.email, "password": password, "csrf_token": token})
        assert response.status_code == 302, f"login failed for {user.email}: {response.status_code}"
        return response

    return sign_in


def pytest_report_header(config) -> list[str]:
    clock = [f"clock: starts at {FROZEN_NOW} (DAYANAK_TEST_NOW)"] if FROZEN_NOW else []
    return [f"dayanak database backend: {BACKEND}", *clock]


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def pytest_configure(config) -> None:
    """Start the clock where DAYANAK_TEST_NOW says; compile the translations once (in the controller)."""
    if FROZEN_NOW:
        import time_machine

        time_machine.travel(FROZEN_NOW, tick=True).start()
    if not hasattr(config, "workerinput"):
        from scripts.translations import compile_catalogues

        compile_catalogues()
