"""The staff queue: the cases in a user's scope, filtered, searched, sorted and paged in SQL.

A queue page runs a fixed number of statements whatever the number of cases: one GROUP BY
for the counts per status (which also gives the total), one for the rows of the page, and
the small lists the filters offer.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app import clock
from app.extensions import db
from app.models import Case, Institution, MemberProfile, Union, User
from app.queries.scope import case_scope
from cases.text import fold, sort_key
from cases.vocabulary import Role

PER_PAGE = 25
MAX_PAGE = 10_000

SORTS = ("activity", "created", "priority", "deadline")


@dataclass
class QueueFilters:
    """What the user asked the queue for (already validated)."""

    status: str | None = None
    kind: str | None = None
    category: str | None = None
    union_id: int | None = None
    institution_id: int | None = None
    province: str | None = None
    assignee: str | None = None  # "me", "none" or a user id as text
    priority: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    membership_pending: bool = False
    overdue: bool = False
    due_within: int | None = None  # the nearest open deadline is at most this many days away (or past)
    conflict: bool = False
    q: str | None = None
    sort: str = "activity"
    page: int = 1


@dataclass
class QueuePage:
    rows: list
    counts: dict[str, int]
    total: int
    page: int
    per_page: int = PER_PAGE
    today: date = field(default_factory=date.today)

    @property
    def pages(self) -> int:
        """The pages one can page to: beyond MAX_PAGE the filters narrow the queue, not paging."""
        return min(MAX_PAGE, max(1, -(-self.total // self.per_page)))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def filter_conditions(user: User, filters: QueueFilters, *, today: date, with_status: bool) -> list:
    """The WHERE conditions of the queue (scope first), with or without the status filter."""
    conditions: list = [case_scope(user)]
    if with_status and filters.status:
        conditions.append(Case.status == filters.status)
    conditions.extend(_equal_conditions(filters))
    assignee = _assignee_condition(user, filters.assignee)
    if assignee is not None:
        conditions.append(assignee)
    conditions.extend(_date_conditions(filters, today))
    if filters.membership_pending:
        conditions.append(Case.membership_pending.is_(True))
    if filters.conflict:
        conditions.append(Case.conflict_status == "detected")
    folded = fold(filters.q)
    if folded:
        conditions.append(_contains(folded))
    return conditions


def _equal_conditions(filters: QueueFilters) -> list:
    """The filters that pick one value of a column."""
    columns = (
        (Case.kind, filters.kind),
        (Case.category, filters.category),
        (Case.union_id, filters.union_id),
        (Case.institution_id, filters.institution_id),
        (Case.province, filters.province),
        (Case.priority, filters.priority),
    )
    return [column == value for column, value in columns if value]


def _assignee_condition(user: User, assignee: str | None) -> sa.ColumnElement[bool] | None:
    if assignee == "me":
        return Case.assignee_id == user.id
    if assignee == "none":
        return Case.assignee_id.is_(None)
    if assignee and assignee.isdigit():
        return Case.assignee_id == int(assignee)
    return None


def _date_conditions(filters: QueueFilters, today: date) -> list:
    """Filing dates and deadlines; overdue is cases.deadlines.is_overdue in SQL."""
    conditions: list = []
    if filters.date_from:
        conditions.append(Case.created_at >= _start_of(filters.date_from))
    if filters.date_to:
        conditions.append(Case.created_at < _start_of(filters.date_to + timedelta(days=1)))
    if filters.overdue:
        conditions.append(Case.next_deadline < today)
    if filters.due_within is not None:
        conditions.append(Case.next_deadline <= today + timedelta(days=filters.due_within))
    return conditions


def _contains(folded: str) -> sa.ColumnElement[bool]:
    """search_text (folded at filing) contains the folded query.

    PostgreSQL answers LIKE '%…%' from the trigram GIN index; SQLite has no such index and
    scans, and its instr() is a plain substring search, much cheaper than matching a pattern.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        return sa.func.instr(Case.search_text, folded) > 0
    return Case.search_text.like(f"%{_escape_like(folded)}%", escape="\\")


def _sort_of(filters: QueueFilters) -> str:
    """The sort to apply: by priority within one priority is by activity.

    Dropping the constant key matters: the planner cannot tell that priority 'normal' means
    rank 1, and walking the rank index backwards would skip every urgent and high case first.
    """
    if filters.sort == "priority" and filters.priority:
        return "activity"
    return filters.sort


def _order_by(sort: str, table=Case) -> list:
    """The ORDER BY of a sort, on Case or on a selection carrying the same column names."""
    column = table.c if hasattr(table, "c") else table
    if sort == "created":
        return [column.created_at.desc(), column.id.desc()]
    if sort == "priority":
        return [column.priority_rank.desc(), column.last_activity_at.desc(), column.id.desc()]
    if sort == "deadline":
        return [sa.nulls_last(column.next_deadline.asc()), column.id.desc()]
    return [column.last_activity_at.desc(), column.id.desc()]


def status_counts(user: User, filters: QueueFilters, *, today: date) -> dict[str, int]:
    """Cases per status under every filter but the status one (one GROUP BY)."""
    query = (
        sa.select(Case.status, sa.func.count())
        .where(*filter_conditions(user, filters, today=today, with_status=False))
        .group_by(Case.status)
    )
    return {status: count for status, count in db.session.execute(query)}


