"""Checking answers: errors per step and for the whole form, and gentle warnings that never block."""

from collections.abc import Mapping
from datetime import date

from cases.grievance.answers import AnswerError, _clean_answer, _day, _raw
from cases.grievance.form import NO, Answers, Question, QuestionType, StepId
from cases.grievance.lookup import all_questions, is_assistance, questions_for, steps_for
from cases.i18n import N_
from cases.vocabulary import CaseKind, Category


def _required_message(q: Question) -> str:
    if q.required_message:
        return q.required_message
    return {
        QuestionType.DATE: N_("Please enter a date."),
        QuestionType.CHOICE: N_("Please choose one of the options."),
        QuestionType.YES_NO: N_("Please answer yes or no."),
    }.get(q.type, N_("Please answer this question."))


def _validate_questions(
    questions: tuple[Question, ...], answers: Answers, today: date
) -> tuple[dict[str, str], dict[str, str]]:
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for q in questions:
        # A later question may depend on an earlier answer of the same step; look there first.
        if q.show_if and not q.show_if.holds({**answers, **cleaned}):
            continue
        raw = _raw(answers, q.id)
        if not raw.strip():
            if q.required:
                errors[q.id] = _required_message(q)
            continue
        try:
            cleaned[q.id] = _clean_answer(q, raw, today)
        except AnswerError as exc:
            errors[q.id] = exc.message
    return cleaned, errors


def validate_step(
    step_id: StepId | str,
    answers: Answers,
    *,
    kind: CaseKind | str,
    category: Category | str | None,
    today: date,
) -> tuple[dict[str, str], dict[str, str]]:
    """Check one step's answers: ``(cleaned, errors)``, errors keyed by question id.

    ``cleaned`` holds only the questions of this step that apply (hidden follow-up questions
    are dropped), as canonical JSON-ready strings. On the "what" step the category comes from
    the answers. The review step checks the whole form. Messages are N_ msgids, some of them
    ``Message``s with parameters: show them through ``render_messages(errors, gettext)``.
    """
    step = StepId(step_id)
    if step == StepId.REVIEW:
        return _validate_all(answers, kind=kind, today=today)
    if step == StepId.WHAT:
        category = _raw(answers, "category") or category
    questions = questions_for(step, kind=kind, category=category)
    return _validate_questions(questions, answers, today)


def _validate_all(answers: Answers, *, kind: CaseKind | str, today: date) -> tuple[dict[str, str], dict[str, str]]:
    category = _raw(answers, "category")
    return _validate_questions(all_questions(kind=kind, category=category), answers, today)


def validate_grievance(answers: Answers, *, kind: CaseKind | str = CaseKind.LEGAL, today: date) -> dict[str, str]:
    """Check all answers before submission; the errors keyed by question id (empty when ready)."""
    return _validate_all(answers, kind=kind, today=today)[1]


def first_step_with_errors(
    errors: Mapping[str, str], *, kind: CaseKind | str, category: Category | str | None
) -> StepId | None:
    """The earliest step holding one of ``errors``, to send the member back to it."""
    for step in steps_for(kind):
        if any(q.id in errors for q in questions_for(step.id, kind=kind, category=category)):
            return step.id
    return None


# --- Warnings: dubious but possible answers -----------------------------------------------


def answer_warnings(answers: Answers, *, kind: CaseKind | str, today: date) -> dict[str, str]:
    """Gentle notes on cleaned answers that look odd or are time-critical; never blocking."""
    if is_assistance(kind):
        return {}
    warnings: dict[str, str] = {}
    incident, notified = _day(answers, "incident_date"), _day(answers, "notification_date")
    if incident and notified and notified < incident:
        warnings["notification_date"] = N_(
            "This is earlier than the date of the decision or event. If that is right, go on; "
            "otherwise please check both dates."
        )
    objected = _day(answers, "objection_date")
    if objected and notified and objected < notified:
        warnings["objection_date"] = N_(
            "This is earlier than the notification date. If that is right, go on; otherwise please check it."
        )
    started = _day(answers, "started_on")
    if started and incident and started > incident:
        warnings["started_on"] = N_(
            "This is later than the latest incident. If that is right, go on; otherwise please check it."
        )
    if notified:
        elapsed = (today - notified).days
        category = _raw(answers, "category")
        if category == Category.DISCIPLINARY_PENALTY and _raw(answers, "objection_made") == NO:
            if elapsed <= 7:
                warnings.setdefault(
                    "objection_made",
                    N_(
                        "A penalty can be objected to within 7 days of its notification. "
                        "Please send your request now: our lawyers treat it as urgent."
                    ),
                )
            else:
                warnings.setdefault(
                    "objection_made",
                    N_(
                        "The 7 days to object to the penalty may have passed, but it can still be "
                        "taken to court. Please send your request: a lawyer will check."
                    ),
                )
        if elapsed > 60:
            warnings.setdefault(
                "notification_date",
                N_(
                    "More than 60 days have passed since the notification, so the time to go to court "
                    "may have run out. Please send your request anyway: a lawyer will check."
                ),
            )
    return warnings
