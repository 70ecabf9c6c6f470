"""Reading and checking a union's member roll (CSV or .xlsx), streamed row by row.

``iter_roll_rows`` opens the file and reads its header at once, so a file that cannot be
imported (wrong format, unreadable, a required column missing) raises ``InvalidRollFile``
before any row is given: a bad file changes nothing. Rows then come one at a time;
``validate_rows`` turns each into a ``RollRow`` or a ``RowRefusal`` with its reason, and a
``RollImportReport`` counts what the import service did with them.
"""

import codecs
import contextlib
import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import IO, Any, BinaryIO, TypeVar

from cases.errors import DomainError
from cases.i18n import N_
from cases.national_id import national_id_problem
from cases.text import fold, tr_upper

T = TypeVar("T")


class InvalidRollFile(DomainError):
    """The member roll file cannot be imported at all (format, encoding, header)."""


class RollColumn(StrEnum):
    UNION_CODE = "union_code"
    MEMBERSHIP_NUMBER = "membership_number"
    NATIONAL_ID = "national_id"
    FULL_NAME = "full_name"
    STATUS = "status"


REQUIRED_COLUMNS = (RollColumn.UNION_CODE, RollColumn.MEMBERSHIP_NUMBER, RollColumn.NATIONAL_ID)
# Header names as they are written in Turkish or English, in their folded form (see _header_key).
HEADER_ALIASES: dict[RollColumn, tuple[str, ...]] = {
    RollColumn.UNION_CODE: ("sendika", "sendika_kodu", "sendika_kod", "union", "union_code"),
    RollColumn.MEMBERSHIP_NUMBER: (
        "uye_no",
        "uye_numarasi",
        "uyelik_no",
        "uyelik_numarasi",
        "membership_number",
        "membership_no",
        "member_no",
        "member_number",
    ),
    RollColumn.NATIONAL_ID: (
        "tc_kimlik_no",
        "tc_kimlik_numarasi",
        "tc_kimlik",
        "tc_no",
        "tckn",
        "kimlik_no",
        "national_id",
        "national_id_number",
    ),
    RollColumn.FULL_NAME: ("ad_soyad", "adi_soyadi", "ad_soyadi", "isim", "full_name", "name"),
    RollColumn.STATUS: ("durum", "uyelik_durumu", "status", "membership_status"),
}
_ALIAS_TO_COLUMN = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}


class MemberStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


_STATUS_WORDS = {
    MemberStatus.ACTIVE: ("active", "aktif", "uye", "member", "evet", "yes", "1"),
    MemberStatus.INACTIVE: (
        "inactive",
        "pasif",
        "ayrildi",
        "istifa",
        "ihrac",
        "emekli",
        "vefat",
        "left",
        "resigned",
        "hayir",
        "no",
        "0",
    ),
}
_STATUS_BY_WORD = {word: status for status, words in _STATUS_WORDS.items() for word in words}

MAX_NAME_LENGTH = 200
MAX_MEMBERSHIP_NUMBER_LENGTH = 40
_SNIFF_CHARS = 64 * 1024
_XLSX_SIGNATURE = b"PK\x03\x04"
_XLS_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SCIENTIFIC = re.compile(r"\d+([.,]\d+)?e\+?\d+", re.IGNORECASE)


@dataclass(frozen=True)
class RawRow:
    """One data row as read: its line (as the spreadsheet numbers it) and values by column."""

    line_no: int
    values: dict[str, str]


@dataclass(frozen=True)
class RollRow:
    line_no: int
    union_code: str
    membership_number: str
    national_id: str
    full_name: str | None
    status: MemberStatus


@dataclass(frozen=True)
class RowRefusal:
    line_no: int
    reason: str  # N_ message
    params: dict[str, object] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = str) -> str:
        text = translate(self.reason)
        return text % self.params if self.params else text


