"""Two lawyers acting on one deadline at once: one wins, the other is told, nothing is lost (PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Case, CaseEvent, Deadline, Union
from tests.conftest import BACKEND
from tests.factories import PASSWORD, MemberFactory, UserFactory, make_case
from tests.helpers import csrf_token_from

pytestmark = pytest.mark.skipif(
    BACKEND != "postgresql",
    reason="needs concurrent writers: SQLite serialises every write, so two transactions never overlap",
)


def _signed_in_client(app, user):
    client = app.test_client()
    token = csrf_token_from(client.get("/login"))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client


def test_two_lawyers_confirming_and_editing_at_once(app):
    member = MemberFactory()
    union = db.session.get(Union, member.union_id)
    lawyers = [UserFactory(role="lawyer", union_id=union.id) for _ in range(2)]
    case = make_case(member, notification_date=date(2026, 7, 3))
    clients = [_signed_in_client(app, lawyer) for lawyer in lawyers]
    url = f"/desk/cases/{case.id}/deadlines"
    tokens = [csrf_token_from(client.get(url)) for client in clients]
    version = db.session.get(Case, case.id).version

    def confirm(index: int):
        data = {"rule_id": "annulment-lawsuit", "version": version, "csrf_token": tokens[index]}
        return clients[index].post(f"{url}/confirm", data=data)

    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(pool.map(confirm, [0, 1]))
    assert [r.status_code for r in responses] == [303, 303]
    db.session.expire_all()
    deadlines = db.session.scalars(sa.select(Deadline).where(Deadline.case_id == case.id)).all()
    assert len(deadlines) == 1
    pages = [client.get(url).get_data(as_text=True) for client in clients]
    assert sum("Süre onaylandı" in page for page in pages) == 1
    assert sum("başka biri tarafından değiştirildi" in page for page in pages) == 1

    deadline = deadlines[0]

    def edit(index: int):
        day = ["2026-08-20", "2026-08-25"][index]
        data = {"due_date": day, "reason": f"Gerekçe {index}", "version": deadline.version, "csrf_token": tokens[index]}
        return clients[index].post(f"{url}/{deadline.id}/edit", data=data)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(edit, [0, 1]))
    db.session.expire_all()
    stored = db.session.get(Deadline, deadline.id)
    events = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "deadline").order_by(CaseEvent.id)
    ).all()
    assert [e.payload["action"] for e in events] == ["confirmed", "edited"]
    # The stored date is the one the single recorded edit says: no silent overwrite.
    assert stored.due_date.isoformat() == events[1].payload["due_date"]
    assert stored.edit_reason == events[1].payload["reason"]
    assert db.session.get(Case, case.id).next_deadline == stored.due_date
