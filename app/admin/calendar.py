"""Administration of the deadline calendar: add, correct or remove a day (a newly declared holiday),
and record which courts take no judicial recess."""

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import clock
from app.access import allow
from app.admin import bp
from app.admin.forms import COURT_KINDS, KINDS, CalendarDayForm, CourtForm
from app.extensions import db
from app.forms import VersionForm
from app.i18n import domain_message
from app.models import CalendarDay, Court
from app.services.audit_log import log_access
from app.services.concurrency import STALE_MESSAGE, fingerprint
from app.services.deadlines import load_calendar
from cases.errors import StaleCase
from cases.vocabulary import Role


def day_fingerprint(row: CalendarDay) -> str:
    return fingerprint(row.day, row.kind, row.name)


def _stale_form(template: str, form, current_version: str, **context):
    """Refuse a save over a change made meanwhile: the form comes back as typed, with the new version."""
    form.version.data = current_version
    stale = domain_message(StaleCase(STALE_MESSAGE))
    return render_template(template, form=form, stale=stale, **context), 409


def _year() -> int:
    year = request.args.get("year", clock.today().year, type=int)
    return year if 2000 <= year <= 2100 else clock.today().year


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
        fingerprints={row.id: day_fingerprint(row) for row in corrections},
        remove_form=VersionForm(formdata=None),
        kinds=dict(KINDS),
    )


@bp.route("/calendar/new", methods=["GET", "POST"])
@bp.route("/calendar/<int:day_id>", methods=["GET", "POST"])
@allow(Role.ADMIN)
def calendar_day_edit(day_id: int | None = None):
    row = db.get_or_404(CalendarDay, day_id) if day_id else None
    form = CalendarDayForm(obj=row if request.method == "GET" else None)
    if request.method == "GET" and row is not None:
        form.version.data = day_fingerprint(row)
    if form.validate_on_submit():
        if _day_taken(form.day.data, row.id if row else None):
            form.day.errors.append(_("This day already has a correction: change that one instead."))
        else:
            if row is not None and form.version.data != day_fingerprint(row):
                return _stale_form("admin/calendar_form.html", form, day_fingerprint(row), row=row)
            action = "update" if row else "create"
            if row is None:
                row = CalendarDay(created_by_id=current_user.id)
                db.session.add(row)
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
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    year = row.day.year
    if form.version.data != day_fingerprint(row):
        flash(domain_message(StaleCase(STALE_MESSAGE)), "warning")
        return redirect(url_for(".calendar_days", year=year), 303)
    log_access(current_user, "delete", "calendar_day", row.id)
    db.session.delete(row)
    db.session.commit()
    flash(_("The correction was removed: the official calendar applies to that day again."), "success")
    return redirect(url_for(".calendar_days", year=year), 303)


# Courts and the judicial recess ---------------------------------------------------------------


def court_fingerprint(court: Court) -> str:
    return fingerprint(court.name, court.province, court.kind, court.takes_recess, court.address)


@bp.get("/courts")
@allow(Role.ADMIN)
def courts():
    rows = db.session.scalars(sa.select(Court).order_by(Court.takes_recess, Court.province, Court.name)).all()
    return render_template("admin/courts.html", courts=rows, kinds=dict(COURT_KINDS))


@bp.route("/courts/new", methods=["GET", "POST"])
@bp.route("/courts/<int:court_id>", methods=["GET", "POST"])
@allow(Role.ADMIN)
def court_edit(court_id: int | None = None):
    court = db.get_or_404(Court, court_id) if court_id else None
    form = CourtForm(obj=court if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = court_fingerprint(court) if court else ""
        if court is None:
            form.takes_recess.data = True
    if form.validate_on_submit():
        name = form.name.data.strip()
        taken = sa.select(Court.id).where(Court.name == name)
        if court is not None:
            taken = taken.where(Court.id != court.id)
        if db.session.scalar(taken) is not None:
            form.name.errors.append(_("This court is already on the list: change that one instead."))
        elif court is not None and form.version.data != court_fingerprint(court):
            return _stale_form("admin/court_form.html", form, court_fingerprint(court), court=court)
        else:
            action = "update" if court else "create"
            if court is None:
                court = Court()
                db.session.add(court)
            court.name, court.province, court.kind = name, form.province.data.strip(), form.kind.data
            court.takes_recess = bool(form.takes_recess.data)
            court.address = (form.address.data or "").strip() or None
            db.session.flush()
            log_access(current_user, action, "court", court.id)
            db.session.commit()
            flash(_("The court was saved: deadlines proposed from now on follow its recess."), "success")
            return redirect(url_for(".courts"), 303)
    return render_template("admin/court_form.html", form=form, court=court), 400 if form.is_submitted() else 200
