"""Language and time zone selection, and a domain-message translator."""

from flask import current_app, request, session
from flask_babel import gettext
from flask_login import current_user

from cases.errors import DomainError


def select_locale() -> str:
    """The signed-in user's language, else the session's choice, else Turkish."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    if request and request.args.get("lang") in languages:
        return request.args["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def domain_message(error: DomainError) -> str:
    """A domain error's message in the user's language."""
    return error.render(gettext)


def translate_marked(message: str, **params: object) -> str:
    """Translate a string the domain marked with N_ and fill in its parameters."""
    text = gettext(message)
    return text % params if params else text
