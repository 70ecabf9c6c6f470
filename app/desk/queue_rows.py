"""The queue's rows as HTML, built in Python: the page's costliest part in a template.

Through Jinja a row cost some 400,000 CPU instructions, a quarter of the whole queue page: each
of its thirty values escaped into a ``Markup`` made by Python code, each of its twenty-five
attributes read through the environment, two dates formatted through a filter that finds the
time zone again, and every piece passed up through the layout's chain of generators. Here a row
is one f-string: the values escaped once each (``markupsafe``), the labels translated and escaped
once per page, the zone found once. What a row shows, and how, is unchanged (the tests in
tests/app/test_queue_rows.py read the rows back).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from app import clock, labels
from app.desk.render_i18n import catalogue
from app.templating import format_date
from cases.deadlines import is_overdue
from cases.i18n import N_

# The cell labels (shown beside each value when the table folds into cards on a phone).
_CELLS = ("reference", "member", "subject", "institution", "status", "assignee", "priority", "deadline", "activity")
_CELL_LABELS = (
    N_("Reference"),
    N_("Member"),
    N_("Subject"),
    N_("Institution"),
    N_("Status"),
    N_("Assignee"),
    N_("Priority"),
    N_("Nearest deadline"),
    N_("Last activity"),
)
_PROMINENT = frozenset({"high", "urgent"})


@dataclass(frozen=True)
class _Texts:
    """One page's translated, escaped words."""

    cell: dict[str, str]
    unread: str
    conflict: str
    handled: str
    pending: str
    unassigned: str
    awaiting: str
    overdue: str
    states: dict[str, str]
    categories: dict[str, str]
    priorities: dict[str, str]


def _texts() -> _Texts:
    words = catalogue()

    def said(message: str) -> str:
        return str(escape(words.plain(message)))

    def table(names: dict[str, str]) -> dict[str, str]:
        return {key: str(escape(text)) for key, text in names.items()}

    return _Texts(
        cell={name: said(label) for name, label in zip(_CELLS, _CELL_LABELS, strict=True)},
        unread=said(N_("New activity since you last opened it")),
        conflict=said(N_("Conflict of interest")),
        handled=said(N_("Conflict handled")),
        pending=said(N_("Membership pending")),
        unassigned=said(N_("Unassigned")),
        awaiting=said(N_("Awaiting confirmation")),
        overdue=said(N_("Overdue")),
        states=table(labels.names(labels.STATES)),
        categories=table(labels.names(labels.CATEGORIES)),
        priorities=table(labels.names(labels.PRIORITIES)),
    )


def queue_rows(rows: Sequence[Any], *, today: date, show_union: bool, case_href: str) -> Markup:
    """The table rows of a queue page; ``case_href`` is a case page's URL up to its id."""
    texts, zone = _texts(), clock.zone()
    cell = texts.cell
    html = []
    for row in rows:
        reference = escape(row.reference)
        unread = row.seen_at is None or row.last_activity_at > row.seen_at
        marks = (
            f'<span class="unread-mark me-1" data-testid="unread" title="{texts.unread}"></span>'
            f'<span class="visually-hidden">{texts.unread}</span>'
            if unread
            else ""
        )
        badges = ""
        if row.conflict_status == "detected":
            badges += f' <span class="badge text-bg-danger" data-testid="conflict-badge">{texts.conflict}</span>'
        elif row.conflict_status == "handled":
            badges += f' <span class="badge text-bg-secondary">{texts.handled}</span>'
        if row.membership_pending:
            badges += f' <span class="badge text-bg-warning" data-testid="membership-badge">{texts.pending}</span>'
        member = escape(row.member_name)
        union = f' <span class="text-body-secondary small">{escape(row.union_code)}</span>' if show_union else ""
        category = texts.categories.get(row.category) or escape(row.category)
        institution = escape(row.institution_name or "")
        status = escape(row.status)
        colour = escape(labels.STATE_COLOURS.get(row.status) or "secondary")
        assignee = escape(row.assignee_name) if row.assignee_name else texts.unassigned
        priority = texts.priorities.get(row.priority) or escape(row.priority)
        if row.priority in _PROMINENT:
            priority = f"<strong>{priority}</strong>"
        html.append(
            f'<tr data-reference="{reference}">\n'
            f'  <td data-label="{cell["reference"]}">{marks}'
            f'<a class="text-nowrap" href="{case_href}{int(row.id)}">{reference}</a>{badges}</td>\n'
            f'  <td data-label="{cell["member"]}" class="cell-cut" title="{member}">{member}{union}</td>\n'
            f'  <td data-label="{cell["subject"]}" class="cell-cut" title="{category}">{category}</td>\n'
            f'  <td data-label="{cell["institution"]}" class="cell-cut" title="{institution}">{institution}</td>\n'
            f'  <td data-label="{cell["status"]}" class="text-nowrap"><span class="badge text-bg-{colour}"'
            f' data-status="{status}">{texts.states.get(row.status, "")}</span></td>\n'
            f'  <td data-label="{cell["assignee"]}">{assignee}</td>\n'
            f'  <td data-label="{cell["priority"]}">{priority}</td>\n'
            f'  <td data-label="{cell["deadline"]}" class="text-nowrap">{_deadline(row, today, texts)}</td>\n'
            f'  <td data-label="{cell["activity"]}">{format_date(row.last_activity_at, zone)}</td>\n'
            "</tr>\n"
        )
    return Markup("".join(html))  # noqa: S704 - every value above is escaped


def _deadline(row: Any, today: date, texts: _Texts) -> str:
    """The nearest deadline (a day): its day, marked when it has passed or awaits a lawyer's confirmation."""
    due = row.next_deadline
    if not due:
        return ""
    day = format_date(due)
    shown = (
        f'<span class="badge text-bg-danger" data-testid="overdue-badge">{texts.overdue} {day}</span>'
        if is_overdue(due, today)
        else day
    )
    if row.next_deadline_proposed:
        shown += f' <span class="badge text-bg-warning" data-testid="awaiting-confirmation">{texts.awaiting}</span>'
    return shown
