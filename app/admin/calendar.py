"""Administration of the official calendar: add, correct or remove a day (a newly declared holiday)."""

import hashlib
from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from app.access import allow
from app.admin import bp
from app.desk.deadline_forms import DayField
from app.extensions import db
from app.i18n import domain_message
from app.models import CalendarDay
from app.services.audit_log import log_access
from app.services.concurrency import STALE_MESSAGE
from app.services.deadlines import load_calendar
from cases.errors import StaleCase
from cases.vocabulary import Role

KINDS = [
    ("holiday", _l("Official holiday (no work all day)")),
    ("half_day", _l("Half day (offices close at 13:00)")),
    ("working", _l("Working day (not a holiday after all)")),
]


class CalendarDayForm(FlaskForm):
    day = DayField(_l("Day"), validators=[InputRequired(_l("Please enter the day."))])
    kind = SelectField(_l("What the day is"), choices=KINDS)
    name = StringField(
        _l("Name or reason"),
        validators=[DataRequired(_l("Please give the name of the holiday or the reason.")), Length(max=200)],
        description=_l("For example: the circular or Official Gazette issue that declared it."),
    )
    version = HiddenField()


class RemoveForm(FlaskForm):
    version = HiddenField()


def fingerprint(row: CalendarDay) -> str:
    """A version for a row that has no version column: it changes whenever the row does."""
    return hashlib.sha256(f"{row.day.isoformat()}|{row.kind}|{row.name}".encode()).hexdigest()[:16]


def _check_unchanged(row: CalendarDay, expected: str | None) -> None:
    if expected != fingerprint(row):
        raise StaleCase(STALE_MESSAGE)


def _year() -> int:
    year = request.args.get("year", date.today().year, type=int)
    return year if 2000 <= year <= 2100 else date.today().year


def _day_taken(day: date | None, except_id: int | None = None) -> bool:
    if day is None:
        return False
    query = sa.select(CalendarDay.id).where(CalendarDay.day == day)
    if except_id:
        query = query.where(CalendarDay.id != except_id)
    return db.session.scalar(query) is not None


@bp.get("/calendar")
@allow(Role.ADMIN)
def calendar_days():
    year = _year()
    calendar = load_calendar()
    corrections = db.session.scalars(
        sa.select(CalendarDay)
        .where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
        .order_by(CalendarDay.day)
    ).all()
    corrected = {row.day: row for row in corrections}
    days = [(d, name, "holiday") for d, name in calendar.holidays_in(year).items()]
    days += [(d, name, "half_day") for d, name in calendar.half_days_in(year).items()]
    days.sort()
    return render_template(
        "admin/calendar.html",
        year=year,
        days=days,
        corrected=corrected,
        corrections=corrections,
        estimated=calendar.is_estimated(year),
        fingerprints={row.id: fingerprint(row) for row in corrections},
        remove_form=RemoveForm(formdata=None),
        kinds=dict(KINDS),
    )


@bp.route("/calendar/new", methods=["GET", "POST"])
@bp.route("/calendar/<int:day_id>", methods=["GET", "POST"])
@allow(Role.ADMIN)
def calendar_day_edit(day_id: int | None = None):
    row = db.get_or_404(CalendarDay, day_id) if day_id else None
    form = CalendarDayForm(obj=row if request.method == "GET" else None)
    if request.method == "GET" and row is not None:
        form.version.data = fingerprint(row)
    if form.validate_on_submit():
        if _day_taken(form.day.data, row.id if row else None):
            form.day.errors.append(_("This day already has a correction: change that one instead."))
        else:
            if row is None:
                row = CalendarDay(created_by_id=current_user.id)
                db.session.add(row)
                action = "create"
            else:
                _check_unchanged(row, form.version.data)
                action = "update"
            row.day, row.kind, row.name = form.day.data, form.kind.data, form.name.data.strip()
            db.session.flush()
            log_access(current_user, action, "calendar_day", row.id)
            db.session.commit()
            flash(_("The calendar was corrected: deadlines computed from now on use it."), "success")
            return redirect(url_for(".calendar_days", year=row.day.year), 303)
    return render_template("admin/calendar_form.html", form=form, row=row), 400 if form.is_submitted() else 200


@bp.post("/calendar/<int:day_id>/remove")
@allow(Role.ADMIN)
def calendar_day_remove(day_id: int):
    row = db.get_or_404(CalendarDay, day_id)
    form = RemoveForm()
    if not form.validate_on_submit():
        abort(400)
    year = row.day.year
    if form.version.data != fingerprint(row):
        flash(domain_message(StaleCase(STALE_MESSAGE)), "warning")
        return redirect(url_for(".calendar_days", year=year), 303)
    log_access(current_user, "delete", "calendar_day", row.id)
    db.session.delete(row)
    db.session.commit()
    flash(_("The correction was removed: the official calendar applies to that day again."), "success")
    return redirect(url_for(".calendar_days", year=year), 303)
