"""`flask backup` and `flask restore`: the demo data and its files come back whole in a fresh installation."""

import hashlib
import io
import stat
import tarfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.extensions import db

FILES = {
    "uploads/ab/3f9e0c.pdf": b"%PDF-1.4 kanit",
    "uploads/c1.png": b"\x89PNG\r\n\x1a\n resim",
    "documents/9d2e.docx": b"PK\x03\x04 dilekce",
}


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, (result.output, result.exc_info)
    for name, content in FILES.items():
        area, rest = name.split("/", 1)
        path = Path(app.config["UPLOAD_DIR" if area == "uploads" else "DOCUMENT_DIR"]) / rest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return app


@pytest.fixture(params=["migrated", "blank"])
def fresh(app, tmp_path, request):
    """A second, empty installation: a new database (migrated, or blank) and new instance folders."""
    from flask_migrate import upgrade

    from app import create_app

    if db.engine.dialect.name == "postgresql":
        from tests.conftest import _create_postgres_database, _drop_postgres_database

        name = f"dayanak_restore_{uuid.uuid4().hex[:12]}"
        url = _create_postgres_database(name)
        request.addfinalizer(lambda: _drop_postgres_database(name))
    else:
        url = "sqlite:///" + str(tmp_path / "fresh.db")
    other = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "UPLOAD_DIR": str(tmp_path / "fresh" / "uploads"),
            "DOCUMENT_DIR": str(tmp_path / "fresh" / "documents"),
        },
    )
    if request.param == "migrated":
        with other.app_context():
            upgrade()
            db.session.remove()
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def _rows(engine: sa.Engine) -> dict[str, list[tuple]]:
    rows = {}
    with engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(r) for r in connection.execute(sa.select(table).order_by(*order))]
        rows["alembic_version"] = [tuple(r) for r in connection.execute(sa.text("SELECT * FROM alembic_version"))]
    return rows


def _files(app) -> dict[str, str]:
    found = {}
    for area, setting in (("uploads", "UPLOAD_DIR"), ("documents", "DOCUMENT_DIR")):
        root = Path(app.config[setting])
        for path in root.rglob("*"):
            if path.is_file():
                found[f"{area}/{path.relative_to(root).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_the_demo_data_restores_into_a_fresh_installation_table_by_table_and_file_by_file(
    demo, fresh, runner, tmp_path
):
    archive = tmp_path / "yedek" / "dayanak.tar.gz"
    result = runner.invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # it holds every case file
    assert [p.name for p in archive.parent.iterdir()] == ["dayanak.tar.gz"]  # no draft left behind
    with tarfile.open(archive) as tar:
        assert {"manifest.json", *FILES} <= set(tar.getnames())
    original_rows, original_files = _rows(db.engine), _files(demo)
    assert original_rows["cases"] and original_rows["case_events"] and original_rows["users"]

    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["restore", str(archive)])
        assert result.exit_code == 0, result.output
        assert "the audit chain holds" in result.output
        assert f"cases {len(original_rows['cases']):>9}".replace(" ", "") in result.output.replace(" ", "")
        assert _rows(db.engine) == original_rows
        assert _files(fresh) == original_files


def test_restore_refuses_an_installation_that_holds_data(demo, runner, tmp_path):
    archive = tmp_path / "yedek.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    before = _rows(db.engine)
    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code == 1
    assert "not empty" in result.output
    assert _rows(db.engine) == before


def test_restore_refuses_an_archive_whose_file_does_not_match_its_hash(demo, fresh, runner, tmp_path):
    archive = tmp_path / "yedek.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    tampered = tmp_path / "bozuk.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "documents/9d2e.docx":
                data = b"PK\x03\x04 sahte dilekce"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["restore", str(tampered)])
        assert result.exit_code == 1
        assert "does not match its hash: documents/9d2e.docx" in result.output
        if sa.inspect(db.engine).has_table("cases"):  # nothing was written
            assert db.session.scalar(sa.select(sa.func.count()).select_from(db.metadata.tables["cases"])) == 0
        else:
            assert sa.inspect(db.engine).get_table_names() == []
        assert _files(fresh) == {}


def test_a_restore_under_another_audit_key_fails_its_verification_and_says_why(demo, fresh, runner, tmp_path):
    archive = tmp_path / "yedek.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    fresh.config["AUDIT_KEY"] = "baska-bir-anahtar"
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code == 1
    assert "BROKEN: case" in result.output and "AUDIT_KEY is not the one" in result.output
