"""Statements PostgreSQL must plan for their values: executed without being prepared.

Read-only requests keep psycopg's prepared statements (app/read_only_requests.py), and after
five runs PostgreSQL may plan a prepared statement once for any values (a generic plan). That
suits look-ups by key. It does not suit a statement whose best plan depends on its values: a
generic plan for a trigram search ANDed the search index with every case of the union's queue
index (176 ms against 21 ms planned for the words searched, at a million cases), and a filtered
queue page lost a quarter of its speed. Such statements carry the execution option
``plan_each_time=True``; they are sent unprepared, so PostgreSQL plans them with their values
every time (under a millisecond for these). Other databases ignore the option.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

PLAN_EACH_TIME = {"plan_each_time": True}


@sa.event.listens_for(Engine, "do_execute")
def _execute_unprepared(cursor: Any, statement: str, parameters: Any, context: Any) -> bool | None:
    if not context.execution_options.get("plan_each_time") or context.dialect.driver != "psycopg":
        return None  # the dialect executes it as usual
    cursor.execute(statement, parameters, prepare=False)
    return True
