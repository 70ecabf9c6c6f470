"""Administrators correct the official calendar, and the deadlines follow without a code change."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from app.models import AccessLog, CalendarDay, Case, Court
from app.services.deadlines import load_calendar
from tests.factories import MemberFactory, UserFactory, make_case, user_of
from tests.helpers import csrf_token_from, post_form


@pytest.fixture
def admin(login):
    user = UserFactory(role="admin", union_id=None)
    login(user)
    return user


def _days(db):
    db.session.expire_all()
    return db.session.scalars(sa.select(CalendarDay).order_by(CalendarDay.day)).all()


def test_calendar_page_lists_the_years_holidays(client, admin):
    page = client.get("/admin/calendar?year=2026").get_data(as_text=True)
    assert "2026 resmî takvimi" in page
    assert "20.03.2026" in page and "Ramazan Bayramı" in page  # from the holidays package
    assert "19.03.2026" in page and "Yarım gün" in page  # its eve


def test_a_newly_declared_holiday_moves_a_due_date(client, admin, db, login):
    member = MemberFactory()
    case = make_case(member, notification_date=date(2026, 7, 3))
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    assert load_calendar().is_working_day(date(2026, 9, 1))

    response = post_form(
        client,
        "/admin/calendar/new",
        {"day": "01.09.2026", "kind": "holiday", "name": "Cumhurbaşkanlığı Genelgesi 2026/9"},
    )
    assert response.status_code == 303
    (row,) = _days(db)
    assert (row.day, row.kind, row.created_by_id) == (date(2026, 9, 1), "holiday", admin.id)
    assert db.session.scalar(sa.select(AccessLog.action).where(AccessLog.object_type == "calendar_day")) == "create"

    post_form(client, "/logout", {}, page_url="/admin/calendar")
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}/deadlines").get_data(as_text=True)
    assert "02.09.2026" in page and "Cumhurbaşkanlığı Genelgesi 2026/9" in page


def test_a_holiday_corrected_to_a_working_day_no_longer_moves_anything(client, admin, db):
    post_form(client, "/admin/calendar/new", {"day": "2026-07-15", "kind": "working", "name": "Deneme"})
    calendar = load_calendar()
    assert calendar.is_working_day(date(2026, 7, 15))
    assert calendar.is_working_day(date(2026, 7, 14))


def test_a_half_day_can_be_declared(client, admin, db):
    post_form(client, "/admin/calendar/new", {"day": "2026-12-31", "kind": "half_day", "name": "Yılbaşı arifesi"})
    calendar = load_calendar()
    assert calendar.is_half_day(date(2026, 12, 31)) and calendar.is_working_day(date(2026, 12, 31))


def test_form_errors_keep_what_was_typed(client, admin, db):
    response = post_form(client, "/admin/calendar/new", {"day": "32.13.2026", "kind": "holiday", "name": "Yanlış"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "32.13.2026" in page and 'value="Yanlış"' in page and "23.11.2026 gibi yazın" in page
    response = post_form(client, "/admin/calendar/new", {"day": "2026-09-01", "kind": "holiday", "name": ""})
    assert response.status_code == 400 and "tatilin adını" in response.get_data(as_text=True)
    assert _days(db) == []


def test_one_correction_per_day(client, admin, db):
    post_form(client, "/admin/calendar/new", {"day": "2026-09-01", "kind": "holiday", "name": "Bir"})
    response = post_form(client, "/admin/calendar/new", {"day": "01.09.2026", "kind": "half_day", "name": "İki"})
    assert response.status_code == 400 and "zaten bir düzeltme var" in response.get_data(as_text=True)
    assert len(_days(db)) == 1


def test_correct_and_remove_with_a_version_check(client, admin, db):
    post_form(client, "/admin/calendar/new", {"day": "2026-09-01", "kind": "holiday", "name": "İlk ad"})
    (row,) = _days(db)
    form_page = client.get(f"/admin/calendar/{row.id}")
    token = csrf_token_from(form_page)
    shown_version = form_page.get_data(as_text=True).split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        f"/admin/calendar/{row.id}",
        data={
            "day": "2026-09-02",
            "kind": "holiday",
            "name": "Düzeltilmiş",
            "version": shown_version,
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    (row,) = _days(db)
    assert (row.day, row.name) == (date(2026, 9, 2), "Düzeltilmiş")

    # A second admin still holding the old form: refused, nothing changed.
    stale = client.post(
        f"/admin/calendar/{row.id}",
        data={
            "day": "2026-09-03",
            "kind": "holiday",
            "name": "Eski form",
            "version": shown_version,
            "csrf_token": token,
        },
        headers={"Referer": f"/admin/calendar/{row.id}"},
    )
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    # Told, and what was typed comes back, with the current version to save over it deliberately.
    assert "başka biri tarafından değiştirildi" in page and 'value="Eski form"' in page
    assert shown_version not in page
    assert _days(db)[0].name == "Düzeltilmiş"
    assert (
        client.post(f"/admin/calendar/{row.id}/remove", data={"csrf_token": token, "version": "x"}).status_code == 303
    )
    assert len(_days(db)) == 1

    listing = client.get("/admin/calendar?year=2026").get_data(as_text=True)
    version = (
        listing.split(f'action="/admin/calendar/{row.id}/remove"')[1].split('name="version" value="')[1].split('"')[0]
    )
    response = client.post(f"/admin/calendar/{row.id}/remove", data={"csrf_token": token, "version": version})
    assert response.status_code == 303 and _days(db) == []


@pytest.mark.parametrize("role", ["member", "lawyer", "officer"])
def test_only_admins_manage_the_calendar(client, login, db, role):
    user = user_of(MemberFactory()) if role == "member" else UserFactory(role=role)
    login(user)
    assert client.get("/admin/calendar").status_code == 403
    assert client.get("/admin/calendar/new").status_code == 403
    assert client.get("/admin/courts").status_code == 403
    assert client.get("/admin/courts/new").status_code == 403


def _court(db, name: str) -> Court:
    db.session.expire_all()
    return db.session.scalar(sa.select(Court).where(Court.name == name))


def test_a_court_marked_without_recess_gives_no_extension(client, admin, db, login):
    # 25.05.2026 + 60 = 24.07.2026 Fri, in the recess: 07.09.2026 at a court that takes it.
    member = MemberFactory()
    case = make_case(member, notification_date=date(2026, 5, 25))
    db.session.commit()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    assert 'data-testid="courts-link"' in client.get("/admin/calendar").get_data(as_text=True)
    data = {"name": "Iğdır İdare Mahkemesi", "province": "Iğdır", "kind": "administrative", "version": ""}
    response = post_form(client, "/admin/courts/new", data)  # takes_recess left unticked
    assert response.status_code == 303
    court = _court(db, "Iğdır İdare Mahkemesi")
    assert (court.province, court.kind, court.takes_recess) == ("Iğdır", "administrative", False)
    assert db.session.scalar(sa.select(AccessLog.action).where(AccessLog.object_type == "court")) == "create"
    listing = client.get("/admin/courts").get_data(as_text=True)
    assert 'data-recess="no"' in listing and "Adli tatile girmez" in listing
    db.session.get(Case, case.id).competent_court_id = court.id
    db.session.commit()

    post_form(client, "/logout", {}, page_url="/admin/courts")
    login(lawyer)
    page = client.get(f"/desk/cases/{case.id}/deadlines").get_data(as_text=True)
    assert "24.07.2026" in page and "07.09.2026" not in page


def test_a_court_is_corrected_with_a_version_check(client, admin, db):
    db.session.add(Court(name="Van İdare Mahkemesi", province="Van", takes_recess=False))
    db.session.commit()
    court = _court(db, "Van İdare Mahkemesi")
    form = client.get(f"/admin/courts/{court.id}").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="([0-9a-f]+)"', form).group(1)
    data = {"name": "Van İdare Mahkemesi", "province": "Van", "kind": "administrative", "takes_recess": "y"}
    response = post_form(client, f"/admin/courts/{court.id}", {**data, "version": version})
    assert response.status_code == 303 and _court(db, "Van İdare Mahkemesi").takes_recess is True
    # The same (now stale) version again changes nothing.
    data["address"] = "Van Adliyesi"
    response = post_form(client, f"/admin/courts/{court.id}", {**data, "takes_recess": "", "version": version})
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "başka biri tarafından değiştirildi" in page
    assert 'value="Van Adliyesi"' in page and f'value="{version}"' not in page
    assert _court(db, "Van İdare Mahkemesi").takes_recess is True
    # A second court of the same name is refused.
    response = post_form(client, "/admin/courts/new", {**data, "version": ""})
    assert response.status_code == 400 and "listede zaten var" in response.get_data(as_text=True)
