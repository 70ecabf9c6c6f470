"""Reading a CSV or .xlsx roll: format and encoding detection, the header, and rows one at a time."""

import codecs
import contextlib
import csv
import io
import os
import tempfile
from collections.abc import Iterator
from typing import IO, Any, BinaryIO, cast

from cases.i18n import N_
from cases.member_roll.rows import (
    _ALIAS_TO_COLUMN,
    HEADER_ALIASES,
    REQUIRED_COLUMNS,
    InvalidRollFile,
    RawRow,
    RollColumn,
    _header_key,
)

_SNIFF_CHARS = 64 * 1024
_XLSX_SIGNATURE = b"PK\x03\x04"
_XLS_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
        rows: Iterator[tuple[int, list[str]]] | Iterator[tuple[int, list[object]]],
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
                yield RawRow(line_no, cast("dict[str, str]", values))
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
    return cast(BinaryIO, spool), [spool]


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
    return io.TextIOWrapper(fh, encoding=encoding, newline="")


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
