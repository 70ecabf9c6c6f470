"""The building blocks of the filing forms: question and step types, their limits and helpers."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

Answers = Mapping[str, object]

# A date before this is a typing mistake (a year of 0202 or 1926), not a servant's grievance.
EARLIEST_DATE = date(1950, 1, 1)
DEFAULT_TEXT_LENGTH = 200
DEFAULT_TEXTAREA_LENGTH = 5000
NARRATIVE_LENGTH = 10000
YES, NO = "yes", "no"


class QuestionType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"
    NUMBER = "number"
    IBAN = "iban"


class StepId(StrEnum):
    WHAT = "what"
    WHO = "who"
    WHEN = "when"
    DETAILS = "details"
    REQUEST = "request"
    EVIDENCE = "evidence"
    REVIEW = "review"


@dataclass(frozen=True)
class ShowIf:
    """Ask a question only when another answer is one of ``values``."""

    question_id: str
    values: tuple[str, ...] = (YES,)

    def holds(self, answers: Answers) -> bool:
        return str(answers.get(self.question_id) or "").strip().lower() in self.values


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    type: QuestionType = QuestionType.TEXT
    required: bool = False
    help: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None  # text types; None means the type's default
    min_length: int = 0
    show_if: ShowIf | None = None
    required_message: str | None = None
    future_days: int = 0  # DATE: how many days ahead of today a date may be
    min_value: Decimal | None = None  # NUMBER
    max_value: Decimal | None = None
    decimals: int = 0  # NUMBER: 0 for whole numbers, 2 for money

    @property
    def length_limit(self) -> int | None:
        if self.max_length is not None:
            return self.max_length
        if self.type == QuestionType.TEXTAREA:
            return DEFAULT_TEXTAREA_LENGTH
        if self.type == QuestionType.TEXT:
            return DEFAULT_TEXT_LENGTH
        return None


@dataclass(frozen=True)
class Step:
    id: StepId
    title: str
    intro: str | None = None
    has_questions: bool = True


def _yes_no(qid: str, label: str, *, required: bool = False, **kw: Any) -> Question:
    return Question(qid, label, QuestionType.YES_NO, required=required, **kw)


def _date(qid: str, label: str, *, required: bool = False, **kw: Any) -> Question:
    return Question(qid, label, QuestionType.DATE, required=required, **kw)


def _choice(
    qid: str, label: str, choices: tuple[tuple[str, str], ...], *, required: bool = True, **kw: Any
) -> Question:
    return Question(qid, label, QuestionType.CHOICE, required=required, choices=choices, **kw)
