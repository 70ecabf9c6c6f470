"""Domain errors. Each carries a message fit to show a user (already translatable text)."""


class DomainError(Exception):
    """A rule of the domain refused an action; ``str(error)`` is shown to the user."""

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidNationalId(DomainError):
    """A T.C. Kimlik No failed its format or checksum."""


class TransitionNotAllowed(DomainError):
    """The actor may not perform this transition on the case in its current state."""


class MissingInput(DomainError):
    """A transition needs an input (reason, outcome, court…) that was not given."""


class StaleCase(DomainError):
    """The case changed since the actor loaded it (optimistic locking)."""


class InvalidUpload(DomainError):
    """An uploaded file was refused (type, size, count)."""


class TemplateError(DomainError):
    """A petition template is invalid, unsafe or failed to render."""
