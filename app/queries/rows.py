"""Reads of columns, not entities, run on the session's connection.

``db.session.execute`` passes every statement through the ORM's execution (its compile state,
loading options, identity map), about 0.7 million instructions a statement on this machine's
Python: more than SQLite takes to answer one of the queue's look-ups. A statement that selects
columns and builds no entities needs none of it; run on the session's own connection, it
sees the same transaction and returns the same rows. The session's pending changes are flushed
first, as ``session.execute`` would (autoflush), so a read never misses a change made before it.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Result

from app.extensions import db


def read(statement: sa.Executable, parameters: dict[str, Any] | None = None) -> Result:
    """Run ``statement`` (columns only) in the session's transaction, past the ORM.

    SELECTs only: a write here would pass unseen by the session, and a request that only read
    is committed at its end (app/read_only_requests.py).
    """
    if not getattr(statement, "is_select", False):
        raise TypeError("read() runs SELECT statements only")
    session = db.session
    if session.autoflush and (session.new or session.dirty or session.deleted):
        session.flush()
    return session.connection().execute(statement, parameters)
