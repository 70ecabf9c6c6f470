"""Reading and checking a union's member roll (CSV or .xlsx), streamed row by row.

``iter_roll_rows`` opens the file and reads its header at once, so a file that cannot be
imported (wrong format, unreadable, a required column missing) raises ``InvalidRollFile``
before any row is given: a bad file changes nothing. Rows then come one at a time;
``validate_rows`` turns each into a ``RollRow`` or a ``RowRefusal`` with its reason, and a
``RollImportReport`` counts what the import service did with them.
"""

from cases.member_roll.reading import (
    _SNIFF_CHARS,
    _XLS_SIGNATURE,
    _XLSX_SIGNATURE,
    RollFile,
    _cell_text,
    _choose_delimiter,
    _csv_records,
    _Detach,
    _detect_encoding,
    _first_nonblank,
    _is_sep,
    _map_header,
    _open_binary,
    _open_csv,
    _open_xlsx,
    _text,
    iter_roll_rows,
)
from cases.member_roll.report import (
    _COMPARED,
    RollImportReport,
    RowMessage,
    RowOutcome,
    compare_roll_row,
)
from cases.member_roll.rows import (
    _ALIAS_TO_COLUMN,
    _STATUS_BY_WORD,
    _STATUS_WORDS,
    HEADER_ALIASES,
    REQUIRED_COLUMNS,
    InvalidRollFile,
    MemberStatus,
    RawRow,
    RollColumn,
    RollRow,
    RowRefusal,
    _header_key,
)
from cases.member_roll.validation import (
    _SCIENTIFIC,
    MAX_MEMBERSHIP_NUMBER_LENGTH,
    MAX_NAME_LENGTH,
    T,
    _check_row,
    batched,
    normalize_membership_number,
    normalize_status,
    normalize_union_code,
    validate_rows,
)

__all__ = [
    "HEADER_ALIASES",
    "InvalidRollFile",
    "MAX_MEMBERSHIP_NUMBER_LENGTH",
    "MAX_NAME_LENGTH",
    "MemberStatus",
    "REQUIRED_COLUMNS",
    "RawRow",
    "RollColumn",
    "RollFile",
    "RollImportReport",
    "RollRow",
    "RowMessage",
    "RowOutcome",
    "RowRefusal",
    "T",
    "batched",
    "compare_roll_row",
    "iter_roll_rows",
    "normalize_membership_number",
    "normalize_status",
    "normalize_union_code",
    "validate_rows",
    # Private names too: code and tests written against the single module import them from here.
    "_ALIAS_TO_COLUMN",
    "_COMPARED",
    "_Detach",
    "_SCIENTIFIC",
    "_SNIFF_CHARS",
    "_STATUS_BY_WORD",
    "_STATUS_WORDS",
    "_XLSX_SIGNATURE",
    "_XLS_SIGNATURE",
    "_cell_text",
    "_check_row",
    "_choose_delimiter",
    "_csv_records",
    "_detect_encoding",
    "_first_nonblank",
    "_header_key",
    "_is_sep",
    "_map_header",
    "_open_binary",
    "_open_csv",
    "_open_xlsx",
    "_text",
]
