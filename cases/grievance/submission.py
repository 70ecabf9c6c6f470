"""Turning complete answers into the fields of a new case."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cases.errors import DomainError
from cases.grievance.answers import _day
from cases.grievance.form import Answers
from cases.grievance.lookup import is_assistance
from cases.grievance.priority import suggest_priority
from cases.grievance.validation import _validate_all
from cases.i18n import N_
from cases.vocabulary import CaseKind, Category, Priority, RespondentType


class GrievanceIncomplete(DomainError):
    """The answers are not complete or valid; ``errors`` maps question ids to messages."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(N_("Some answers are missing or need checking. Please look at the marked questions."))
        self.errors = dict(errors)


_CASE_FIELDS = frozenset(
    {
        "category",
        "narrative",
        "request",
        "respondent_type",
        "respondent_name",
        "respondent_title",
        "incident_date",
        "notification_date",
        "event_date",
    }
)


@dataclass(frozen=True)
class GrievanceSubmission:
    """The case fields a complete form yields; ``details`` keeps the other answers (JSON-ready)."""

    kind: CaseKind
    category: Category
    narrative: str
    request: str
    respondent_type: RespondentType | None
    respondent_name: str
    respondent_title: str
    incident_date: date | None
    notification_date: date | None
    requested_amount: Decimal | None
    details: dict[str, str]
    priority: Priority
    priority_reasons: tuple[str, ...]


def build_submission(answers: Answers, *, kind: CaseKind | str, today: date) -> GrievanceSubmission:
    """The case fields from the final answers; raises GrievanceIncomplete when they are not ready.

    For an assistance request the case kind follows the help asked for (financial → material).
    """
    cleaned, errors = _validate_all(answers, kind=kind, today=today)
    if errors:
        raise GrievanceIncomplete(errors)
    case_kind = CaseKind(kind)
    if is_assistance(kind):
        case_kind = CaseKind(cleaned["help_kind"])
    amount = cleaned.get("amount")
    respondent = cleaned.get("respondent_type")
    suggestion = suggest_priority(cleaned, today=today)
    return GrievanceSubmission(
        kind=case_kind,
        category=Category(cleaned["category"]),
        narrative=cleaned["narrative"],
        request=cleaned.get("request", ""),
        respondent_type=RespondentType(respondent) if respondent else None,
        respondent_name=cleaned.get("respondent_name", ""),
        respondent_title=cleaned.get("respondent_title", ""),
        incident_date=_day(cleaned, "incident_date") or _day(cleaned, "event_date"),
        notification_date=_day(cleaned, "notification_date"),
        requested_amount=Decimal(amount) if amount else None,
        details={k: v for k, v in cleaned.items() if k not in _CASE_FIELDS},
        priority=suggestion.priority,
        priority_reasons=suggestion.reasons,
    )
