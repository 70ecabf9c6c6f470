"""The staff desk's queue: the cases in scope, filtered, sorted and paged."""

from collections.abc import Callable
from datetime import date

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import labels
from app.access import STAFF, allow
from app.desk import bp
from app.desk.forms import QueueFilterForm
from app.desk.queue_rows import queue_rows
from app.desk.render_i18n import catalogue
from app.queries.attention import ATTENTIONS
from app.queries.queue import SORTS, QueueFilters, filter_choices, queue_page
from app.request_guards import bounded_int
from app.services.saved_filters import saved_filters
from app.templating import url_to_ids
from cases.vocabulary import Role, categories_for_kind, kinds_for_role
from cases.workflows import State, workflow_for


def _states_for(role: str) -> tuple[State, ...]:
    """The states of the workflows that run the kinds ``role`` works, in workflow order."""
    return tuple(dict.fromkeys(s for kind in kinds_for_role(role) for s in workflow_for(kind).states))


def _kinds_for(role: str) -> list[str]:
    return [kind.value for kind in kinds_for_role(role)]


def _categories_for(role: str) -> list[str]:
    if Role(role) in (Role.LAWYER, Role.OFFICER):
        return list(dict.fromkeys(c.value for kind in kinds_for_role(role) for c in categories_for_kind(kind)))
    return list(labels.CATEGORIES)


def _parse_date(field) -> date | None:
    raw = (field.data or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        field.errors = [_("Please enter a valid date.")]
        return None


def _read_filters(form: QueueFilterForm, choices: dict) -> QueueFilters:
    """The valid filters of the query string; an invalid one is ignored and marked on its field."""
    everyone = _("All")
    role = current_user.role
    states = _states_for(role)
    form.status.choices = [("", everyone), *((s.value, labels.label(labels.STATES, s.value)) for s in states)]
    form.kind.choices = [("", everyone), *((k, labels.label(labels.KINDS, k)) for k in _kinds_for(role))]
    form.category.choices = [
        ("", everyone),
        *((c, labels.label(labels.CATEGORIES, c)) for c in _categories_for(role)),
    ]
    form.union.choices = [("", everyone), *choices.get("unions", [])]
    form.institution.choices = [("", everyone), *choices["institutions"]]
    form.assignee.choices = [("", everyone), ("me", _("Me")), ("none", _("Unassigned")), *choices["people"]]
    form.priority.choices = [("", everyone), *((k, str(v)) for k, v in labels.PRIORITIES.items())]

    def pick(field, allowed) -> str | None:
        """The field's value if ``allowed()`` holds it (the set is built only for a value given)."""
        value = (field.data or "").strip()
        if value and value not in allowed():
            field.errors = [_("Please choose a value from the list.")]
            return None
        return value or None

    def values(pairs) -> Callable[[], set[str]]:
        return lambda: {v for v, _l in pairs}

    union = pick(form.union, values(choices.get("unions", [])))
    due_within = pick(form.due_within, values(form.due_within.choices))
    institution = pick(form.institution, values(choices["institutions"]))
    page = request.args.get("page", 1, type=bounded_int)
    return QueueFilters(
        status=pick(form.status, lambda: {s.value for s in states}),
        kind=pick(form.kind, lambda: set(_kinds_for(role))),
        category=pick(form.category, lambda: set(_categories_for(role))),
        union_id=int(union) if union else None,
        institution_id=int(institution) if institution else None,
        province=(form.province.data or "").strip() or None,
        assignee=pick(form.assignee, lambda: {"me", "none", *(v for v, _l in choices["people"])}),
        priority=pick(form.priority, lambda: set(labels.PRIORITIES)),
        date_from=_parse_date(form.date_from),
        date_to=_parse_date(form.date_to),
        membership_pending=bool(form.membership_pending.data),
        overdue=bool(form.overdue.data),
        due_within=int(due_within) if due_within else None,
        conflict=bool(form.conflict.data),
        q=(form.q.data or "").strip()[:200] or None,
        view="mine" if request.args.get("view") == "mine" else None,
        attention=request.args.get("attention") if request.args.get("attention") in ATTENTIONS else None,
        sort=form.sort.data if form.sort.data in SORTS else "activity",
        page=page,
        after=request.args.get("after", "")[:80] or None,
    )


@bp.get("/")
@allow(*STAFF)
def queue():
    form = QueueFilterForm(request.args)
    choices = filter_choices(current_user)
    filters = _read_filters(form, choices)
    page = queue_page(current_user, filters)
    show_union = current_user.union_id is None
    case_href = url_to_ids("desk.case_detail", "case_id")
    return render_template(
        "desk/queue.html",
        **catalogue().template_context,
        form=form,
        page=page,
        rows=queue_rows(page.rows, today=page.today, show_union=show_union, case_href=case_href),
        filters=filters,
        show_union=show_union,
        states=[value for value, _label in form.status.choices if value],
        saved=saved_filters(current_user),
    )
