"""Domain errors. Each carries an English message marked for translation and its parameters.

The web layer shows ``error.render(gettext)``: the message translated into the user's
language, with its ``%(name)s`` parameters filled in.
"""

from collections.abc import Callable


class DomainError(Exception):
    """A rule of the domain refused an action; the message is fit to show a user."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params

    def render(self, translate: Callable[[str], str] = str) -> str:
        """The message translated by ``translate`` with its parameters filled in."""
        text = translate(self.message)
        return text % self.params if self.params else text


class InvalidNationalId(DomainError):
    """A T.C. Kimlik No failed its format or checksum."""


class TransitionNotAllowed(DomainError):
    """The actor may not perform this transition on the case in its current state."""


class MissingInput(DomainError):
    """A transition needs an input (reason, outcome, court…) that was not given or is invalid."""


class StaleCase(DomainError):
    """The case changed since the actor loaded it (optimistic locking)."""


class InvalidUpload(DomainError):
    """An uploaded file was refused (type, size, count)."""


class TemplateError(DomainError):
    """A petition template is invalid, unsafe or failed to render."""


class NotFound(DomainError):
    """The record does not exist or lies outside what the user may see: reported alike, so ids reveal nothing."""

    def __init__(self, message: str = "Not found.", **params: object) -> None:
        super().__init__(message, **params)


class Forbidden(DomainError):
    """The user may see the record but not do this with it."""

    def __init__(self, message: str = "Forbidden.", **params: object) -> None:
        super().__init__(message, **params)
