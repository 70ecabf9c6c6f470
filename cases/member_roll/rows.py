"""The roll's vocabulary: its columns and their header names, member statuses, and the row records."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from cases.errors import DomainError
from cases.text import fold


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


def _header_key(text: str) -> str:
    """``T.C. Kimlik No`` → ``tc_kimlik_no``; ``Üye No`` → ``uye_no``."""
    folded = fold(text.replace("\ufeff", "")).replace(".", "")
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")
