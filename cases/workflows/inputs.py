"""The inputs a transition may collect, and how each kind is cleaned to a JSON-safe value."""

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from cases.errors import MissingInput
from cases.i18n import N_
from cases.money import AmountError, parse_amount
from cases.text import INVISIBLE
from cases.vocabulary import Outcome


class InputKind(StrEnum):
    TEXT = "text"  # free text, several lines
    LINE = "line"  # one line: whitespace runs collapse to one space
    DATE = "date"  # a date not in the future
    OUTCOME = "outcome"  # an Outcome value
    AMOUNT = "amount"  # money in lira: positive, two decimals at most
    USER = "user"  # a user id


@dataclass(frozen=True)
class InputField:
    """An input a transition may collect: how to clean it and what to say when it is missing."""

    name: str
    kind: InputKind
    missing: str
    max_length: int = 0


INPUT_FIELDS: Final[Mapping[str, InputField]] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            InputField("message", InputKind.TEXT, N_("Please write a message."), 4000),
            InputField("reason", InputKind.TEXT, N_("Please give a reason."), 4000),
            InputField("note", InputKind.TEXT, N_("Please write a note."), 4000),
            InputField("assignee_id", InputKind.USER, N_("Please choose who will handle the case.")),
            InputField("authority", InputKind.LINE, N_("Please name the authority the objection went to."), 200),
            InputField("court", InputKind.LINE, N_("Please name the court."), 200),
            InputField("file_number", InputKind.LINE, N_("Please enter the file number."), 50),
            InputField("filing_date", InputKind.DATE, N_("Please enter the filing date.")),
            InputField("decision_date", InputKind.DATE, N_("Please enter the decision date.")),
            InputField("paid_date", InputKind.DATE, N_("Please enter the payment date.")),
            InputField("outcome", InputKind.OUTCOME, N_("Please choose the outcome.")),
            InputField("amount", InputKind.AMOUNT, N_("Please enter the amount.")),
        )
    }
)

MAX_AMOUNT: Final = Decimal("1000000")
# A typo such as 0225 for 2025 should be caught, not filed; nothing the union handles is older.
EARLIEST_DATE: Final = date(1950, 1, 1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# PostgreSQL refuses NUL in text and JSON; other control characters are never meant.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f{INVISIBLE}]")
_CENT = Decimal("0.01")


def clean_inputs(
    required: Iterable[str], optional: Iterable[str], inputs: Mapping[str, object], *, today: date
) -> dict[str, object]:
    """The named inputs cleaned to JSON-safe values; unknown keys are dropped, blanks omitted.

    Raises MissingInput (with ``field``) for a required input that is absent or blank, and
    for any given input that is invalid.
    """
    cleaned: dict[str, object] = {}
    required = tuple(required)
    for name in (*required, *optional):
        spec = INPUT_FIELDS[name]
        value = _clean(spec, inputs.get(name), today)
        if value is not None:
            cleaned[name] = value
        elif name in required:
            raise MissingInput(spec.missing, field=name)
    return cleaned


def _clean(spec: InputField, raw: object, today: date) -> str | int | None:
    """One input cleaned, or None when it is absent or blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    match spec.kind:
        case InputKind.TEXT | InputKind.LINE:
            return _clean_text(spec, raw)
        case InputKind.DATE:
            return _clean_date(spec, raw, today)
        case InputKind.OUTCOME:
            return _clean_outcome(spec, raw)
        case InputKind.AMOUNT:
            return _clean_amount(spec, raw)
        case InputKind.USER:
            return _clean_user(spec, raw)
    raise AssertionError(spec.kind)  # pragma: no cover - the match covers every kind


def _clean_text(spec: InputField, raw: object) -> str | None:
    if not isinstance(raw, str):
        raise MissingInput(N_("Please enter text."), field=spec.name)
    text = _CONTROL.sub("", unicodedata.normalize("NFC", raw))
    text = " ".join(text.split()) if spec.kind is InputKind.LINE else text.strip()
    if not text:
        return None
    if len(text) > spec.max_length:
        raise MissingInput(
            N_("Please shorten this to at most %(max_length)s characters."),
            field=spec.name,
            max_length=spec.max_length,
        )
    return text


def _clean_date(spec: InputField, raw: object, today: date) -> str:
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, str) and _ISO_DATE.fullmatch(raw.strip()):
        with contextlib.suppress(ValueError):  # 2025-02-30 matches the pattern, yet is no date
            raw = date.fromisoformat(raw.strip())
    if not isinstance(raw, date):
        raise MissingInput(N_("Please enter a valid date."), field=spec.name)
    if raw > today:
        raise MissingInput(N_("This date is in the future. Please check it."), field=spec.name)
    if raw < EARLIEST_DATE:
        raise MissingInput(N_("This date is too far in the past. Please check it."), field=spec.name)
    return raw.isoformat()


def _clean_outcome(spec: InputField, raw: object) -> str:
    try:
        return Outcome(raw.strip() if isinstance(raw, str) else str(raw)).value
    except ValueError:
        raise MissingInput(N_("Please choose one of the listed outcomes."), field=spec.name) from None


def _clean_amount(spec: InputField, raw: object) -> str:
    # Floats are refused: binary fractions are not money. Forms hand over Decimal or text,
    # and text is read by the one amount rule (10.000 is ten thousand; 10,000 is refused).
    if isinstance(raw, str):
        try:
            raw = parse_amount(raw)
        except AmountError as error:
            raise MissingInput(error.message, field=spec.name, **error.params) from None
    elif isinstance(raw, int) and not isinstance(raw, bool):
        raw = Decimal(raw)
    if not isinstance(raw, Decimal) or not raw.is_finite():
        raise MissingInput(N_("Please enter the amount as a number, for example 1250.50."), field=spec.name)
    if raw <= 0:
        raise MissingInput(N_("The amount must be more than zero."), field=spec.name)
    if raw > MAX_AMOUNT:
        raise MissingInput(N_("The amount cannot be more than %(maximum)s."), field=spec.name, maximum=str(MAX_AMOUNT))
    try:
        cents = raw.quantize(_CENT)
    except InvalidOperation:  # pragma: no cover - values up to MAX_AMOUNT always quantize
        cents = None
    if cents != raw:
        raise MissingInput(N_("The amount can have at most two decimal places."), field=spec.name)
    return str(cents)


def _clean_user(spec: InputField, raw: object) -> int:
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        raw = int(raw.strip())
    if not isinstance(raw, int) or isinstance(raw, bool) or raw <= 0:
        raise MissingInput(spec.missing, field=spec.name)
    return raw
