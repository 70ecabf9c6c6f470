"""Reading and checking a union's member roll (CSV or .xlsx), streamed row by row.

``iter_roll_rows`` opens the file and reads its header at once, so a file that cannot be
imported (wrong format, unreadable, a required column missing) raises ``InvalidRollFile``
before any row is given: a bad file changes nothing. Rows then come one at a time;
``validate_rows`` turns each into a ``RollRow`` or a ``RowRefusal`` with its reason, and a
``RollImportReport`` counts what the import service did with them.
"""

from cases.member_roll.reading import (
    RollFile,
    iter_roll_rows,
)
from cases.member_roll.report import (
    RollImportReport,
    RowMessage,
    RowOutcome,
    compare_roll_row,
)
from cases.member_roll.rows import (
    HEADER_ALIASES,
    REQUIRED_COLUMNS,
    InvalidRollFile,
    MemberStatus,
    RawRow,
    RollColumn,
    RollRow,
    RowRefusal,
)
from cases.member_roll.validation import (
    MAX_MEMBERSHIP_NUMBER_LENGTH,
    MAX_NAME_LENGTH,
    T,
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
]
