"""Each lawyer's private iCalendar feed of their open deadlines, at a secret URL they can revoke."""

from datetime import date, timedelta

import sqlalchemy as sa
from icalendar import Calendar

from app import clock
from app.models import Case, Deadline, User
from tests.factories import MemberFactory, UserFactory, make_case
from tests.helpers import post_form


def _setup(db):
    member = MemberFactory()
    lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    case = make_case(member)
    other_case = make_case(MemberFactory())
    db.session.get(Case, case.id).assignee_id = lawyer.id
    db.session.commit()
    due = clock.today() + timedelta(days=10)
    rows = [
        Deadline(
            case_id=case.id,
            rule_id="annulment-lawsuit",
            title="Annulment lawsuit in the administrative court",
            legal_basis="2577 İYUK m.7",
            start_date=date(2026, 7, 3),
            computed_date=due,
            due_date=due,
            explanation=[
                {
                    "kind": "count",
                    "template": "%(length)s days from %(start)s is %(end)s (counting starts the next day).",
                    "params": {"length": 60, "start": "03.07.2026", "end": "01.09.2026"},
                }
            ],
            warnings=[],
            status="open",
        ),
        Deadline(
            case_id=case.id, title="Bilirkişi raporu", due_date=due + timedelta(days=3), status="open", explanation=[]
        ),
        Deadline(case_id=case.id, title="Yapıldı", due_date=due, status="met", explanation=[]),
        Deadline(case_id=other_case.id, title="Başkasının işi", due_date=due, status="open", explanation=[]),
    ]
    db.session.add_all(rows)
    db.session.commit()
    return lawyer, case, rows


def _token(client, db, lawyer) -> str:
    response = post_form(
        client, "/desk/calendar/token", {"version": _user(db, lawyer).version}, page_url="/desk/deadlines"
    )
    assert response.status_code == 303
    return _user(db, lawyer).calendar_token


def _user(db, user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_feed_lists_the_open_deadlines_of_my_cases(app, client, login, db):
    lawyer, case, rows = _setup(db)
    login(lawyer)
    token = _token(client, db, lawyer)
    page = client.get("/desk/deadlines").get_data(as_text=True)
    assert f"/desk/calendar/{token}.ics" in page

    anonymous = app.test_client()
    response = anonymous.get(f"/desk/calendar/{token}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: str(e["UID"]))
    assert [str(e["UID"]) for e in events] == [f"deadline-{rows[0].id}@dayanak", f"deadline-{rows[1].id}@dayanak"]
    first, second = events
    assert first.decoded("DTSTART") == rows[0].due_date
    assert first.decoded("DTEND") == rows[0].due_date + timedelta(days=1)
    assert str(first["SUMMARY"]) == f"{case.reference}: İdare mahkemesinde iptal davası"
    description = str(first["DESCRIPTION"])
    assert "2577 İYUK m.7" in description and "03.07.2026 tarihinden itibaren 60 gün: 01.09.2026" in description
    assert str(second["SUMMARY"]) == f"{case.reference}: Bilirkişi raporu"
    assert second.decoded("DTSTART") == rows[1].due_date
    assert str(calendar["X-WR-CALNAME"]) == "Dayanak süreleri"


def test_regenerating_the_token_revokes_the_old_address(app, client, login, db):
    lawyer, _case, _rows = _setup(db)
    login(lawyer)
    old = _token(client, db, lawyer)
    new = _token(client, db, lawyer)
    assert old != new
    anonymous = app.test_client()
    assert anonymous.get(f"/desk/calendar/{old}.ics").status_code == 404
    assert anonymous.get(f"/desk/calendar/{new}.ics").status_code == 200


def test_wrong_or_malformed_tokens_are_404(app, client, login, db):
    lawyer, _case, _rows = _setup(db)
    login(lawyer)
    token = _token(client, db, lawyer)
    user_id, secret = token.split(".", 1)
    anonymous = app.test_client()
    bad_tokens = (
        f"{user_id}.{secret[:-1]}x",
        f"{user_id}.",
        "abc",
        f"{int(user_id) + 1}.{secret}",
        secret,
        f"9999999999.{secret}",  # larger than a database integer
    )
    for bad in bad_tokens:
        assert anonymous.get(f"/desk/calendar/{bad}.ics").status_code == 404, bad


def test_a_deactivated_lawyers_feed_stops(app, client, login, db):
    lawyer, _case, _rows = _setup(db)
    login(lawyer)
    token = _token(client, db, lawyer)
    db.session.execute(sa.update(User).where(User.id == lawyer.id).values(active=False))
    db.session.commit()
    assert app.test_client().get(f"/desk/calendar/{token}.ics").status_code == 404


def test_the_feed_regeneration_form_is_version_checked(client, login, db):
    lawyer, _case, _rows = _setup(db)
    login(lawyer)
    first = _token(client, db, lawyer)
    response = post_form(client, "/desk/calendar/token", {"version": 0}, page_url="/desk/deadlines")
    assert response.status_code == 303
    assert _user(db, lawyer).calendar_token == first
