"""Reading the report filters from the query string: a bad value is ignored and said so, never a crash."""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import request
from flask_babel import gettext as _

from app.extensions import db
from app.models import Institution, Union, User
from app.queries.reports import MAX_MONTHS, ReportFilters


@dataclass
class FilterForm:
    """What the filter form shows: the values, the choices and the messages about refused values."""

    filters: ReportFilters
    unions: list[tuple[int, str]]
    provinces: list[str]
    errors: list[str] = field(default_factory=list)


def _date(name: str, errors: list[str]) -> date | None:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(_("“%(value)s” is not a date; the default period is shown.", value=raw[:20]))
        return None


def read_filters(user: User) -> FilterForm:
    """The filters of the current request, checked against what ``user`` may choose."""
    errors: list[str] = []
    default = ReportFilters.default()
    start = _date("date_from", errors) or default.date_from
    end = _date("date_to", errors) or (default.date_to if start <= default.date_to else start)
    if start > end:
        errors.append(_("The period's start is after its end; the two were swapped."))
        start, end = end, start
    if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
        errors.append(_("A period is at most ten years; its start was moved."))
        start = date(end.year - MAX_MONTHS // 12, end.month, 1)
    unions: list[tuple[int, str]] = []
    union_id = None
    if user.union_id is None:
        unions = [(i, f"{code} — {name}") for i, code, name in db.session.execute(
            sa.select(Union.id, Union.code, Union.name).order_by(Union.code))]  # fmt: skip
        raw = (request.args.get("union") or "").strip()
        if raw:
            if raw.isdigit() and int(raw) in {i for i, _n in unions}:
                union_id = int(raw)
            else:
                errors.append(_("Please choose a union from the list."))
    provinces = list(db.session.scalars(sa.select(Institution.province).distinct().order_by(Institution.province)))
    province = (request.args.get("province") or "").strip() or None
    if province and province not in provinces:
        errors.append(_("Please choose a province from the list."))
        province = None
    return FilterForm(ReportFilters(start, end, union_id, province), unions, provinces, errors)
