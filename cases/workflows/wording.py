"""How each step reads once it has happened: the timeline's title and the staff member's confirmation.

A button says what one is about to do ("Take the case"); the timeline and the confirmation say
what happened ("Case taken on", "You took on the case"). ``%(amount)s`` is the amount a money
step moved, as shown (10.000,00 TL).
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from cases.i18n import N_

# The timeline entry of each step, for everyone reading the case later.
HAPPENED: Final[Mapping[str, str]] = MappingProxyType(
    {
        "take": N_("Case taken on"),
        "assign": N_("Case assigned"),
        "request_info": N_("Information requested from the member"),
        "member_answer": N_("The member answered"),
        "accept": N_("Case accepted"),
        "decline": N_("Case declined"),
        "file_objection": N_("Objection recorded"),
        "file_lawsuit": N_("Lawsuit recorded"),
        "record_decision": N_("Decision recorded"),
        "withdraw": N_("The member withdrew the case"),
        "close": N_("Case closed"),
        "reopen": N_("Case reopened"),
        "approve": N_("Request approved"),
        "mark_paid": N_("Marked as paid"),
    }
)

# What the staff member who pressed the button is told.
CONFIRMED: Final[Mapping[str, str]] = MappingProxyType(
    {
        "take": N_("You took on the case."),
        "assign": N_("The case was assigned."),
        "request_info": N_("Information was requested from the member; they are notified by e-mail."),
        "member_answer": N_("The answer was sent."),
        "accept": N_("The case was accepted."),
        "decline": N_("The case was declined; the member sees the reason."),
        "file_objection": N_("The objection was recorded."),
        "file_lawsuit": N_("The lawsuit was recorded."),
        "record_decision": N_("The decision was recorded."),
        "withdraw": N_("The case was withdrawn."),
        "close": N_("The case was closed."),
        "reopen": N_("The case was reopened."),
        "approve": N_("The request was approved: %(amount)s."),
        "mark_paid": N_("%(amount)s was marked as paid."),
    }
)


def happened(name: str) -> str:
    """The timeline title of step ``name`` (an N_ message id); the name itself when unknown."""
    return HAPPENED.get(name, name)


def confirmed(name: str) -> str:
    """The confirmation of step ``name`` for the person who performed it (an N_ message id)."""
    return CONFIRMED.get(name, N_("Saved."))
