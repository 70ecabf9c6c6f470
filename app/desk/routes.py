"""The staff desk: the queue of cases in scope, and the case page with everything one does on it."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm.exc import StaleDataError

from app import clock, labels
from app.access import STAFF, allow
from app.desk import bp
from app.desk.case_facts import detail_rows, priority_reasons
from app.desk.forms import (
    ConflictForm,
    EvidenceForm,
    MessageForm,
    NoteForm,
    PriorityForm,
    QueueFilterForm,
    RespondentIdForm,
    transition_form,
)
from app.desk.panels import panels_for
from app.desk.timeline_view import describe, in_thread
from app.extensions import db
from app.i18n import domain_message, translate_marked
from app.queries.attention import ATTENTIONS
from app.queries.case_page import case_page, court_names, load_case
from app.queries.queue import SORTS, QueueFilters, filter_choices, queue_page
from app.queries.scope import get_case_or_404
from app.services import assignment, case_notes, conflicts
from app.services.case_views import mark_seen
from app.services.concurrency import STALE_MESSAGE, ensure_version
from app.services.evidence import discard_files, store_upload
from app.services.saved_filters import saved_filters
from app.services.workflow import commit_case_change, perform_transition, transitions_for
from cases.errors import InvalidNationalId, InvalidUpload, MissingInput, StaleCase
from cases.vocabulary import ASSISTANCE_CATEGORIES, LEGAL_CATEGORIES, Role
from cases.workflows import ASSISTANCE_WORKFLOW, LEGAL_WORKFLOW, workflow_for

# --- Queue ------------------------------------------------------------------------------------


def _states_for(role: str) -> tuple:
    if role == Role.LAWYER:
        return LEGAL_WORKFLOW.states
    if role == Role.OFFICER:
        return ASSISTANCE_WORKFLOW.states
    return tuple(dict.fromkeys((*LEGAL_WORKFLOW.states, *ASSISTANCE_WORKFLOW.states)))


def _kinds_for(role: str) -> list[str]:
    if role == Role.LAWYER:
        return ["legal"]
    if role == Role.OFFICER:
        return ["social", "material"]
    return list(labels.KINDS)


def _categories_for(role: str) -> list[str]:
    if role == Role.LAWYER:
        return [c.value for c in LEGAL_CATEGORIES]
    if role == Role.OFFICER:
        return [c.value for c in ASSISTANCE_CATEGORIES]
    return list(labels.CATEGORIES)


def _parse_date(field) -> date | None:
    raw = (field.data or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        field.errors = [_("Please enter a valid date.")]
        return None


def _read_filters(form: QueueFilterForm, choices: dict) -> QueueFilters:
    """The valid filters of the query string; an invalid one is ignored and marked on its field."""
    everyone = _("All")
    role = current_user.role
    states = _states_for(role)
    form.status.choices = [("", everyone), *((s.value, labels.label(labels.STATES, s.value)) for s in states)]
    form.kind.choices = [("", everyone), *((k, labels.label(labels.KINDS, k)) for k in _kinds_for(role))]
    form.category.choices = [
        ("", everyone),
        *((c, labels.label(labels.CATEGORIES, c)) for c in _categories_for(role)),
    ]
    form.union.choices = [("", everyone), *choices.get("unions", [])]
    form.institution.choices = [("", everyone), *choices["institutions"]]
    form.assignee.choices = [("", everyone), ("me", _("Me")), ("none", _("Unassigned")), *choices["people"]]
    form.priority.choices = [("", everyone), *((k, str(v)) for k, v in labels.PRIORITIES.items())]

    def pick(field, allowed) -> str | None:
        value = (field.data or "").strip()
        if value and value not in allowed:
            field.errors = [_("Please choose a value from the list.")]
            return None
        return value or None

    union = pick(form.union, {v for v, _l in choices.get("unions", [])})
    due_within = pick(form.due_within, {v for v, _l in form.due_within.choices if v})
    institution = pick(form.institution, {v for v, _l in choices["institutions"]})
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        page = 1
    return QueueFilters(
        status=pick(form.status, {s.value for s in states}),
        kind=pick(form.kind, set(_kinds_for(role))),
        category=pick(form.category, set(_categories_for(role))),
        union_id=int(union) if union else None,
        institution_id=int(institution) if institution else None,
        province=(form.province.data or "").strip() or None,
        assignee=pick(form.assignee, {"me", "none", *(v for v, _l in choices["people"])}),
        priority=pick(form.priority, set(labels.PRIORITIES)),
        date_from=_parse_date(form.date_from),
        date_to=_parse_date(form.date_to),
        membership_pending=bool(form.membership_pending.data),
        overdue=bool(form.overdue.data),
        due_within=int(due_within) if due_within else None,
        conflict=bool(form.conflict.data),
        q=(form.q.data or "").strip()[:200] or None,
        view="mine" if request.args.get("view") == "mine" else None,
        attention=request.args.get("attention") if request.args.get("attention") in ATTENTIONS else None,
        sort=form.sort.data if form.sort.data in SORTS else "activity",
        page=page,
    )


@bp.get("/")
@allow(*STAFF)
def queue():
    form = QueueFilterForm(request.args)
    choices = filter_choices(current_user)
    filters = _read_filters(form, choices)
    page = queue_page(current_user, filters)
    show_union = current_user.union_id is None
    return render_template(
        "desk/queue.html",
        form=form,
        page=page,
        filters=filters,
        show_union=show_union,
        states=[value for value, _label in form.status.choices if value],
        saved=saved_filters(current_user),
    )


# --- Case page --------------------------------------------------------------------------------


def _assignee_choices(case) -> tuple[list[tuple[str, str]], object]:
    people = assignment.candidates(case)
    choices = [("", "—")] + [
        (str(p.user_id), _("%(name)s (%(count)s open cases)", name=p.full_name, count=p.open_cases)) for p in people
    ]
    return choices, (people[0] if people else None)


def _render_case(case_id: int, *, forms: dict | None = None, status: int = 200):
    """The case page; ``forms`` holds forms re-shown with what the user typed (after an error)."""
    forms = forms or {}
    case = load_case(current_user, case_id)
    unchecked = case.conflict_status == "none" and case.respondent_type in conflicts.PERSON_RESPONDENTS
    if unchecked:
        # The respondent may have joined since filing. Two people opening the page at once may
        # both find it: one records it, the other's write is refused and the page reads it back.
        try:
            found = conflicts.detect_conflict(case)
        except (StaleCase, StaleDataError):
            db.session.rollback()
            found = True
        if found:
            case = load_case(current_user, case_id)
    page = case_page(current_user, case)
    transitions = transitions_for(case, current_user)
    suggestion = None
    assignee_choices: list = []
    if any(t.name == "assign" for t in transitions):
        assignee_choices, suggestion = _assignee_choices(case)
    transition_forms = []
    for t in transitions:
        form = forms.get(f"t:{t.name}")
        if form is None:
            form = transition_form(t, assignee_choices=assignee_choices)
            form.version.data = case.version
            if t.name == "assign" and suggestion is not None:
                form.assignee_id.data = str(suggestion.user_id)
        elif t.name == "assign":
            form.assignee_id.choices = assignee_choices
        transition_forms.append((t, translate_marked(t.label), form))
    side_forms = {
        "note": forms.get("note") or NoteForm(formdata=None, version=case.version),
        "message": forms.get("message") or MessageForm(formdata=None, version=case.version),
        "priority": forms.get("priority") or PriorityForm(formdata=None, version=case.version, priority=case.priority),
        "conflict": forms.get("conflict") or ConflictForm(formdata=None, version=case.version),
        "respondent": forms.get("respondent") or RespondentIdForm(formdata=None, version=case.version),
        "evidence": forms.get("evidence") or EvidenceForm(formdata=None, version=case.version),
    }
    member_user_id = page.member.user_id
    events = [describe(e, case.kind, page.people, member_user_id) for e in page.events]
    needs_courts = any("court" in (*t.requires, *t.optional) for t in transitions)
    return render_template(
        "desk/case.html",
        case=case,
        member=page.member,
        consent=page.consent,
        events=events,
        thread=[e for e in events if in_thread(e)],
        attachments=page.attachments,
        details=detail_rows(case),
        priority_reasons=priority_reasons(case),
        transition_forms=transition_forms,
        forms=side_forms,
        suggestion=suggestion,
        courts=court_names() if needs_courts else [],
        panels=_render_panels(case),
        asks_respondent_id=case.respondent_type in conflicts.PERSON_RESPONDENTS,
        today=clock.today(),
    ), status


def _render_panels(case) -> list[Markup]:
    """Other areas' sections, each rendered with its provider's context (also as ``panel``)."""
    rendered = []
    for template, context in panels_for(case, current_user):
        values = {"case": case, **context, "panel": context}
        # render_template autoescapes: its output is safe HTML.
        rendered.append(Markup(render_template(template, **values)))  # noqa: S704
    return rendered


@bp.get("/cases/<int:case_id>")
@allow(*STAFF)
def case_detail(case_id: int):
    response = _render_case(case_id)
    mark_seen(current_user, case_id, clock.now())  # after the page's own reads and writes
    return response


def _back(case_id: int):
    return redirect(url_for(".case_detail", case_id=case_id), 303)


def _stale(case_id: int, key: str, form):
    """Someone else changed the case: say so, show the current state, keep what was typed."""
    db.session.rollback()
    flash(translate_marked(STALE_MESSAGE), "warning")
    case = load_case(current_user, case_id)
    form.version.data = case.version
    return _render_case(case_id, forms={key: form}, status=409)


def _invalid(case_id: int, key: str, form, error: MissingInput | None = None, name: str | None = None):
    """Re-show the page with the form's errors and everything typed (status 400)."""
    db.session.rollback()
    if error is not None:
        field = getattr(form, name, None) if name else None
        message = domain_message(error)
        if field is not None:
            field.errors = [*list(field.errors or []), message]
        else:
            flash(message, "danger")
    if form.errors.get("csrf_token"):
        flash(_("The form has expired. Please try again."), "danger")
    return _render_case(case_id, forms={key: form}, status=400)


