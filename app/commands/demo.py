import click
from flask.cli import with_appcontext


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load the demo unions, institutions, accounts and cases (safe to run again)."""
    from app.demo import load_demo_data

    summary = load_demo_data()
    click.echo(summary)
