"""Guided filing: a multi-step form driven by the questions in cases/grievance.py, kept as a Draft."""

import re
from dataclasses import dataclass, field
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import allow
from app.extensions import db
from app.i18n import domain_message
from app.portal import bp
from app.portal.forms import ConfirmForm, EvidenceForm, StartForm, StepForm
from app.queries.scope import get_case_or_404
from app.services import filing
from app.services.concurrency import STALE_MESSAGE
from app.services.evidence import store_upload
from cases.errors import InvalidUpload
from cases.grievance import (
    GrievanceIncomplete,
    Question,
    QuestionType,
    StepId,
    answer_warnings,
    first_step_with_errors,
    format_iban,
    questions_for,
    render_messages,
    steps_for,
    validate_grievance,
)
from cases.uploads import ACCEPT_ATTRIBUTE
from cases.vocabulary import Role
from cases.workflows import describe_state_for_member

KINDS = {"legal": "legal", "assistance": "social"}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class QuestionView:
    """A question ready for the template: translated words, the current value and any message."""

    id: str
    type: str
    label: str
    help: str | None
    required: bool
    value: str
    choices: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None
    show_if: tuple[str, tuple[str, ...]] | None = None
    max_length: int | None = None

    @property
    def input_type(self) -> str:
        if self.type == QuestionType.DATE:
            return "date" if not self.value or _ISO.fullmatch(self.value) else "text"
        return "text"


def _yes_no_choices() -> list[tuple[str, str]]:
    return [("yes", _("Yes")), ("no", _("No"))]


def _view(q: Question, value: str, error: str | None = None, warning: str | None = None) -> QuestionView:
    choices = [(v, _(label)) for v, label in q.choices] if q.type == QuestionType.CHOICE else []
    if q.type == QuestionType.YES_NO:
        choices = _yes_no_choices()
    return QuestionView(
        id=q.id,
        type=q.type.value,
        label=_(q.label),
        help=_(q.help) if q.help else None,
        required=q.required,
        value=value,
        choices=choices,
        error=error,
        warning=warning,
        show_if=(q.show_if.question_id, q.show_if.values) if q.show_if else None,
        max_length=q.length_limit,
    )


def _steps(draft) -> list:
    return list(steps_for(draft.kind))


def _step_or_404(draft, step: str):
    for index, candidate in enumerate(_steps(draft)):
        if candidate.id.value == step:
            return index, candidate
    abort(404)


def _questions(draft, step: str) -> tuple[Question, ...]:
    if step in (StepId.EVIDENCE, StepId.REVIEW):
        return ()
    return questions_for(step, kind=draft.kind, category=(draft.answers or {}).get("category"))


def _version_of(draft) -> str:
    """The draft's version for the step form: when it was last saved."""
    return draft.updated_at.isoformat() if draft.updated_at else ""


def _render_step(draft, step_id: str, *, values=None, errors=None, status=200, evidence_form=None):
    index, step = _step_or_404(draft, step_id)
    steps = _steps(draft)
    answers = dict(draft.answers or {})
    if values:
        answers.update(values)
    messages = render_messages(errors or {}, _)
    warnings = render_messages(answer_warnings(draft.answers or {}, kind=draft.kind, today=date.today()), _)
    questions = [
        _view(q, str(answers.get(q.id) or ""), messages.get(q.id), warnings.get(q.id))
        for q in _questions(draft, step_id)
    ]
    context = {
        "draft": draft,
        "step": step,
        "step_title": _(step.title),
        "step_intro": _(step.intro) if step.intro else None,
        "index": index,
        "steps": [(s.id.value, _(s.title)) for s in steps],
        "previous": steps[index - 1].id.value if index > 0 else None,
        "questions": questions,
        "form": StepForm(formdata=None, saved_at=_version_of(draft)),
        "kind_label": _("Legal help") if draft.kind == "legal" else _("Assistance request"),
    }
    if step.id == StepId.EVIDENCE:
        context["evidence_form"] = evidence_form or EvidenceForm(formdata=None)
        context["attachments"] = filing.draft_attachments(draft)
        context["accept"] = ACCEPT_ATTRIBUTE
        context["remove_form"] = ConfirmForm()
    if step.id == StepId.REVIEW:
        context.update(_review_context(draft))
    return render_template("portal/step.html", **context), status


def _display_value(q: Question, value: str) -> str:
    if not value:
        return ""
    if q.type == QuestionType.CHOICE:
        return next((_(label) for v, label in q.choices if v == value), value)
    if q.type == QuestionType.YES_NO:
        return _("Yes") if value == "yes" else _("No") if value == "no" else value
    if q.type == QuestionType.DATE and _ISO.fullmatch(value):
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if q.type == QuestionType.IBAN:
        return format_iban(value)
    return value


def _review_context(draft) -> dict:
    answers = draft.answers or {}
    errors = render_messages(validate_grievance(answers, kind=draft.kind, today=date.today()), _)
    sections = []
    for step in _steps(draft):
        items = []
        for q in _questions(draft, step.id.value):
            if q.show_if and not q.show_if.holds(answers):
                continue
            value = str(answers.get(q.id) or "")
            items.append((_(q.label), _display_value(q, value), errors.get(q.id)))
        if items:
            sections.append({"step": step.id.value, "title": _(step.title), "items": items})
    return {
        "sections": sections,
        "review_errors": errors,
        "review_attachments": filing.draft_attachments(draft),
        "submit_form": ConfirmForm(),
    }


