"""Deadlines on the desk: the case panel and its actions, the lawyers' deadlines view, the feed."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext
from flask_babel import gettext as _
from flask_login import current_user
from icalendar import Alarm, Calendar, Event
from sqlalchemy.orm import aliased
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.routing import BuildError

from app.access import allow, public
from app.desk import bp
from app.desk.deadline_forms import (
    DismissDeadlineForm,
    EditDeadlineForm,
    ManualDeadlineForm,
    ProposalForm,
    RuleDeadlineForm,
    VersionForm,
)
from app.desk.panels import register_panel
from app.extensions import db
from app.i18n import domain_message
from app.models import Case, Deadline, User
from app.queries.scope import case_scope, get_case_or_404
from app.services import deadlines as service
from app.services.concurrency import STALE_MESSAGE
from app.services.deadlines import OPEN, deadline_title
from cases.deadlines import RULES, ExplanationStep
from cases.errors import DomainError, StaleCase
from cases.vocabulary import Role

DEADLINE_ROLES = (Role.LAWYER, Role.ADMIN)
BUCKET_ROWS = 25


# The case panel ----------------------------------------------------------------------------


def _render_steps(steps: list[dict]) -> list[str]:
    return [ExplanationStep(s["kind"], s["template"], s.get("params") or {}).render(gettext) for s in steps or []]


def _unique_ids(form, suffix: str):
    """Give a form's fields ids unique on a page that shows one form per deadline."""
    for field in form:
        field.id = f"{field.id}-{suffix}"
        field.label.field_id = field.id
    return form


def _forms_for(deadline: Deadline, given: dict) -> tuple[EditDeadlineForm, DismissDeadlineForm, VersionForm]:
    edit = given.get(("edit", deadline.id)) or EditDeadlineForm(formdata=None, version=deadline.version)
    drop = given.get(("dismiss", deadline.id)) or DismissDeadlineForm(formdata=None, version=deadline.version)
    met = VersionForm(formdata=None, version=deadline.version)
    suffix = str(deadline.id)
    return _unique_ids(edit, suffix), _unique_ids(drop, suffix), met


def build_panel(case: Case, user: User, given: dict | None = None) -> dict:
    """Everything the deadlines panel shows: recorded deadlines, proposals, forms (3 queries)."""
    given = given or {}
    today = date.today()
    deadlines = service.case_deadlines(case.id)
    calendar = service.load_calendar()
    recess = service.court_takes_recess(case)
    proposals = []
    for proposal in service.proposals_for(case, deadlines, calendar, recess=recess):
        result = proposal.result
        form = given.get(("proposal", proposal.rule_id)) or ProposalForm(
            formdata=None, rule_id=proposal.rule_id, version=case.version
        )
        proposals.append(
            {
                "rule_id": proposal.rule_id,
                "title": gettext(result.rule.name),
                "legal_basis": result.rule.legal_basis,
                "due": result.due,
                "overdue": result.due < today,
                "steps": [step.render(gettext) for step in result.steps],
                "warnings": [step.render(gettext) for step in result.warnings],
                "form": _unique_ids(form, proposal.rule_id),
            }
        )
    rows = []
    for deadline in deadlines:
        edit, drop, met = _forms_for(deadline, given)
        recomputed = service.recompute(deadline, calendar, recess=recess) if deadline.status == OPEN else None
        if recomputed == deadline.computed_date:
            recomputed = None
        rows.append(
            {
                "id": deadline.id,
                "title": deadline_title(deadline),
                "manual": deadline.rule_id is None,
                "legal_basis": deadline.legal_basis,
                "status": deadline.status,
                "due": deadline.due_date,
                "computed": deadline.computed_date,
                "edited": deadline.computed_date is not None and deadline.computed_date != deadline.due_date,
                "reason": deadline.edit_reason,
                "note": deadline.note,
                "overdue": deadline.status == OPEN and deadline.due_date < today,
                "today": deadline.status == OPEN and deadline.due_date == today,
                "days_left": (deadline.due_date - today).days,
                "met_at": deadline.met_at,
                "steps": _render_steps(deadline.explanation),
                "warnings": _render_steps(deadline.warnings),
                "recomputed": recomputed,
                "edit_form": edit,
                "dismiss_form": drop,
                "met_form": met,
            }
        )
    manual = given.get(("manual", None)) or ManualDeadlineForm(formdata=None, version=case.version)
    by_rule = given.get(("rule", None)) or RuleDeadlineForm(
        formdata=None, version=case.version, rule_id="annulment-lawsuit", no_recess=not recess
    )
    by_rule.rule_id.choices = _rule_choices()
    _unique_ids(by_rule, "rule")
    return {
        "deadlines_panel": {
            "case": case,
            "rows": rows,
            "proposals": proposals,
            "needs_date": case.notification_date is None and bool(service.rules_for_case(case.category, case.kind)),
            "no_recess": not recess,
            "manual_form": manual,
            "rule_form": by_rule,
            "next": request.path + "#deadlines",
            "today": today,
        }
    }


