"""Translated labels for the domain's stable identifiers (roles, kinds, states, …)."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.i18n import context_locale
from cases.grievance import Question, QuestionType, format_iban
from cases.money import format_amount
from cases.workflows import State, state_label

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

ROLES = {
    "member": _l("Member"),
    "lawyer": _l("Lawyer"),
    "officer": _l("Social affairs officer"),
    "admin": _l("Administrator"),
}

KINDS = {
    "legal": _l("Legal help"),
    "social": _l("Social assistance"),
    "material": _l("Material assistance"),
}

CATEGORIES = {
    "arbitrary_treatment": _l("Arbitrary treatment"),
    "harassment": _l("Psychological harassment (mobbing)"),
    "disciplinary_penalty": _l("Disciplinary penalty"),
    "relocation": _l("Relocation or assignment"),
    "promotion": _l("Promotion and appointment"),
    "pay_and_benefits": _l("Pay and benefits"),
    "discrimination": _l("Discrimination"),
    "union_rights": _l("Violation of union rights"),
    "women_maternity": _l("Women's and maternity rights"),
    "retirement_support": _l("Retirement, disability or survivor support"),
    "bereavement": _l("Death in the family"),
    "disability": _l("Disability or illness"),
    "disaster": _l("Disaster (earthquake, flood, fire)"),
    "other": _l("Other"),
}

# The workflows' own labels, in the order the State enum defines (cases/workflows/model.py).
STATES = {state.value: _l(state_label(state)) for state in State}

# The same states as the member reads them about their own case (staff labels speak of "the member").
MEMBER_STATES = {
    **STATES,
    "submitted": _l("Received"),
    "in_review": _l("Being reviewed"),
    "awaiting_member": _l("Your answer is awaited"),
    "accepted": _l("Taken on by the union"),
    "resolved": _l("Decided"),
    "withdrawn": _l("You withdrew it"),
}

# One colour per state (Bootstrap contextual classes), used by the status badge macro.
STATE_COLOURS = {
    "submitted": "primary",
    "in_review": "info",
    "awaiting_member": "warning",
    "accepted": "success",
    "objection_filed": "success",
    "lawsuit_filed": "success",
    "resolved": "dark",
    "approved": "success",
    "paid": "dark",
    "declined": "danger",
    "withdrawn": "secondary",
    "closed": "secondary",
}

RESPONDENTS = {
    "administration": _l("The administration"),
    "manager": _l("A manager"),
    "supervisor": _l("A supervisor"),
    "coworker": _l("A coworker"),
}

PRIORITIES = {
    "low": _l("Low"),
    "normal": _l("Normal"),
    "high": _l("High"),
    "urgent": _l("Urgent"),
}

OUTCOMES = {
    "won": _l("Won"),
    "partly_won": _l("Partly won"),
    "lost": _l("Lost"),
    "settled": _l("Settled"),
}

MEMBERSHIP = {
    "pending": _l("Membership pending"),
    "verified": _l("Verified member"),
    "rejected": _l("Membership rejected"),
}


def label(table: dict, key: str | None) -> str:
    """The translated label of ``key``, or the key itself when it has none."""
    if key is None:
        return ""
    if id(table) in _TABLES:
        return names(table).get(key, key)
    return str(table.get(key, key))


def names(table: dict) -> dict[str, str]:
    """One of this module's tables with every label in the current language, made once per language.

    A queue page shows some hundred labels: each turned from a lazy string into text was a
    catalogue look-up; the tables never change while the process runs.
    """
    locale = context_locale()
    if locale is None or id(table) not in _TABLES:
        return {name: str(text) for name, text in table.items()}
    kept = (id(table), locale.language, locale.territory, locale.script, locale.variant)
    found = _NAMES.get(kept)
    if found is None:
        found = _NAMES[kept] = {name: str(text) for name, text in table.items()}
    return found


def answer_label(question: Question, value: str) -> str:
    """A member's answer to a filing question as people read it (the member on review, staff on the case)."""
    if not value:
        return ""
    if question.type == QuestionType.CHOICE:
        return next((_(label) for v, label in question.choices if v == value), value)
    if question.type == QuestionType.YES_NO:
        return _("Yes") if value == "yes" else _("No") if value == "no" else value
    if question.type == QuestionType.DATE and _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if question.type == QuestionType.IBAN:
        return format_iban(value)
    if question.type == QuestionType.NUMBER and question.decimals == 2:
        try:
            return format_amount(Decimal(value))
        except InvalidOperation:
            return value
    return value


# The tables whose translations names() keeps, by identity (they live as long as the process).
_TABLES = {id(table) for table in (ROLES, KINDS, CATEGORIES, STATES, MEMBER_STATES, RESPONDENTS, PRIORITIES, OUTCOMES,
                                   MEMBERSHIP)}  # fmt: skip
_NAMES: dict[tuple, dict[str, str]] = {}
