"""Member roll import: reading CSV and .xlsx, refusing bad rows with their line, the report."""

import io
import json

import openpyxl
import pytest

from cases.errors import DomainError
from cases.member_roll import (
    InvalidRollFile,
    MemberStatus,
    RawRow,
    RollImportReport,
    RollRow,
    RowOutcome,
    RowRefusal,
    batched,
    compare_roll_row,
    iter_roll_rows,
    normalize_membership_number,
    validate_rows,
)
from cases.national_id import is_valid_national_id

UNIONS = {"EBS", "BHS", "SS"}
VALID_IDS = ["10000000146", "12345678950", "31415926562", "19090909018"]


def make_national_id(n: int) -> str:
    """A valid synthetic T.C. Kimlik No from ``n`` (0 ≤ n < 900,000,000)."""
    body = [int(c) for c in str(100_000_000 + n)]
    d10 = (7 * sum(body[0:9:2]) - sum(body[1:9:2])) % 10
    d11 = (sum(body) + d10) % 10
    return "".join(map(str, body)) + f"{d10}{d11}"


def read(data: bytes | str, filename: str = "roll.csv", unions=UNIONS) -> list[RollRow | RowRefusal]:
    return list(validate_rows(iter_roll_rows(data, filename), unions))


def csv_bytes(lines: list[str], *, delimiter: str = ";", encoding: str = "utf-8", bom: bool = False) -> bytes:
    text = "\r\n".join(delimiter.join(cells) for cells in (line.split("|") for line in lines)) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER_TR = "Sendika|Üye No|T.C. Kimlik No|Ad Soyad"
ROWS = [
    "EBS|1001|10000000146|Ayşe Işık",
    "EBS|1002|12345678950|İsmail Çağlar",
    "BHS|77|31415926562|Gülşen Öztürk",
]


def test_generated_national_ids_are_valid():
    assert make_national_id(1) == "10000000146"
    assert all(is_valid_national_id(make_national_id(n)) for n in range(0, 900_000_000, 7_777_777))


# --- Reading CSV -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [(";", "utf-8", True), (";", "utf-8", False), (",", "utf-8", False), (",", "utf-8", True), (";", "cp1254", False)],
    ids=["semicolon-bom", "semicolon", "comma", "comma-bom", "cp1254"],
)
def test_csv_delimiters_and_encodings(delimiter, encoding, bom):
    rows = read(csv_bytes([HEADER_TR, *ROWS], delimiter=delimiter, encoding=encoding, bom=bom))
    assert [r.full_name for r in rows] == ["Ayşe Işık", "İsmail Çağlar", "Gülşen Öztürk"]
    assert [r.line_no for r in rows] == [2, 3, 4]
    assert rows[0] == RollRow(2, "EBS", "1001", "10000000146", "Ayşe Işık", MemberStatus.ACTIVE)


def test_cp1254_is_detected_even_when_the_first_turkish_letter_is_far_down():
    lines = (
        [HEADER_TR]
        + [f"EBS|{n}|{make_national_id(n)}|Ali Veli" for n in range(5000)]
        + ["EBS|x1|12345678950|Şule Ağaoğlu"]
    )
    rows = read(csv_bytes(lines, encoding="cp1254"))
    assert rows[-1].full_name == "Şule Ağaoğlu"


def test_utf16_excel_unicode_text_with_tabs():
    data = "\ufeff" + "\r\n".join(line.replace("|", "\t") for line in [HEADER_TR, *ROWS]) + "\r\n"
    assert len(read(data.encode("utf-16-le"))) == 3


def test_excel_sep_line_is_understood():
    rows = read(b"sep=,\r\n" + csv_bytes([HEADER_TR, *ROWS], delimiter=","))
    assert [r.line_no for r in rows] == [3, 4, 5]


