import click
from flask.cli import with_appcontext


@click.group("members")
def members() -> None:
    """Member rolls and memberships."""


@members.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--union", "union_code", default=None, help="Import only this union's rows (its code, e.g. EBS).")
@with_appcontext
def import_command(path: str, union_code: str | None) -> None:
    """Import a member roll (CSV or .xlsx), printing progress and the report; a bad file changes nothing."""
    from app.services.roll_import import import_roll
    from cases.member_roll import InvalidRollFile

    def progress(done: int, total: int | None) -> None:
        if total:
            click.echo(f"  {done}/{total} rows ({done * 100 // total}%)")
        else:
            click.echo(f"  {done} rows")

    try:
        report = import_roll(path, filename=path, union_code=union_code, progress=progress)
    except InvalidRollFile as error:
        raise click.ClickException(f"{error.render()} Nothing was imported.") from None
    click.echo(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.refused} refused; "
        f"{report.verified_members} pending members verified."
    )
    for message in report.messages:
        click.echo(f"  line {message.line_no}: {message.outcome.value}: {message.render()}")
    if report.messages_omitted:
        click.echo(f"  … and {report.messages_omitted} more")
