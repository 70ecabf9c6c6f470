import pytest

from cases.errors import InvalidNationalId
from cases.national_id import is_valid_national_id, mask_national_id, national_id_problem, validate_national_id


@pytest.mark.parametrize("number", ["10000000146", "12345678950", "31415926562", "19090909018"])
def test_valid_numbers_pass(number):
    assert is_valid_national_id(number)
    assert validate_national_id(f" {number} ") == number


def test_a_negative_inner_sum_uses_the_mathematical_modulo():
    # 7*(1+0+0+0+0) - (9+9+9+9) = -29, whose non-negative remainder mod 10 is 1.
    assert is_valid_national_id("19090909018")


@pytest.mark.parametrize("number", ["10000000145", "10000000156", "12345678951", "31415926572"])
def test_wrong_check_digits_are_refused(number):
    assert national_id_problem(number) == "This T.C. Kimlik No is not valid: its check digits do not match."


def test_a_leading_zero_is_refused():
    assert national_id_problem("01234567890") == "A T.C. Kimlik No cannot start with 0."


@pytest.mark.parametrize(
    "number", ["", "1234567895", "123456789501", "1234567895a", "１２３４５６７８９５０", "12345 78950"]
)
def test_wrong_length_or_non_digits_are_refused(number):
    assert national_id_problem(number) == "A T.C. Kimlik No has exactly 11 digits."


def test_validate_raises_a_domain_error_with_the_reason():
    with pytest.raises(InvalidNationalId) as raised:
        validate_national_id("10000000145")
    assert "check digits" in str(raised.value)


def test_masking_shows_only_the_ends():
    assert mask_national_id("12345678950") == "123******50"
    assert mask_national_id(None) == ""
