"""Checking roll rows: normalising values, refusing bad or duplicate rows, and batching."""

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from cases.i18n import N_
from cases.member_roll.rows import _STATUS_BY_WORD, MemberStatus, RawRow, RollColumn, RollRow, RowRefusal, _header_key
from cases.national_id import national_id_problem
from cases.text import tr_upper

T = TypeVar("T")


MAX_NAME_LENGTH = 200
MAX_MEMBERSHIP_NUMBER_LENGTH = 40


_SCIENTIFIC = re.compile(r"\d+([.,]\d+)?e\+?\d+", re.IGNORECASE)


def normalize_union_code(value: str) -> str:
    return tr_upper(value.strip())


def normalize_membership_number(value: str) -> str:
    """Without spaces, in capitals; leading zeros of a numeric number dropped (Excel drops them)."""
    compact = tr_upper(re.sub(r"\s+", "", value))
    return (compact.lstrip("0") or "0") if compact.isdigit() else compact


def normalize_status(value: str) -> MemberStatus | None:
    """``aktif``/``active`` or ``pasif``/``istifa``/``emekli``… ; blank means active; None if unknown."""
    if not value.strip():
        return MemberStatus.ACTIVE
    return _STATUS_BY_WORD.get(_header_key(value))


def _check_row(raw: RawRow, known_unions: frozenset[str], other_unions: frozenset[str]) -> RollRow | RowRefusal:
    def refuse(reason: str, **params: object) -> RowRefusal:
        return RowRefusal(raw.line_no, reason, params)

    values = raw.values
    union = normalize_union_code(values.get(RollColumn.UNION_CODE, ""))
    number = normalize_membership_number(values.get(RollColumn.MEMBERSHIP_NUMBER, ""))
    national_id = re.sub(r"\s+", "", values.get(RollColumn.NATIONAL_ID, ""))
    name = " ".join(values.get(RollColumn.FULL_NAME, "").split()) or None
    if not union:
        return refuse(N_("The union code is missing."))
    if not number:
        return refuse(N_("The membership number is missing."))
    if not national_id:
        return refuse(N_("The T.C. Kimlik No is missing."))
    if _SCIENTIFIC.fullmatch(national_id):
        return refuse(
            N_(
                "Excel turned the T.C. Kimlik No into a number like 1,23E+10. "
                "Format that column as text and export again."
            )
        )
    if problem := national_id_problem(national_id):
        return refuse(problem)
    if union in other_unions:
        return refuse(
            N_("The union code “%(code)s” belongs to another union than the one being imported."), code=union[:40]
        )
    if union not in known_unions:
        return refuse(N_("Unknown union code “%(code)s”."), code=union[:40])
    if len(number) > MAX_MEMBERSHIP_NUMBER_LENGTH:
        return refuse(
            N_("The membership number is too long (at most %(max)s characters)."), max=MAX_MEMBERSHIP_NUMBER_LENGTH
        )
    if name and len(name) > MAX_NAME_LENGTH:
        return refuse(N_("The full name is too long (at most %(max)s characters)."), max=MAX_NAME_LENGTH)
    status_text = values.get(RollColumn.STATUS, "")
    status = normalize_status(status_text)
    if status is None:
        return refuse(
            N_("Unknown membership status “%(value)s”. Use active or inactive (aktif or pasif)."),
            value=status_text.strip()[:40],
        )
    return RollRow(raw.line_no, union, number, national_id, name, status)


def validate_rows(
    raw_rows: Iterable[RawRow], known_union_codes: Iterable[str], other_union_codes: Iterable[str] = ()
) -> Iterator[RollRow | RowRefusal]:
    """Each row checked: required values, checksum, known union, no duplicate within the file.

    ``other_union_codes`` are unions that exist but are not being imported: their rows are
    refused as another union's, not as an unknown code.

    A duplicate is refused with the line of the first accepted occurrence. Memory grows with
    the keys seen (an int and a short tuple a row), not with the rows.
    """
    known = frozenset(normalize_union_code(code) for code in known_union_codes)
    others = frozenset(normalize_union_code(code) for code in other_union_codes) - known
    seen_ids: dict[int, int] = {}
    seen_numbers: dict[tuple[str, str], int] = {}
    for raw in raw_rows:
        row = _check_row(raw, known, others)
        if isinstance(row, RowRefusal):
            yield row
            continue
        id_key, number_key = int(row.national_id), (row.union_code, row.membership_number)
        if (first := seen_ids.get(id_key)) is not None:
            yield RowRefusal(
                row.line_no, N_("The same T.C. Kimlik No is already on line %(first_line)s."), {"first_line": first}
            )
            continue
        if (first := seen_numbers.get(number_key)) is not None:
            yield RowRefusal(
                row.line_no,
                N_("The same union and membership number are already on line %(first_line)s."),
                {"first_line": first},
            )
            continue
        seen_ids[id_key] = seen_numbers[number_key] = row.line_no
        yield row


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), for writing rows in batches."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
