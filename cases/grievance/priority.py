"""The priority the answers suggest for the queue, by rules with reasons shown to staff."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from cases.grievance.answers import _day, _raw
from cases.grievance.form import YES, Answers
from cases.i18n import N_
from cases.vocabulary import PRIORITY_RANK, Category, Priority


@dataclass(frozen=True)
class PriorityRule:
    """Raise a case to ``priority`` when ``applies(answers, today)``; ``reason`` is shown to staff."""

    priority: Priority
    reason: str
    applies: Callable[[Answers, date], bool]


def _is(answers: Answers, qid: str, *values: str) -> bool:
    return _raw(answers, qid) in values


def _days_since(answers: Answers, qid: str, today: date) -> int | None:
    day = _day(answers, qid)
    return (today - day).days if day else None


def _in(lo: int, hi: int, days: int | None) -> bool:
    return days is not None and lo <= days <= hi


PRIORITY_RULES: tuple[PriorityRule, ...] = (
    PriorityRule(
        Priority.URGENT,
        N_("Dismissal from the civil service."),
        lambda a, t: (
            _is(a, "category", Category.DISCIPLINARY_PENALTY) and _is(a, "penalty", "devlet_memurlugundan_cikarma")
        ),
    ),
    PriorityRule(
        Priority.URGENT,
        N_("The 7-day period to object to the disciplinary penalty is running."),
        lambda a, t: (
            _is(a, "category", Category.DISCIPLINARY_PENALTY)
            and not _is(a, "objection_made", YES)
            and _in(0, 7, _days_since(a, "notification_date", t))
        ),
    ),
    PriorityRule(
        Priority.URGENT,
        N_("The 60-day period to go to court may end within about two weeks."),
        lambda a, t: _in(45, 60, _days_since(a, "notification_date", t)),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A union representative or executive was relocated (Law 4688, art. 18)."),
        lambda a, t: (
            _is(a, "is_union_representative", YES)
            and (_is(a, "category", Category.RELOCATION) or _is(a, "violation", "relocation"))
        ),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A heavy disciplinary penalty: step progression stopped."),
        lambda a, t: (
            _is(a, "category", Category.DISCIPLINARY_PENALTY) and _is(a, "penalty", "kademe_ilerlemesinin_durdurulmasi")
        ),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("Psychological harassment happening every day."),
        lambda a, t: _is(a, "category", Category.HARASSMENT) and _is(a, "frequency", "daily"),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A home made uninhabitable by a disaster."),
        lambda a, t: _is(a, "category", Category.DISASTER) and _is(a, "home_damage", "uninhabitable"),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A recent death in the family."),
        lambda a, t: _is(a, "category", Category.BEREAVEMENT) and _in(0, 30, _days_since(a, "event_date", t)),
    ),
)


@dataclass(frozen=True)
class PrioritySuggestion:
    priority: Priority
    reasons: tuple[str, ...] = ()


def suggest_priority(answers: Answers, *, today: date) -> PrioritySuggestion:
    """The priority the answers suggest (normal unless a rule raises it) and the reasons why.

    Day counts are plain calendar days from the notification: a hint for the queue, not the
    legal deadline (cases/deadlines/ computes that with holidays and the judicial recess).
    """
    matched = [rule for rule in PRIORITY_RULES if rule.applies(answers, today)]
    if not matched:
        return PrioritySuggestion(Priority.NORMAL)
    top = max((rule.priority for rule in matched), key=PRIORITY_RANK.__getitem__)
    ordered = sorted(matched, key=lambda rule: -PRIORITY_RANK[rule.priority])
    return PrioritySuggestion(top, tuple(rule.reason for rule in ordered))
