"""Backups that can be proven: one archive with a consistent database snapshot, the files, and their hashes.

``make_backup`` writes a .tar.gz holding ``database.sqlite3`` (SQLite's online backup API, a
consistent copy while the app runs) or ``database.pgdump`` (``pg_dump --format=custom``, one
snapshot transaction), the instance's ``uploads/`` and ``documents/``, and ``manifest.json`` with
the SHA-256 of every member and the row count of every table. ``restore_backup`` refuses any
installation that already holds data, checks every hash before touching anything, restores the
database and the files, and returns what the caller compares: row counts and file counts.

The audit key (``AUDIT_KEY``) and ``SECRET_KEY`` are deliberately not in the archive: keep them
with the installation's secrets, and give the restored installation the same ones.
"""

import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.models.base import utcnow
from cases.errors import DomainError
from cases.i18n import N_

FORMAT = 1
MANIFEST = "manifest.json"
FILE_AREAS = {"uploads": "UPLOAD_DIR", "documents": "DOCUMENT_DIR"}
_CHUNK = 1 << 20


class BackupError(DomainError):
    """A backup could not be written, or an archive cannot be restored here; the message says why."""


@dataclass
class RestoreReport:
    """What a restore put back: rows per table, files per area, and the counts the archive promised."""

    tables: dict[str, int] = field(default_factory=dict)
    expected_tables: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)

    @property
    def mismatched(self) -> list[str]:
        return [name for name, count in self.expected_tables.items() if self.tables.get(name) != count]


def table_counts() -> dict[str, int]:
    """Rows in every table of the application's schema (and Alembic's version table)."""
    counts: dict[str, int] = {}
    for table in sorted(db.metadata.tables.values(), key=lambda t: t.name):
        counts[table.name] = db.session.scalar(sa.select(sa.func.count()).select_from(table)) or 0
    return counts


