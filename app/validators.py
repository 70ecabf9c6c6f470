"""Form validators shared by the blueprints."""

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from cases.text import clean_line


class EmailAddress:
    """A syntactically valid email address (no DNS look-up).

    Outside production the reserved ``.test`` domain is accepted, so demo and test accounts
    can never reach a real mailbox.
    """

    def __init__(self, message=None) -> None:
        self.message = message or _l("Please enter a valid email address, like name@example.com.")

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        try:
            validate_email(
                field.data,
                check_deliverability=False,
                test_environment=current_app.config.get("ENV_NAME") != "production",
            )
        except EmailNotValidError as error:
            raise ValidationError(self.message) from error


def strip_text(value: str | None) -> str | None:
    """Form filter: ignore spaces around what was typed (phones add them)."""
    return value.strip() if isinstance(value, str) else value


def clean_name(value: str | None) -> str | None:
    """Form filter for names: no control or invisible characters (zero-width, BOM), single spaces."""
    return clean_line(value) if isinstance(value, str) else value
