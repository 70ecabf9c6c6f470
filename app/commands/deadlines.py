"""`flask deadlines`: list the rules, compute a due date, queue the reminders."""

from datetime import date

import click
from flask.cli import with_appcontext

from app import clock
from cases.vocabulary import CaseKind

ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value) -> date | None:
    return value.date() if value is not None else None


@click.group("deadlines")
def deadlines() -> None:
    """Legal deadlines: rules, computation and reminders."""


@deadlines.command("rules")
def rules() -> None:
    """List the deadline rules with their legal basis."""
    from cases.deadlines import RULES

    for rule in RULES:
        unit = rule.unit.value.replace("_", " ")
        length = f"{rule.length} {unit[:-1] if rule.length == 1 else unit}"
        older = "".join(
            f" ({c.length} {unit} for triggers before {c.before:%d.%m.%Y}, Law {c.law})" for c in rule.earlier
        )
        recess = ", judicial recess" if rule.recess else ""
        recess += ", the date silence becomes a rejection (not a last day)" if rule.event else ""
        click.echo(f"{rule.id}\t{rule.legal_basis}\t{length}{older}{recess}\t{rule.name} (from the {rule.trigger})")


@deadlines.command("compute")
@click.argument("rule_id", metavar="RULE")
@click.argument("start", metavar="START_DATE", type=ISO_DATE)
@click.option("--no-recess", is_flag=True, help="The court takes no judicial recess.")
@click.option(
    "--court-unknown",
    is_flag=True,
    help="The competent court is not known yet: give the earlier date (no recess) and name the later one.",
)
@click.option("--applied", type=ISO_DATE, help="Date of an application to the superior authority (İYUK 11).")
@click.option("--answered", type=ISO_DATE, help="Date that application was answered or deemed rejected.")
@with_appcontext
def compute(rule_id: str, start, no_recess: bool, court_unknown: bool, applied, answered) -> None:
    """Print the due date (ISO, alone on the first line), then the explanation and warnings.

    For a rule that marks an event (a deemed rejection) the date is the day that event happens.
    """
    from cases.deadlines import compute_deadline
    from cases.errors import DomainError

    if no_recess and court_unknown:
        raise click.UsageError("Give --no-recess or --court-unknown, not both.")

    calendar, corrected = _calendar()
    try:
        result = compute_deadline(
            rule_id,
            _day(start),
            calendar=calendar,
            recess=None if court_unknown else not no_recess,
            applied=_day(applied),
            answered=_day(answered),
        )
    except DomainError as error:
        raise click.ClickException(error.render()) from error
    click.echo(result.due.isoformat())
    for step in result.steps:
        click.echo(step.render())
    for warning in result.warnings:
        click.echo(f"Warning: {warning.render()}")
    if not corrected:
        click.echo("Warning: the database is not set up; administrators' calendar corrections were not applied.")


def _calendar():
    """The calendar with the administrators' corrections (and True), or the published one (and False)."""
    import sqlalchemy.exc

    from app.extensions import db
    from app.services.deadlines import load_calendar
    from cases.calendar import TurkishCalendar

    try:
        return load_calendar(), True
    except sqlalchemy.exc.SQLAlchemyError:
        db.session.rollback()
        return TurkishCalendar(), False


@deadlines.command("propose")
@click.option("--batch", default=500, show_default=True, help="Cases per transaction.")
@with_appcontext
def propose(batch: int) -> None:
    """Store the rules' current proposals of every active legal case (run once after upgrading; idempotent)."""
    import sqlalchemy as sa

    from app.extensions import db
    from app.models import Case
    from app.services.deadlines import INACTIVE_STATES, load_calendar, refresh_next_deadline

    calendar = load_calendar()
    last_id, done = 0, 0
    while True:
        cases = db.session.scalars(
            sa.select(Case)
            .where(Case.id > last_id, Case.kind == CaseKind.LEGAL.value, Case.status.not_in(INACTIVE_STATES))
            .order_by(Case.id)
            .limit(batch)
        ).all()
        if not cases:
            break
        for case in cases:
            refresh_next_deadline(case, calendar)
        db.session.commit()
        done += len(cases)
        last_id = cases[-1].id
    click.echo(f"{done} case(s) checked")


@deadlines.command("remind")
@click.option("--today", type=ISO_DATE, help="Pretend today is this date (for testing).")
@with_appcontext
def remind(today) -> None:
    """Queue the deadline reminders due today in the outbox (idempotent: run it as often as you like)."""
    from app.services.deadline_reminders import send_reminders

    queued = send_reminders(_day(today) or clock.today())
    click.echo(f"{queued} reminder(s) queued")
