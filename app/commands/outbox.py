import click
from flask.cli import with_appcontext


@click.group("outbox")
def outbox() -> None:
    """The notification outbox."""


@outbox.command("send")
@with_appcontext
def send() -> None:
    """Deliver the notifications that are due (retries failed ones with backoff)."""
    from app.services.outbox import send_due

    sent, failed = send_due(echo=click.echo)
    click.echo(f"{sent} sent, {failed} failed")
    if failed:
        raise SystemExit(1)
