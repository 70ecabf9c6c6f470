"""Guided filing: a multi-step form driven by the questions in cases/grievance/, kept as a Draft."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app import clock
from app.access import allow
from app.forms import ConfirmForm
from app.i18n import domain_message
from app.portal import bp
from app.portal.forms import EvidenceForm, StartForm, StepForm
from app.portal.wizard import render_step, step_or_404, step_questions, steps_of, version_of
from app.queries.scope import get_case_or_404
from app.services import filing
from app.services.concurrency import STALE_MESSAGE
from cases.errors import InvalidUpload
from cases.grievance import (
    GrievanceIncomplete,
    StepId,
    first_step_with_errors,
)
from cases.vocabulary import CaseKind, Role
from cases.workflows import describe_state_for_member

KINDS = {"legal": CaseKind.LEGAL, "assistance": CaseKind.SOCIAL}


@bp.get("/new")
@allow(Role.MEMBER)
def new_case():
    return render_template(
        "portal/new_case.html", drafts=filing.user_drafts(current_user), form=StartForm(), delete_form=ConfirmForm()
    )


@bp.post("/new/<kind>")
@allow(Role.MEMBER)
def start(kind: str):
    """Begin a new application: its first step, with no draft until the member saves it."""
    if kind not in KINDS:
        abort(404)
    form = StartForm()
    if not form.validate_on_submit():
        abort(400)
    return redirect(url_for(".first_step", kind=kind))


@bp.route("/new/<kind>/start", methods=["GET", "POST"])
@allow(Role.MEMBER)
def first_step(kind: str):
    """The first step of a new application; the draft is created by the first save, not by opening it."""
    if kind not in KINDS:
        abort(404)
    draft = filing.unsaved_draft(current_user, KINDS[kind])
    first = draft.step
    action = url_for(".first_step", kind=kind)
    if request.method == "GET":
        return render_step(draft, first, action=action)
    if not StepForm().validate_on_submit():
        abort(400)
    values = {q.id: request.form.get(q.id, "") for q in step_questions(draft, first)}
    choice = request.form.get("action", "next")
    if not any(value.strip() for value in values.values()):
        # Nothing typed: nothing to keep, so no empty draft either.
        if choice == "save":
            return redirect(url_for(".new_case"))
        errors = filing.check_step(draft, first, values, today=clock.today())
        return render_step(draft, first, values=values, errors=errors, status=400, action=action)
    # The first save creates the draft, and keeps what was typed even when a value needs fixing.
    draft = filing.start_draft(current_user, KINDS[kind])
    errors = filing.save_step(draft, first, values, today=clock.today())
    if errors and choice == "next":
        return render_step(draft, first, values=values, errors=errors, status=400)
    if choice == "save":
        flash(_("Your draft is saved. You can come back to it at any time from “New application”."), "success")
        return redirect(url_for(".new_case"))
    target = steps_of(draft)[1].id.value
    filing.go_to_step(draft, target)
    return redirect(url_for(".step", draft_id=draft.id, step=target))


@bp.get("/drafts/<int:draft_id>")
@allow(Role.MEMBER)
def resume(draft_id: int):
    draft = filing.get_draft_or_404(current_user, draft_id)
    return redirect(url_for(".step", draft_id=draft.id, step=draft.step))


@bp.route("/drafts/<int:draft_id>/<step>", methods=["GET", "POST"])
@allow(Role.MEMBER)
def step(draft_id: int, step: str):
    draft = filing.get_draft_or_404(current_user, draft_id)
    index, current = step_or_404(draft, step)
    if request.method == "GET":
        return render_step(draft, step)
    form = StepForm()
    if not form.validate_on_submit():
        abort(400)
    action = request.form.get("action", "next")
    steps = steps_of(draft)
    if current.id == StepId.EVIDENCE:
        # Files chosen on this step are kept whichever button was pressed: "Continue" after
        # choosing a file must not lose it.
        evidence_form = EvidenceForm()
        uploads = evidence_form.file.data or []
        if not uploads and action == "upload":
            evidence_form.file.errors = [_("Please choose a file to add.")]
            return render_step(draft, step, status=400, evidence_form=evidence_form)
        if uploads:
            failed = _add_files(draft, evidence_form, uploads)
            if failed is not None:
                return failed
        if action == "upload":
            return redirect(url_for(".step", draft_id=draft.id, step=StepId.EVIDENCE.value))
    if current.has_questions:
        questions = step_questions(draft, step)
        values = {q.id: request.form.get(q.id, "") for q in questions}
        if form.saved_at.data != version_of(draft):
            # Saved from another window meanwhile: save nothing, show the current answers.
            flash(_(STALE_MESSAGE), "warning")
            return render_step(draft, step, status=409)
        errors = filing.save_step(draft, step, values, today=clock.today())
        if errors and action == "next":
            return render_step(draft, step, values=values, errors=errors, status=400)
    if action == "back" and index > 0:
        target = steps[index - 1].id.value
    elif action == "save":
        flash(_("Your draft is saved. You can come back to it at any time from “New application”."), "success")
        return redirect(url_for(".new_case"))
    else:
        target = steps[min(index + 1, len(steps) - 1)].id.value
    filing.go_to_step(draft, target)
    return redirect(url_for(".step", draft_id=draft.id, step=target))


@bp.post("/drafts/<int:draft_id>/files")
@allow(Role.MEMBER)
def upload_evidence(draft_id: int):
    draft = filing.get_draft_or_404(current_user, draft_id)
    form = EvidenceForm()
    if not form.validate_on_submit():
        return render_step(draft, StepId.EVIDENCE.value, status=400, evidence_form=form)
    failed = _add_files(draft, form, form.file.data)
    if failed is not None:
        return failed
    return redirect(url_for(".step", draft_id=draft.id, step=StepId.EVIDENCE.value))


def _add_files(draft, form: EvidenceForm, uploads: list):
    """Keep the chosen files (all or none) and say so; the evidence step with the error if refused."""
    try:
        added = filing.add_draft_files(draft, current_user, uploads, description=form.description.data or None)
    except InvalidUpload as error:
        form.file.errors = [domain_message(error)]
        return render_step(draft, StepId.EVIDENCE.value, status=400, evidence_form=form)
    names = ", ".join(f"“{a.original_name}”" for a in added)
    message = ngettext("The file %(names)s was added.", "The files %(names)s were added.", len(added), names=names)
    flash(message, "success")
    return None


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
        case = filing.submit_draft(draft, current_user, today=clock.today())
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
