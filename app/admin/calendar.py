"""Administration of the deadline calendar: add, correct or remove a day (a newly declared holiday),
and record which courts take no judicial recess."""

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
from app.queries import admin as admin_queries
from app.request_guards import bounded_int
from app.services import calendar_admin
from app.services.calendar_admin import court_fingerprint, day_fingerprint
from app.services.calendar_effects import Impact
from app.services.concurrency import STALE_MESSAGE
from app.services.deadlines import load_calendar
from cases.errors import StaleCase
from cases.vocabulary import Role


def _stale_form(template: str, form, current_version: str, **context):
    """Refuse a save over a change made meanwhile: the form comes back as typed, with the new version."""
    form.version.data = current_version
    stale = domain_message(StaleCase(STALE_MESSAGE))
    return render_template(template, form=form, stale=stale, **context), 409


def _flash_impact(impact: Impact) -> None:
    """Tell the admin what the change did to the deadlines already stored on cases."""
    flash(
        _(
            "Stored deadlines followed the change. Proposed deadlines recomputed: %(proposals)s. "
            "Confirmed deadlines flagged for their lawyers: %(flagged)s.",
            proposals=impact.proposals_updated,
            flagged=impact.confirmed_flagged,
        ),
        "info",
    )
    if impact.confirmed_earlier:
        flash(
            _(
                "Confirmed deadlines whose lawful last day is now EARLIER than the confirmed date: %(count)s. "
                "Their lawyers were told; the dates were not changed.",
                count=impact.confirmed_earlier,
            ),
            "danger",
        )


def _year() -> int:
    year = request.args.get("year", clock.today().year, type=bounded_int)
    return year if 2000 <= year <= 2100 else clock.today().year


@bp.get("/calendar")
@allow(Role.ADMIN)
def calendar_days():
    year = _year()
    calendar = load_calendar()
    corrections = admin_queries.calendar_corrections(year)
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
        try:
            row, impact = calendar_admin.save_calendar_day(
                row,
                day=form.day.data,
                kind=form.kind.data,
                name=form.name.data,
                expected_version=form.version.data,
                actor=current_user,
            )
        except calendar_admin.AlreadyListed as error:
            form.day.errors.append(domain_message(error))
        except StaleCase:
            return _stale_form("admin/calendar_form.html", form, day_fingerprint(row), row=row)
        else:
            flash(_("The calendar was corrected: deadlines computed from now on use it."), "success")
            _flash_impact(impact)
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
    try:
        impact = calendar_admin.remove_calendar_day(row, expected_version=form.version.data, actor=current_user)
    except StaleCase as error:
        flash(domain_message(error), "warning")
        return redirect(url_for(".calendar_days", year=year), 303)
    flash(_("The correction was removed: the official calendar applies to that day again."), "success")
    _flash_impact(impact)
    return redirect(url_for(".calendar_days", year=year), 303)


# Courts and the judicial recess ---------------------------------------------------------------


@bp.get("/courts")
@allow(Role.ADMIN)
def courts():
    rows = admin_queries.courts_by_recess()
    return render_template("admin/courts.html", courts=rows, kinds=dict(COURT_KINDS))


@bp.route("/courts/new", methods=["GET", "POST"])
@bp.route("/courts/<int:court_id>", methods=["GET", "POST"])
@allow(Role.ADMIN)
def court_edit(court_id: int | None = None):
    court = db.get_or_404(Court, court_id) if court_id else None
    form = CourtForm(obj=court if request.method == "GET" else None)
    if request.method == "GET" and court is not None:
        form.recess_unknown.data = court.takes_recess is None
    if request.method == "GET":
        form.version.data = court_fingerprint(court) if court else ""
        if court is None:
            form.takes_recess.data = True
    if form.validate_on_submit():
        try:
            court, impact = calendar_admin.save_court(
                court,
                name=form.name.data,
                province=form.province.data,
                kind=form.kind.data,
                takes_recess=None if form.recess_unknown.data else bool(form.takes_recess.data),
                address=form.address.data,
                expected_version=form.version.data,
                actor=current_user,
            )
        except calendar_admin.AlreadyListed as error:
            form.name.errors.append(domain_message(error))
        except StaleCase:
            return _stale_form("admin/court_form.html", form, court_fingerprint(court), court=court)
        else:
            flash(_("The court was saved: deadlines proposed from now on follow its recess."), "success")
            _flash_impact(impact)
            return redirect(url_for(".courts"), 303)
    return render_template("admin/court_form.html", form=form, court=court), 400 if form.is_submitted() else 200