def _field_of(error: MissingInput) -> str:
    return str(error.params.get("field", ""))


@bp.post("/cases/<int:case_id>/transitions/<name>")
@allow(*STAFF)
def transition(case_id: int, name: str):
    case = get_case_or_404(current_user, case_id)
    t = workflow_for(case.kind).get(name)
    if t is None:
        abort(404)
    choices = _assignee_choices(case)[0] if name == "assign" else []
    form = transition_form(t, assignee_choices=choices, formdata=request.form)
    key = f"t:{name}"
    if not form.validate():
        return _invalid(case_id, key, form)
    inputs = {field: getattr(form, field).data for field in (*t.requires, *t.optional)}
    try:
        perform_transition(case, name, current_user, inputs, expected_version=form.version.data)
    except MissingInput as error:
        return _invalid(case_id, key, form, error, _field_of(error))
    except (StaleCase, StaleDataError):
        return _stale(case_id, key, form)
    flash(_("Done: %(action)s.", action=translate_marked(t.label)), "success")
    return _back(case_id)


def _simple_post(case_id: int, key: str, form, action, field: str, done: str):
    case = get_case_or_404(current_user, case_id)
    if not form.validate():
        return _invalid(case_id, key, form)
    try:
        action(case)
    except (MissingInput, InvalidNationalId) as error:
        return _invalid(case_id, key, form, error, field)
    except (StaleCase, StaleDataError):
        return _stale(case_id, key, form)
    flash(done, "success")
    return _back(case_id)


