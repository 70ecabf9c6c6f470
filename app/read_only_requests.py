"""End a request whose transaction only read by committing it rather than rolling it back.

psycopg forgets every prepared statement at a ROLLBACK (what they name may have been dropped),
and Flask-SQLAlchemy ends each request's session with one: PostgreSQL therefore planned every
statement of every request anew (some 7 ms for the case page's). A transaction that flushed
nothing changed nothing, so committing it ends it exactly as a rollback would, and psycopg keeps
its prepared statements: a statement run five times on a connection is then planned once and
kept by PostgreSQL. A transaction that wrote anything, or a request that failed, still ends with
Flask-SQLAlchemy's rollback.
"""

import sqlalchemy as sa
from flask import Flask

from app.extensions import db

_WROTE = "dayanak_flushed"


def install(app: Flask) -> None:
    """Register the commit of read-only requests; call after ``db.init_app`` (teardowns run last first)."""

    @app.teardown_appcontext
    def _commit_if_read_only(error: BaseException | None) -> None:
        if error is not None or not db.session.registry.has():
            return
        session = db.session()
        if not session.in_transaction() or session.info.get(_WROTE):
            return
        if session.new or session.dirty or session.deleted:
            return  # unflushed changes: never write them here
        try:
            session.commit()
        except sa.exc.SQLAlchemyError:
            session.rollback()


@sa.event.listens_for(db.session, "after_flush")
def _flushed(session, _context) -> None:
    session.info[_WROTE] = True  # this transaction wrote: it ends with Flask-SQLAlchemy's rollback unless committed


@sa.event.listens_for(db.session, "after_transaction_end")
def _ended(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)
