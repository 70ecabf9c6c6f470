"""Each lawyer's private iCalendar feed of their open deadlines, and the action that renews its address."""

from datetime import timedelta

from flask import Response, abort, flash, redirect, url_for
from flask_babel import force_locale, gettext
from flask_babel import gettext as _
from flask_login import current_user
from icalendar import Alarm, Calendar, Event

from app import clock
from app.access import allow, public
from app.desk import bp
from app.desk.deadlines import DEADLINE_ROLES, _attempt, _render_steps
from app.extensions import db
from app.forms import VersionForm
from app.models import User
from app.queries.scope import case_scope
from app.services import deadlines as service
from app.services.deadlines import deadline_title
from app.urls import external_url

# The private calendar feed -----------------------------------------------------------------


@bp.post("/calendar/token")
@allow(*DEADLINE_ROLES)
def calendar_token():
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    user = db.session.get(User, current_user.id)
    if _attempt(service.regenerate_calendar_token, user, expected_version=form.version.data):
        flash(_("Your calendar has a new private address. The old address no longer works."), "success")
    return redirect(url_for(".deadlines"), 303)


@bp.get("/calendar/<token>.ics")
@public
def calendar_feed(token: str):
    user = service.user_for_calendar_token(token)
    if user is None:
        abort(404)
    with force_locale(user.language or "tr"):
        body = _feed(user)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="dayanak.ics"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _feed(user: User) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Dayanak//Deadlines//TR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", gettext("Dayanak deadlines"))
    stamp = clock.now()
    # Only the reference and the title: calendar programs sync to outside services, so no
    # member's name or narrative goes into the feed.
    for deadline, case in service.feed_deadlines(user, case_scope(user)):
        event = Event()
        event.add("uid", f"deadline-{deadline.id}@dayanak")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_date)
        event.add("dtend", deadline.due_date + timedelta(days=1))
        event.add("summary", f"{case.reference}: {deadline_title(deadline)}")
        lines = [deadline.legal_basis or "", *_render_steps(deadline.explanation), *_render_steps(deadline.warnings)]
        if deadline.edit_reason:
            lines.append(gettext("Date changed by the lawyer: %(reason)s", reason=deadline.edit_reason))
        event.add("description", "\n".join(line for line in lines if line))
        event.add("url", external_url("desk.case_deadlines", case_id=case.id))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{case.reference}: {deadline_title(deadline)}")
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
