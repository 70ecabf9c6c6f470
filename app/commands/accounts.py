import click
import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db
from app.models import User
from app.services.accounts import create_user, normalize_email


@click.command("create-admin")
@click.option("--email", prompt=True, help="The administrator's email address.")
@click.option("--name", "full_name", prompt="Full name", help="The administrator's full name.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True, help="At least 10 characters.")
@with_appcontext
def create_admin(email: str, full_name: str, password: str) -> None:
    """Create the first administrator account (confederation scope)."""
    email = email.strip()
    try:
        validate_email(
            email, check_deliverability=False, test_environment=current_app.config.get("ENV_NAME") != "production"
        )
    except EmailNotValidError as error:
        raise click.ClickException(f"{email!r} is not a valid email address: {error}") from error
    if not full_name.strip():
        raise click.ClickException("Please give the administrator's full name.")
    if len(password) < 10:
        raise click.ClickException("The password must be at least 10 characters long.")
    if db.session.scalar(sa.select(User.id).where(User.email == normalize_email(email))):
        raise click.ClickException(f"An account with the email address {email} already exists.")
    create_user(email=email, password=password, full_name=full_name, role="admin", union_id=None)
    db.session.commit()
    click.echo(f"Administrator {normalize_email(email)} created.")
