"""The filing steps as pages: the domain's questions turned into ready-to-render views."""

import re
from dataclasses import dataclass, field

from flask import abort, render_template, url_for
from flask_babel import gettext as _

from app import clock
from app.forms import ConfirmForm
from app.labels import answer_label
from app.portal.forms import EvidenceForm, StepForm
from app.services import filing
from cases.grievance import (
    Question,
    QuestionType,
    StepId,
    answer_warnings,
    questions_for,
    render_messages,
    steps_for,
    validate_grievance,
)
from cases.uploads import ACCEPT_ATTRIBUTE
from cases.vocabulary import CaseKind

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


def steps_of(draft) -> list:
    return list(steps_for(draft.kind))


def step_or_404(draft, step: str):
    for index, candidate in enumerate(steps_of(draft)):
        if candidate.id.value == step:
            return index, candidate
    abort(404)


def step_questions(draft, step: str) -> tuple[Question, ...]:
    if step in (StepId.EVIDENCE, StepId.REVIEW):
        return ()
    return questions_for(step, kind=draft.kind, category=(draft.answers or {}).get("category"))


def version_of(draft) -> str:
    """The draft's version for the step form: when it was last saved."""
    return draft.updated_at.isoformat() if draft.updated_at else ""


def render_step(draft, step_id: str, *, values=None, errors=None, status=200, evidence_form=None, action=None):
    """One step of the form; ``action`` is where it posts (a draft not yet saved posts to its kind's start)."""
    index, step = step_or_404(draft, step_id)
    steps = steps_of(draft)
    answers = dict(draft.answers or {})
    if values:
        answers.update(values)
    messages = render_messages(errors or {}, _)
    warnings = render_messages(answer_warnings(draft.answers or {}, kind=draft.kind, today=clock.today()), _)
    questions = [
        _view(q, str(answers.get(q.id) or ""), messages.get(q.id), warnings.get(q.id))
        for q in step_questions(draft, step_id)
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
        "form": StepForm(formdata=None, saved_at=version_of(draft)),
        "action": action or url_for("portal.step", draft_id=draft.id, step=step.id.value),
        "kind_label": _("Legal help") if draft.kind == CaseKind.LEGAL else _("Assistance request"),
    }
    if step.id == StepId.EVIDENCE:
        context["evidence_form"] = evidence_form or EvidenceForm(formdata=None)
        context["attachments"] = filing.draft_attachments(draft)
        context["accept"] = ACCEPT_ATTRIBUTE
        context["remove_form"] = ConfirmForm()
    if step.id == StepId.REVIEW:
        context.update(_review_context(draft))
    return render_template("portal/step.html", **context), status


def _review_context(draft) -> dict:
    answers = draft.answers or {}
    errors = render_messages(validate_grievance(answers, kind=draft.kind, today=clock.today()), _)
    sections = []
    for step in steps_of(draft):
        items = []
        for q in step_questions(draft, step.id.value):
            if q.show_if and not q.show_if.holds(answers):
                continue
            value = str(answers.get(q.id) or "")
            items.append((_(q.label), answer_label(q, value), errors.get(q.id)))
        if items:
            sections.append({"step": step.id.value, "title": _(step.title), "items": items})
    warnings = render_messages(answer_warnings(answers, kind=draft.kind, today=clock.today()), _)
    return {
        "sections": sections,
        "review_errors": errors,
        "review_warnings": list(dict.fromkeys(warnings.values())),
        "review_attachments": filing.draft_attachments(draft),
        "submit_form": ConfirmForm(),
    }
