"""Reading amounts of money typed the Turkish way or plainly; refusing the ambiguous."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.money import (
    AMBIGUOUS,
    AmountError,
    AmountNotConfirmed,
    canonical,
    ensure_confirmed,
    format_amount,
    parse_amount,
)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("10.000", "10000.00"),
        ("10.000,50", "10000.50"),
        ("10000.50", "10000.50"),
        ("10 000", "10000.00"),
        ("10\u00a0000,5", "10000.50"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.234", "1234.00"),
        ("12,5", "12.50"),
        ("12.5", "12.50"),
        ("0,75", "0.75"),
        ("15000", "15000.00"),
        ("15.000 TL", "15000.00"),
        ("₺15.000,00", "15000.00"),
        ("  250  ", "250.00"),
    ],
)
def test_turkish_and_plain_forms_are_read_exactly(typed: str, amount: str) -> None:
    parsed = parse_amount(typed)
    assert isinstance(parsed, Decimal)
    assert parsed == Decimal(amount)
    assert canonical(parsed) == amount


@pytest.mark.parametrize("typed", ["10,000", "1,234", "999,999", "1,234,567"])
def test_a_comma_before_three_digits_is_refused_as_ambiguous(typed: str) -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount(typed)
    assert refused.value.message == AMBIGUOUS
    assert typed in refused.value.render()


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "TL",
        "on bin",
        "-100",
        "+100",
        "1e5",
        "10.00.00",
        "1.23.456",
        "10 00",
        "10  000",
        "10.000,505",
        "12.345,678",
        "1,234.56,7",
        ".50",
        "50.",
        "10,",
        "1..000",
        "١٠٠",  # Arabic-Indic digits
        "nan",
        "Infinity",
        "9" * 40,
    ],
)
def test_anything_else_is_refused(typed: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(typed)


def test_three_decimals_after_a_dot_group_are_thousands_not_decimals() -> None:
    # "10.500" is ten thousand five hundred, as a Turk writes it; never ten and a half.
    assert parse_amount("10.500") == Decimal("10500")


_amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False)


def _turkish(amount: Decimal, sep: str = ".") -> str:
    whole, cents = canonical(amount).split(".")
    grouped = f"{int(whole):,}".replace(",", sep)
    return f"{grouped},{cents}"


@settings(max_examples=300, deadline=None)
@given(_amounts)
def test_an_amount_written_the_turkish_way_reads_back_the_same(amount: Decimal) -> None:
    assert parse_amount(_turkish(amount)) == amount
    assert parse_amount(_turkish(amount, " ")) == amount
    assert parse_amount(_turkish(amount) + " TL") == amount


@settings(max_examples=300, deadline=None)
@given(_amounts)
def test_an_amount_written_plainly_reads_back_the_same(amount: Decimal) -> None:
    assert parse_amount(canonical(amount)) == amount
    assert parse_amount(f"{amount:,.2f}") == amount  # English grouping with a decimal point


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12))
def test_whole_thousands_read_as_turks_write_them_and_refuse_the_comma(amount: int) -> None:
    assert parse_amount(f"{amount:,}".replace(",", ".")) == amount
    with pytest.raises(AmountError):
        parse_amount(f"{amount:,}")  # 10,000: English thousands or Turkish decimals?


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789.,  TL₺-e", max_size=20))
def test_any_text_gives_an_exact_amount_or_a_clear_refusal(typed: str) -> None:
    try:
        parsed = parse_amount(typed)
    except AmountError as refused:
        assert refused.render()
    else:
        assert isinstance(parsed, Decimal)
        assert parsed >= 0
        assert parsed.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("10000"), "10.000,00 TL"),
        (Decimal("15000.5"), "15.000,50 TL"),
        (Decimal("1234567.89"), "1.234.567,89 TL"),
        (Decimal("0.05"), "0,05 TL"),
    ],
)
def test_amounts_are_shown_the_turkish_way(amount: Decimal, shown: str) -> None:
    assert format_amount(amount) == shown
    assert format_amount(None) == ""


@settings(max_examples=200, deadline=None)
@given(_amounts)
def test_what_is_shown_reads_back_as_the_same_amount(amount: Decimal) -> None:
    assert parse_amount(format_amount(amount)) == amount


def test_money_moves_only_with_the_confirmation_of_that_very_amount() -> None:
    amount = parse_amount("10.000")
    ensure_confirmed(amount, "10000.00")
    for confirmed in (None, "", "10.00", "10000", "1000.00"):
        with pytest.raises(AmountNotConfirmed) as asked:
            ensure_confirmed(amount, confirmed)
        assert asked.value.params["amount"] == Decimal("10000.00")
        assert "10.000,00 TL" in asked.value.render()
