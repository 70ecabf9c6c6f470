"""The lawyer's start page and a chart page in a real browser, at 1366 px and on a 390×844 phone."""

import pytest

from tests.app import report_data
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, UserFactory

SIZES = [
    pytest.param({"width": 1366, "height": 768}, id="laptop"),
    pytest.param({"width": 390, "height": 844}, id="phone"),
]


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


@pytest.mark.parametrize("size", SIZES)
def test_start_page_and_queue_fit_and_link_to_the_queue(live_server, browser, db, size):
    seeded = report_data.seed(24)
    context = browser.new_context(locale="tr-TR", viewport=size)
    page = context.new_page()
    sign_in(page, live_server, seeded.lawyer_a.email, PASSWORD)
    page.goto(f"{live_server}/desk/start")
    assert page.get_by_role("heading", name="Masam").is_visible()
    _no_sideways_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"start-page-{size['width']}.png"), full_page=True)
    open_states = {"submitted", "in_review", "awaiting_member", "accepted", "objection_filed", "lawsuit_filed"}
    mine = [c for c in seeded.cases if c.assignee_id == seeded.lawyer_a.id and c.status in open_states]
    page.get_by_test_id("my-open-cases").click()
    page.wait_for_url("**/desk/?view=mine")
    rows = page.locator("table[data-testid=queue] tbody tr[data-reference]")
    assert rows.count() == min(len(mine), 25)
    if size["width"] == 1366:
        # The fluid queue keeps a row on one line: each row is as tall as its neighbours.
        heights = {round(rows.nth(i).bounding_box()["height"]) for i in range(min(rows.count(), 5))}
        assert max(heights) < 60, heights
        _no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / f"queue-mine-{size['width']}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_reports_chart_page_reads_without_script_and_fits(live_server, browser, db, size):
    report_data.seed(40)
    admin = UserFactory(role="admin", union_id=None, email="genel.merkez@example.org")
    context = browser.new_context(locale="tr-TR", viewport=size, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/reports/")
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 5
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 200 and box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1
    assert page.locator("table[data-table=by_category] tbody tr").count() >= 1
    _no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / f"reports-{size['width']}.png"), full_page=True)
    context.close()
