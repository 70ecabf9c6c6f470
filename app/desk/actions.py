"""What staff do on a case page: transitions, notes, messages, priority, conflicts, attachments."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.access import STAFF, allow
from app.desk import bp
from app.desk.case_page import assignee_choices_for, render_case
from app.desk.forms import (
    ConflictForm,
    EvidenceForm,
    MessageForm,
    NoteForm,
    PriorityForm,
    RespondentIdForm,
    transition_form,
)
from app.extensions import db
from app.i18n import domain_message, translate_marked
from app.queries.case_page import load_case
from app.queries.scope import get_case_or_404
from app.services import case_notes, conflicts
from app.services.concurrency import STALE_MESSAGE
from app.services.evidence import add_case_attachment
from app.services.workflow import perform_transition
from cases.errors import InvalidNationalId, InvalidUpload, MissingInput, StaleCase
from cases.money import AmountNotConfirmed, canonical, format_amount
from cases.workflows import workflow_for
from cases.workflows.wording import confirmed


def _back(case_id: int):
    return redirect(url_for(".case_detail", case_id=case_id), 303)


def _stale(case_id: int, key: str, form):
    """Someone else changed the case: say so, show the current state, keep what was typed."""
    db.session.rollback()
    flash(translate_marked(STALE_MESSAGE), "warning")
    case = load_case(current_user, case_id)
    form.version.data = case.version
    return render_case(case_id, forms={key: form}, status=409)


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
    return render_case(case_id, forms={key: form}, status=400)


def _field_of(error: MissingInput) -> str:
    return str(error.params.get("field", ""))


@bp.post("/cases/<int:case_id>/transitions/<name>")
@allow(*STAFF)
def transition(case_id: int, name: str):
    case = get_case_or_404(current_user, case_id)
    t = workflow_for(case.kind).get(name)
    if t is None:
        abort(404)
    choices = assignee_choices_for(case)[0] if name == "assign" else []
    form = transition_form(t, assignee_choices=choices, formdata=request.form)
    key = f"t:{name}"
    if not form.validate():
        return _invalid(case_id, key, form)
    inputs = {field: getattr(form, field).data for field in (*t.requires, *t.optional)}
    echoed = form.confirm_amount.data if hasattr(form, "confirm_amount") else None
    try:
        version = form.version.data
        perform_transition(case, name, current_user, inputs, expected_version=version, confirmed_amount=echoed)
    except AmountNotConfirmed as asked:
        # Nothing was written: show the amount as read, and ask for the same form again with its echo.
        db.session.rollback()
        form.confirm_amount.data = canonical(asked.params["amount"])
        return render_case(case_id, forms={key: form}, confirming={name: format_amount(asked.params["amount"])})
    except MissingInput as error:
        return _invalid(case_id, key, form, error, _field_of(error))
    except (StaleCase, StaleDataError):
        return _stale(case_id, key, form)
    flash(_(confirmed(name), amount=format_amount(case.amount_approved)), "success")
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
    try:
        add_case_attachment(
            case,
            current_user,
            upload,
            description=form.description.data,
            member_visible=bool(form.member_visible.data),
            expected_version=form.version.data,
        )
    except InvalidUpload as error:
        return _invalid(case_id, "evidence", form, error, "file")
    except (StaleCase, StaleDataError):
        return _stale(case_id, "evidence", form)
    flash(_("The file was added to the case."), "success")
    return _back(case_id)