def _searched(user: User, filters: QueueFilters, page: int, *, today: date) -> tuple[dict[str, int], list[int]]:
    """For a search: the counts per status and the page's ids from one pass over the matches.

    A substring search reads every case in scope (SQLite has no trigram index), so the counts
    and the page share a single scan: the matches are gathered once (a CTE used twice is
    materialised on both databases) and both answers come back in one statement.
    """
    hits = (
        sa.select(Case.id, Case.status, Case.last_activity_at, Case.created_at, Case.priority_rank, Case.next_deadline)
        .where(*filter_conditions(user, filters, today=today, with_status=False))
        .cte("hits")
    )
    counts = sa.select(hits.c.status, sa.func.count().label("n"), sa.literal(None, sa.Integer).label("id")).group_by(
        hits.c.status
    )
    ids = (
        sa.select(sa.literal(None, sa.String).label("status"), sa.literal(None, sa.Integer).label("n"), hits.c.id)
        .where(*([hits.c.status == filters.status] if filters.status else []))
        .order_by(*_order_by(_sort_of(filters), hits))
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
        .subquery()
    )
    result = db.session.execute(sa.union_all(counts, sa.select(ids))).all()
    per_status = {row.status: row.n for row in result if row.status is not None}
    return per_status, [row.id for row in result if row.status is None]


def queue_page(user: User, filters: QueueFilters, *, today: date | None = None) -> QueuePage:
    """One page of the queue with the counts per status."""
    today = today or clock.today()
    page = min(max(1, filters.page), MAX_PAGE)
    if filters.q and fold(filters.q):
        counts, ids = _searched(user, filters, page, today=today)
        total = counts.get(filters.status, 0) if filters.status else sum(counts.values())
        last = max(1, -(-total // PER_PAGE))
        if page > last:  # past the end: show the last page (a rare extra statement)
            page = last
            counts, ids = _searched(user, filters, page, today=today)
        page_ids = ids
    else:
        counts = status_counts(user, filters, today=today)
        total = counts.get(filters.status, 0) if filters.status else sum(counts.values())
        page = min(page, max(1, -(-total // PER_PAGE)))
        conditions = filter_conditions(user, filters, today=today, with_status=True)
        # The page's ids come from the cases table alone (an index walk); only those 25 are joined.
        page_ids = (
            sa.select(Case.id)
            .where(*conditions)
            .order_by(*_order_by(_sort_of(filters)))
            .limit(PER_PAGE)
            .offset((page - 1) * PER_PAGE)
        )
    member_user = aliased(User, name="member_user")
    assignee = aliased(User, name="assignee_user")
    query = (
        sa.select(
            Case.id,
            Case.reference,
            Case.kind,
            Case.category,
            Case.status,
            Case.priority,
            Case.province,
            Case.created_at,
            Case.last_activity_at,
            Case.next_deadline,
            Case.next_deadline_proposed,
            Case.membership_pending,
            Case.conflict_status,
            Case.assignee_id,
            member_user.full_name.label("member_name"),
            Institution.name.label("institution_name"),
            assignee.full_name.label("assignee_name"),
            Union.code.label("union_code"),
        )
        .join(MemberProfile, MemberProfile.id == Case.member_id)
        .join(member_user, member_user.id == MemberProfile.user_id)
        .join(Union, Union.id == Case.union_id)
        .outerjoin(Institution, Institution.id == Case.institution_id)
        .outerjoin(assignee, assignee.id == Case.assignee_id)
        .where(Case.id.in_(page_ids))
        .order_by(*_order_by(_sort_of(filters)))
    )
    rows = db.session.execute(query).all()
    return QueuePage(rows=rows, counts=counts, total=total, page=page, today=today)


def filter_choices(user: User) -> dict[str, list[tuple[str, str]]]:
    """The unions, institutions and people the filters offer (three small queries at most)."""
    choices: dict[str, list[tuple[str, str]]] = {}
    if user.union_id is None:
        unions = db.session.execute(sa.select(Union.id, Union.code, Union.name))
        choices["unions"] = _turkish_order([(str(i), f"{code} — {name}") for i, code, name in unions])
    institutions = sa.select(Institution.id, Institution.name).where(Institution.active.is_(True))
    if user.union_id is not None:
        institutions = institutions.where(sa.or_(Institution.union_id == user.union_id, Institution.union_id.is_(None)))
    choices["institutions"] = _turkish_order([(str(i), name) for i, name in db.session.execute(institutions)])
    roles = {Role.LAWYER: [Role.LAWYER], Role.OFFICER: [Role.OFFICER]}.get(
        Role(user.role), [Role.LAWYER, Role.OFFICER, Role.ADMIN]
    )
    people = sa.select(User.id, User.full_name).where(User.role.in_([r.value for r in roles]), User.active.is_(True))
    if user.union_id is not None:
        people = people.where(sa.or_(User.union_id == user.union_id, User.union_id.is_(None)))
    choices["people"] = _turkish_order([(str(i), name) for i, name in db.session.execute(people)])
    return choices


def _turkish_order(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Choices by their label in Turkish alphabetical order (Eğitim-Bir-Sen before Enerji Bir-Sen)."""
    return sorted(choices, key=lambda choice: sort_key(choice[1]))
