"""What needs a staff user now: their open cases, what happened on them since they last looked.

Each "attention" is a SQL condition on Case, so the start page counts it and the queue filters
by it with the same words. A case is unread for a user when something happened on it after
they last opened it (``case_views``); a member's answer, file or message counts when it is
newer than that.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, CaseView, Deadline, User
from app.queries.reports import open_states_for, states_for
from app.queries.scope import case_scope

ATTENTIONS = ("replied", "evidence", "proposals", "due_week", "messages", "unread")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _seen(user: User):
    # Correlated to the case of the enclosing query however deep it is nested (never a FROM of its own).
    seen = (
        sa.select(CaseView.seen_at)
        .where(CaseView.user_id == user.id, CaseView.case_id == Case.id)
        .correlate_except(CaseView)
    )
    return sa.func.coalesce(seen.scalar_subquery(), EPOCH)


def _member_event(user: User, column) -> sa.ColumnElement[bool]:
    # The case keeps when the member last did each thing (append_event), so no timeline is searched.
    return sa.and_(column.is_not(None), column > _seen(user))


def mine(user: User) -> list:
    """The user's open cases: in scope, assigned to them, not ended."""
    return [case_scope(user), Case.assignee_id == user.id, Case.status.in_(open_states_for(user))]


def attention_condition(user: User, name: str, today: date) -> sa.ColumnElement[bool]:
    """The condition on Case of one attention (see ATTENTIONS); the caller adds ``mine`` where it applies."""
    if name == "replied":  # the member answered a request for information (a transition they made)
        return _member_event(user, Case.member_replied_at)
    if name == "evidence":  # the member added a file
        return _member_event(user, Case.member_file_at)
    if name == "messages":
        return _member_event(user, Case.member_message_at)
    if name == "proposals":  # deadlines a rule proposed, waiting for the lawyer to confirm or dismiss
        return sa.exists().where(Deadline.case_id == Case.id, Deadline.status == "proposed").correlate_except(Deadline)
    if name == "due_week":
        return Case.next_deadline <= today + timedelta(days=7)
    if name == "unread":
        return Case.last_activity_at > _seen(user)
    raise ValueError(name)


@dataclass
class StartPage:
    by_stage: list[tuple[str, int]]
    attention: dict[str, int]
    due: list  # the nearest deadlines of the user's open cases (at most ten rows)

    @property
    def open_total(self) -> int:
        return sum(n for _s, n in self.by_stage)


def start_page(user: User, today: date) -> StartPage:
    """A user's open cases by stage, what waits on them, and what is due this week (three statements)."""
    counts = dict(
        db.session.execute(sa.select(Case.status, sa.func.count()).where(*mine(user)).group_by(Case.status)).all()
    )
    open_states = open_states_for(user)
    by_stage = [(s, counts.get(s, 0)) for s in states_for(user) if s in open_states]
    names = [n for n in ATTENTIONS if n != "unread"]
    # One pass over the user's open cases counts every attention at once (a sum of flags).
    flags = [sa.case((attention_condition(user, n, today), 1), else_=0) for n in names]
    row = db.session.execute(
        sa.select(*(sa.func.coalesce(sa.func.sum(flag), 0) for flag in flags)).where(*mine(user))
    ).one()
    due = db.session.execute(
        sa.select(Case.id, Case.reference, Case.category, Case.status, Case.next_deadline)
        .where(*mine(user), attention_condition(user, "due_week", today))
        .order_by(Case.next_deadline, Case.id)
        .limit(10)
    ).all()
    return StartPage(by_stage=by_stage, attention=dict(zip(names, row, strict=True)), due=due)
