"""Column reads past the ORM (app/queries/rows.py) see what the session sees."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Case
from app.queries.rows import read
from tests.factories import MemberFactory, UnionFactory, make_case


def test_a_read_sees_the_sessions_unflushed_changes_and_its_transaction(app):
    member = MemberFactory(union=UnionFactory())
    case = make_case(member, narrative="Dosya")
    db.session.commit()
    case.status = "in_review"  # pending: not flushed yet
    assert read(sa.select(Case.status).where(Case.id == case.id)).scalar() == "in_review"
    db.session.rollback()  # the read ran in the session's transaction: it goes back with it
    assert read(sa.select(Case.status).where(Case.id == case.id)).scalar() == "submitted"


def test_a_read_returns_plain_rows_with_bound_parameters(app):
    member = MemberFactory(union=UnionFactory())
    cases = [make_case(member, narrative=f"Dosya {i}") for i in range(3)]
    db.session.commit()
    statement = sa.select(Case.id, Case.reference).where(Case.id.in_(sa.bindparam("ids", expanding=True)))
    rows = read(statement.order_by(Case.id), {"ids": [cases[0].id, cases[2].id]}).all()
    assert [(row.id, row.reference) for row in rows] == [(c.id, c.reference) for c in (cases[0], cases[2])]


def test_a_read_refuses_anything_but_a_select(app):
    with pytest.raises(TypeError):
        read(sa.update(Case).values(status="closed"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case).where(Case.status == "closed")) == 0
