"""The benchmark's seed writes data the application accepts: chains verify, references are unique."""

import sqlalchemy as sa

from app.commands.audit import verify_all
from app.extensions import db
from app.models import Case, CaseEvent, MemberProfile, Union, User
from bench import seed as seeding


def test_seeded_data_is_consistent_and_its_chains_verify(app, client):
    seeded = seeding.seed(db.engine, 400, echo=lambda *_: None)
    assert (seeded.cases, seeded.union_code) == (400, "EBS")
    assert db.session.scalar(sa.select(sa.func.count(sa.distinct(Case.reference)))) == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Union)) == 11
    assert db.session.scalar(sa.select(sa.func.count()).where(User.role == "lawyer")) == 50
    assert db.session.scalar(sa.select(sa.func.count(sa.distinct(Case.union_id)))) == 11
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MemberProfile)) == 200
    big = db.session.scalar(sa.select(sa.func.count()).where(CaseEvent.case_id == seeded.big_case_id))
    assert big >= 50
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseEvent)) == seeded.events
    messages: list[str] = []
    assert verify_all(echo=lambda text, **_: messages.append(text)) == 0, messages

    # The application works on it: the benchmark lawyer signs in and opens the big case.
    from tests.helpers import csrf_token_from

    token = csrf_token_from(client.get("/login"))
    response = client.post(
        "/login", data={"email": seeded.lawyer_email, "password": seeding.PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    assert client.get("/desk/?q=%C4%B1%C5%9F%C4%B1k").status_code == 200
    page = client.get(f"/desk/cases/{seeded.big_case_id}")
    assert page.status_code == 200 and "Belge 46 ektedir." in page.get_data(as_text=True)
    # A new case continues the seeded counters and ids without a clash.
    from tests.factories import make_case

    member = db.session.scalars(sa.select(MemberProfile).where(MemberProfile.union_id == 1)).first()
    case = make_case(member)
    assert case.id == 401 and case.reference.startswith("EBS-")
