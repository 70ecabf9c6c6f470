"""`flask petitions`: list the active templates, render one for a case from the command line."""

import json
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from app import clock
from cases.errors import DomainError


@click.group("petitions")
def petitions() -> None:
    """Petition templates and documents."""


@petitions.command("list")
@with_appcontext
def list_templates() -> None:
    """Print the names of the active templates, one a line (only those with an accepted version)."""
    from app.services.petitions import template_rows

    usable = (row for row in template_rows(active_only=True) if row.current_number is not None)
    for slug in sorted(row.template.slug for row in usable):
        click.echo(slug)


@petitions.command("render")
@click.option("--template", "name", required=True, help="The template's name, as `flask petitions list` prints it.")
@click.option("--case", "reference", required=True, help="The case reference, e.g. EBS-2026-000123.")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="A .docx or .pdf file."
)
@click.option("--field", "fields", multiple=True, metavar="NAME=VALUE", help="A fillable field, e.g. court.name=…")
@click.option("--fields-json", type=click.File("r", encoding="utf-8"), help="A JSON object of fillable fields.")
@with_appcontext
def render(name: str, reference: str, out: Path, fields: tuple[str, ...], fields_json) -> None:
    """Fill a template for a case and write it to OUT (PDF when OUT ends in .pdf); nothing is stored.

    Fields the case lacks come from --field/--fields-json; required ones still blank are named
    in a warning and printed as "……………", so a draft can always be printed. A template that does
    not serve the case's kind, category or stage is refused.
    """
    _render(name, reference, out, fields, fields_json)


def _render(name: str, reference: str, out: Path, fields: tuple[str, ...], fields_json) -> None:
    from app.extensions import db
    from app.models import Case, PetitionTemplate
    from app.services import petition_documents as documents_service
    from app.services import petitions as service
    from cases.petitions import convert_to_pdf, render_petition

    template = db.session.scalar(sa.select(PetitionTemplate).where(PetitionTemplate.slug == name))
    if template is None or not template.active:
        raise click.ClickException(f"No active template named {name!r}; see `flask petitions list`.")
    case = db.session.scalar(sa.select(Case).where(Case.reference == reference))
    if case is None:
        raise click.ClickException(f"No case with the reference {reference!r}.")
    version = service.current_version(template.id)
    if version is None:
        raise click.ClickException(f"The template {name!r} has no accepted version.")
    if refusal := service.refusal_for(template, case):
        raise click.ClickException(f"{refusal} ({name} does not serve {case.reference}.)")
    spec = service.spec_of(template)
    snapshot = documents_service.snapshot_of(case)
    extra: dict[str, object] = {}
    for key, value in documents_service.initial_values(case, template, snapshot).items():
        if key in spec.required_fields or key in spec.optional_fields:
            extra[key] = value
    given = json.load(fields_json) if fields_json else {}
    for item in fields:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--field")
        given[key.strip()] = value
    extra.update(given)
    blank = [key for key in spec.required_fields if extra.get(key) in (None, "", [])]
    if blank:
        click.echo(
            f"Warning: still blank, printed as ……………: {', '.join(blank)} (give them with --field NAME=VALUE).",
            err=True,
        )
    try:
        docx = render_petition(
            version.content, snapshot, extra, clock.today(), spec.required_fields, spec=spec, lenient=True
        )
        data = convert_to_pdf(docx) if out.suffix.lower() == ".pdf" else docx
    except DomainError as error:
        raise click.ClickException(error.render()) from error
    out.write_bytes(data)
    click.echo(f"{out} ({len(data)} bytes, {template.slug} v{version.number}, {case.reference})")
