"""Reports for staff: where the cases stand, where grievances cluster, how cases end; and their exports."""

from flask import Response, abort, render_template, send_file, stream_with_context
from flask_babel import gettext as _
from flask_login import current_user

from app import clock
from app.access import STAFF, allow
from app.exports import csv_lines, xlsx_file
from app.queries.outcomes import outcomes
from app.queries.patterns import DIMENSIONS, RANKINGS, patterns
from app.queries.reports import overview
from app.reports import bp
from app.reports.filters import read_filters
from app.reports.sections import outcome_sections, overview_sections, pattern_sections

REPORTS = ("overview", "patterns", "outcomes")


def _arg(name: str, allowed: tuple[str, ...]) -> str:
    from flask import request

    value = request.args.get(name, allowed[0])
    return value if value in allowed else allowed[0]


def _sections(report: str, form) -> tuple[object, list]:
    filters = form.filters
    if report == "overview":
        data = overview(current_user, filters)
        return data, overview_sections(data)
    if report == "patterns":
        data = patterns(current_user, filters, _arg("by", DIMENSIONS), _arg("rank", RANKINGS))
        return data, pattern_sections(data, filters, drill_down=True)
    data = outcomes(current_user, filters)
    return data, outcome_sections(data)


def _titles() -> dict[str, str]:
    return {"overview": _("Reports"), "patterns": _("Patterns by institution"), "outcomes": _("Outcomes")}


@bp.get("/", endpoint="overview")
@allow(*STAFF)
def overview_page():
    return _page("overview")


@bp.get("/patterns", endpoint="patterns")
@allow(*STAFF)
def patterns_page():
    return _page("patterns")


@bp.get("/outcomes", endpoint="outcomes")
@allow(*STAFF)
def outcomes_page():
    return _page("outcomes")


def _page(report: str):
    form = read_filters(current_user)
    data, sections = _sections(report, form)
    return render_template(
        f"reports/{report}.html",
        report=data,
        sections=sections,
        form=form,
        name=report,
        titles=_titles(),
        dimension=_arg("by", DIMENSIONS),
        ranking=_arg("rank", RANKINGS),
    )


@bp.get("/<report>.<fmt>")
@allow(*STAFF)
def export(report: str, fmt: str):
    if report not in REPORTS or fmt not in ("csv", "xlsx"):
        abort(404)
    form = read_filters(current_user)
    _data, sections = _sections(report, form)
    filters = form.filters
    name = f"{report}-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}"
    tables = [(s.title, s.headers, s.rows) for s in sections]
    if fmt == "csv":
        response = Response(stream_with_context(csv_lines(tables)), mimetype="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return send_file(
        xlsx_file(tables),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=f"{name}.xlsx",
        last_modified=clock.now(),
    )
