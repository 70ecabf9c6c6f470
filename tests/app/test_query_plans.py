"""Statements marked plan_each_time are never prepared on PostgreSQL: it plans them for their values."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.query_plans import PLAN_EACH_TIME
from tests.factories import MemberFactory, UnionFactory, UserFactory, make_case


def _prepared(connection) -> set[str]:
    rows = connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements").all()
    return {row[0] for row in rows}


def test_a_statement_planned_each_time_is_never_prepared_and_others_are(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL keeps plans of prepared statements")
    with db.engine.connect() as connection:
        each_time = sa.select(sa.literal_column("'each time'")).where(sa.bindparam("n", 1) > 0)
        kept = sa.select(sa.literal_column("'kept'")).where(sa.bindparam("n", 1) > 0)
        for _ in range(8):  # psycopg prepares a statement on its fifth run
            assert connection.execute(each_time.execution_options(**PLAN_EACH_TIME)).scalar() == "each time"
            assert connection.execute(kept).scalar() == "kept"
        prepared = _prepared(connection)
    assert any("'kept'" in statement for statement in prepared)
    assert not any("'each time'" in statement for statement in prepared)


def test_a_searched_or_filtered_queue_is_planned_for_its_values_and_the_whole_queue_is_kept(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL keeps plans of prepared statements")
    from app.queries.queue import QueueFilters, queue_page

    union = UnionFactory()
    lawyer = UserFactory(role="lawyer", union=union)
    member = MemberFactory(union=union)
    for i in range(3):
        make_case(member, narrative=f"Fazla mesai {i}")
    connection = db.session.connection()
    for _ in range(6):
        assert len(queue_page(lawyer, QueueFilters()).rows) == 3
        assert len(queue_page(lawyer, QueueFilters(q="mesai 1")).rows) == 1
        assert len(queue_page(lawyer, QueueFilters(category="relocation", status="submitted")).rows) == 3
    prepared = _prepared(connection)
    assert not any("LIKE" in statement for statement in prepared)  # the search index's statement
    assert not any("cases.category =" in statement for statement in prepared)
    assert any("FROM cases JOIN member_profiles" in statement for statement in prepared)  # the whole queue's page
