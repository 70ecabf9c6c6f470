"""Tables as CSV and XLSX downloads: Turkish headers, dates as dates, no formula injection.

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula. Text from members and staff (a narrative, an institution's
name) could carry one, so such text is written with a leading apostrophe and shows as typed.
Numbers and dates stay numbers and dates. CSV rows are produced one at a time, so a queue of
any size streams; XLSX rows go through openpyxl's write-only workbook, which keeps no sheet in
memory.
"""

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app import clock

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"  # what Excel expects where the decimal separator is a comma (Turkish)
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MONEY_FORMAT = "#,##0.00"
_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text.startswith(DANGEROUS_START) else text


def csv_value(value: object) -> str:
    """A cell as CSV text: Turkish dates and decimal commas, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return clock.local(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def csv_lines(tables: Iterable[tuple[str | None, Sequence[str], Iterable[Sequence[object]]]]) -> Iterator[str]:
    """CSV text, one line at a time: each table's title (if any), header row and rows, a blank line between."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff"  # the byte-order mark that tells Excel the file is UTF-8
    for index, (title, headers, rows) in enumerate(tables):
        if index:
            writer.writerow([])
        if title:
            writer.writerow([neutralise(title)])
        writer.writerow([neutralise(str(h)) for h in headers])
        for row in rows:
            writer.writerow([csv_value(v) for v in row])
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _xlsx_cell(sheet, value: object):
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=clock.local(value).replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    return value


def sheet_title(title: str, used: set[str]) -> str:
    """A worksheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = _SHEET_TITLE.sub(" ", title).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def xlsx_file(tables: Iterable[tuple[str, Sequence[str], Iterable[Sequence[object]]]]):
    """An XLSX workbook, one sheet per table, in a temporary file (rewound, ready to send)."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, headers, rows in tables:
        sheet = workbook.create_sheet(sheet_title(title, used))
        header_cells = []
        for h in headers:
            cell = WriteOnlyCell(sheet, value=neutralise(str(h)))
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - send_file closes it after the response
    workbook.save(handle)
    handle.seek(0)
    return handle