# --- Reading ------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    """``T.C. Kimlik No`` → ``tc_kimlik_no``; ``Üye No`` → ``uye_no``."""
    folded = fold(text.replace("\ufeff", "")).replace(".", "")
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def _map_header(cells: list[str]) -> dict[int, RollColumn]:
    """Column index → column; raises InvalidRollFile for a duplicate or missing column."""
    mapping: dict[int, RollColumn] = {}
    for index, cell in enumerate(cells):
        column = _ALIAS_TO_COLUMN.get(_header_key(cell or ""))
        if column is None:
            continue  # extra columns are allowed and ignored
        if column in mapping.values():
            raise InvalidRollFile(N_("The column “%(column)s” appears more than once."), column=str(cell).strip())
        mapping[index] = column
    for column in REQUIRED_COLUMNS:
        if column not in mapping.values():
            raise InvalidRollFile(
                N_("The file has no “%(column)s” column (these names are accepted: %(aliases)s)."),
                column=HEADER_ALIASES[column][0],
                aliases=", ".join(HEADER_ALIASES[column]),
            )
    return mapping


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 12345678950.0 from a numeric Excel cell
    if isinstance(value, str):
        return value.strip()
    return str(value)


class RollFile:
    """The rows of an opened roll file: iterate for ``RawRow``s; close when done.

    ``columns`` are the columns found in the header; ``total_rows`` is the number of data
    lines when known (exact for CSV, from the sheet's dimension for .xlsx), for progress.
    """

    def __init__(
        self,
        rows: Iterator[tuple[int, list[object]]],
        header: dict[int, RollColumn],
        total_rows: int | None,
        closers: list[Any],
    ) -> None:
        self._rows = rows
        self._header = header
        self._closers = closers
        self.columns = tuple(header.values())
        self.total_rows = total_rows
        self.rows_read = 0

    def __iter__(self) -> Iterator[RawRow]:
        try:
            for line_no, cells in self._rows:
                texts = [_cell_text(c) for c in cells]
                if not any(texts):
                    continue
                values = {col: (texts[i] if i < len(texts) else "") for i, col in self._header.items()}
                self.rows_read += 1
                yield RawRow(line_no, values)
        finally:
            self.close()

    def progress(self) -> float | None:
        """The share of rows read so far, between 0 and 1, when the total is known."""
        if not self.total_rows:
            return None
        return min(1.0, self.rows_read / self.total_rows)

    def close(self) -> None:
        while self._closers:
            self._closers.pop().close()

    def __enter__(self) -> "RollFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_roll_rows(source: str | os.PathLike[str] | bytes | BinaryIO, filename: str | None = None) -> RollFile:
    """Open a CSV or .xlsx roll and read its header; iterate the result for its rows.

    The format is judged from the content (the name only helps the message). Raises
    InvalidRollFile, before giving any row, when the file is not CSV/.xlsx, cannot be decoded
    or parsed, or lacks a required column.
    """
    fh, closers = _open_binary(source)
    try:
        head = fh.read(8)
        fh.seek(0)
        if head.startswith(_XLSX_SIGNATURE):
            return _open_xlsx(fh, closers)
        if head.startswith(_XLS_SIGNATURE):
            raise InvalidRollFile(N_("This is an old Excel file (.xls). Please save it as .xlsx or CSV and try again."))
        return _open_csv(fh, closers, filename)
    except BaseException:
        for closer in reversed(closers):
            closer.close()
        raise


def _open_binary(source: str | os.PathLike[str] | bytes | BinaryIO) -> tuple[BinaryIO, list[Any]]:
    if isinstance(source, str | os.PathLike):
        fh = open(source, "rb")  # noqa: SIM115 - closed by RollFile
        return fh, [fh]
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source), []
    if source.seekable():
        return source, []
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - closed by RollFile
    while chunk := source.read(1024 * 1024):
        spool.write(chunk)
    spool.seek(0)
    return spool, [spool]


