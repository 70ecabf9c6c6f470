import os
import stat

import pytest

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
        ({"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": "x" * 64, "DEBUG": True}, "Debug mode"),
        ({"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": None}, "SECRET_KEY is not set"),
        ({"SQLALCHEMY_DATABASE_URI": None, "SECRET_KEY": "x" * 64}, "DATABASE_URL is not set"),
    ],
)
def test_production_refuses_unsafe_settings(tmp_path, monkeypatch, overrides, complaint):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(ConfigurationError, match=complaint):
        create_app("production", overrides)
    assert not (tmp_path / "secret_key").exists()  # production never invents a secret


def test_production_with_proper_settings_starts_with_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x", "SECRET_KEY": "s" * 64})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_wsgi_exposes_the_app(monkeypatch, tmp_path):
    import importlib

    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    module = importlib.import_module("wsgi")
    assert module.app.name == "app"
