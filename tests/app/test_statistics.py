"""Public statistics: published by an admin, stored as published, anonymised beyond re-identification."""

import json
from datetime import timedelta

import sqlalchemy as sa

from app import clock
from app.extensions import db
from app.models import PublishedStatistics
from tests.cases.test_statistics import _determined
from tests.factories import InstitutionFactory, MemberFactory, UnionFactory, UserFactory, make_case
from tests.helpers import post_form


def _population():
    union = UnionFactory()
    big = InstitutionFactory(name="Ankara Devlet Hastanesi", province="Ankara")
    school = InstitutionFactory(name="İzmir Atatürk Lisesi", province="İzmir")
    small = InstitutionFactory(name="Iğdır Adliyesi", province="Iğdır")
    ankara = [MemberFactory(union=union, institution=big, province="Ankara") for _ in range(4)]
    izmir = [MemberFactory(union=union, institution=school, province="İzmir") for _ in range(3)]
    for i in range(24):
        make_case(ankara[i % 4], category="harassment" if i % 2 else "relocation")
    for i in range(9):
        make_case(izmir[i % 3], category="harassment" if i % 3 else "relocation")
    target = MemberFactory(
        union=union, institution=small, province="Iğdır", user=UserFactory(role="member", full_name="Zeynep Kaya")
    )
    make_case(target, category="union_rights")  # the only such case, the only one from Iğdır
    return union, target


def _publish(client, login, union, threshold="10"):
    admin = UserFactory(role="admin", union_id=union.id)
    login(admin)
    today = clock.today()
    return post_form(
        client,
        "/reports/statistics",
        {"union": str(union.id), "date_from": (today - timedelta(days=30)).isoformat(), "date_to": today.isoformat(),
         "threshold": threshold},
    )  # fmt: skip


def test_an_admin_publishes_a_snapshot_anyone_can_read(client, login, app):
    union, _target = _population()
    response = _publish(client, login, union)
    assert response.status_code == 303
    snapshot = db.session.scalar(sa.select(PublishedStatistics))
    places = snapshot.figures["by_category_province"]
    assert places["rows"] == ["harassment", "relocation", "union_rights"]
    assert places["columns"] == ["Ankara", "Iğdır", "İzmir"]
    true = [[12, 0, 6], [12, 0, 3], [0, 1, 0]]
    for row, expected in zip(places["cells"], true, strict=True):
        assert all(v is None or v == t for v, t in zip(row, expected, strict=True))
    assert places["column_totals"][0] == 24 and places["row_totals"][0] == 18 and places["total"] == 34
    anonymous = app.test_client()
    page = anonymous.get(f"/statistics/{snapshot.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Psikolojik taciz" in text and "Ankara Devlet Hastanesi" in text  # 24 cases, above the threshold
    assert f"/statistics/{snapshot.id}" in anonymous.get("/statistics/").get_data(as_text=True)
    # The page shows the figures as published: later cases do not change them.
    make_case(MemberFactory(union=union, province="Ankara"), category="harassment")
    again = anonymous.get(f"/statistics/{snapshot.id}").get_data(as_text=True)
    assert again.split("<main", 1)[1].split("</main>")[0] == text.split("<main", 1)[1].split("</main>")[0]


def test_a_member_cannot_be_reidentified_from_the_published_figures(client, login, app):
    union, target = _population()
    _publish(client, login, union)
    snapshot = db.session.scalar(sa.select(PublishedStatistics))
    page = app.test_client().get(f"/statistics/{snapshot.id}").get_data(as_text=True)
    stored = json.dumps(snapshot.figures, ensure_ascii=False)
    # An attacker who knows Zeynep Kaya works at the Iğdır courthouse and went to the union looks for her.
    for published in (page, stored):
        assert "Zeynep" not in published and "Kaya" not in published
        assert "Iğdır Adliyesi" not in published  # one case: below the threshold
        assert target.national_id not in published
    places = snapshot.figures["by_category_province"]
    grid = [[*row, total] for row, total in zip(places["cells"], places["row_totals"], strict=True)]
    grid.append([*places["column_totals"], places["total"]])
    igdir = places["columns"].index("Iğdır")
    union_rights = places["rows"].index("union_rights")
    # Her subject, her province and their crossing are all hidden ...
    assert grid[union_rights][igdir] is None
    assert places["column_totals"][igdir] is None and places["row_totals"][union_rights] is None
    # ... no published count is below 5 ...
    assert all(v is None or v == 0 or v >= 5 for row in grid for v in row)
    # ... and no hidden count can be solved for from the totals that are shown.
    assert _determined(grid) == set()


def test_publishing_is_checked_and_a_page_can_be_withdrawn(client, login, app):
    union, _target = _population()
    other = UnionFactory()
    admin = UserFactory(role="admin", union_id=union.id)
    login(admin)
    today = clock.today()
    refused = post_form(client, "/reports/statistics", {"union": str(other.id), "date_from": today.isoformat(),
                                                        "date_to": today.isoformat(), "threshold": "20"})  # fmt: skip
    assert refused.status_code == 400 and "yalnızca kendi sendikanızın" in refused.get_data(as_text=True)
    low = post_form(client, "/reports/statistics", {"union": str(union.id), "date_from": today.isoformat(),
                                                    "date_to": today.isoformat(), "threshold": "2"})  # fmt: skip
    assert low.status_code == 400 and db.session.scalar(sa.select(sa.func.count(PublishedStatistics.id))) == 0
    post_form(client, "/reports/statistics", {"union": str(union.id), "date_from": today.isoformat(),
                                              "date_to": today.isoformat(), "threshold": "20"})  # fmt: skip
    snapshot = db.session.scalar(sa.select(PublishedStatistics))
    post_form(client, f"/reports/statistics/{snapshot.id}/withdraw", {}, page_url="/reports/statistics")
    assert app.test_client().get(f"/statistics/{snapshot.id}").status_code == 404
    lawyer = UserFactory(role="lawyer", union_id=union.id)
    post_form(client, "/logout", {}, page_url="/reports/statistics")
    login(lawyer)
    assert client.get("/reports/statistics").status_code == 403
