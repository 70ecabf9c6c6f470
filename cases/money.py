"""Reading an amount of money typed by a person, the Turkish way or plainly, as a Decimal.

The rule, in full (money has at most two decimals, which is what makes it decidable):

* Spaces (also no-break and thin spaces) may separate thousands: ``10 000``. A currency mark
  (``TL``, ``₺``) before or after the number is ignored.
* When both ``.`` and ``,`` appear, the last one is the decimal separator and the other one
  separates thousands: ``1.234.567,89`` (Turkish) and ``1,234,567.89`` (English) are both read.
* A ``.`` alone separates thousands when it is followed by exactly three digits — that is how
  Turks write ten thousand, ``10.000`` — and is the decimal point when followed by one or two
  digits: ``10000.50``, ``12.5``. ``1.234`` is therefore one thousand two hundred thirty-four.
* A ``,`` alone is the decimal comma when followed by one or two digits: ``10000,50``.
  **A ``,`` followed by exactly three digits is refused as ambiguous**: ``10,000`` is ten
  thousand in English, yet in Turkish it would be ten with three decimals. The person is asked
  to write ``10.000`` or ``10000`` instead. So is a run of commas with no decimal point
  (``1,234,567``): only a decimal point after it shows that the commas group thousands.
* Thousands groups must be complete: after the first group of one to three digits, every group
  has exactly three digits (``1.23.456`` and ``10 00`` are refused). A separator never starts
  or ends the number and never repeats.
* Signs, exponents, more than two decimals and anything else are refused.

Floats are never involved: the result is an exact ``Decimal`` with at most two decimal places.
Whoever shows the amount back echoes it in the locale ("10.000,00 TL") so a misreading is seen.
"""

import re
from decimal import Decimal
from typing import Final

from babel.numbers import format_decimal

from cases.errors import DomainError
from cases.i18n import N_

MAX_DIGITS: Final = 15  # 999 trillion lira: far past any amount, short of anything pathological
_CENT: Final = Decimal("0.01")
_CURRENCY = re.compile(r"^(?:tl|₺|try)\s*|\s*(?:tl|₺|try)$", re.IGNORECASE)
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_DIGITS = re.compile(r"\d+")


class AmountError(DomainError):
    """An amount could not be read; the message says why and how to write it."""


class AmountNotConfirmed(DomainError):
    """Money moves only after the person saw the amount as read and confirmed it.

    ``params["amount"]`` is the Decimal to show back; the confirmation carries ``canonical(amount)``.
    """


AMBIGUOUS = N_(
    "“%(value)s” is ambiguous: is the comma a thousands separator or a decimal comma? "
    "Write ten thousand as 10.000 or 10000, and decimals after a comma, as in 10.000,50."
)
UNREADABLE = N_("Please write the amount in numbers, for example 10.000 or 10.000,50 or 10000.50.")
TOO_MANY_DECIMALS = N_("An amount has at most two decimals (kuruş), for example 10.000,50.")


def _integer_part(text: str, sep: str | None) -> str | None:
    """The digits of ``text`` if it is plain digits or correctly grouped by ``sep``; else None."""
    if _DIGITS.fullmatch(text):
        return text
    if sep is not None and re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", text):
        return text.replace(sep, "")
    return None


def _decimal_part(text: str) -> str:
    if not _DIGITS.fullmatch(text):
        raise AmountError(UNREADABLE)
    if len(text) > 2:
        raise AmountError(TOO_MANY_DECIMALS)
    return text


def parse_amount(value: str) -> Decimal:
    """The amount ``value`` states, exactly, with at most two decimals; AmountError when unclear.

    See the module docstring for the rule. Zero is returned as zero: whether zero or a maximum
    is acceptable is the caller's rule.
    """
    if not isinstance(value, str):
        raise AmountError(UNREADABLE)
    original = value.strip()
    text = _CURRENCY.sub("", original).strip()
    if not text:
        raise AmountError(UNREADABLE)
    space_grouped = bool(_SPACES.search(text))
    if space_grouped:
        if not re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?", text):
            raise AmountError(UNREADABLE)
        text = _SPACES.sub("", text)
    last_dot, last_comma = text.rfind("."), text.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_at = max(last_dot, last_comma)
        thousands = "," if decimal_at == last_dot else "."
        integer = _integer_part(text[:decimal_at], thousands)
        fraction = _decimal_part(text[decimal_at + 1 :])
    elif last_comma >= 0:
        head, _, tail = text.rpartition(",")
        if "," in head:  # 1,234,567: English thousands with no decimals are as unclear as 10,000
            raise AmountError(AMBIGUOUS, value=original)
        if len(tail) == 3 and _DIGITS.fullmatch(tail) and _DIGITS.fullmatch(head):
            raise AmountError(AMBIGUOUS, value=original)
        integer, fraction = _integer_part(head, None), _decimal_part(tail)
    elif last_dot >= 0:
        head, _, tail = text.rpartition(".")
        if len(tail) == 3:  # the Turkish thousands dot: 10.000, 1.234.567
            integer, fraction = _integer_part(text, "."), ""
        else:
            integer, fraction = _integer_part(head, None), _decimal_part(tail)
    else:
        integer, fraction = (text if _DIGITS.fullmatch(text) else None), ""
    if integer is None or not integer.isascii() or not fraction.isascii():
        raise AmountError(UNREADABLE)
    if len(integer.lstrip("0")) > MAX_DIGITS:
        raise AmountError(UNREADABLE)
    return Decimal(f"{integer}.{fraction or '0'}").quantize(_CENT)


def canonical(amount: Decimal) -> str:
    """The amount as a plain, locale-free string with two decimals (``10000.00``): a form token."""
    return format(amount.quantize(_CENT), "f")


def format_amount(amount: Decimal | None, *, currency: bool = True) -> str:
    """``10.000,00 TL``: an amount as Turkish readers write it, in every interface language.

    Amounts, like dates (23.11.2026), keep the Turkish form in English too: the lira is
    written the Turkish way on every document and statement the member compares it with.
    """
    if amount is None:
        return ""
    text = format_decimal(Decimal(amount).quantize(_CENT), format="#,##0.00", locale="tr")
    return f"{text} TL" if currency else text


NOT_CONFIRMED = N_("Please check the amount and confirm it: %(shown)s.")


def ensure_confirmed(amount: Decimal, confirmed: str | None) -> None:
    """Refuse unless ``confirmed`` is exactly the canonical form of ``amount`` (as echoed to the person).

    A confirmation of another amount (the field was changed after the echo) asks again.
    """
    if confirmed is None or confirmed.strip() != canonical(amount):
        raise AmountNotConfirmed(NOT_CONFIRMED, amount=amount, shown=format_amount(amount))
