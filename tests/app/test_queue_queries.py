"""No N+1: the queue and the case page run as many SQL statements with 500 cases as with 20."""

from contextlib import contextmanager

import sqlalchemy as sa

from app.extensions import db
from app.models import User
from app.services.case_notes import add_note, send_message
from app.services.filing import NewCase, open_case
from app.services.timeline import append_event
from tests.factories import InstitutionFactory, MemberFactory, UnionFactory, UserFactory


@contextmanager
def counted():
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def _add_cases(members, n: int) -> None:
    for i in range(n):
        member = members[i % len(members)]
        user = db.session.get(User, member.user_id)
        open_case(
            member,
            NewCase(
                kind="legal", category="relocation", narrative=f"Anlatım {i}", priority="high" if i % 3 else "normal"
            ),
            actor=user,
            member_name=user.full_name,
        )
    db.session.commit()


def _statements(client, url: str) -> int:
    client.get(url)  # warm up (a first view may record a conflict check)
    with counted() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_queue_and_case_page_query_counts_do_not_grow_with_data(client, login):
    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    members = [MemberFactory(union=union, institution=InstitutionFactory()) for _ in range(5)]
    _add_cases(members, 20)
    login(lawyer)
    from app.models import Case

    case = db.session.scalars(sa.select(Case).order_by(Case.id)).first()
    append_event(
        case,
        "transition",
        lawyer,
        {"transition": "take", "from_state": "submitted", "to_state": "in_review", "data": {"assignee_id": lawyer.id}},
        member_visible=True,
    )
    db.session.commit()
    urls = ["/desk/", "/desk/?q=anlatim&sort=priority", "/desk/?page=2&assignee=none", f"/desk/cases/{case.id}"]
    small = [_statements(client, url) for url in urls]

    _add_cases(members, 480)
    for n in range(30):
        add_note(case, lawyer, f"not {n}", expected_version=case.version)
        send_message(case, lawyer, f"mesaj {n}", expected_version=case.version)
    large = [_statements(client, url) for url in urls]
    assert large == small
    assert max(small) <= 12