@pytest.mark.parametrize(
    "header",
    [
        "union|membership_number|national_id|full_name",
        "Union Code|Membership No|National ID|Name",
        "SENDİKA|ÜYE NUMARASI|TCKN|ADI SOYADI",
        "sendika_kodu|uyelik_no|tc_no|isim",
    ],
)
def test_header_names_in_turkish_or_english(header):
    assert [r.national_id for r in read(csv_bytes([header, *ROWS]))] == VALID_IDS[:3]


def test_extra_columns_and_column_order_do_not_matter():
    rows = read(csv_bytes(["Not|TC Kimlik No|Ad Soyad|Üye No|Sendika|Durum", "x|10000000146|Ayşe|5|EBS|pasif"]))
    assert rows == [RollRow(2, "EBS", "5", "10000000146", "Ayşe", MemberStatus.INACTIVE)]


def test_blank_lines_are_skipped_and_line_numbers_stay_true():
    rows = read(csv_bytes([HEADER_TR, ROWS[0], "", ";;;", ROWS[1]]))
    assert [r.line_no for r in rows] == [2, 5]


def test_quoted_multiline_cell_keeps_later_line_numbers():
    data = b'sendika,uye_no,tc_kimlik_no,ad_soyad\nEBS,1,10000000146,"Ayse\nIsik"\nEBS,2,12345678950,Ali\n'
    rows = read(data)
    assert [r.line_no for r in rows] == [2, 4]
    assert rows[0].full_name == "Ayse Isik"


def test_path_and_file_object_and_one_way_stream(tmp_path):
    data = csv_bytes([HEADER_TR, *ROWS])
    path = tmp_path / "üye listesi.csv"
    path.write_bytes(data)
    assert len(read(path)) == len(read(str(path))) == 3

    class OneWay(io.RawIOBase):
        def __init__(self) -> None:
            self._inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = self._inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    assert len(read(io.BufferedReader(OneWay()))) == 3
    stream = io.BytesIO(data)
    read(stream)
    assert not stream.closed  # the caller's stream is the caller's to close


def test_progress_is_known_for_csv():
    roll = iter_roll_rows(csv_bytes([HEADER_TR, *ROWS]), "roll.csv")
    assert roll.total_rows == 3
    assert roll.progress() == 0
    next(iter(roll))
    assert roll.progress() == pytest.approx(1 / 3)


# --- Reading .xlsx ---------------------------------------------------------------------------


def test_xlsx_with_numeric_cells_and_excel_row_numbers():
    data = xlsx_bytes(
        [
            ["Sendika", "Üye No", "T.C. Kimlik No", "Ad Soyad", "Durum"],
            ["EBS", 1001, 10000000146, "Ayşe Işık", "Aktif"],
            [None, None, None, None, None],
            ["bhs", "0077", 31415926562.0, "Gülşen Öztürk", None],
            ["EBS", 1003, 10000000145, "Bozuk Numara", "aktif"],
        ]
    )
    rows = read(data, "roll.xlsx")
    assert rows[0] == RollRow(2, "EBS", "1001", "10000000146", "Ayşe Işık", MemberStatus.ACTIVE)
    assert rows[1] == RollRow(4, "BHS", "77", "31415926562", "Gülşen Öztürk", MemberStatus.ACTIVE)
    assert isinstance(rows[2], RowRefusal) and rows[2].line_no == 5


def test_xlsx_header_below_a_blank_row_and_progress():
    roll = iter_roll_rows(xlsx_bytes([[], ["union", "membership_number", "national_id"], ["SS", 1, 12345678950]]))
    assert roll.total_rows == 1
    assert [r.line_no for r in roll] == [3]


