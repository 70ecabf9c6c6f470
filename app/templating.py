"""Jinja filters and globals: Turkish dates, labels, masked ids."""

from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.numbers import get_group_symbol
from flask import Flask, request, url_for
from flask_babel import format_number, get_locale
from markupsafe import Markup, escape

from app import clock, labels
from app.i18n import context_locale
from cases.deadlines import is_overdue
from cases.money import format_amount
from cases.national_id import mask_national_id


def format_date(value: date | datetime | None, in_zone: ZoneInfo | None = None) -> str:
    """23.11.2026 — the form Turkish readers expect, in both languages (an instant: its local day).

    ``in_zone``: the installation's zone, found already (a list of many rows finds it once).
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = clock.local(value, in_zone).date()
    return value.strftime("%d.%m.%Y")


def format_count(value: object) -> str:
    """A whole number with the language's grouping: 1.000 in Turkish, 1,000 in English.

    The queue shows a dozen counts per page; Babel's full number formatting of each cost more
    than rendering its link. Other numbers still go through Babel.
    """
    if type(value) is not int:
        return format_number(value)
    locale = context_locale()
    if locale is None:
        return format_number(value)
    key = (locale.language, locale.territory)
    separator = _GROUP_SEPARATORS.get(key)
    if separator is None:
        separator = _GROUP_SEPARATORS[key] = get_group_symbol(locale)
    return f"{value:,d}".replace(",", separator)


_GROUP_SEPARATORS: dict[tuple, str] = {}


def format_datetime(value: datetime | None, in_zone: ZoneInfo | None = None) -> str:
    """23.11.2026 14:05 in the installation's time zone (``in_zone``: that zone, found already)."""
    if value is None:
        return ""
    return clock.local(value, in_zone).strftime("%d.%m.%Y %H:%M")


def _query_with(changes: dict) -> dict[str, list]:
    """The current query's arguments with ``changes`` applied (None removes an argument)."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    return args


def url_with(**changes) -> str:
    """The current page's URL with some query arguments changed (for filters, pages)."""
    return url_for(request.endpoint, **(request.view_args or {}), **_query_with(changes))


def urls_with_each(name: str, values, **changes) -> dict[str, str]:
    """``url_with(name=value, **changes)`` for each of ``values``, the route built once.

    The queue links each of a dozen statuses; building the route anew for each cost more than
    rendering the link. The query keeps the order url_with gives it.
    """
    args = _query_with(changes)
    path = url_for(request.endpoint, **(request.view_args or {}))
    urls = {}
    for value in values:
        query = urlencode([*((key, item) for key, items in {**args, name: [value]}.items() for item in items)])
        urls[value] = f"{path}?{query}"
    return urls


def url_to_ids(endpoint: str, argument: str) -> str:
    """The URL of ``endpoint`` up to the id ending it: a list's links are this and each row's id.

    Reversing a route through url_for costs as much as rendering the rest of a queue row.
    """
    url = url_for(endpoint, **{argument: 0})
    if not url.endswith("/0"):
        raise ValueError(f"{endpoint}'s URL does not end with its {argument}")
    return url[:-1]


@lru_cache(maxsize=256)
def _option_list(choices: tuple[tuple[object, object], ...]) -> tuple[str, dict[str, str]]:
    """A list's <option> tags, escaped once per process: all of them unselected, and each one's own tag."""
    tags = {str(value): f'<option value="{escape(str(value))}">' for value, _text in choices}
    html = "".join(f"{tags[str(value)]}{escape(str(text))}</option>" for value, text in choices)
    return html, tags


def select_options(choices, current) -> Markup:
    """The <option> tags of a select, ``current`` selected.

    A queue filter offers every institution (hundreds): rendering them through a template loop
    on every page was a tenth of the page's time. The list's tags are built once per process and
    the chosen one marked by a single replacement; values are unique, so only that tag changes.
    """
    html, tags = _option_list(tuple(choices))
    tag = tags.get("" if current is None else str(current))
    if tag is not None:
        html = html.replace(tag, tag[:-1] + " selected>", 1)
    return Markup(html)  # noqa: S704 - escaped in _option_list


def select_field(field) -> Markup:
    """A filter's select with its label and error, for a list whose options come ready-made.

    What the queue's ``select`` macro rendered, built here: each call of the macro through Jinja
    cost some 60,000 instructions more, and the queue shows eight of them on every page.
    """
    from app.desk.render_i18n import catalogue  # the desk's package imports this module

    fid = escape(field.id)
    errors = field.errors
    marked = " is-invalid" if errors else ""
    invalid = f' aria-invalid="true" aria-describedby="{fid}-error"' if errors else ""
    shown_error = (
        f'<div id="{fid}-error" class="invalid-feedback d-block">{escape(" ".join(map(str, errors)))}</div>\n'
        if errors
        else ""
    )
    return Markup(  # noqa: S704 - every value escaped here or in select_options
        '  <div class="mb-3">\n'
        f'    <label class="form-label" for="{fid}">{escape(catalogue().text(field.label.text))}</label>\n'
        f'    <select class="form-select{marked}" id="{fid}" name="{escape(field.name)}"{invalid}>\n'
        f"      {select_options(field.choices, field.data or '')}\n"
        "    </select>\n"
        f"    {shown_error}"
        "  </div>\n"
    )


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["masked"] = mask_national_id
    app.jinja_env.filters["number"] = format_count  # 1.000 in Turkish, 1,000 in English
    app.jinja_env.filters["money"] = format_amount
    app.jinja_env.tests["overdue"] = is_overdue  # {% if case.next_deadline is overdue(today) %}
    app.jinja_env.globals["labels"] = labels
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.globals["urls_with_each"] = urls_with_each
    app.jinja_env.globals["url_to_ids"] = url_to_ids
    app.jinja_env.globals["select_field"] = select_field
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def warm_templates(app: Flask) -> int:
    """Compile every template now, so a worker's first page of each kind is not the slow one.

    Served workers call it at start (wsgi.py); Jinja keeps the compiled templates for the process.
    """
    names = [name for name in app.jinja_env.list_templates() if name.endswith(".html")]
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)
