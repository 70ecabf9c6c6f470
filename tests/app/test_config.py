import os
import stat

import pytest
from click.testing import CliRunner

from app import create_app
from config import ConfigurationError


def test_a_missing_secret_key_is_generated_once_with_mode_600(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app("development", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    key_file = tmp_path / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) == 64
    second = create_app("development", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_the_audit_key_is_generated_once_into_the_instance_folder_beside_the_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("AUDIT_KEY", raising=False)
    first = create_app("development", {"AUDIT_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert len(first.config["AUDIT_KEY"]) == 64 and first.config["AUDIT_KEY"] != first.config["SECRET_KEY"]
    assert (tmp_path / "audit_key").read_text() == first.config["AUDIT_KEY"]
    assert stat.S_IMODE(os.stat(tmp_path / "audit_key").st_mode) == 0o600
    second = create_app("development", {"AUDIT_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert second.config["AUDIT_KEY"] == first.config["AUDIT_KEY"]


def test_an_empty_secret_key_file_is_replaced_by_a_real_key(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "secret_key").write_text("")
    app = create_app("development", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert len(app.config["SECRET_KEY"]) == 64
    assert (tmp_path / "secret_key").read_text() == app.config["SECRET_KEY"]
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".secret_key")] == []


def test_a_readable_secret_key_file_is_made_private_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    key_file = tmp_path / "secret_key"
    key_file.write_text("k" * 64 + "\n")
    key_file.chmod(0o644)
    app = create_app("development", {"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SECRET_KEY"] == "k" * 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_the_embedded_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": None})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/dayanak.db"


def test_a_postgresql_url_uses_the_installed_driver(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    app = create_app("development", {"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/dayanak"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/dayanak"


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x" * 64}, "in-memory SQLite"),
        ({"SQLALCHEMY_DATABASE_URI": "sqlite:///:memory:", "SECRET_KEY": "x" * 64}, "in-memory SQLite"),
        (
            {"SQLALCHEMY_DATABASE_URI": "sqlite:///file:db?mode=memory&uri=true", "SECRET_KEY": "x" * 64},
            "in-memory SQLite",
        ),
        ({"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": "x" * 64, "DEBUG": True}, "Debug mode"),
        ({"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": None}, "SECRET_KEY is not set"),
        ({"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": "x" * 64}, "AUDIT_KEY is not set"),
        ({"SQLALCHEMY_DATABASE_URI": None, "SECRET_KEY": "x" * 64}, "DATABASE_URL is not set"),
    ],
)
def test_production_refuses_unsafe_settings(tmp_path, monkeypatch, overrides, complaint):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(ConfigurationError, match=complaint):
        create_app("production", overrides)
    assert not (tmp_path / "secret_key").exists()  # production never invents a secret


@pytest.mark.parametrize(("flask_debug", "command"), [("1", ["routes"]), ("0", ["--debug", "routes"])])
def test_production_refuses_the_debugger_switched_on_from_the_command_line(tmp_path, monkeypatch, flask_debug, command):
    """FLASK_DEBUG (which `flask --debug` sets) would turn the debugger on after the app is built."""
    from flask.cli import FlaskGroup

    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FLASK_DEBUG", flask_debug)  # also undoes what --debug writes into os.environ
    cli = FlaskGroup(
        create_app=lambda: create_app(
            "production", {"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": "s" * 64}
        )
    )
    result = CliRunner().invoke(cli, command)
    assert isinstance(result.exception, ConfigurationError)
    assert "Debug mode is on" in str(result.exception)


CONTROLLER = {
    "DATA_CONTROLLER_NAME": "Eğitim-Bir-Sen",
    "DATA_CONTROLLER_ADDRESS": "Ankara",
    "DATA_CONTROLLER_CONTACT": "kvkk@example.org",
}


def test_production_refuses_to_start_without_naming_the_data_controller(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    proper = {"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": "s" * 64, "BASE_URL": "https://d.example"}
    proper["AUDIT_KEY"] = "a" * 64
    with pytest.raises(ConfigurationError, match="DATA_CONTROLLER_ADDRESS") as refused:
        create_app("production", {**proper, **CONTROLLER, "DATA_CONTROLLER_ADDRESS": " "})
    assert "data controller" in str(refused.value)
    app = create_app("production", {**proper, **CONTROLLER})
    with app.test_request_context():
        from flask import render_template

        text = render_template("auth/_privacy_text.html", notice_version="2026-12")
    assert "Eğitim-Bir-Sen — Ankara — kvkk@example.org" in text
    assert "10" in text.split('data-testid="retention"')[1]


def test_production_with_proper_settings_starts_with_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        "production",
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x",
            "SECRET_KEY": "s" * 64,
            "AUDIT_KEY": "a" * 64,
            "BASE_URL": "https://d.example",
            **CONTROLLER,
        },
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_wsgi_exposes_the_app(monkeypatch, tmp_path):
    import importlib

    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    module = importlib.import_module("wsgi")
    assert module.app.name == "app"
