"""The staff queue: the cases in a user's scope, filtered, searched, sorted and paged in SQL.

A queue page runs a fixed number of statements whatever the number of cases, and none of them
reads every case in scope: counts stop at COUNT_CAP ("1.000+"; a common word's matches, which
are counted reading each case's text, at SEARCH_COUNT_CAP), the rows of a page come from
an index walk, and the next page continues from the last row shown (keyset) rather than
skipping every row before it. One statement counts each status (each count stops at the cap),
one reads the page's rows, and small ones list what the filters offer. A search first samples
the start of the queue to tell a common word from a rare one: a common word is found walking
the queue in order (its matches are dense, the page fills at once); a rare one through the
search index (SQLite FTS5 trigram, PostgreSQL pg_trgm), whose few matches are then sorted.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlalchemy.sql.util import ClauseAdapter

from app import clock
from app.extensions import db
from app.models import Case, CaseView, Institution, MemberProfile, ReportCaseCount, Union, User
from app.queries.attention import attention_condition, mine
from app.queries.reports import summary_scope
from app.queries.rows import read
from app.queries.scope import Viewer, case_scope, viewer_of
from app.query_plans import PLAN_EACH_TIME
from cases.text import fold, sort_key
from cases.vocabulary import Role
from cases.workflows import states_for_role

PER_PAGE = 25
MAX_PAGE = 10_000
# Counts stop here: a queue of a million cases shows "1.000+" rather than counting them all.
COUNT_CAP = 1000
# A search samples this many cases of the queue, in order, to tell a common word from a rare one.
SEARCH_SAMPLE = 500
COMMON_SHARE = 5  # matches in the sample (1%) that make a word common: walking finds a page fast
# A common word's matches are counted walking the queue, reading each case's text: they stop sooner ("200+").
SEARCH_COUNT_CAP = 200

SORTS = ("activity", "created", "priority", "deadline")


# Statements built for the same viewer, filters and day are kept and reused (see app.queries.scope.Viewer): some
# 90 KiB a distinct filter, so a worker keeps at most about 12 MB of them.
STATEMENTS_KEPT = 128


@dataclass(frozen=True)
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
    view: str | None = None  # "mine": the user's open cases
    attention: str | None = None  # one of app.queries.attention.ATTENTIONS (implies "mine")
    sort: str = "activity"
    page: int = 1
    after: str | None = None  # keyset: continue after this row (see QueuePage.next_after)


@dataclass
class QueuePage:
    rows: list
    counts: dict[str, int]
    total: int
    page: int
    per_page: int = PER_PAGE
    today: date = field(default_factory=date.today)
    # Counts that reached COUNT_CAP are lower bounds: the statuses so capped, and whether the total is.
    capped: frozenset[str] = frozenset()
    total_capped: bool = False
    more: bool = False  # a row exists after this page (read with the page, one row beyond it)
    next_after: str | None = None  # the keyset position of the next page, when the sort has one

    @property
    def pages(self) -> int | None:
        """The pages one can page to (None when the total is capped): beyond MAX_PAGE the filters narrow."""
        if self.total_capped:
            return None
        return min(MAX_PAGE, max(1, -(-self.total // self.per_page)))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        if self.total_capped:
            return self.more and self.page < MAX_PAGE
        return self.page < self.pages


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
    if filters.view == "mine" or filters.attention:
        conditions.extend(mine(user)[1:])
    if filters.attention:
        conditions.append(attention_condition(user, filters.attention, today))
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
    """Filing dates (the days of the installation's zone, as the pages show them) and deadlines; overdue is
    cases.deadlines.is_overdue in SQL."""
    conditions: list = []
    if filters.date_from:
        conditions.append(Case.created_at >= clock.start_of_day(filters.date_from))
    if filters.date_to:
        conditions.append(Case.created_at < clock.start_of_day(filters.date_to + timedelta(days=1)))
    if filters.overdue:
        conditions.append(Case.next_deadline < today)
    if filters.due_within is not None:
        conditions.append(Case.next_deadline <= today + timedelta(days=filters.due_within))
    return conditions


def _contains(folded: str, *, indexed: bool, column=None) -> sa.ColumnElement[bool]:
    """search_text (folded at filing) contains the folded query.

    ``indexed``: through the search index — PostgreSQL's trigram GIN answers LIKE '%…%', SQLite's
    FTS5 trigram table a quoted phrase (three characters at least). Otherwise a plain test of
    each row read, which the planner applies while walking the queue's own order: fastest when
    the matches are dense.
    """
    column = Case.search_text if column is None else column
    if db.session.get_bind().dialect.name == "sqlite":
        if indexed and len(folded) >= 3:
            phrase = '"' + folded.replace('"', '""') + '"'
            fts = sa.select(sa.literal_column("rowid")).select_from(sa.table("cases_fts"))
            return Case.id.in_(fts.where(sa.text("cases_fts MATCH :phrase").bindparams(phrase=phrase)))
        return sa.func.instr(column, folded) > 0
    # strpos() is no LIKE: the GIN index cannot serve it, and the planner takes it for a
    # dense condition (a third of the rows), so it walks the queue's order and stops early.
    holds = sa.func.strpos(column, folded) > 0
    if not indexed:
        return holds
    # The trigram index reads the text with its spaces taken out (migration 0016), so that a
    # phrase's trigrams cross its words; the text itself is then tested for the query as typed.
    joined = sa.func.replace(column, sa.literal_column("' '"), sa.literal_column("''"))
    found = [joined.like(f"%{_escape_like(part)}%", escape="\\") for part in _index_parts(folded)]
    return sa.and_(*found, holds)


def _index_parts(folded: str) -> list[str]:
    """What the trigram index is asked for a query: the word, or where a phrase's words meet.

    A phrase of common words ("yılmaz çelik") shares most trigrams with every case naming either
    word; reading each of their long lists cost 14 ms at a million cases. The few characters on
    either side of each space ("mazcel") are rare where the words are not rare together: 2 ms.
    The text itself is tested for the whole phrase afterwards.
    """
    words = folded.split(" ")
    meetings = [left[-3:] + right[:3] for left, right in zip(words, words[1:], strict=False)]
    if meetings and all(len(meeting) >= 3 for meeting in meetings):
        return meetings
    return [folded.replace(" ", "")]


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


def _capped_count(conditions: list, cap: int | None = None) -> sa.Select:
    """COUNT(*) of at most ``cap`` (COUNT_CAP) + 1 rows matching ``conditions`` (an index range read, stopped)."""
    cap = COUNT_CAP if cap is None else cap
    limited = sa.select(sa.literal(1).label("one")).where(*conditions).limit(cap + 1).subquery()
    return sa.select(sa.func.count()).select_from(limited)


def status_counts(user: User, filters: QueueFilters, *, today: date) -> dict[str, int]:
    """Cases per status under every filter but the status one, each at least up to COUNT_CAP + 1.

    The whole queue (the scope, or one union or kind of it) is counted exactly by the report
    summary, which every change keeps in its own transaction: one row per state and month. Any
    other filter takes one statement of a capped count per state, each reading at most
    COUNT_CAP + 1 entries of the (union, kind, status, …) index, so a million cases cost what a
    thousand do. Either way the page shows a count above COUNT_CAP as "1.000+".
    """
    viewer, chosen = viewer_of(user), _unpaged(filters)
    if replace(chosen, union_id=None, kind=None) == QueueFilters():
        statement = _summary_count_statement(viewer, chosen.union_id, chosen.kind)
    else:
        statement = _count_statement(viewer, chosen, today, _context())
    return {status: count for status, count in read(statement) if count}


@lru_cache(maxsize=STATEMENTS_KEPT)
def _summary_count_statement(viewer: Viewer, union_id: int | None, kind: str | None) -> sa.Select:
    """Cases per state of the viewer's workflows in the scope, from the report summary (a few hundred rows)."""
    t = ReportCaseCount
    conditions = summary_scope(viewer, replace(QueueFilters(), union_id=union_id), t)
    if kind:
        conditions.append(t.kind == kind)
    return (
        sa.select(t.key, sa.func.sum(t.cases))
        .where(*conditions, t.dimension == "status", t.key.in_(states_for_role(viewer.role)))
        .group_by(t.key)
    )


def _unpaged(filters: QueueFilters) -> QueueFilters:
    """The filters that choose the matching cases (not their status, order or page): a statement's key."""
    return replace(filters, status=None, sort="activity", page=1, after=None)


def _context() -> tuple[str, int, int, int, int]:
    """What a kept statement depends on besides its arguments: the database's dialect and the limits."""
    return db.session.get_bind().dialect.name, COUNT_CAP, PER_PAGE, SEARCH_SAMPLE, SEARCH_COUNT_CAP


@lru_cache(maxsize=STATEMENTS_KEPT)
def _conditions(viewer: Viewer, filters: QueueFilters, today: date, context: tuple) -> tuple:
    """filter_conditions without the status (the statements add the search's match where they use it)."""
    conditions = filter_conditions(viewer, filters, today=today, with_status=False)  # type: ignore[arg-type]
    return tuple(conditions)


@lru_cache(maxsize=STATEMENTS_KEPT)
def _count_statement(viewer: Viewer, filters: QueueFilters, today: date, context: tuple) -> sa.Select:
    """For each state of the viewer's workflows, its cases stopped at COUNT_CAP + 1.

    One capped count correlated to a list of the states, rather than one per state: PostgreSQL
    plans the count once (a union of ten counts took it longer to plan than to run).
    """
    states = sa.union_all(
        *(sa.select(sa.literal(state, sa.String).label("status")) for state in states_for_role(viewer.role))
    ).subquery("states")
    conditions = [*_conditions(viewer, filters, today, context), Case.status == states.c.status]
    limited = sa.select(sa.literal(1).label("one")).where(*conditions).correlate(states).limit(COUNT_CAP + 1)
    count = sa.select(sa.func.count()).select_from(limited.subquery()).scalar_subquery()
    return _planned_for(filters, sa.select(states.c.status, count.label("count")))


def _planned_for(filters: QueueFilters, statement: sa.Select, *, status: str | None = None) -> sa.Select:
    """``statement``, planned by PostgreSQL for its values when the user narrowed the queue (app.query_plans).

    The whole queue is read the same way whoever asks; a filter or a search picks few or many
    cases depending on its value, and the plan should know which.
    """
    if filters == QueueFilters() and status is None:
        return statement
    return statement.execution_options(**PLAN_EACH_TIME)


@lru_cache(maxsize=STATEMENTS_KEPT)
def _common_statement(viewer: Viewer, filters: QueueFilters, today: date, context: tuple) -> sa.Select:
    """How many of the first SEARCH_SAMPLE cases of the queue, in order, hold the searched word."""
    sample = (
        sa.select(Case.search_text.label("text"))
        .where(*_conditions(viewer, filters, today, context))
        .order_by(*_order_by("activity"))
        .limit(SEARCH_SAMPLE)
        .subquery()
    )
    folded = fold(filters.q or "")
    return sa.select(sa.func.count()).select_from(sample).where(_contains(folded, indexed=False, column=sample.c.text))


def _is_common(viewer: Viewer, filters: QueueFilters, today: date) -> bool:
    """Whether the word is dense at the start of the queue (a fixed-size sample, read in order)."""
    return (read(_common_statement(viewer, filters, today, _context())).scalar() or 0) >= COMMON_SHARE


@lru_cache(maxsize=STATEMENTS_KEPT)
def _match(filters: QueueFilters, context: tuple, *, common: bool) -> sa.ColumnElement[bool]:
    return _contains(fold(filters.q or ""), indexed=not common)


@lru_cache(maxsize=STATEMENTS_KEPT)
def _search_counts_statement(viewer: Viewer, filters: QueueFilters, today: date, context: tuple) -> sa.Select:
    match = _match(filters, context, common=True)
    found = (
        sa.select(Case.status).where(*_conditions(viewer, filters, today, context), match).limit(SEARCH_COUNT_CAP + 1)
    ).subquery()
    return sa.select(found.c.status, sa.func.count()).group_by(found.c.status)


def _search_counts(viewer: Viewer, filters: QueueFilters, today: date) -> tuple[dict[str, int], bool]:
    """A common word's matches per status among the first SEARCH_COUNT_CAP + 1 found (exact below the cap)."""
    statement = _search_counts_statement(viewer, filters, today, _context())
    counts = dict(read(statement).all())
    return counts, sum(counts.values()) > SEARCH_COUNT_CAP


_SORT_KEYS = {
    "activity": ("last_activity_at",),
    "created": ("created_at",),
    "priority": ("priority_rank", "last_activity_at"),
    "deadline": ("next_deadline",),
}


@lru_cache(maxsize=STATEMENTS_KEPT)
def _rare_statement(viewer: Viewer, filters: QueueFilters, today: date, context: tuple, sort: str) -> sa.Select:
    """The id, status and sort keys of every match (COUNT_CAP + 1 at most).

    SQLite's dates are read as the text they are stored as, which sorts as they do (ISO, fixed
    width): parsing a thousand of them in Python cost more than finding them.

    PostgreSQL: the matches are read from the search index alone and the scope and filters are
    applied to them as they come, until enough are found. Left to itself, the planner ANDed the
    search index with the union's whole queue index (390,000 entries at a million cases): a word
    with 45,000 matches took 150 ms rather than 60.
    """
    sqlite = context[0] == "sqlite"
    match = _match(filters, context, common=False)
    conditions = _conditions(viewer, filters, today, context)
    if sqlite:
        keys = [
            getattr(Case, name)
            if name == "priority_rank"
            else sa.type_coerce(getattr(Case, name), sa.String).label(name)
            for name in _SORT_KEYS[sort]
        ]
        statement = sa.select(Case.id, Case.status, *keys).where(*conditions, match)
    else:
        # OFFSET 0 keeps the planner from pushing the scope into the index search.
        found = sa.select(Case).where(match).offset(0).subquery("found")
        adapt = ClauseAdapter(found).traverse
        keys = [found.c[name] for name in _SORT_KEYS[sort]]
        statement = sa.select(found.c.id, found.c.status, *keys).where(*(adapt(c) for c in conditions))
    return statement.limit(COUNT_CAP + 1).execution_options(**PLAN_EACH_TIME)


def _rare_matches(viewer: Viewer, filters: QueueFilters, today: date, sort: str) -> list:
    """Every match of a rare word (COUNT_CAP + 1 at most) with the columns the page's sort needs.

    The index is asked once: the counts and the page are then taken from these rows, so a
    rare word costs one index search rather than one per statement.
    """
    return read(_rare_statement(viewer, filters, today, _context(), sort)).all()


def _sorted(rows: list, sort: str) -> list:
    """``rows`` in the order _order_by gives in SQL (every key descending but the deadline)."""
    if sort == "created":
        return sorted(rows, key=lambda r: (r.created_at, r.id), reverse=True)
    if sort == "priority":
        return sorted(rows, key=lambda r: (r.priority_rank, r.last_activity_at, r.id), reverse=True)
    if sort == "deadline":
        # No deadline last; the key's second part is only compared within one of the two groups.
        return sorted(rows, key=lambda r: (r.next_deadline is None, r.next_deadline or "", -r.id))
    return sorted(rows, key=lambda r: (r.last_activity_at, r.id), reverse=True)


# --- Keyset positions: the sort's columns of the last row shown, continued from on the next page.


def _keyset_columns(sort: str) -> list | None:
    if sort == "activity":
        return [Case.last_activity_at, Case.id]
    if sort == "created":
        return [Case.created_at, Case.id]
    if sort == "priority":
        return [Case.priority_rank, Case.last_activity_at, Case.id]
    return None  # the deadline sort mixes directions and NULLs: it pages by offset


def _position_of(row, sort: str) -> str | None:
    columns = _keyset_columns(sort)
    if columns is None:
        return None
    values = [getattr(row, column.key) for column in columns]
    return "~".join(value.isoformat() if isinstance(value, datetime) else str(value) for value in values)


def _after_condition(after: str | None, sort: str) -> sa.ColumnElement[bool] | None:
    """Rows after the keyset position ``after`` (every key descends); None when it does not parse."""
    columns = _keyset_columns(sort)
    if not after or columns is None:
        return None
    parts = after.split("~")
    if len(parts) != len(columns):
        return None
    values = []
    try:
        for column, text in zip(columns, parts, strict=True):
            if column.key in ("last_activity_at", "created_at"):
                value = datetime.fromisoformat(text)
                values.append(value if value.tzinfo else value.replace(tzinfo=UTC))
            else:
                values.append(int(text))
    except ValueError:
        return None
    right = [sa.literal(value, type_=column.type) for column, value in zip(columns, values, strict=True)]
    return sa.tuple_(*columns) < sa.tuple_(*right)


def queue_page(user: User, filters: QueueFilters, *, today: date | None = None) -> QueuePage:
    """One page of the queue with the counts per status (capped)."""
    today = today or clock.today()
    viewer, chosen, context = viewer_of(user), _unpaged(filters), _context()
    page = min(max(1, filters.page), MAX_PAGE)
    sort = _sort_of(filters)
    common = True  # no search, or a common word: the page is read walking the queue's order
    known_ids = None  # the page's ids when every match is already at hand
    cap = COUNT_CAP  # where counts stop
    if filters.q and fold(filters.q):
        common = _is_common(viewer, chosen, today)
        cap = SEARCH_COUNT_CAP if common else COUNT_CAP
        matches = None if common else _rare_matches(viewer, chosen, today, sort)
        if matches is not None and len(matches) <= COUNT_CAP:
            counts = dict(Counter(row.status for row in matches))
            total_capped = False
            wanted = [row for row in matches if row.status == filters.status] if filters.status else matches
            total = len(wanted)
            page = min(page, max(1, -(-total // PER_PAGE)))  # past the end: the last page
            known_ids = tuple(row.id for row in _sorted(wanted, sort)[(page - 1) * PER_PAGE : page * PER_PAGE + 1])
        elif matches is not None:
            # More matches than a rare word has, only none among the newest cases: walking the queue
            # fills a page sooner than sorting every match would, so it is paged as a common word.
            common, cap = True, SEARCH_COUNT_CAP
            counts = dict(Counter(row.status for row in matches))
            total_capped = True
        else:
            counts, total_capped = _search_counts(viewer, chosen, today)
        if known_ids is not None:
            capped = frozenset()
        elif total_capped:
            capped = frozenset(counts)  # a sample: each status has at least this many
            if filters.status:
                statement = _status_total_statement(viewer, chosen, today, context, filters.status, common)
                total = read(statement).scalar()
                total_capped = total > cap
            else:
                total = sum(counts.values())
        else:
            capped = frozenset()
            total = counts.get(filters.status, 0) if filters.status else sum(counts.values())
    else:
        counts = status_counts(user, filters, today=today)
        capped = frozenset(state for state, count in counts.items() if count > COUNT_CAP)
        total = counts.get(filters.status, 0) if filters.status else sum(counts.values())
        total_capped = bool(capped & {filters.status}) if filters.status else bool(capped)
    counts = {state: min(count, cap) for state, count in counts.items()}
    total = min(total, cap) if total_capped else total
    if not total_capped:
        page = min(page, max(1, -(-total // PER_PAGE)))  # past the end: the last page
    after = filters.after if page > 1 and _after_condition(filters.after, sort) is not None else None
    shape = _PageShape(filters.status, sort, page, after, common, known_ids)
    rows = read(_page_statement(viewer, chosen, today, context, shape)).all()
    more = len(rows) > PER_PAGE
    rows = rows[:PER_PAGE]
    return QueuePage(
        rows=rows,
        counts=counts,
        total=total,
        page=page,
        today=today,
        capped=capped,
        total_capped=total_capped,
        more=more,
        next_after=_position_of(rows[-1], sort) if more and rows else None,
    )


@dataclass(frozen=True)
class _PageShape:
    """Which rows of the matching cases one page shows."""

    status: str | None
    sort: str
    page: int
    after: str | None  # a keyset position that parses, for a page after the first
    common: bool  # how a search matches (see _contains); True without a search
    known_ids: tuple[int, ...] | None  # the page's ids (one beyond), when a rare word's matches were all read


def _search_match(filters: QueueFilters, context: tuple, common: bool) -> list:
    return [_match(filters, context, common=common)] if filters.q and fold(filters.q) else []


@lru_cache(maxsize=STATEMENTS_KEPT)
def _status_total_statement(
    viewer: Viewer, filters: QueueFilters, today: date, context: tuple, status: str, common: bool
) -> sa.Select:
    conditions = [*_conditions(viewer, filters, today, context), *_search_match(filters, context, common)]
    statement = _capped_count([*conditions, Case.status == status], SEARCH_COUNT_CAP if common else COUNT_CAP)
    return statement.execution_options(**PLAN_EACH_TIME)


_MEMBER_USER = aliased(User, name="member_user")
_ASSIGNEE = aliased(User, name="assignee_user")


@lru_cache(maxsize=STATEMENTS_KEPT)
def _page_statement(viewer: Viewer, filters: QueueFilters, today: date, context: tuple, shape: _PageShape) -> sa.Select:
    """The rows of one page, one beyond it to know whether another follows.

    The page's ids come from the cases table alone (an index walk); only those are joined.
    """
    if shape.known_ids is not None:
        page_ids: sa.Select | tuple[int, ...] = shape.known_ids
    else:
        conditions = [*_conditions(viewer, filters, today, context), *_search_match(filters, context, shape.common)]
        status = [Case.status == shape.status] if shape.status else []
        ids = sa.select(Case.id).where(*conditions, *status).order_by(*_order_by(shape.sort)).limit(PER_PAGE + 1)
        after = _after_condition(shape.after, shape.sort)
        page_ids = ids.where(after) if after is not None else ids.offset((shape.page - 1) * PER_PAGE)

    def looked_up(column, *where) -> sa.ScalarSelect:
        # A correlated look-up rather than a join: with seven tables joined, PostgreSQL spent
        # longer choosing the join order than running the statement.
        return sa.select(column).where(*where).correlate(Case).scalar_subquery()

    statement = (
        sa.select(
            Case.id,
            Case.reference,
            Case.kind,
            Case.category,
            Case.status,
            Case.priority,
            Case.priority_rank,
            Case.province,
            Case.created_at,
            Case.last_activity_at,
            Case.next_deadline,
            Case.next_deadline_proposed,
            Case.membership_pending,
            Case.conflict_status,
            Case.assignee_id,
            _MEMBER_USER.full_name.label("member_name"),
            looked_up(Institution.name, Institution.id == Case.institution_id).label("institution_name"),
            looked_up(_ASSIGNEE.full_name, _ASSIGNEE.id == Case.assignee_id).label("assignee_name"),
            looked_up(Union.code, Union.id == Case.union_id).label("union_code"),
            looked_up(CaseView.seen_at, CaseView.case_id == Case.id, CaseView.user_id == viewer.id).label("seen_at"),
        )
        .join(MemberProfile, MemberProfile.id == Case.member_id)
        .join(_MEMBER_USER, _MEMBER_USER.id == MemberProfile.user_id)
        .where(Case.id.in_(page_ids))
        .order_by(*_order_by(shape.sort))
    )
    return _planned_for(filters, statement, status=shape.status)


def filter_choices(user: User) -> dict[str, list[tuple[str, str]]]:
    """The unions, institutions and people the filters offer (three small queries at most)."""
    statements = _choice_statements(user.role, user.union_id)
    # Plain tuples: the cache below compares the lists it holds item by item, and a Row compares in Python.
    return {name: _turkish_order(tuple(map(tuple, read(statement).all()))) for name, statement in statements}


@lru_cache(maxsize=64)
def _choice_statements(role: str, union_id: int | None) -> tuple[tuple[str, sa.Select], ...]:
    """What the filters of a role in a union offer, as (name, statement giving (value, label) rows)."""
    statements = []
    if union_id is None:
        unions = sa.select(sa.cast(Union.id, sa.String), Union.code + " — " + Union.name)
        statements.append(("unions", unions))
    institutions = sa.select(sa.cast(Institution.id, sa.String), Institution.name).where(Institution.active.is_(True))
    if union_id is not None:
        institutions = institutions.where(sa.or_(Institution.union_id == union_id, Institution.union_id.is_(None)))
    statements.append(("institutions", institutions))
    roles = {Role.LAWYER: [Role.LAWYER], Role.OFFICER: [Role.OFFICER]}.get(
        Role(role), [Role.LAWYER, Role.OFFICER, Role.ADMIN]
    )
    people = sa.select(sa.cast(User.id, sa.String), User.full_name).where(
        User.role.in_([r.value for r in roles]), User.active.is_(True)
    )
    if union_id is not None:
        people = people.where(sa.or_(User.union_id == union_id, User.union_id.is_(None)))
    statements.append(("people", people))
    return tuple(statements)


@lru_cache(maxsize=256)
def _ordered(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(choices, key=lambda choice: sort_key(choice[1])))


def _turkish_order(choices: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """Choices by their label in Turkish alphabetical order (Eğitim-Bir-Sen before Enerji Bir-Sen).

    The same lists come back on every page: each is sorted once per process while it is unchanged.
    """
    return list(_ordered(choices))


def _search_condition(filters: QueueFilters) -> list:
    """The search as a WHERE condition through the search index (for reads that take every match)."""
    folded = fold(filters.q) if filters.q else ""
    return [_contains(folded, indexed=True)] if folded else []


def export_rows(user: User, filters: QueueFilters, *, today: date, batch: int = 1000):
    """Every case of the filtered queue in its sort order, streamed from the database in batches."""
    member_user = aliased(User, name="member_user")
    assignee = aliased(User, name="assignee_user")
    query = (
        sa.select(
            Case.reference,
            Union.code.label("union_code"),
            member_user.full_name.label("member_name"),
            Case.kind,
            Case.category,
            Institution.name.label("institution_name"),
            Case.province,
            Case.status,
            assignee.full_name.label("assignee_name"),
            Case.priority,
            Case.created_at,
            Case.next_deadline,
            Case.last_activity_at,
        )
        .join(MemberProfile, MemberProfile.id == Case.member_id)
        .join(member_user, member_user.id == MemberProfile.user_id)
        .join(Union, Union.id == Case.union_id)
        .outerjoin(Institution, Institution.id == Case.institution_id)
        .outerjoin(assignee, assignee.id == Case.assignee_id)
        .where(*filter_conditions(user, filters, today=today, with_status=True), *_search_condition(filters))
        .order_by(*_order_by(_sort_of(filters)))
        .execution_options(yield_per=batch)
    )
    yield from db.session.execute(query)
