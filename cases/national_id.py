"""T.C. Kimlik No (Turkish national identity number) validation and masking."""

from cases.errors import InvalidNationalId
from cases.i18n import N_


def national_id_problem(value: str) -> str | None:
    """Return why ``value`` is not a valid T.C. Kimlik No, or None when it is valid."""
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        return N_("A T.C. Kimlik No has exactly 11 digits.")
    if value[0] == "0":
        return N_("A T.C. Kimlik No cannot start with 0.")
    d = [int(c) for c in value]
    odd = d[0] + d[2] + d[4] + d[6] + d[8]
    even = d[1] + d[3] + d[5] + d[7]
    # Python's % is already the non-negative (mathematical) modulo the rule needs.
    if (7 * odd - even) % 10 != d[9] or sum(d[:10]) % 10 != d[10]:
        return N_("This T.C. Kimlik No is not valid: its check digits do not match.")
    return None


def is_valid_national_id(value: str) -> bool:
    """True when ``value`` has the form and check digits of a T.C. Kimlik No."""
    return national_id_problem(value) is None


def validate_national_id(value: str) -> str:
    """Return the cleaned number, or raise InvalidNationalId with a user-facing reason."""
    cleaned = (value or "").strip().replace(" ", "")
    problem = national_id_problem(cleaned)
    if problem:
        raise InvalidNationalId(problem)
    return cleaned


def mask_national_id(value: str | None) -> str:
    """Show only the first three and last two digits: ``123******50``."""
    if not value:
        return ""
    return value[:3] + "*" * (len(value) - 5) + value[-2:]