def _open_xlsx(fh: BinaryIO, closers: list[Any]) -> RollFile:
    import openpyxl  # only needed for .xlsx

    try:
        workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, KeyError) for one problem
        raise InvalidRollFile(N_("This file could not be read as an Excel (.xlsx) file.")) from None
    closers.append(workbook)
    if not workbook.worksheets:
        raise InvalidRollFile(N_("The file is empty."))
    sheet = workbook.worksheets[0]
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    line_no, header = _first_nonblank(((n, list(r)) for n, r in rows))
    mapping = _map_header([_cell_text(c) for c in header])
    total = sheet.max_row - line_no if isinstance(sheet.max_row, int) else None

    def data() -> Iterator[tuple[int, list[object]]]:
        try:
            for n, row in rows:
                yield n, list(row)
        except Exception:
            raise InvalidRollFile(N_("This file could not be read as an Excel (.xlsx) file.")) from None

    return RollFile(data(), mapping, total, closers)


def _first_nonblank(rows: Iterator[tuple[int, list[object]]]) -> tuple[int, list[object]]:
    for line_no, cells in rows:
        if any(_cell_text(c) for c in cells):
            return line_no, cells
    raise InvalidRollFile(N_("The file is empty."))


def _detect_encoding(fh: BinaryIO) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes so, else Windows Turkish (cp1254)."""
    head = fh.read(4)
    fh.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := fh.read(1024 * 1024):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1254"
    finally:
        fh.seek(0)


def _choose_delimiter(sample: str) -> tuple[str, bool]:
    """The delimiter of the header line (``;``, ``,`` or tab) and whether an Excel ``sep=`` line leads."""
    lines = [line for line in sample.splitlines() if line.strip()]
    if not lines:
        raise InvalidRollFile(N_("The file is empty."))
    first = lines[0].strip()
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], True

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([first], delimiter=delimiter))
        return sum(_header_key(c) in _ALIAS_TO_COLUMN for c in cells), first.count(delimiter)

    return max((";", ",", "\t"), key=score), False


def _text(fh: BinaryIO, encoding: str) -> io.TextIOWrapper:
    fh.seek(0)
    return io.TextIOWrapper(fh, encoding=encoding, newline="")  # type: ignore[arg-type]


class _Detach:
    """Closing a TextIOWrapper would close the caller's stream too; detach it instead."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self.text = text

    def close(self) -> None:
        with contextlib.suppress(ValueError):  # already detached
            self.text.detach()


