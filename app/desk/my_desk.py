"""A staff user's own desk: the start page, saved queue filters and the queue's export."""

from flask import Response, flash, redirect, render_template, request, send_file, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError

from app import clock, labels
from app.access import STAFF, allow
from app.desk import bp
from app.desk.forms import QueueFilterForm
from app.desk.queue import _read_filters
from app.exports import csv_lines, xlsx_file
from app.i18n import domain_message
from app.queries.attention import start_page
from app.queries.queue import export_rows, filter_choices
from app.services.saved_filters import SavedFilterRefused, delete_filter, save_filter

XLSX_MAX_ROWS = 1_000_000  # one sheet holds 1,048,576 rows; a larger queue is exported as CSV


@bp.get("/start")
@allow(*STAFF)
def start():
    return render_template("desk/start.html", page=start_page(current_user, clock.today()))


def _checked_form() -> bool:
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        flash(_("The form expired; please try again."), "warning")
        return False
    return True


@bp.post("/saved-filters")
@allow(*STAFF)
def save_queue_filter():
    query = request.form.get("query", "")
    if _checked_form():
        try:
            save_filter(current_user, request.form.get("name", ""), query)
            flash(_("The filter was saved."), "success")
        except SavedFilterRefused as error:
            flash(domain_message(error), "warning")
    return redirect(url_for(".queue") + ("?" + query if query else ""), 303)


@bp.post("/saved-filters/<int:filter_id>/delete")
@allow(*STAFF)
def delete_queue_filter(filter_id: int):
    if _checked_form():
        if delete_filter(current_user, filter_id):
            flash(_("The filter was deleted."), "success")
        else:
            flash(_("This filter no longer exists."), "warning")
    return redirect(url_for(".queue"), 303)


def _headers() -> list[str]:
    return [
        _("Reference"), _("Union"), _("Member"), _("Kind"), _("Subject"), _("Institution"), _("Province"),
        _("Status"), _("Assignee"), _("Priority"), _("Filed on"), _("Nearest deadline"), _("Last activity"),
    ]  # fmt: skip


def _rows(filters):
    states, kinds, categories = labels.STATES, labels.KINDS, labels.CATEGORIES
    priorities = labels.PRIORITIES
    for row in export_rows(current_user, filters, today=clock.today()):
        yield [
            row.reference, row.union_code, row.member_name, labels.label(kinds, row.kind),
            labels.label(categories, row.category), row.institution_name, row.province,
            labels.label(states, row.status), row.assignee_name, labels.label(priorities, row.priority),
            row.created_at, row.next_deadline, row.last_activity_at,
        ]  # fmt: skip


@bp.get("/export.<fmt>")
@allow(*STAFF)
def export_queue(fmt: str):
    if fmt not in ("csv", "xlsx"):
        return redirect(url_for(".queue"), 303)
    form = QueueFilterForm(request.args)
    filters = _read_filters(form, filter_choices(current_user))
    name = f"dosyalar-{clock.today():%Y%m%d}"
    table = [(_("Case queue"), _headers(), _rows(filters))]
    if fmt == "csv":
        response = Response(stream_with_context(csv_lines(table)), mimetype="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    limited = [(_("Case queue"), _headers(), (row for i, row in enumerate(_rows(filters)) if i < XLSX_MAX_ROWS))]
    return send_file(
        xlsx_file(limited),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=f"{name}.xlsx",
    )
