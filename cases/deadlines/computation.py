"""Computing a deadline: counting, suspension, the judicial recess and non-working days."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from cases.calendar import TurkishCalendar
from cases.deadlines.explanation import (
    _COUNT_DAYS,
    _COUNT_LEAP_DAY,
    _COUNT_MONTHS,
    _COUNT_WORKING_DAYS,
    _COUNT_YEARS,
    _COURT_UNKNOWN,
    _DUE,
    _ESTIMATED,
    _EVENT_DUE,
    _FOLLOWED_BY,
    _HALF_DAY,
    _HOLIDAY,
    _IN_TIME_ONLY_WITH_RECESS,
    _LATE_ANSWER,
    _LATE_ANSWER_WARNING,
    _LATE_APPLICATION,
    _LENGTH_CURRENT,
    _LENGTH_OLDER,
    _MOVED,
    _MOVED_INTO_RECESS,
    _NO_DAYS_LEFT,
    _NO_RECESS,
    _RECESS,
    _RECESS_UNKNOWN,
    _RESUMED,
    _SATURDAY,
    _SUNDAY,
    _SUSPENDED,
    _SUSPENDED_EXTENDED,
    _UNVERIFIED,
    DeadlineResult,
    ExplanationStep,
    _step,
    format_date,
)
from cases.deadlines.rules import DeadlineRule, Mark, Unit, get_rule
from cases.errors import DomainError
from cases.i18n import N_

RECESS_START = (7, 20)
RECESS_END = (8, 31)
RECESS_RUNS_TO = (9, 7)
# The rule that says when the superior authority's silence counts as a rejection (İYUK 11/2).
SUPERIOR_AUTHORITY_ANSWER = "superior-authority-answer"


# How far past 7 September a last day can roll over non-working days (a religious holiday with
# its weekend, and bridge days an administrator declares around it).
RECESS_ROLL_REACH = timedelta(days=21)


def earliest_last_day_affected(day: date) -> date:
    """The earliest last day (before any recess extension) that a calendar change on ``day`` can move.

    A period's count and its roll-forward look at no day after its last day, except a period
    ending in the judicial recess: the day it runs to when the court takes the recess (7
    September, rolled forward) is computed too, even when the court does not or is not known.
    """
    recess_start = date(day.year, *RECESS_START)
    if recess_start <= day <= date(day.year, *RECESS_RUNS_TO) + RECESS_ROLL_REACH:
        return recess_start
    return day


def is_overdue(due: date | None, today: date) -> bool:
    """Whether a deadline (or a case's nearest one) due on ``due`` has passed: its last day is behind us.

    The day itself is not overdue: the period runs to the end of its last day. Queries select
    the same rule in SQL as ``due_date < today``.
    """
    return due is not None and due < today


def compute_deadline(
    rule: DeadlineRule | str,
    start: date,
    *,
    calendar: TurkishCalendar,
    recess: bool | None = True,
    applied: date | None = None,
    answered: date | None = None,
) -> DeadlineResult:
    """The last day of ``rule`` triggered on ``start``, with the steps that justify it.

    ``recess`` says whether the competent court takes the judicial recess: True, False, or None
    when the court is not known yet — then the last day is the earlier date (no extension) and a
    warning names the later one that holds if the court takes the recess. ``applied`` and
    ``answered`` describe an application to the superior authority that suspended the period
    (İYUK 11). Raises DomainError for an unknown rule or inconsistent suspension dates.
    """
    if isinstance(rule, str):
        rule = get_rule(rule)
    for value in (start, applied, answered):
        if isinstance(value, datetime) or not (value is None or isinstance(value, date)):
            raise TypeError("deadline dates must be datetime.date values")
    if recess is not None:
        return _compute(rule, start, calendar, recess, False, applied, answered)
    try:
        early = _compute(rule, start, calendar, False, True, applied, answered)
    except DomainError as error:
        try:
            late = _compute(rule, start, calendar, True, False, applied, answered)
        except DomainError:
            raise error from None
        raise DomainError(
            _IN_TIME_ONLY_WITH_RECESS, applied=format_date(applied or start), due=format_date(late.due)
        ) from None
    late = _compute(rule, start, calendar, True, False, applied, answered)
    if late.due == early.due:
        return early
    warning = _step("court_unknown", _COURT_UNKNOWN, due=early.due, later=late.due)
    return replace(early, warnings=[*early.warnings, warning], later_if_recess=late.due)


def _compute(
    rule: DeadlineRule,
    start: date,
    calendar: TurkishCalendar,
    recess: bool,
    court_unknown: bool,
    applied: date | None,
    answered: date | None,
) -> DeadlineResult:
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
    due = raw_end if rule.event else _shift(rule, raw_end, calendar, recess, court_unknown, steps, warnings)

    half_day = calendar.half_day_name(due) if calendar.is_half_day(due) and not rule.event else None
    if half_day:
        warnings.append(_step("half_day", _HALF_DAY, due=due, holiday=half_day))
    if rule.followed_by:
        then = compute_deadline(rule.followed_by, raw_end, calendar=calendar, recess=None if court_unknown else recess)
        params = {"length": then.rule.length, "basis": then.rule.legal_basis, "start": raw_end, "due": then.due}
        warnings.append(_step("followed_by", _FOLLOWED_BY, **params))
        if then.later_if_recess is not None:
            warnings.append(_step("court_unknown", _COURT_UNKNOWN, due=then.due, later=then.later_if_recess))
    estimated = [year for year in range(start.year, due.year + 1) if calendar.is_estimated(year)]
    if estimated:
        warnings.append(_step("estimated", _ESTIMATED, years=", ".join(map(str, estimated))))
    steps.append(_step("due", _EVENT_DUE if rule.event else _DUE, due=due))
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
    if unit is Unit.MONTHS:
        months = start.month - 1 + length
        year, month = start.year + months // 12, months % 12 + 1
        # A day the month lacks (31 → 30 April) ends on its last day: the earlier, safe reading.
        end = date(year, month, min(start.day, _month_days(year, month)))
        steps.append(_step("count", _COUNT_MONTHS, length=length, start=start, end=end))
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
    unsuspended = _compute(rule, start, calendar, recess, False, None, None)
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
    # An application made after the count ended but inside the days the judicial recess adds
    # (İYUK 8/3) is in time: those days belong to the period, and what is left of them is left of
    # it. Conservative reading (DOMAIN-TR §1): the application day itself counts as used; days
    # gained only by moving off a holiday are not counted.
    first = start + timedelta(days=1)
    extended = rule.recess and recess and _in_recess(unsuspended.raw_end) and applied > unsuspended.raw_end
    if extended:
        period_end = date(unsuspended.raw_end.year, *RECESS_RUNS_TO)
        total = (period_end - start).days
        used = min((applied - start).days, total)
        params = {"extended": period_end, "total": total, "first": first, "applied": applied, "used": used}
        steps.append(_step("suspended", _SUSPENDED_EXTENDED, **params))
    else:
        total = length
        used = min((applied - start).days, length)
        steps.append(_step("suspended", _SUSPENDED, first=first, applied=applied, used=used, length=length))
    remaining = total - used
    # Silence for the answer period counts as a rejection (İYUK 11/2): a later answer does not
    # hold the period back, so it resumes from the earlier, unmoved deemed rejection date.
    silence, _change = get_rule(SUPERIOR_AUTHORITY_ANSWER).length_on(applied)
    deemed = applied + timedelta(days=silence)
    resumed = min(answered, deemed)
    if answered > deemed:
        steps.append(_step("late_answer", _LATE_ANSWER, answered=answered, days=silence, deemed=deemed))
        warnings.append(_step("late_answer", _LATE_ANSWER_WARNING))
    end = resumed + timedelta(days=remaining)
    steps.append(_step("resumed", _RESUMED, answered=resumed, remaining=remaining, end=end))
    if remaining == 0:
        warnings.append(_step("no_days_left", _NO_DAYS_LEFT, answered=resumed))
    return end


def _shift(
    rule: DeadlineRule,
    raw_end: date,
    calendar: TurkishCalendar,
    recess: bool,
    court_unknown: bool,
    steps: list[ExplanationStep],
    warnings: list[ExplanationStep],
) -> date:
    """Apply the judicial recess, then move a non-working last day to the next working day."""
    due = raw_end
    if rule.recess and _in_recess(raw_end):
        if recess:
            due = date(raw_end.year, *RECESS_RUNS_TO)
            steps.append(_step("recess", _RECESS, end=raw_end, due=due))
        elif court_unknown:
            steps.append(_step("recess_unknown", _RECESS_UNKNOWN, end=raw_end))
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


def _month_days(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