def _csv_records(text: IO[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells): the line number a spreadsheet shows for the row."""
    # strict: a stray quote raises instead of silently swallowing the rows after it
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    line = 0
    for cells in reader:
        yield line + 1, cells
        line = reader.line_num


def _open_csv(fh: BinaryIO, closers: list[Any], filename: str | None) -> RollFile:
    encoding = _detect_encoding(fh)
    head = fh.read(_SNIFF_CHARS)
    fh.seek(0)
    if encoding != "utf-16" and b"\x00" in head:  # binary: neither text nor .xlsx
        raise InvalidRollFile(
            N_("This is not a CSV or Excel (.xlsx) file. Please export the roll as CSV or .xlsx."),
            filename=filename or "",
        )
    text = _text(fh, encoding)
    try:
        delimiter, sep_line = _choose_delimiter(text.read(_SNIFF_CHARS))
    except UnicodeDecodeError:
        raise InvalidRollFile(N_("The file could not be read: its characters are not in a known encoding.")) from None
    finally:
        text.detach()

    # Parse the whole file once before giving any row, so a broken line refuses the file.
    header_line, mapping, total, record_start = 0, None, 0, 1
    text = _text(fh, encoding)
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        while (cells := next(reader, None)) is not None:
            line, record_start = record_start, reader.line_num + 1
            if not any(c.strip() for c in cells) or (sep_line and mapping is None and _is_sep(cells)):
                continue
            if mapping is None:
                header_line, mapping = line, _map_header(cells)
            else:
                total += 1
    except csv.Error:
        raise InvalidRollFile(
            N_('The file could not be read from line %(line)s: please check the quotes (") there.'),
            line=record_start,
        ) from None
    except UnicodeDecodeError:
        raise InvalidRollFile(N_("The file could not be read: its characters are not in a known encoding.")) from None
    finally:
        text.detach()
    if mapping is None:
        raise InvalidRollFile(N_("The file is empty."))

    text = _text(fh, encoding)
    closers.append(_Detach(text))
    records = ((n, cells) for n, cells in _csv_records(text, delimiter) if n > header_line)
    return RollFile(records, mapping, total, closers)


def _is_sep(cells: list[str]) -> bool:
    return len(cells) <= 2 and "".join(cells).strip().lower().startswith("sep=")


# --- Validating ---------------------------------------------------------------------------


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


def _check_row(raw: RawRow, known_unions: frozenset[str]) -> RollRow | RowRefusal:
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


def validate_rows(raw_rows: Iterable[RawRow], known_union_codes: Iterable[str]) -> Iterator[RollRow | RowRefusal]:
    """Each row checked: required values, checksum, known union, no duplicate within the file.

    A duplicate is refused with the line of the first accepted occurrence. Memory grows with
    the keys seen (an int and a short tuple a row), not with the rows.
    """
    known = frozenset(normalize_union_code(code) for code in known_union_codes)
    seen_ids: dict[int, int] = {}
    seen_numbers: dict[tuple[str, str], int] = {}
    for raw in raw_rows:
        row = _check_row(raw, known)
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


# --- The report ---------------------------------------------------------------------------


class RowOutcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


_COMPARED = ("union_code", "membership_number", "national_id", "full_name", "status")


def compare_roll_row(row: RollRow, existing: Mapping[str, object] | None) -> tuple[RowOutcome, tuple[str, ...]]:
    """What importing ``row`` does to the stored entry: added, updated (which fields) or unchanged.

    A blank name in the file keeps the stored name, so a roll without names erases nothing.
    """
    if existing is None:
        return RowOutcome.ADDED, ()
    changed = tuple(
        name
        for name in _COMPARED
        if not (name == "full_name" and row.full_name is None)
        and str(getattr(row, name) or "") != str(existing.get(name) or "")
    )
    return (RowOutcome.UPDATED, changed) if changed else (RowOutcome.UNCHANGED, ())


@dataclass(frozen=True)
class RowMessage:
    line_no: int
    outcome: RowOutcome
    reason: str  # N_ message
    params: dict[str, object] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = str) -> str:
        text = translate(self.reason)
        return text % self.params if self.params else text


@dataclass
class RollImportReport:
    """Counts of what an import did, and the first ``max_messages`` per-row messages."""

    max_messages: int = 1000
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    messages: list[RowMessage] = field(default_factory=list)
    messages_omitted: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.refused

    def record(self, outcome: RowOutcome, line_no: int, reason: str | None = None, **params: object) -> None:
        """Count one row; keep a message when there is a reason (and room)."""
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)
        if reason is None:
            return
        if len(self.messages) < self.max_messages:
            self.messages.append(RowMessage(line_no, outcome, reason, params))
        else:
            self.messages_omitted += 1

    def record_refusal(self, refusal: RowRefusal) -> None:
        self.record(RowOutcome.REFUSED, refusal.line_no, refusal.reason, **refusal.params)

    def record_row(self, row: RollRow, existing: Mapping[str, object] | None) -> RowOutcome:
        """Count ``row`` by comparing it with the stored entry; return the outcome to act on."""
        outcome, changed = compare_roll_row(row, existing)
        if outcome is RowOutcome.UPDATED:
            self.record(outcome, row.line_no, N_("Updated: %(fields)s."), fields=", ".join(changed))
        else:
            self.record(outcome, row.line_no)
        return outcome

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary to store with the import."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "messages": [
                {"line": m.line_no, "outcome": m.outcome.value, "reason": m.reason, "params": m.params}
                for m in self.messages
            ],
            "messages_omitted": self.messages_omitted,
        }
