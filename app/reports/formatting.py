"""How report cells read on the page: Turkish thousands and decimal separators, lira, dates."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from app.templating import format_date
from cases.money import format_amount


def format_number(value: int | float) -> str:
    """1.234 and 12,5 — Turkish separators."""
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,d}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_money(value: Decimal) -> str:
    """1.234,50 TL — the one amount format of the whole application (cases.money)."""
    return format_amount(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, date | datetime):
        return format_date(value)
    return str(value)
