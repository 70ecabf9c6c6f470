"""Optimistic locking and references under real concurrency (PostgreSQL: SQLite serialises writers)."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Case, CaseEvent, CaseReferenceCounter
from tests.conftest import BACKEND
from tests.factories import PASSWORD, MemberFactory, UnionFactory, UserFactory, make_case, user_of
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


def _post_at_once(monkeypatch, posts):
    """Send each post from its own thread; both pass the version check, then wait for each other to write."""
    import app.services.workflow as workflow

    barrier = threading.Barrier(len(posts), timeout=10)
    original = workflow.ensure_version

    def check_then_wait(record, expected):
        original(record, expected)
        barrier.wait()

    monkeypatch.setattr(workflow, "ensure_version", check_then_wait)
    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(lambda post: post(), posts))


def test_two_lawyers_taking_one_case_at_once_one_wins_and_nothing_is_overwritten(app, monkeypatch):
    union = UnionFactory()
    first, second = UserFactory(role="lawyer", union=union), UserFactory(role="lawyer", union=union)
    case = make_case(MemberFactory(union=union))
    clients = [_signed_in_client(app, first), _signed_in_client(app, second)]
    # Both pages are read before either acts: both forms carry the same version.
    pages = [client.get(f"/desk/cases/{case.id}") for client in clients]
    db.session.expire_all()
    before = db.session.get(Case, case.id).version
    forms = [{"csrf_token": csrf_token_from(page), "version": str(before)} for page in pages]

    url = f"/desk/cases/{case.id}/transitions/take"
    responses = _post_at_once(monkeypatch, [lambda i=i: clients[i].post(url, data=forms[i]) for i in (0, 1)])

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [303, 409]
    loser = next(r for r in responses if r.status_code == 409).get_data(as_text=True)
    assert "başka biri tarafından değiştirildi" in loser
    db.session.expire_all()
    stored = db.session.get(Case, case.id)
    winner = [first, second][[r.status_code for r in responses].index(303)]
    assert stored.assignee_id == winner.id and stored.status == "in_review"
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    assert [e.kind for e in events] == ["submitted", "transition"]  # exactly one event added
    assert stored.version > before
    # The loser's page shows the current state: the case is taken, by the winner.
    assert winner.full_name in loser


def test_references_stay_unique_when_many_cases_are_filed_at_once(app):
    from app.services.filing import NewCase, open_case

    union = UnionFactory(code="EBS")
    members = [MemberFactory(union=union) for _ in range(8)]
    accounts = {m.id: user_of(m) for m in members}
    start = threading.Barrier(8, timeout=10)

    def file_ten(member_id: int) -> list[str]:
        references = []
        with app.app_context():
            from app.models import MemberProfile, User

            member = db.session.get(MemberProfile, member_id)
            user = db.session.get(User, accounts[member_id].id)
            start.wait()
            for n in range(10):
                case = open_case(
                    member,
                    NewCase(kind="legal", category="other", narrative=f"Eşzamanlı {n}"),
                    actor=user,
                    member_name=user.full_name,
                )
                db.session.commit()
                references.append(case.reference)
            db.session.remove()
        return references

    with ThreadPoolExecutor(max_workers=8) as pool:
        references = [ref for batch in pool.map(file_ten, [m.id for m in members]) for ref in batch]

    assert len(references) == 80 and len(set(references)) == 80
    assert all(re.fullmatch(r"EBS-\d{4}-\d{6}", ref) for ref in references)
    assert sorted(int(ref[-6:]) for ref in references) == list(range(1, 81))
    assert db.session.scalar(sa.select(CaseReferenceCounter.last_number)) == 80


def test_the_assignee_accepting_and_declining_at_once_from_two_sessions_keeps_one_outcome(app, monkeypatch):
    from app.services.workflow import perform_transition

    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    case = make_case(MemberFactory(union=union))
    perform_transition(case, "take", lawyer, {}, expected_version=case.version)
    clients = [_signed_in_client(app, lawyer), _signed_in_client(app, lawyer)]
    pages = [client.get(f"/desk/cases/{case.id}") for client in clients]
    db.session.expire_all()
    before = db.session.get(Case, case.id).version
    forms = [
        {"csrf_token": csrf_token_from(pages[0]), "version": str(before)},
        {"csrf_token": csrf_token_from(pages[1]), "version": str(before), "reason": "Süre geçmiş."},
    ]
    actions = ["accept", "decline"]
    responses = _post_at_once(
        monkeypatch,
        [lambda i=i: clients[i].post(f"/desk/cases/{case.id}/transitions/{actions[i]}", data=forms[i]) for i in (0, 1)],
    )

    assert sorted(r.status_code for r in responses) == [303, 409]
    won = actions[[r.status_code for r in responses].index(303)]
    db.session.expire_all()
    stored = db.session.get(Case, case.id)
    assert stored.status == {"accept": "accepted", "decline": "declined"}[won]
    assert stored.decline_reason == ("Süre geçmiş." if won == "decline" else None)
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    assert [e.payload.get("transition") for e in events] == [None, "take", won]
    loser = next(r for r in responses if r.status_code == 409).get_data(as_text=True)
    assert f'data-status="{stored.status}"' in loser  # told, and shown the state the other session left