# --- Bad files: refused before any row --------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (csv_bytes(["Sendika|Ad Soyad|T.C. Kimlik No", "EBS|Ali|10000000146"]), "“uye_no” column"),
        (csv_bytes(["Üye No|T.C. Kimlik No"]), "“sendika” column"),
        (xlsx_bytes([["sendika", "uye_no"], ["EBS", 1]]), "“tc_kimlik_no” column"),
        (csv_bytes(["sendika|uye_no|tc_kimlik_no|TCKN"]), "appears more than once"),
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV or Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file"),
        (b"PK\x03\x04" + b"\x00" * 100, "could not be read as an Excel"),
        (b"sendika;uye_no;tc_kimlik_no\nEBS;1;10000000146\nEBS;\x81\x8d;12345678950\n", "not in a known encoding"),
        (b'sendika,uye_no,tc_kimlik_no\nEBS,1,10000000146\nEBS,"2,12345678950\nSS,3,31415926562\n', "from line 3"),
    ],
)
def test_bad_file_raises_before_any_row(data, message):
    with pytest.raises(InvalidRollFile) as caught:
        iter_roll_rows(data, "roll.csv")  # the call itself raises: nothing is iterated
    assert isinstance(caught.value, DomainError)
    assert message in caught.value.render()


def test_missing_column_message_lists_accepted_names():
    with pytest.raises(InvalidRollFile) as caught:
        iter_roll_rows(csv_bytes(["Sendika|Üye No|Ad Soyad"]), "roll.csv")
    assert caught.value.render() == (
        "The file has no “tc_kimlik_no” column (these names are accepted: "
        "tc_kimlik_no, tc_kimlik_numarasi, tc_kimlik, tc_no, tckn, kimlik_no, national_id, national_id_number)."
    )


# --- Row refusals -----------------------------------------------------------------------------


def test_row_refusals_say_why_with_their_line():
    lines = [
        HEADER_TR + "|Durum",
        "EBS|1|10000000146|Ayşe|",  # 2 ok
        "EBS|2|10000000145|Bad checksum|",  # 3
        "XYZ|3|12345678950|Unknown union|",  # 4
        "EBS|4|10000000146|Duplicate id|",  # 5
        "ebs|0001|31415926562|Duplicate number|",  # 6: same union and number as line 2
        "|5|19090909018||",  # 7
        "EBS||19090909018||",  # 8
        "EBS|6|||",  # 9
        "EBS|7|1,23457E+10||",  # 10
        "EBS|8|19090909018||belki",  # 11
        "SS|8|19090909018||emekli",  # 12 ok
    ]
    results = read(csv_bytes(lines))
    refusals = {r.line_no: r.render() for r in results if isinstance(r, RowRefusal)}
    assert refusals == {
        3: "This T.C. Kimlik No is not valid: its check digits do not match.",
        4: "Unknown union code “XYZ”.",
        5: "The same T.C. Kimlik No is already on line 2.",
        6: "The same union and membership number are already on line 2.",
        7: "The union code is missing.",
        8: "The membership number is missing.",
        9: "The T.C. Kimlik No is missing.",
        10: "Excel turned the T.C. Kimlik No into a number like 1,23E+10. Format that column as text and export again.",
        11: "Unknown membership status “belki”. Use active or inactive (aktif or pasif).",
    }
    accepted = [r for r in results if isinstance(r, RollRow)]
    assert [(r.line_no, r.status) for r in accepted] == [(2, MemberStatus.ACTIVE), (12, MemberStatus.INACTIVE)]


def test_a_refused_row_does_not_block_a_later_valid_duplicate():
    rows = read(csv_bytes([HEADER_TR, "XYZ|1|10000000146|x", "EBS|1|10000000146|y"]))
    assert isinstance(rows[0], RowRefusal) and isinstance(rows[1], RollRow)


def test_membership_numbers_are_normalised():
    assert normalize_membership_number(" 000123 ") == "123"
    assert normalize_membership_number("0") == "0"
    assert normalize_membership_number("ab 12") == "AB12"


def test_validate_rows_takes_plain_raw_rows():
    raw = [RawRow(10, {"union_code": "ss", "membership_number": "9", "national_id": "12345678950"})]
    assert list(validate_rows(raw, ["SS"])) == [RollRow(10, "SS", "9", "12345678950", None, MemberStatus.ACTIVE)]


