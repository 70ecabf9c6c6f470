"""The queue's rows (app/desk/queue_rows.py), read back cell by cell."""

from datetime import UTC, date, datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from app.desk.queue_rows import queue_rows

TODAY = date(2026, 12, 7)


class _Cells(HTMLParser):
    """Each row's cells as (data-label, text, [(tag, attributes)]) and the row's own attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self._cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "tr":
            self.rows.append({"attrs": attributes, "cells": []})
        elif tag == "td":
            self._cell = {
                "label": attributes.get("data-label"),
                "text": "",
                "tags": [],
                "title": attributes.get("title"),
            }
            self.rows[-1]["cells"].append(self._cell)
        elif self._cell is not None:
            self._cell["tags"].append((tag, attributes))

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def _row(**values):
    row = {
        "id": 7,
        "reference": "BEM-2026-000007",
        "seen_at": datetime(2026, 12, 6, 9, 0, tzinfo=UTC),
        "last_activity_at": datetime(2026, 12, 6, 8, 0, tzinfo=UTC),
        "conflict_status": "none",
        "membership_pending": False,
        "member_name": "Ayşe Yılmaz",
        "union_code": "BES",
        "category": "harassment",
        "institution_name": "Ankara İl Müdürlüğü",
        "status": "in_review",
        "assignee_name": "Av. Deniz Kaya",
        "priority": "normal",
        "next_deadline": None,
        "next_deadline_proposed": False,
    }
    row.update(values)
    return SimpleNamespace(**row)


def _read(app, rows, *, language="tr", show_union=False):
    with app.test_request_context(), force_locale(language):
        html = queue_rows(rows, today=TODAY, show_union=show_union, case_href="/desk/cases/")
    parser = _Cells()
    parser.feed(str(html))
    return parser.rows


def test_a_row_shows_each_value_under_its_label_in_turkish(app):
    [row] = _read(app, [_row()])
    assert row["attrs"] == {"data-reference": "BEM-2026-000007"}
    cells = {cell["label"]: cell for cell in row["cells"]}
    assert list(cells) == [
        "Dosya no",
        "Üye",
        "Konu",
        "Kurum",
        "Durum",
        "Sorumlu",
        "Öncelik",
        "En yakın süre sonu",
        "Son işlem",
    ]
    assert cells["Dosya no"]["tags"] == [("a", {"class": "text-nowrap", "href": "/desk/cases/7"})]
    assert cells["Üye"]["text"] == cells["Üye"]["title"] == "Ayşe Yılmaz"
    assert cells["Konu"]["text"] == "Psikolojik taciz (mobbing)"
    assert cells["Kurum"]["text"] == "Ankara İl Müdürlüğü"
    assert cells["Durum"]["text"] == "İnceleniyor"
    assert ("span", {"class": "badge text-bg-info", "data-status": "in_review"}) in cells["Durum"]["tags"]
    assert cells["Sorumlu"]["text"] == "Av. Deniz Kaya"
    assert cells["Öncelik"]["text"] == "Normal" and cells["Öncelik"]["tags"] == []
    assert cells["En yakın süre sonu"]["text"] == ""
    assert cells["Son işlem"]["text"] == "06.12.2026"


def test_english_labels_and_an_unassigned_case(app):
    [row] = _read(app, [_row(assignee_name=None, priority="urgent")], language="en")
    cells = {cell["label"]: cell for cell in row["cells"]}
    assert cells["Assignee"]["text"] == "Unassigned"
    assert cells["Priority"]["tags"] == [("strong", {})] and cells["Priority"]["text"] == "Urgent"
    assert cells["Status"]["text"] == "In review"


def test_every_value_is_escaped(app):
    hostile = '<script>alert("x")</script>'
    [row] = _read(
        app,
        [_row(reference=hostile, member_name=hostile, institution_name=hostile, category=hostile, union_code=hostile)],
        show_union=True,
    )
    html = "".join(cell["text"] for cell in row["cells"])
    assert html.count(hostile) == 5  # read back as text, never as a tag
    assert all(tag != "script" for cell in row["cells"] for tag, _attrs in cell["tags"])


def test_the_union_is_shown_to_those_who_see_several(app):
    [alone] = _read(app, [_row()])
    [several] = _read(app, [_row()], show_union=True)
    assert alone["cells"][1]["text"] == "Ayşe Yılmaz"
    assert several["cells"][1]["text"] == "Ayşe Yılmaz BES"


@pytest.mark.parametrize(
    ("seen_at", "unread"),
    [(None, True), (datetime(2026, 12, 6, 7, 0, tzinfo=UTC), True), (datetime(2026, 12, 6, 9, 0, tzinfo=UTC), False)],
)
def test_new_activity_since_the_lawyer_last_opened_the_case_is_marked(app, seen_at, unread):
    [row] = _read(app, [_row(seen_at=seen_at)])
    marks = [attrs for tag, attrs in row["cells"][0]["tags"] if attrs.get("data-testid") == "unread"]
    assert bool(marks) is unread


def test_conflict_and_membership_badges(app):
    detected, handled, pending = _read(
        app,
        [_row(conflict_status="detected"), _row(conflict_status="handled"), _row(membership_pending=True)],
        language="en",
    )
    assert "Conflict of interest" in detected["cells"][0]["text"]
    assert "Conflict handled" in handled["cells"][0]["text"]
    assert "Membership pending" in pending["cells"][0]["text"]
    assert ("span", {"class": "badge text-bg-danger", "data-testid": "conflict-badge"}) in detected["cells"][0]["tags"]


def test_a_deadline_is_overdue_the_day_after_its_last_day_and_a_proposed_one_awaits_confirmation(app):
    last_day, passed, proposed = _read(
        app,
        [
            _row(next_deadline=TODAY),
            _row(next_deadline=date(2026, 12, 6)),
            _row(next_deadline=date(2027, 1, 4), next_deadline_proposed=True),
        ],
        language="en",
    )
    assert last_day["cells"][7]["text"] == "07.12.2026" and last_day["cells"][7]["tags"] == []
    assert passed["cells"][7]["text"] == "Overdue 06.12.2026"
    assert passed["cells"][7]["tags"] == [("span", {"class": "badge text-bg-danger", "data-testid": "overdue-badge"})]
    assert proposed["cells"][7]["text"] == "04.01.2027 Awaiting confirmation"


def test_the_last_activity_is_the_day_on_the_installations_clock(app):
    # 22:30 UTC on the 6th is 01:30 on the 7th in Istanbul (UTC+3).
    [row] = _read(app, [_row(last_activity_at=datetime(2026, 12, 6, 22, 30, tzinfo=UTC), seen_at=None)])
    assert row["cells"][8]["text"] == "07.12.2026"
