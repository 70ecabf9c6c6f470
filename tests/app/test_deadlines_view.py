"""The lawyers' deadlines view: overdue, today, 7 and 30 days; mine or my union's; overdue stands out."""

import re
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy import event

from app import clock
from app.models import Case, Deadline, Union
from tests.factories import MemberFactory, UserFactory, make_case


def _deadline(db, case, due: date, *, status="open", title=None) -> Deadline:
    deadline = Deadline(
        case_id=case.id,
        rule_id=None,
        title=title or f"İş {due.isoformat()}",
        due_date=due,
        status=status,
        explanation=[],
        warnings=[],
    )
    db.session.add(deadline)
    db.session.commit()
    return deadline


def _bucket(page: str, name: str) -> str:
    match = re.search(rf'data-testid="bucket-{name}".*?</section>', page, re.S)
    assert match, name
    return match.group(0)


def _world(db):
    member = MemberFactory()
    union = db.session.get(Union, member.union_id)
    lawyer = UserFactory(role="lawyer", union_id=union.id)
    colleague = UserFactory(role="lawyer", union_id=union.id)
    mine = make_case(member)
    theirs = make_case(MemberFactory(union=union))
    for case, assignee in ((mine, lawyer), (theirs, colleague)):
        db.session.get(Case, case.id).assignee_id = assignee.id
    db.session.commit()
    return lawyer, colleague, mine, theirs


def test_buckets_sort_open_deadlines_by_how_soon_they_fall(client, login, db):
    lawyer, _colleague, mine, _theirs = _world(db)
    today = clock.today()
    _deadline(db, mine, today - timedelta(days=3), title="Geçmiş iş")
    _deadline(db, mine, today, title="Bugünkü iş")
    _deadline(db, mine, today + timedelta(days=5), title="Haftalık iş")
    _deadline(db, mine, today + timedelta(days=20), title="Aylık iş")
    _deadline(db, mine, today + timedelta(days=45), title="Uzak iş")
    _deadline(db, mine, today - timedelta(days=1), status="met", title="Biten iş")
    login(lawyer)
    page = client.get("/desk/deadlines").get_data(as_text=True)
    assert "Geçmiş iş" in _bucket(page, "overdue") and 'data-overdue="yes"' in _bucket(page, "overdue")
    assert "table-danger" in _bucket(page, "overdue")
    assert "Bugünkü iş" in _bucket(page, "today")
    assert "Haftalık iş" in _bucket(page, "week")
    assert "Aylık iş" in _bucket(page, "month")
    assert "Uzak iş" not in page and "Biten iş" not in page
    assert 'data-count="overdue">Süresi geçti: 1<' in page


def test_mine_and_union_scopes(client, login, db):
    lawyer, _colleague, mine, theirs = _world(db)
    today = clock.today()
    _deadline(db, mine, today + timedelta(days=2), title="Benim işim")
    _deadline(db, theirs, today + timedelta(days=2), title="Meslektaşın işi")
    outsider_case = make_case(MemberFactory())
    _deadline(db, outsider_case, today + timedelta(days=2), title="Başka sendikanın işi")
    login(lawyer)
    page = client.get("/desk/deadlines").get_data(as_text=True)  # a lawyer starts with their own
    assert "Benim işim" in page and "Meslektaşın işi" not in page
    page = client.get("/desk/deadlines?scope=union").get_data(as_text=True)
    assert "Benim işim" in page and "Meslektaşın işi" in page
    assert "Başka sendikanın işi" not in page


def test_inactive_cases_are_left_out(client, login, db):
    lawyer, _colleague, mine, _theirs = _world(db)
    _deadline(db, mine, clock.today() + timedelta(days=1), title="Kapanan dosyanın işi")
    db.session.get(Case, mine.id).status = "withdrawn"
    db.session.commit()
    login(lawyer)
    assert "Kapanan dosyanın işi" not in client.get("/desk/deadlines").get_data(as_text=True)


def test_one_bucket_is_paginated(client, login, db):
    lawyer, _colleague, mine, _theirs = _world(db)
    overdue = clock.today() - timedelta(days=40)
    for n in range(30):
        _deadline(db, mine, overdue + timedelta(days=n % 5), title=f"Gecikmiş {n:02d}")
    login(lawyer)
    page = client.get("/desk/deadlines").get_data(as_text=True)
    assert page.count('data-testid="deadline-row"') == 25
    assert "Tümünü gör (30)" in page
    second = client.get("/desk/deadlines?bucket=overdue&page=2").get_data(as_text=True)
    assert second.count('data-testid="deadline-row"') == 5
    assert 'data-testid="bucket-today"' not in second


def test_the_view_runs_a_fixed_number_of_queries(client, login, db):
    lawyer, _colleague, mine, theirs = _world(db)
    login(lawyer)

    def count() -> int:
        statements = []

        def listener(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/desk/deadlines?scope=union").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    _deadline(db, mine, clock.today())
    few = count()
    for n in range(12):
        _deadline(db, theirs if n % 2 else mine, clock.today() + timedelta(days=n * 3 - 6))
    assert count() == few


def test_admin_sees_the_union_view(client, login, db):
    _lawyer, _colleague, mine, _theirs = _world(db)
    _deadline(db, mine, clock.today() + timedelta(days=3), title="Yönetici görür")
    admin = UserFactory(role="admin", union_id=None)
    login(admin)
    page = client.get("/desk/deadlines").get_data(as_text=True)
    assert "Yönetici görür" in page
    total = db.session.scalar(sa.select(sa.func.count(Deadline.id)))
    assert total == 1


def test_navigation_offers_deadlines_to_lawyers(client, login, db):
    login(UserFactory(role="lawyer"))
    page = client.get("/desk/deadlines").get_data(as_text=True)
    assert 'href="/desk/deadlines"' in page and ">Süreler<" in page


def test_the_queue_filters_and_sorts_by_the_nearest_open_deadline(client, login, db):
    lawyer, _colleague, mine, theirs = _world(db)
    union = db.session.get(Union, mine.union_id)
    late, soon, later, none = make_case(MemberFactory(union=union)), mine, theirs, make_case(MemberFactory(union=union))
    today = clock.today()
    dues = ((late, today - timedelta(days=2)), (soon, today + timedelta(days=5)), (later, today + timedelta(days=20)))
    for case, due in dues:
        db.session.get(Case, case.id).next_deadline = due
    db.session.commit()
    login(lawyer)

    def shown(**query) -> list[str]:
        page = client.get("/desk/", query_string=query).get_data(as_text=True)
        refs = [c.reference for c in (late, soon, later, none) if c.reference in page]
        return sorted(refs, key=page.index)

    assert shown(due_within="0") == [late.reference]
    assert set(shown(due_within="7")) == {late.reference, soon.reference}
    assert set(shown(due_within="30")) == {late.reference, soon.reference, later.reference}
    assert shown(due_within="30", sort="deadline") == [late.reference, soon.reference, later.reference]
    assert shown(sort="deadline")[-1] == none.reference  # no open deadline: last
    page = client.get("/desk/", query_string={"due_within": "9"}).get_data(as_text=True)
    assert none.reference in page and "Lütfen listeden bir değer seçin." in page
