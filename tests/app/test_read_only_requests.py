"""A request that only read ends its transaction with COMMIT (psycopg keeps its prepared
statements); one that wrote without committing, or failed, is still rolled back.

Each request here runs in its own application context, as under gunicorn: the other tests keep
one context open for their factories, in which the end-of-request teardown does not run.
"""

import pytest
import sqlalchemy as sa

from app.extensions import db


@pytest.fixture
def served(database_url, tmp_path):
    from app import create_app
    from app.models import Union

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url, "UPLOAD_DIR": str(tmp_path)})
    ends: list[str] = []

    from app.access import public

    @app.get("/_test/read")
    def read():
        return str(db.session.scalar(sa.select(sa.func.count()).select_from(Union)))

    @app.get("/_test/flush-then-fail")
    def flush_then_fail():
        db.session.add(Union(code="ZZ-FAIL", name="Never kept"))
        db.session.flush()
        raise RuntimeError("the view failed after flushing")

    @app.get("/_test/flush-and-forget")
    def flush_and_forget():
        db.session.add(Union(code="ZZ-FORGOT", name="Never committed"))
        db.session.flush()
        return "forgot to commit"

    @app.get("/_test/change-unflushed")
    def change_unflushed():
        db.session.add(Union(code="ZZ-PENDING", name="Never flushed"))
        return "pending"

    for view in (read, flush_then_fail, flush_and_forget, change_unflushed):
        public(view)
    with app.app_context():
        sa.event.listen(db.engine, "commit", lambda _c: ends.append("commit"))
        sa.event.listen(db.engine, "rollback", lambda _c: ends.append("rollback"))
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield app, ends
    with app.app_context():
        db.session.execute(sa.delete(Union).where(Union.code.like("ZZ-%")))
        db.session.commit()
        db.engine.dispose()


def _codes(app) -> set[str]:
    with app.app_context():
        from app.models import Union

        return set(db.session.scalars(sa.select(Union.code).where(Union.code.like("ZZ-%"))))


def test_a_request_that_only_read_ends_with_a_commit(served):
    app, ends = served
    client = app.test_client()
    assert client.get("/_test/read").status_code == 200
    assert ends == ["commit"]


@pytest.mark.parametrize("path", ["/_test/flush-then-fail", "/_test/flush-and-forget", "/_test/change-unflushed"])
def test_a_request_that_wrote_without_committing_or_failed_keeps_nothing(served, path):
    app, ends = served
    client = app.test_client()
    client.get(path)
    assert "commit" not in ends
    if path != "/_test/change-unflushed":  # nothing unflushed ever reached the database
        assert "rollback" in ends
    assert _codes(app) == set()
