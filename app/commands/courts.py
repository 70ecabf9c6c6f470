"""`flask courts load`: put the courts list (app/data/courts.csv by default) into the database."""

from pathlib import Path

import click
from flask.cli import with_appcontext

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "data" / "courts.csv"


@click.group("courts")
def courts() -> None:
    """The administrative, tax and regional administrative courts."""


@courts.command("load")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--update", is_flag=True, help="Also overwrite courts already in the database (admins' corrections too).")
@with_appcontext
def load(path: Path | None, update: bool) -> None:
    """Add the courts of PATH (CSV: name, province, kind, takes_recess yes/no/blank, address, source).

    A blank recess flag or address means not known: deadlines then never assume the recess.
    Courts already in the database are left as the administrators corrected them unless --update.
    """
    from app.services.courts import load_courts

    try:
        added, updated = load_courts((path or DEFAULT_FILE).read_text(encoding="utf-8"), update=update)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{added} court(s) added, {updated} updated")