# --- Scale ------------------------------------------------------------------------------------


def test_a_bad_row_deep_in_a_long_file_is_reported_with_its_line():
    # How fast a 100,000-row roll goes is bench/roll_import.py's business, not a unit test's.
    count = 6_000
    lines = ["sendika;uye_no;tc_kimlik_no;ad_soyad"]
    lines += [f"EBS;{n};{make_national_id(n)};Üye {n}" for n in range(count)]
    lines[5000] = "EBS;x;10000000145;bozuk"  # one bad row
    data = ("\n".join(lines) + "\n").encode()

    report = RollImportReport()
    roll = iter_roll_rows(data, "roll.csv")
    for result in validate_rows(roll, ["EBS"]):
        if isinstance(result, RowRefusal):
            report.record_refusal(result)
        else:
            report.record_row(result, None)

    assert report.added == count - 1
    assert report.refused == 1
    assert report.messages[0].line_no == 5001
    assert roll.progress() == 1.0


# --- The report -------------------------------------------------------------------------------


def test_compare_decides_added_updated_unchanged():
    row = RollRow(2, "EBS", "1001", "10000000146", "Ayşe Işık", MemberStatus.ACTIVE)
    stored = {
        "union_code": "EBS",
        "membership_number": "1001",
        "national_id": "10000000146",
        "full_name": "Ayşe Işık",
        "status": "active",
    }
    assert compare_roll_row(row, None) == (RowOutcome.ADDED, ())
    assert compare_roll_row(row, stored) == (RowOutcome.UNCHANGED, ())
    assert compare_roll_row(row, {**stored, "status": "inactive", "full_name": "Ayşe"}) == (
        RowOutcome.UPDATED,
        ("full_name", "status"),
    )
    nameless = RollRow(2, "EBS", "1001", "10000000146", None, MemberStatus.ACTIVE)
    assert compare_roll_row(nameless, stored) == (RowOutcome.UNCHANGED, ())


def test_reimporting_the_same_rows_changes_nothing():
    store: dict[str, dict[str, object]] = {}
    data = csv_bytes([HEADER_TR, *ROWS])
    for attempt in range(2):
        report = RollImportReport()
        for row in validate_rows(iter_roll_rows(data, "roll.csv"), UNIONS):
            outcome = report.record_row(row, store.get(row.national_id))
            if outcome is not RowOutcome.UNCHANGED:
                store[row.national_id] = {
                    k: getattr(row, k)
                    for k in ("union_code", "membership_number", "national_id", "full_name", "status")
                }
        assert (report.added, report.unchanged) == ((3, 0) if attempt == 0 else (0, 3))


def test_report_counts_everything_but_keeps_a_bounded_list_of_messages():
    report = RollImportReport(max_messages=3)
    for line in range(2, 12):
        report.record_refusal(RowRefusal(line, "Unknown union code “%(code)s”.", {"code": "X"}))
    report.record(RowOutcome.ADDED, 12)
    report.record_row(
        RollRow(13, "EBS", "1", "10000000146", "Yeni Ad", MemberStatus.ACTIVE),
        {
            "union_code": "EBS",
            "membership_number": "1",
            "national_id": "10000000146",
            "full_name": "Eski Ad",
            "status": "active",
        },
    )
    assert (report.added, report.updated, report.unchanged, report.refused, report.total) == (1, 1, 0, 10, 12)
    assert len(report.messages) == 3
    assert report.messages_omitted == 8
    assert report.messages[0].render() == "Unknown union code “X”."
    summary = json.loads(json.dumps(report.to_dict()))
    assert summary["refused"] == 10 and summary["messages"][0] == {
        "line": 2,
        "outcome": "refused",
        "reason": "Unknown union code “%(code)s”.",
        "params": {"code": "X"},
    }


def test_batched():
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []
