"""Looking up the form: the steps of a kind, and the questions of each step for a category."""

from cases.grievance.assistance import ASSISTANCE_REQUEST, ASSISTANCE_WHAT, _assistance_details
from cases.grievance.common import ASSISTANCE_STEPS, LEGAL_REQUEST, LEGAL_STEPS, LEGAL_WHAT, LEGAL_WHO, _when_questions
from cases.grievance.details import DETAIL_QUESTIONS
from cases.grievance.form import Question, Step, StepId
from cases.vocabulary import ASSISTANCE_CATEGORIES, ASSISTANCE_KINDS, LEGAL_CATEGORIES, CaseKind, Category


def is_assistance(kind: CaseKind | str) -> bool:
    return CaseKind(kind) in ASSISTANCE_KINDS


def steps_for(kind: CaseKind | str) -> tuple[Step, ...]:
    """The steps of the form for a case kind, in order."""
    return ASSISTANCE_STEPS if is_assistance(kind) else LEGAL_STEPS


def _category(kind: CaseKind | str, value: object) -> Category | None:
    allowed = ASSISTANCE_CATEGORIES if is_assistance(kind) else LEGAL_CATEGORIES
    return next((c for c in allowed if c.value == value), None)


def questions_for(
    step_id: StepId | str, *, kind: CaseKind | str, category: Category | str | None
) -> tuple[Question, ...]:
    """The questions of one step; the category picks the per-category questions.

    Raises ValueError for a step the form of this kind does not have.
    """
    step = StepId(step_id)
    if step not in {s.id for s in steps_for(kind)}:
        raise ValueError(f"the {kind} form has no step {step_id!r}")
    cat = _category(kind, category)
    if is_assistance(kind):
        return {
            StepId.WHAT: ASSISTANCE_WHAT,
            StepId.DETAILS: _assistance_details(cat),
            StepId.REQUEST: ASSISTANCE_REQUEST,
        }.get(step, ())
    match step:
        case StepId.WHAT:
            return LEGAL_WHAT
        case StepId.WHO:
            return LEGAL_WHO
        case StepId.WHEN:
            return _when_questions(cat)
        case StepId.DETAILS:
            return DETAIL_QUESTIONS.get(cat, ()) if cat else ()
        case StepId.REQUEST:
            return LEGAL_REQUEST
    return ()


def all_questions(*, kind: CaseKind | str, category: Category | str | None) -> tuple[Question, ...]:
    """Every question of the form for this kind and category, in step order."""
    return tuple(q for s in steps_for(kind) for q in questions_for(s.id, kind=kind, category=category))
