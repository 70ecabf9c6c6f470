"""Exports: every report and the queue as CSV and XLSX, read back with csv and openpyxl."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from app.exports import csv_lines, neutralise, xlsx_file
from tests.app import report_data
from tests.factories import UserFactory

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_is_neutralised(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Ankara") == "Ankara"


def test_csv_and_xlsx_keep_types_and_neutralise_text():
    rows = [["=cmd|' /C calc'!A0", date(2026, 11, 23), Decimal("1234.50"), 7, -3]]
    text = "".join(csv_lines([("Başlık", ["Kurum", "Tarih", "Tutar", "Sayı", "Fark"], rows)]))
    parsed = _csv(text)
    assert parsed[0] == ["Başlık"] and parsed[1] == ["Kurum", "Tarih", "Tutar", "Sayı", "Fark"]
    assert parsed[2] == ["'=cmd|' /C calc'!A0", "23.11.2026", "1234,50", "7", "-3"]
    workbook = openpyxl.load_workbook(xlsx_file([("Başlık", ["Kurum", "Tarih", "Tutar", "Sayı", "Fark"], rows)]))
    sheet = workbook["Başlık"]
    values = [c.value for c in sheet[2]]
    assert values[0] == "'=cmd|' /C calc'!A0" and sheet.cell(2, 1).data_type == "s"
    assert values[1] == datetime(2026, 11, 23) and sheet.cell(2, 2).number_format == "DD.MM.YYYY"
    assert Decimal(str(values[2])) == Decimal("1234.50") and values[3:] == [7, -3]


@pytest.mark.parametrize("report", ["overview", "patterns", "outcomes"])
def test_every_report_exports_the_tables_it_shows(client, login, app, report):
    seeded = report_data.seed(30)
    login(UserFactory(role="admin", union_id=None))
    query = "?date_from=2000-01-01" if report != "patterns" else "?date_from=2000-01-01&by=province"
    page = client.get(f"/reports/{'' if report == 'overview' else report}{query}").get_data(as_text=True)
    response = client.get(f"/reports/{report}.csv{query}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    parsed = _csv(response.get_data(as_text=True))
    titles = [row[0] for row in parsed if len(row) == 1]
    for title in titles:
        assert f">{title}</h2>" in page
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"/reports/{report}.xlsx{query}").data))
    assert len(workbook.sheetnames) == len(titles)
    if report == "overview":
        subjects = workbook.worksheets[1]
        assert subjects.cell(1, 1).value == "Konu" and subjects.cell(1, 2).value == "Dosyalar"
        assert sum(row[1] for row in subjects.iter_rows(min_row=2, values_only=True)) == len(seeded.cases)