@bp.post("/cases/<int:case_id>/notes")
@allow(*STAFF)
def add_note(case_id: int):
    form = NoteForm()
    return _simple_post(
        case_id,
        "note",
        form,
        lambda case: case_notes.add_note(case, current_user, form.text.data, expected_version=form.version.data),
        "text",
        _("The internal note was saved."),
    )


@bp.post("/cases/<int:case_id>/messages")
@allow(*STAFF)
def send_message(case_id: int):
    form = MessageForm()
    return _simple_post(
        case_id,
        "message",
        form,
        lambda case: case_notes.send_message(case, current_user, form.text.data, expected_version=form.version.data),
        "text",
        _("The message was sent to the member."),
    )


@bp.post("/cases/<int:case_id>/priority")
@allow(*STAFF)
def set_priority(case_id: int):
    form = PriorityForm()
    return _simple_post(
        case_id,
        "priority",
        form,
        lambda case: case_notes.set_priority(
            case, current_user, form.priority.data, expected_version=form.version.data
        ),
        "priority",
        _("The priority was saved."),
    )


@bp.post("/cases/<int:case_id>/conflict")
@allow(*STAFF)
def handle_conflict(case_id: int):
    form = ConflictForm()
    return _simple_post(
        case_id,
        "conflict",
        form,
        lambda case: conflicts.record_handling(case, current_user, form.note.data, expected_version=form.version.data),
        "note",
        _("How the conflict was handled is recorded."),
    )


@bp.post("/cases/<int:case_id>/respondent")
@allow(*STAFF)
def record_respondent_id(case_id: int):
    form = RespondentIdForm()
    return _simple_post(
        case_id,
        "respondent",
        form,
        lambda case: conflicts.record_respondent_id(
            case, current_user, form.national_id.data, expected_version=form.version.data
        ),
        "national_id",
        _("The respondent's T.C. Kimlik No was recorded and checked."),
    )


@bp.post("/cases/<int:case_id>/attachments")
@allow(*STAFF)
def add_attachment(case_id: int):
    form = EvidenceForm()
    case = get_case_or_404(current_user, case_id)
    if not form.validate():
        return _invalid(case_id, "evidence", form)
    upload = form.file.data
    if upload is None or not getattr(upload, "filename", ""):
        form.file.errors = [_("Please choose a file.")]
        return _invalid(case_id, "evidence", form)
    stored = []
    try:
        ensure_version(case, form.version.data)
        stored.append(
            store_upload(
                upload,
                uploaded_by=current_user,
                case=case,
                description=(form.description.data or "").strip()[:300] or None,
                member_visible=bool(form.member_visible.data),
            )
        )
        commit_case_change()
    except InvalidUpload as error:
        discard_files(stored)
        return _invalid(case_id, "evidence", form, error, "file")
    except (StaleCase, StaleDataError):
        discard_files(stored)
        return _stale(case_id, "evidence", form)
    flash(_("The file was added to the case."), "success")
    return _back(case_id)
