"""`flask backup PATH` and `flask restore PATH`: a verified archive of the database and the files."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from cases.errors import DomainError


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path: Path) -> None:
    """Write one .tar.gz archive: database snapshot, uploads, documents and a SHA-256 manifest."""
    from app.services.backup import make_backup

    try:
        manifest = make_backup(path)
    except DomainError as error:
        raise click.ClickException(error.render()) from None
    rows = sum(manifest["tables"].values())
    click.echo(
        f"Backup written to {path}: {manifest['database']['dialect']} database ({rows} rows in "
        f"{len(manifest['tables'])} tables), {len(manifest['files']) - 1} files."
    )


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore(path: Path) -> None:
    """Restore an archive of `flask backup` into this EMPTY installation, then verify the audit chain.

    Every file's hash is checked before anything is written. Prints the rows of each table and
    the files restored; exits 1 when a count differs from the archive's or the audit chain fails.
    """
    from app.commands.audit import verify_all
    from app.services.backup import restore_backup

    try:
        report = restore_backup(path)
    except DomainError as error:
        raise click.ClickException(error.render()) from None
    for table, count in sorted(report.tables.items()):
        expected = report.expected_tables.get(table)
        note = "" if expected in (None, count) else f"  (the backup had {expected})"
        click.echo(f"{table:32} {count:>9}{note}")
    for area, count in report.files.items():
        click.echo(f"{area + '/ files':32} {count:>9}")
    broken = verify_all()
    if broken:
        click.echo(
            "The audit chain does not hold. If every case is reported, this installation's AUDIT_KEY is not the "
            "one the backup's installation used: restore again with that key.",
            err=True,
        )
    if report.mismatched or broken:
        raise SystemExit(1)
    click.echo("Restore complete: every hash matched, every count agrees, the audit chain holds.")
