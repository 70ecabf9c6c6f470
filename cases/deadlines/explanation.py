"""Results and their explanation: steps as N_ templates with dd.mm.yyyy dates, and those templates."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from cases.deadlines.rules import DeadlineRule
from cases.i18n import N_


def format_date(day: date) -> str:
    """A date as Turkish documents write it: 23.11.2026."""
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class ExplanationStep:
    """One sentence of an explanation: ``template % params`` once translated."""

    kind: str
    template: str  # N_, with %(name)s placeholders
    params: Mapping[str, str | int] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.template) % dict(self.params)

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "template": self.template, "params": dict(self.params)}


@dataclass(frozen=True)
class DeadlineResult:
    rule: DeadlineRule
    start: date
    due: date  # the last day to act, after every shift
    raw_end: date  # the end of the count, before the recess and non-working-day shifts
    steps: list[ExplanationStep]
    warnings: list[ExplanationStep]
    # When the court is not known: the last day if the competent court takes the judicial recess.
    later_if_recess: date | None = None


def earliest(results: Iterable[DeadlineResult]) -> DeadlineResult:
    """The result due first.

    How the court period runs while a disciplinary objection (657 DMK art. 135) is pending is
    unsettled, so both periods are computed and the earlier one is shown.
    """
    return min(results, key=lambda result: result.due)


def explain_lines(result: DeadlineResult, translate: Callable[[str], str] = str) -> list[str]:
    """The explanation, then the warnings, as sentences (English unless ``translate`` is given)."""
    return [step.render(translate) for step in (*result.steps, *result.warnings)]


def _step(kind: str, template: str, **params: object) -> ExplanationStep:
    values = {k: format_date(v) if isinstance(v, date) else v for k, v in params.items()}
    return ExplanationStep(kind, template, cast("Mapping[str, str | int]", values))


_LATE_APPLICATION = N_(
    "The application on %(applied)s came after the period ended on %(due)s: it is too late to suspend it."
)
_LENGTH_OLDER = N_(
    "The trigger on %(start)s is before %(changed)s (Law %(law)s): the older %(length)s-day period applies."
)
_LENGTH_CURRENT = N_(
    "The trigger on %(start)s is on or after %(changed)s (Law %(law)s): the period is %(length)s days."
)
_COUNT_DAYS = N_("%(length)s days from %(start)s is %(end)s (counting starts the next day).")
_COUNT_WORKING_DAYS = N_(
    "%(length)s working days from %(start)s is %(end)s (weekends and official holidays are not counted)."
)
_COUNT_MONTHS = N_("%(length)s months from %(start)s is %(end)s (a day the month lacks ends on its last day).")
_COUNT_YEARS = N_("%(length)s year(s) from %(start)s is %(end)s.")
_COUNT_LEAP_DAY = N_(
    "%(length)s year(s) from %(start)s: %(year)s has no 29 February, so the period ends on the last "
    "day of February, %(end)s (the earlier, safe reading)."
)
_SUSPENDED = N_(
    "From %(first)s to the application to the superior authority on %(applied)s, %(used)s of the "
    "%(length)s days were used (the application day counts as used)."
)
_RESUMED = N_(
    "The period was suspended until the answer or deemed rejection on %(answered)s; the remaining "
    "%(remaining)s days run from the next day to %(end)s."
)
_LATE_ANSWER = N_(
    "The answer on %(answered)s came after the %(days)s days of İYUK art. 11: the application already "
    "counted as rejected on %(deemed)s, and the period resumes from that day (the safer reading)."
)
_LATE_ANSWER_WARNING = N_("Some decisions let a late answer restart the count; the date above does not rely on that.")
_FOLLOWED_BY = N_(
    "The %(length)s-day lawsuit period (%(basis)s) then runs from %(start)s, the unmoved date (the safer "
    "reading): its last day is %(due)s. Record it as a deadline of its own."
)
# Explanations recorded before the rules were cited (kept so stored deadlines still translate):
# N_("%(end)s falls in the judicial recess (20 July – 31 August): the period runs to %(due)s.")
# N_("The last day moves to the next working day: %(due)s.")
_RECESS = N_(
    "%(end)s falls in the judicial recess (20 July – 31 August), so the period runs to %(due)s (İYUK art. 8/3 and 61)."
)
_NO_RECESS = N_(
    "%(end)s falls in the judicial recess (20 July – 31 August), but this court has no recess: no extension."
)
_SATURDAY = N_("%(day)s is a Saturday, not a working day.")
_SUNDAY = N_("%(day)s is a Sunday, not a working day.")
_HOLIDAY = N_("%(day)s is %(holiday)s, an official holiday.")
_MOVED = N_("A last day that is not a working day moves to the next working day (İYUK art. 8): %(due)s.")
_DUE = N_("Last day: %(due)s. Check it before relying on it.")
_HALF_DAY = N_(
    "%(due)s is a half day, the eve of a holiday: %(holiday)s. Offices close at 13:00 and the period "
    "is not extended: file before 13:00."
)
_ESTIMATED = N_("The religious holiday dates of %(years)s are estimates: check the official calendar.")
_UNVERIFIED = N_("This rule is marked [%(mark)s] in the domain notes: it is not fully verified.")
_NO_DAYS_LEFT = N_(
    "No day of the period was left when the application was made: act on the day of the answer, "
    "%(answered)s (or the next working day)."
)
_MOVED_INTO_RECESS = N_(
    "The last day moved from %(end)s into the judicial recess (%(due)s); whether the recess then "
    "extends it to 7 September is unsettled. File by %(due)s."
)
_SUSPENDED_EXTENDED = N_(
    "The judicial recess extended the period to %(extended)s, so it had %(total)s days (İYUK art. 8/3); "
    "from %(first)s to the application to the superior authority on %(applied)s, %(used)s of them were "
    "used (the application day counts as used)."
)
_RECESS_UNKNOWN = N_(
    "%(end)s falls in the judicial recess (20 July – 31 August), but the competent court is not known "
    "yet: no extension is assumed."
)
_COURT_UNKNOWN = N_(
    "The competent court is not recorded: %(due)s is the last day without the judicial recess. If the "
    "competent court takes the recess, the period runs to %(later)s; rely on that only once the court "
    "is confirmed."
)
_IN_TIME_ONLY_WITH_RECESS = N_(
    "The application on %(applied)s is in time only if the competent court takes the judicial recess "
    "(the period would then run to %(due)s): record the court first."
)
_EVENT_DUE = N_(
    "The silence counts as a rejection on %(due)s. This is not a last day to act and is not moved off "
    "holidays: the lawsuit period runs from it."
)