@bp.get("/new")
@allow(Role.MEMBER)
def new_case():
    return render_template(
        "portal/new_case.html", drafts=filing.user_drafts(current_user), form=StartForm(), delete_form=ConfirmForm()
    )


@bp.post("/new/<kind>")
@allow(Role.MEMBER)
def start(kind: str):
    if kind not in KINDS:
        abort(404)
    form = StartForm()
    if not form.validate_on_submit():
        abort(400)
    draft = filing.start_draft(current_user, KINDS[kind])
    return redirect(url_for(".step", draft_id=draft.id, step=draft.step))


@bp.get("/drafts/<int:draft_id>")
@allow(Role.MEMBER)
def resume(draft_id: int):
    draft = filing.get_draft_or_404(current_user, draft_id)
    return redirect(url_for(".step", draft_id=draft.id, step=draft.step))


@bp.route("/drafts/<int:draft_id>/<step>", methods=["GET", "POST"])
@allow(Role.MEMBER)
def step(draft_id: int, step: str):
    draft = filing.get_draft_or_404(current_user, draft_id)
    index, current = _step_or_404(draft, step)
    if request.method == "GET":
        return _render_step(draft, step)
    form = StepForm()
    if not form.validate_on_submit():
        abort(400)
    action = request.form.get("action", "next")
    steps = _steps(draft)
    if current.has_questions:
        questions = _questions(draft, step)
        values = {q.id: request.form.get(q.id, "") for q in questions}
        if form.saved_at.data != _version_of(draft):
            # Saved from another window meanwhile: save nothing, show the current answers.
            flash(_(STALE_MESSAGE), "warning")
            return _render_step(draft, step, status=409)
        errors = filing.save_step(draft, step, values, today=date.today())
        if errors and action == "next":
            return _render_step(draft, step, values=values, errors=errors, status=400)
    if action == "back" and index > 0:
        target = steps[index - 1].id.value
    elif action == "save":
        flash(_("Your draft is saved. You can come back to it at any time from “New application”."), "success")
        return redirect(url_for(".new_case"))
    else:
        target = steps[min(index + 1, len(steps) - 1)].id.value
    draft.step = target
    db.session.commit()
    return redirect(url_for(".step", draft_id=draft.id, step=target))


@bp.post("/drafts/<int:draft_id>/files")
@allow(Role.MEMBER)
def upload_evidence(draft_id: int):
    draft = filing.get_draft_or_404(current_user, draft_id)
    form = EvidenceForm()
    if not form.validate_on_submit():
        return _render_step(draft, StepId.EVIDENCE.value, status=400, evidence_form=form)
    try:
        attachment = store_upload(
            form.file.data, uploaded_by=current_user, draft_id=draft.id, description=form.description.data or None
        )
        db.session.commit()
    except InvalidUpload as error:
        db.session.rollback()
        form.file.errors = [domain_message(error)]
        return _render_step(draft, StepId.EVIDENCE.value, status=400, evidence_form=form)
    except Exception:
        db.session.rollback()
        raise
    flash(_("The file “%(name)s” was added.", name=attachment.original_name), "success")
    return redirect(url_for(".step", draft_id=draft.id, step=StepId.EVIDENCE.value))


@bp.post("/drafts/<int:draft_id>/files/<int:attachment_id>/remove")
@allow(Role.MEMBER)
def remove_evidence(draft_id: int, attachment_id: int):
    draft = filing.get_draft_or_404(current_user, draft_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    filing.remove_draft_attachment(draft, attachment_id)
    flash(_("The file was removed."), "info")
    return redirect(url_for(".step", draft_id=draft.id, step=StepId.EVIDENCE.value))


@bp.post("/drafts/<int:draft_id>/submit")
@allow(Role.MEMBER)
def submit(draft_id: int):
    draft = filing.get_draft_or_404(current_user, draft_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        case = filing.submit_draft(draft, current_user, today=date.today())
    except GrievanceIncomplete as error:
        flash(domain_message(error), "danger")
        draft = filing.get_draft_or_404(current_user, draft_id)
        target = (
            first_step_with_errors(error.errors, kind=draft.kind, category=(draft.answers or {}).get("category"))
            or StepId.REVIEW
        )
        return redirect(url_for(".step", draft_id=draft.id, step=StepId(target).value))
    return redirect(url_for(".received", reference=case.reference))


@bp.post("/drafts/<int:draft_id>/delete")
@allow(Role.MEMBER)
def delete_draft(draft_id: int):
    draft = filing.get_draft_or_404(current_user, draft_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    filing.delete_draft(draft)
    flash(_("The draft was deleted."), "info")
    return redirect(url_for(".new_case"))


@bp.get("/cases/<reference>/received")
@allow(Role.MEMBER)
def received(reference: str):
    from app.queries.scope import get_case_by_reference_or_404

    case = get_case_by_reference_or_404(current_user, reference)
    get_case_or_404(current_user, case.id)
    return render_template(
        "portal/received.html", case=case, status_text=_(describe_state_for_member(case.status, case.kind))
    )
