"""The member's own answers to the filing form, and why the case got its priority, for staff.

Filing keeps the per-category answers (the penalty, the relocation order, the IBAN …) in
``Case.details``, and the reasons the answers raised the priority under ``priority_reasons``.
The case page lists both, labelled as the member saw the questions.
"""

from flask_babel import gettext as _

from app.i18n import translate_marked
from app.labels import answer_label
from app.models import Case
from cases.grievance import all_questions

PRIORITY_REASONS = "priority_reasons"


def detail_rows(case: Case) -> list[tuple[str, str]]:
    """(question, answer) for each per-category answer of the case, in the form's order."""
    details = dict(case.details or {})
    details.pop(PRIORITY_REASONS, None)
    rows = []
    for question in all_questions(kind=case.kind, category=case.category):
        value = details.pop(question.id, None)
        if value not in (None, ""):
            rows.append((_(question.label), answer_label(question, str(value))))
    # Answers to questions the form no longer asks are facts too: shown as stored.
    rows.extend((key, str(value)) for key, value in details.items() if value not in (None, ""))
    return rows


def priority_reasons(case: Case) -> list[str]:
    """Why the member's answers raised the priority, in the reader's language."""
    reasons = (case.details or {}).get(PRIORITY_REASONS) or []
    return [translate_marked(reason) for reason in reasons if isinstance(reason, str)]
