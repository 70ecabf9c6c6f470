"""Deadlines on a case: the case page panel (proposals, recorded deadlines) and its actions."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app import clock
from app.access import allow
from app.desk import bp
from app.desk.deadline_forms import (
    DismissDeadlineForm,
    EditDeadlineForm,
    ManualDeadlineForm,
    ProposalForm,
    RuleDeadlineForm,
    recess_choice,
    recess_value,
)
from app.desk.panels import register_panel
from app.desk.render_i18n import catalogue
from app.extensions import db
from app.forms import VersionForm
from app.i18n import domain_message
from app.models import Case, Deadline, User
from app.navigation import local_path
from app.queries.scope import get_case_or_404
from app.services import deadlines as service
from app.services.concurrency import STALE_MESSAGE
from app.services.deadline_proposals import desired_proposals, recess_flags, recess_of_deadline
from app.services.deadlines import OPEN, deadline_title
from app.services.proceedings import proceeding_label
from cases.deadlines import RULES, RULES_BY_ID, ExplanationStep, is_overdue
from cases.errors import DomainError, StaleCase
from cases.vocabulary import CaseKind, Role

DEADLINE_ROLES = (Role.LAWYER, Role.ADMIN)


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
    translate = catalogue().plain  # the request's catalogue, found once (app/desk/render_i18n.py)
    today = clock.today()
    deadlines = service.case_deadlines(case.id)
    calendar = service.load_calendar()
    from app.desk.proceedings import proceedings_of

    proceedings = proceedings_of(case)
    flags = recess_flags(case, proceedings)
    recess = flags[0]
    proceeding_names = {p.id: proceeding_label(p) for p in proceedings}
    proposals = []
    for proposal in desired_proposals(case, proceedings, deadlines, calendar):
        result = proposal.result
        key = ("proposal", f"{proposal.rule_id}|{proposal.source}")
        form = given.get(key) or ProposalForm(
            formdata=None, rule_id=proposal.rule_id, source=proposal.source, version=case.version
        )
        suffix = f"{proposal.rule_id}-{proposal.source.replace(':', '-')}" if proposal.source else proposal.rule_id
        proposals.append(
            {
                "rule_id": proposal.rule_id,
                "title": translate(result.rule.name),
                "legal_basis": result.rule.legal_basis,
                "due": result.due,
                "event": result.rule.event,
                "later_if_recess": result.later_if_recess,
                "overdue": is_overdue(result.due, today) and not result.rule.event,
                "proceeding": proceeding_names.get(proposal.proceeding_id),
                "reason": translate(proposal.reason) % {"date": _day(result.start)} if proposal.reason else None,
                "steps": [step.render(gettext) for step in result.steps],
                "warnings": [step.render(gettext) for step in result.warnings],
                "form": _unique_ids(form, suffix),
            }
        )
    rows = []
    for deadline in deadlines:
        edit, drop, met = _forms_for(deadline, given)
        recomputed = None
        if deadline.status == OPEN:
            recomputed = service.recompute(deadline, calendar, recess=recess_of_deadline(deadline, flags))
        if recomputed in (deadline.computed_date, deadline.due_date):
            recomputed = None
        rows.append(
            {
                "id": deadline.id,
                "title": deadline_title(deadline),
                "manual": deadline.rule_id is None,
                "event": bool(deadline.rule_id)
                and deadline.rule_id in RULES_BY_ID
                and RULES_BY_ID[deadline.rule_id].event,
                "legal_basis": deadline.legal_basis,
                "status": deadline.status,
                "due": deadline.due_date,
                "computed": deadline.computed_date,
                "edited": deadline.computed_date is not None and deadline.computed_date != deadline.due_date,
                "reason": deadline.edit_reason,
                "note": deadline.note,
                "overdue": deadline.status == OPEN and is_overdue(deadline.due_date, today),
                "today": deadline.status == OPEN and deadline.due_date == today,
                "days_left": (deadline.due_date - today).days,
                "met_at": deadline.met_at,
                "steps": _render_steps(deadline.explanation),
                "warnings": _render_steps(deadline.warnings),
                "recomputed": recomputed,
                # The calendar or the court changed since it was confirmed: the law now ends it sooner.
                "recomputed_earlier": recomputed is not None and recomputed < deadline.due_date,
                "edit_form": edit,
                "dismiss_form": drop,
                "met_form": met,
            }
        )
    manual = given.get(("manual", None)) or ManualDeadlineForm(formdata=None, version=case.version)
    by_rule = given.get(("rule", None)) or RuleDeadlineForm(
        formdata=None, version=case.version, rule_id="annulment-lawsuit", recess=recess_choice(recess)
    )
    by_rule.rule_id.choices = _rule_choices()
    _unique_ids(by_rule, "rule")
    return {
        "deadlines_panel": {
            "case": case,
            "rows": rows,
            "proposals": proposals,
            "needs_date": case.notification_date is None and bool(service.rules_for_case(case.category, case.kind)),
            "no_recess": recess is False,
            "recess_unknown": recess is None,
            "manual_form": manual,
            "rule_form": by_rule,
            "next": request.path + "#deadlines",
            "today": today,
        }
    }


def _panel_provider(case: Case, user: User) -> dict | None:
    if case.kind != CaseKind.LEGAL or user.role not in DEADLINE_ROLES:
        return None
    return build_panel(case, user)


register_panel("deadlines", 40, _panel_provider)


def _legal_case_or_404(case_id: int, *, for_update: bool = False) -> Case:
    case = get_case_or_404(current_user, case_id, for_update=for_update)
    if case.kind != CaseKind.LEGAL:
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
    target = local_path(request.form.get("next")) or url_for(".case_deadlines", case_id=case.id)
    return redirect(target, 303)


def _invalid(case: Case, key: tuple, form):
    flash(_("The deadline was not saved: please correct the marked fields."), "danger")
    context = build_panel(case, current_user, {key: form})
    context["deadlines_panel"]["next"] = request.form.get("next") or url_for(".case_deadlines", case_id=case.id)
    return render_template("desk/deadlines_case.html", case=case, case_page_url=_case_page_url(case), **context), 400


def _case_page_url(case: Case) -> str:
    """The desk's case page."""
    return url_for(".case_detail", case_id=case.id)


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
        return _invalid(case, ("proposal", f"{form.rule_id.data}|{form.source.data or ''}"), form)
    deadline = _attempt(
        service.confirm_proposal,
        case,
        form.rule_id.data,
        current_user,
        expected_version=form.version.data,
        source=form.source.data or "",
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
        return _invalid(case, ("proposal", f"{form.rule_id.data}|{form.source.data or ''}"), form)
    reason = form.reason.data or ""
    if _attempt(
        service.dismiss_proposal,
        case,
        form.rule_id.data,
        current_user,
        reason,
        expected_version=form.version.data,
        source=form.source.data or "",
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
    translate = catalogue().plain
    return [(rule.id, f"{translate(rule.name)} ({rule.legal_basis})") for rule in RULES]


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
            recess=recess_value(form.recess.data),
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
        if deadline.computed_date and due > deadline.computed_date:
            message = _(
                "The new date is later than the last day the rule gives, %(computed)s: a court may count the "
                "period from the rule. Make sure the reason holds.",
                computed=_day(deadline.computed_date),
            )
            flash(message, "warning")
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


# The deadlines view and the calendar feed live next door; importing them registers their routes.
from app.desk import deadline_feed, deadline_view  # noqa: E402,F401