def _panel_provider(case: Case, user: User) -> dict | None:
    if case.kind != "legal" or user.role not in DEADLINE_ROLES:
        return None
    return build_panel(case, user)


register_panel("deadlines", 40, _panel_provider)


def _legal_case_or_404(case_id: int, *, for_update: bool = False) -> Case:
    case = get_case_or_404(current_user, case_id, for_update=for_update)
    if case.kind != "legal":
        abort(404)
    return case


def _deadline_or_404(case: Case, deadline_id: int) -> Deadline:
    deadline = db.session.get(Deadline, deadline_id)
    if deadline is None or deadline.case_id != case.id:
        abort(404)
    return deadline


def _attempt(action, *args, **kwargs):
    """Run a service call and return its result (True when it returns nothing).

    A refusal or a concurrent change is said in a message and gives None, so the user goes
    back to the page they acted on, which shows the current state.
    """
    try:
        result = action(*args, **kwargs)
    except (StaleCase, StaleDataError):
        db.session.rollback()
        flash(domain_message(StaleCase(STALE_MESSAGE)), "warning")
        return None
    except DomainError as error:
        db.session.rollback()
        flash(domain_message(error), "danger")
        return None
    return True if result is None else result


def _back(case: Case):
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for(".case_deadlines", case_id=case.id)
    return redirect(target, 303)


def _invalid(case: Case, key: tuple, form):
    flash(_("The deadline was not saved: please correct the marked fields."), "danger")
    context = build_panel(case, current_user, {key: form})
    context["deadlines_panel"]["next"] = request.form.get("next") or url_for(".case_deadlines", case_id=case.id)
    return render_template("desk/deadlines_case.html", case=case, case_page_url=_case_page_url(case), **context), 400


def _case_page_url(case: Case) -> str | None:
    """The desk's case page, when that area has one under a name we know."""
    for endpoint in ("desk.case_detail", "desk.case", "desk.case_page"):
        if endpoint in current_app.view_functions:
            try:
                return url_for(endpoint, case_id=case.id)
            except BuildError:
                return None
    return None


@bp.get("/cases/<int:case_id>/deadlines")
@allow(*DEADLINE_ROLES)
def case_deadlines(case_id: int):
    case = _legal_case_or_404(case_id)
    return render_template(
        "desk/deadlines_case.html", case=case, case_page_url=_case_page_url(case), **build_panel(case, current_user)
    )


