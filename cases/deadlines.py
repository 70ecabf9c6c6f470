"""Legal deadlines: rules as data, computed on the Turkish calendar, and explained step by step.

Counting follows İYUK art. 8: the period starts the day after its trigger, holidays inside it
count, and a last day that is not a working day moves to the next working day. Rules that
follow the administrative courts' judicial recess (20 July – 31 August) run to 7 September
when they would end inside it. See DOMAIN-TR.md §1, §2 and §4 for the sources and marks.

Every result carries ``ExplanationStep``s: plain records (kind, N_ template, params with
dates as dd.mm.yyyy) that render in English here and translate in the web layer.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from cases.calendar import TurkishCalendar
from cases.errors import DomainError
from cases.i18n import N_
from cases.vocabulary import CaseKind, Category


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    YEARS = "years"


class Mark(StrEnum):
    """How well DOMAIN-TR.md verified the rule: [V] verified, [P] partly, [?] not verified."""

    VERIFIED = "V"
    PARTLY = "P"
    UNVERIFIED = "?"


@dataclass(frozen=True)
class LengthChange:
    """Triggers before ``before`` keep the older ``length`` (a law shortened the period)."""

    before: date
    length: int
    law: str


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    name: str  # N_
    legal_basis: str  # law and article, e.g. "657 DMK m.135"
    trigger: str  # N_: the event whose date starts the period
    length: int
    unit: Unit
    recess: bool  # follows the administrative courts' judicial recess
    mark: Mark
    caution: str = ""  # N_: shown as a warning with every result; required unless mark is V
    earlier: tuple[LengthChange, ...] = ()
    suspendable: bool = False  # an application to the superior authority suspends it (İYUK 11)
    if_shifted: str = ""  # N_: warning when the last day moved off a non-working day

    def length_on(self, start: date) -> tuple[int, LengthChange | None]:
        """The length that applies to a trigger on ``start``, and the change that decided it."""
        for change in sorted(self.earlier, key=lambda c: c.before):
            if start < change.before:
                return change.length, change
        return self.length, max(self.earlier, key=lambda c: c.before, default=None)


_LAW_7331 = LengthChange(before=date(2021, 7, 14), length=60, law="7331")

RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        id="disciplinary-objection",
        name=N_("Objection to a disciplinary penalty"),
        legal_basis="657 DMK m.135",
        trigger=N_("notification of the penalty"),
        length=7,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.VERIFIED,
        caution=N_(
            "The 60-day lawsuit period also runs from the notification, and how it runs while the "
            "objection is pending is unsettled: compute both and keep the earlier."
        ),
    ),
    DeadlineRule(
        id="annulment-lawsuit",
        name=N_("Annulment lawsuit in the administrative court"),
        legal_basis="2577 İYUK m.7",
        trigger=N_("notification of the act"),
        length=60,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.VERIFIED,
        suspendable=True,
    ),
    DeadlineRule(
        id="tax-lawsuit",
        name=N_("Lawsuit in the tax court"),
        legal_basis="2577 İYUK m.7",
        trigger=N_("notification of the act"),
        length=30,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="deemed-rejection",
        name=N_("Deemed rejection of an application to the administration"),
        legal_basis="2577 İYUK m.10",
        trigger=N_("application date"),
        length=30,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.VERIFIED,
        earlier=(_LAW_7331,),
        if_shifted=N_(
            "The deemed rejection date moved off a non-working day (İYUK 8); counting the lawsuit "
            "period from the unmoved date, %(raw_end)s, is the safer reading."
        ),
    ),
    DeadlineRule(
        id="superior-authority-answer",
        name=N_("Deemed rejection of an application to the superior authority"),
        legal_basis="2577 İYUK m.11",
        trigger=N_("application date"),
        length=30,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.PARTLY,
        caution=N_(
            "The 30 days are verified; that applications made before 14.07.2021 keep the older "
            "60 days is assumed from İYUK art. 10. Check."
        ),
        earlier=(_LAW_7331,),
        if_shifted=N_(
            "The deemed rejection date moved off a non-working day (İYUK 8); resuming the lawsuit "
            "period from the unmoved date, %(raw_end)s, is the safer reading."
        ),
    ),
    DeadlineRule(
        id="information-answer",
        name=N_("Answer to a right-to-information request"),
        legal_basis="4982 BEHK m.11",
        trigger=N_("application date"),
        length=15,
        unit=Unit.WORKING_DAYS,
        recess=False,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="information-answer-extended",
        name=N_("Answer to a right-to-information request that needs another unit"),
        legal_basis="4982 BEHK m.11",
        trigger=N_("application date"),
        length=30,
        unit=Unit.WORKING_DAYS,
        recess=False,
        mark=Mark.VERIFIED,
        caution=N_(
            "30 working days only when another unit had to be consulted and the applicant was told "
            "so within the first 15 working days."
        ),
    ),
    DeadlineRule(
        id="information-objection",
        name=N_("Objection to the Information Review Board"),
        legal_basis="4982 BEHK m.13",
        trigger=N_("notification of the refusal"),
        length=15,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="damages-application",
        name=N_("Application to the administration for damages"),
        legal_basis="2577 İYUK m.13",
        trigger=N_("learning of the action"),
        length=1,
        unit=Unit.YEARS,
        recess=False,
        mark=Mark.VERIFIED,
        caution=N_("And at most 5 years after the action itself: check the date of the action."),
    ),
)
RULES_BY_ID: Mapping[str, DeadlineRule] = {rule.id: rule for rule in RULES}

# Which rules a legal case of each category proposes, counted from its notification date.
CASE_RULES: Mapping[Category, tuple[str, ...]] = {
    Category.DISCIPLINARY_PENALTY: ("disciplinary-objection", "annulment-lawsuit"),
    Category.HARASSMENT: ("annulment-lawsuit", "damages-application"),
    Category.ARBITRARY_TREATMENT: ("annulment-lawsuit",),
    Category.RELOCATION: ("annulment-lawsuit",),
    Category.PROMOTION: ("annulment-lawsuit",),
    Category.PAY_AND_BENEFITS: ("annulment-lawsuit",),
    Category.DISCRIMINATION: ("annulment-lawsuit",),
    Category.UNION_RIGHTS: ("annulment-lawsuit",),
    Category.WOMEN_MATERNITY: ("annulment-lawsuit",),
    Category.OTHER: ("annulment-lawsuit",),
}

RECESS_START = (7, 20)
RECESS_END = (8, 31)
RECESS_RUNS_TO = (9, 7)


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


def get_rule(rule_id: str) -> DeadlineRule:
    """The rule called ``rule_id``; DomainError when there is none."""
    try:
        return RULES_BY_ID[rule_id]
    except KeyError:
        raise DomainError(N_("There is no deadline rule called %(rule)s."), rule=rule_id) from None


def rules_for_case(category: Category | str, kind: CaseKind | str | None = None) -> list[str]:
    """The ids of the rules a case of ``category`` proposes from its notification date."""
    if kind is not None and CaseKind(kind) is not CaseKind.LEGAL:
        return []
    return list(CASE_RULES.get(Category(category), ()))


def earliest(results: Iterable[DeadlineResult]) -> DeadlineResult:
    """The result due first (DOMAIN-TR §2: show the earlier of parallel periods)."""
    return min(results, key=lambda result: result.due)


def explain_lines(result: DeadlineResult, translate: Callable[[str], str] = str) -> list[str]:
    """The explanation, then the warnings, as sentences (English unless ``translate`` is given)."""
    return [step.render(translate) for step in (*result.steps, *result.warnings)]


def compute_deadline(
    rule: DeadlineRule | str,
    start: date,
    *,
    calendar: TurkishCalendar,
    recess: bool = True,
    applied: date | None = None,
    answered: date | None = None,
) -> DeadlineResult:
    """The last day of ``rule`` triggered on ``start``, with the steps that justify it.

    ``recess=False`` is for a court that takes no judicial recess. ``applied`` and ``answered``
    describe an application to the superior authority that suspended the period (İYUK 11).
    Raises DomainError for an unknown rule or inconsistent suspension dates.
    """
    if isinstance(rule, str):
        rule = get_rule(rule)
    for value in (start, applied, answered):
        if isinstance(value, datetime) or not (value is None or isinstance(value, date)):
            raise TypeError("deadline dates must be datetime.date values")
    steps: list[ExplanationStep] = []
    warnings: list[ExplanationStep] = []
    if rule.mark is not Mark.VERIFIED:
        warnings.append(_step("unverified", _UNVERIFIED, mark=rule.mark.value))
    if rule.caution:
        warnings.append(_step("caution", rule.caution))

    length, change = rule.length_on(start)
    if change is not None:
        older = length != rule.length
        template = _LENGTH_OLDER if older else _LENGTH_CURRENT
        params = {"start": start, "changed": change.before, "law": change.law, "length": length}
        steps.append(_step("length", template, **params))

    if applied is not None or answered is not None:
        raw_end = _suspended_end(rule, start, length, applied, answered, calendar, recess, steps, warnings)
    else:
        raw_end = _count(rule.unit, start, length, calendar, steps)
    due = _shift(rule, raw_end, calendar, recess, steps, warnings)

    half_day = calendar.half_day_name(due) if calendar.is_half_day(due) else None
    if half_day:
        warnings.append(_step("half_day", _HALF_DAY, due=due, holiday=half_day))
    estimated = [year for year in range(start.year, due.year + 1) if calendar.is_estimated(year)]
    if estimated:
        warnings.append(_step("estimated", _ESTIMATED, years=", ".join(map(str, estimated))))
    steps.append(_step("due", _DUE, due=due))
    return DeadlineResult(rule, start, due, raw_end, steps, warnings)


def _count(
    unit: Unit,
    start: date,
    length: int,
    calendar: TurkishCalendar,
    steps: list[ExplanationStep],
) -> date:
    """The end of ``length`` units counted from the day after ``start``."""
    if unit is Unit.WORKING_DAYS:
        end = calendar.add_working_days(start, length)
        steps.append(_step("count", _COUNT_WORKING_DAYS, length=length, start=start, end=end))
        return end
    if unit is Unit.YEARS:
        year = start.year + length
        if start.month == 2 and start.day == 29 and not _is_leap(year):
            # No 29 February that year: end on 28 February, the earlier and so the safe reading.
            end = date(year, 2, 28)
            steps.append(_step("count", _COUNT_LEAP_DAY, length=length, start=start, end=end, year=year))
        else:
            end = start.replace(year=year)
            steps.append(_step("count", _COUNT_YEARS, length=length, start=start, end=end))
        return end
    end = start + timedelta(days=length)
    steps.append(_step("count", _COUNT_DAYS, length=length, start=start, end=end))
    return end


def _suspended_end(
    rule: DeadlineRule,
    start: date,
    length: int,
    applied: date | None,
    answered: date | None,
    calendar: TurkishCalendar,
    recess: bool,
    steps: list[ExplanationStep],
    warnings: list[ExplanationStep],
) -> date:
    """The end of a period suspended by an application to the superior authority (İYUK 11)."""
    if not rule.suspendable:
        message = N_("An application to the superior authority does not suspend %(rule)s.")
        raise DomainError(message, rule=rule.id)
    if applied is None or answered is None:
        raise DomainError(N_("Give both the date of the application and the date it was answered."))
    if applied < start:
        raise DomainError(
            N_("The application on %(applied)s is before the notification on %(start)s."),
            applied=format_date(applied),
            start=format_date(start),
        )
    unsuspended = compute_deadline(rule, start, calendar=calendar, recess=recess)
    if applied > unsuspended.due:
        raise DomainError(
            _LATE_APPLICATION,
            applied=format_date(applied),
            due=format_date(unsuspended.due),
        )
    if answered < applied:
        raise DomainError(
            N_("The answer on %(answered)s cannot be before the application on %(applied)s."),
            answered=format_date(answered),
            applied=format_date(applied),
        )
    # Conservative reading (DOMAIN-TR §1): the application day itself counts as used.
    used = min((applied - start).days, length)
    remaining = length - used
    end = answered + timedelta(days=remaining)
    first = start + timedelta(days=1)
    steps.append(_step("suspended", _SUSPENDED, first=first, applied=applied, used=used, length=length))
    steps.append(_step("resumed", _RESUMED, answered=answered, remaining=remaining, end=end))
    if remaining == 0:
        warnings.append(_step("no_days_left", _NO_DAYS_LEFT, answered=answered))
    return end


def _shift(
    rule: DeadlineRule,
    raw_end: date,
    calendar: TurkishCalendar,
    recess: bool,
    steps: list[ExplanationStep],
    warnings: list[ExplanationStep],
) -> date:
    """Apply the judicial recess, then move a non-working last day to the next working day."""
    due = raw_end
    if rule.recess and _in_recess(raw_end):
        if recess:
            due = date(raw_end.year, *RECESS_RUNS_TO)
            steps.append(_step("recess", _RECESS, end=raw_end, due=due))
        else:
            steps.append(_step("no_recess", _NO_RECESS, end=raw_end))
    unmoved = due
    while not calendar.is_working_day(due):
        holiday = calendar.holiday_name(due)
        if holiday:
            steps.append(_step("holiday", _HOLIDAY, day=due, holiday=holiday))
        else:
            steps.append(_step("weekend", _SATURDAY if due.weekday() == 5 else _SUNDAY, day=due))
        due += timedelta(days=1)
    if due != unmoved:
        steps.append(_step("moved", _MOVED, due=due))
        if rule.if_shifted:
            warnings.append(_step("if_shifted", rule.if_shifted, raw_end=raw_end))
        if rule.recess and recess and _in_recess(due) and not _in_recess(unmoved):
            warnings.append(_step("moved_into_recess", _MOVED_INTO_RECESS, end=unmoved, due=due))
    return due


def _in_recess(day: date) -> bool:
    return RECESS_START <= (day.month, day.day) <= RECESS_END


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _step(kind: str, template: str, **params: object) -> ExplanationStep:
    values = {k: format_date(v) if isinstance(v, date) else v for k, v in params.items()}
    return ExplanationStep(kind, template, values)


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
_RECESS = N_("%(end)s falls in the judicial recess (20 July – 31 August): the period runs to %(due)s.")
_NO_RECESS = N_(
    "%(end)s falls in the judicial recess (20 July – 31 August), but this court has no recess: no extension."
)
_SATURDAY = N_("%(day)s is a Saturday, not a working day.")
_SUNDAY = N_("%(day)s is a Sunday, not a working day.")
_HOLIDAY = N_("%(day)s is %(holiday)s, an official holiday.")
_MOVED = N_("The last day moves to the next working day: %(due)s.")
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