def make_backup(target: Path) -> dict:
    """Write the installation's backup archive to ``target``; return its manifest. Raises BackupError.

    Files go into the archive straight from the instance folders, hashed as they are read (each
    is read once, and no second copy of the uploads is made on disk); the manifest comes last.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    draft = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tempfile.TemporaryDirectory(prefix="dayanak-backup-") as work:
        dialect = db.engine.dialect.name
        database_file = _snapshot(Path(work), dialect)
        counts = table_counts()  # after the snapshot: rows added meanwhile can only make these larger
        hashes: dict[str, str] = {}
        # Private from the first byte: the archive holds every case file.
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                hashes[database_file] = _add_hashed(archive, Path(work) / database_file, database_file)
                for area, setting in FILE_AREAS.items():
                    source = Path(current_app.config[setting])
                    for path in sorted(source.rglob("*")) if source.is_dir() else ():
                        if path.is_file() and not path.is_symlink() and path.suffix != ".tmp":  # not half-written
                            name = f"{area}/{path.relative_to(source).as_posix()}"
                            hashes[name] = _add_hashed(archive, path, name)
                manifest = {
                    "format": FORMAT,
                    "created_at": utcnow().isoformat(),
                    "database": {"dialect": dialect, "file": database_file},
                    "tables": counts,
                    "files": hashes,
                }
                encoded = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(encoded), 0o600, int(utcnow().timestamp())
                archive.addfile(info, io.BytesIO(encoded))
            draft.replace(target)
        finally:
            draft.unlink(missing_ok=True)
    return manifest


class _HashingReader:
    """A file read through once by tarfile while its SHA-256 is computed."""

    def __init__(self, handle: io.BufferedReader) -> None:
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_hashed(archive: tarfile.TarFile, path: Path, name: str) -> str:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return reader.digest.hexdigest()


def _snapshot(root: Path, dialect: str) -> str:
    if dialect == "sqlite":
        source = db.engine.url.database
        if not source or source == ":memory:":
            raise BackupError(N_("An in-memory database cannot be backed up."))
        name = "database.sqlite3"
        with sqlite3.connect(source) as live, sqlite3.connect(root / name) as copy:
            live.backup(copy)  # a consistent snapshot, even while the app writes
        return name
    if dialect == "postgresql":
        name = "database.pgdump"
        _run(
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={root / name}"],
            N_("pg_dump failed: %(detail)s"),
        )
        return name
    raise BackupError(N_("Backups of %(dialect)s databases are not supported."), dialect=dialect)


def restore_backup(archive_path: Path) -> RestoreReport:
    """Restore an archive into this empty installation; check every hash first. Raises BackupError."""
    _ensure_empty()
    with tempfile.TemporaryDirectory(prefix="dayanak-restore-") as work:
        root = Path(work)
        manifest = _unpack(Path(archive_path), root)
        dialect = db.engine.dialect.name
        if manifest["database"]["dialect"] != dialect:
            raise BackupError(
                N_("This backup is of a %(backup)s database; this installation uses %(here)s."),
                backup=manifest["database"]["dialect"],
                here=dialect,
            )
        database_file = root / manifest["database"]["file"]
        db.session.remove()
        db.engine.dispose()
        if dialect == "sqlite":
            with sqlite3.connect(database_file) as source, sqlite3.connect(str(db.engine.url.database)) as target:
                source.backup(target)
        else:
            _run(
                [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error"]
                + [str(database_file)],
                N_("pg_restore failed: %(detail)s"),
            )
        db.engine.dispose()
        report = RestoreReport(expected_tables=dict(manifest.get("tables", {})))
        for area, setting in FILE_AREAS.items():
            destination = Path(current_app.config[setting])
            destination.mkdir(parents=True, exist_ok=True)
            count = 0
            for name in manifest["files"]:
                path = PurePosixPath(name)
                if path.parts[0] != area or not (root / name).is_file():
                    continue
                out = destination.joinpath(*path.parts[1:])
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(root / name, out)
                count += 1
            report.files[area] = count
    report.tables = table_counts()
    return report


def _ensure_empty() -> None:
    """Refuse an installation with any row in its tables or any file in its instance folders."""
    inspector = sa.inspect(db.engine)
    existing = set(inspector.get_table_names())
    for table in db.metadata.tables.values():
        if table.name in existing and db.session.scalar(sa.select(sa.func.count()).select_from(table)):
            raise BackupError(
                N_("This installation is not empty (the table %(table)s has rows): restore only into a new one."),
                table=table.name,
            )
    for setting in FILE_AREAS.values():
        folder = Path(current_app.config[setting])
        if folder.is_dir() and any(folder.iterdir()):
            raise BackupError(
                N_("This installation is not empty (%(folder)s holds files): restore only into a new one."),
                folder=str(folder),
            )
    db.session.rollback()


def _unpack(archive_path: Path, root: Path) -> dict:
    """Extract the archive's regular files into ``root`` and check them against the manifest."""
    try:
        names = _extract(archive_path, root)
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise BackupError(N_("The backup archive cannot be read: %(detail)s"), detail=str(exc)) from exc
    try:
        manifest = json.loads((root / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(N_("The backup archive has no readable manifest.")) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(N_("The backup archive has an unknown format."))
    listed = manifest.get("files", {})
    unlisted = sorted(set(names) - set(listed) - {MANIFEST})
    if unlisted:
        raise BackupError(N_("The backup archive holds files its manifest does not list: %(name)s"), name=unlisted[0])
    for name, expected in sorted(listed.items()):
        path = root / name
        if not path.is_file():
            raise BackupError(N_("A file of the backup is missing: %(name)s"), name=name)
        if _sha256(path) != expected:
            raise BackupError(N_("A file of the backup does not match its hash: %(name)s"), name=name)
    if manifest["database"]["file"] not in listed:
        raise BackupError(N_("The backup archive has no database snapshot."))
    return manifest


def _extract(archive_path: Path, root: Path) -> list[str]:
    """Extract the archive into ``root``, refusing anything but plain files with relative names."""
    with tarfile.open(archive_path, "r:gz") as archive:
        names = []
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            if path.is_absolute() or ".." in path.parts or not member.isfile():
                raise BackupError(N_("The backup archive holds an unexpected entry: %(name)s"), name=member.name)
            names.append(member.name)
        archive.extractall(root, filter="data")
    return names


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    """The PostgreSQL client program ``name``: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    if not candidates:
        raise BackupError(N_("The PostgreSQL client program %(name)s is not installed."), name=name)
    return candidates[-1]


def _version_key(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


def _run(command: list[str], message: str) -> None:
    """Run a PostgreSQL client program against this installation's database (password in the environment)."""
    url = db.engine.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    connection = url.set(password=None).render_as_string(hide_password=False)
    command = [*command[:1], f"--dbname={connection}", *command[1:]]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise BackupError(message, detail=(result.stderr or result.stdout).strip()[-500:])