@bp.post("/cases/<int:case_id>/deadlines/confirm")
@allow(*DEADLINE_ROLES)
def deadline_confirm(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    form = ProposalForm()
    if not form.validate_on_submit():
        return _invalid(case, ("proposal", form.rule_id.data), form)
    deadline = _attempt(
        service.confirm_proposal, case, form.rule_id.data, current_user, expected_version=form.version.data
    )
    if deadline:
        title, due = deadline_title(deadline), _day(deadline.due_date)
        flash(_("Deadline confirmed: %(title)s, %(due)s.", title=title, due=due), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/deadlines/skip")
@allow(*DEADLINE_ROLES)
def deadline_skip(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    form = ProposalForm()
    if not form.validate_on_submit():
        return _invalid(case, ("proposal", form.rule_id.data), form)
    reason = form.reason.data or ""
    if _attempt(
        service.dismiss_proposal, case, form.rule_id.data, current_user, reason, expected_version=form.version.data
    ):
        flash(_("The proposed deadline was set aside."), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/deadlines/manual")
@allow(*DEADLINE_ROLES)
def deadline_add(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    form = ManualDeadlineForm()
    if not form.validate_on_submit():
        return _invalid(case, ("manual", None), form)
    title, due, note = form.title.data, form.due_date.data, form.note.data
    if _attempt(service.add_manual, case, title, due, note, current_user, expected_version=form.version.data):
        flash(_("The deadline was added."), "success")
    return _back(case)


def _rule_choices() -> list[tuple[str, str]]:
    return [(rule.id, f"{gettext(rule.name)} ({rule.legal_basis})") for rule in RULES]


@bp.post("/cases/<int:case_id>/deadlines/rule")
@allow(*DEADLINE_ROLES)
def deadline_from_rule(case_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    form = RuleDeadlineForm()
    form.rule_id.choices = _rule_choices()
    if not form.validate_on_submit():
        return _invalid(case, ("rule", None), form)
    try:
        deadline = service.add_from_rule(
            case,
            form.rule_id.data,
            form.start_date.data,
            current_user,
            recess=not form.no_recess.data,
            applied=form.applied.data,
            answered=form.answered.data,
            note=form.note.data,
            expected_version=form.version.data,
        )
    except (StaleCase, StaleDataError):
        db.session.rollback()
        flash(domain_message(StaleCase(STALE_MESSAGE)), "warning")
        return _back(case)
    except DomainError as error:
        db.session.rollback()
        form.form_errors.append(domain_message(error))
        return _invalid(case, ("rule", None), form)
    title, due = deadline_title(deadline), _day(deadline.due_date)
    flash(_("Deadline added: %(title)s, %(due)s.", title=title, due=due), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/deadlines/<int:deadline_id>/edit")
@allow(*DEADLINE_ROLES)
def deadline_edit(case_id: int, deadline_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    deadline = _deadline_or_404(case, deadline_id)
    form = EditDeadlineForm()
    if not form.validate_on_submit():
        return _invalid(case, ("edit", deadline.id), form)
    due, reason = form.due_date.data, form.reason.data
    if _attempt(service.edit_date, case, deadline, due, reason, current_user, expected_version=form.version.data):
        flash(_("The date was changed to %(due)s.", due=_day(due)), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/deadlines/<int:deadline_id>/met")
@allow(*DEADLINE_ROLES)
def deadline_met(case_id: int, deadline_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    deadline = _deadline_or_404(case, deadline_id)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    if _attempt(service.mark_met, case, deadline, current_user, expected_version=form.version.data):
        flash(_("The deadline was marked as met."), "success")
    return _back(case)


@bp.post("/cases/<int:case_id>/deadlines/<int:deadline_id>/dismiss")
@allow(*DEADLINE_ROLES)
def deadline_dismiss(case_id: int, deadline_id: int):
    case = _legal_case_or_404(case_id, for_update=True)
    deadline = _deadline_or_404(case, deadline_id)
    form = DismissDeadlineForm()
    if not form.validate_on_submit():
        return _invalid(case, ("dismiss", deadline.id), form)
    reason = form.reason.data
    if _attempt(service.dismiss, case, deadline, reason, current_user, expected_version=form.version.data):
        flash(_("The deadline was dismissed."), "success")
    return _back(case)


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


# The deadlines view ------------------------------------------------------------------------

BUCKETS = ("overdue", "today", "week", "month")


@dataclass(frozen=True)
class BucketPage:
    """One page of a bucket, shaped for the pagination macro."""

    page: int
    pages: int
    total: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _bucket_of(today: date) -> sa.Case:
    return sa.case(
        (Deadline.due_date < today, "overdue"),
        (Deadline.due_date == today, "today"),
        (Deadline.due_date <= today + timedelta(days=7), "week"),
        else_="month",
    )


def _bucket_condition(bucket: str, today: date) -> sa.ColumnElement[bool]:
    return {
        "overdue": Deadline.due_date < today,
        "today": Deadline.due_date == today,
        "week": sa.and_(Deadline.due_date > today, Deadline.due_date <= today + timedelta(days=7)),
        "month": sa.and_(
            Deadline.due_date > today + timedelta(days=7), Deadline.due_date <= today + timedelta(days=30)
        ),
    }[bucket]


def _scope_conditions(user: User, mine: bool) -> list[sa.ColumnElement[bool]]:
    conditions = [Deadline.status == OPEN, Case.status.not_in(service.INACTIVE_STATES), Case.kind == "legal"]
    conditions.append(case_scope(user))
    if mine:
        conditions.append(Case.assignee_id == user.id)
    return conditions


@bp.get("/deadlines")
@allow(*DEADLINE_ROLES)
def deadlines():
    today = date.today()
    default_scope = "mine" if current_user.role == Role.LAWYER else "union"
    scope = request.args.get("scope", default_scope)
    if scope not in ("mine", "union"):
        scope = default_scope
    only = request.args.get("bucket")
    if only not in BUCKETS:
        only = None
    page_number = max(request.args.get("page", 1, type=int), 1)
    conditions = _scope_conditions(current_user, scope == "mine")

    bucket = _bucket_of(today).label("bucket")
    counts = dict.fromkeys(BUCKETS, 0)
    count_rows = db.session.execute(
        sa.select(bucket, sa.func.count(Deadline.id))
        .join(Case, Case.id == Deadline.case_id)
        .where(*conditions, Deadline.due_date <= today + timedelta(days=30))
        .group_by(bucket)
    )
    counts.update({name: total for name, total in count_rows})

    assignee = aliased(User)
    sections = []
    for name in [only] if only else BUCKETS:
        offset = (page_number - 1) * BUCKET_ROWS if only else 0
        rows = db.session.execute(
            sa.select(Deadline, Case.id, Case.reference, Case.category, Case.status, assignee.full_name)
            .join(Case, Case.id == Deadline.case_id)
            .outerjoin(assignee, assignee.id == Case.assignee_id)
            .where(*conditions, _bucket_condition(name, today))
            .order_by(Deadline.due_date, Deadline.id)
            .offset(offset)
            .limit(BUCKET_ROWS)
        ).all()
        sections.append(
            {
                "name": name,
                "total": counts[name],
                "page": BucketPage(page_number, max(math.ceil(counts[name] / BUCKET_ROWS), 1), counts[name]),
                "rows": [
                    {
                        "title": deadline_title(d),
                        "legal_basis": d.legal_basis,
                        "due": d.due_date,
                        "days_left": (d.due_date - today).days,
                        "overdue": d.due_date < today,
                        "case_id": case_id,
                        "reference": reference,
                        "category": category,
                        "status": status,
                        "assignee": assignee_name,
                        "edited": d.computed_date is not None and d.computed_date != d.due_date,
                    }
                    for d, case_id, reference, category, status, assignee_name in rows
                ],
            }
        )
    feed_url = None
    if current_user.calendar_token:
        feed_url = url_for(".calendar_feed", token=current_user.calendar_token, _external=True)
    return render_template(
        "desk/deadlines.html",
        sections=sections,
        counts=counts,
        scope=scope,
        only=only,
        today=today,
        feed_url=feed_url,
        token_form=VersionForm(formdata=None, version=current_user.version),
        case_endpoint="desk.case_detail" if "desk.case_detail" in current_app.view_functions else "desk.case_deadlines",
    )


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
    stamp = datetime.now().astimezone()
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
        event.add("url", url_for(".case_deadlines", case_id=case.id, _external=True))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{case.reference}: {deadline_title(deadline)}")
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
