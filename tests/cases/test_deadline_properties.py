"""Properties of every computed deadline, over random rules, dates, courts and admin holidays."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cases.calendar import TurkishCalendar
from cases.deadlines import RULES, Unit, compute_deadline, format_date

DEFAULT_CALENDAR = TurkishCalendar()
# Any date, or one whose periods tend to end around the judicial recess.
starts = st.one_of(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31)),
    st.builds(
        lambda year, offset: date(year, 5, 10) + timedelta(days=offset),
        st.integers(min_value=2024, max_value=2031),
        st.integers(min_value=0, max_value=110),
    ),
)


@st.composite
def calendars(draw: st.DrawFn, near: date) -> TurkishCalendar:
    """The package calendar, sometimes with admin-declared holidays in the weeks after ``near``."""
    offsets = draw(st.sets(st.integers(min_value=0, max_value=130), max_size=25))
    extra = {near + timedelta(days=offset): "Declared holiday" for offset in offsets}
    return TurkishCalendar(extra_holidays=extra) if extra else DEFAULT_CALENDAR


@st.composite
def computations(draw: st.DrawFn):
    # Court-period rules drawn more often, so the recess and suspension are well exercised.
    rule = draw(st.one_of(st.sampled_from(RULES), st.sampled_from([r for r in RULES if r.recess])))
    start = draw(starts)
    calendar = draw(calendars(start))
    recess = draw(st.booleans())
    options = {}
    if rule.suspendable and draw(st.booleans()):
        unsuspended = compute_deadline(rule, start, calendar=calendar, recess=recess)
        applied = draw(st.dates(min_value=start, max_value=unsuspended.due))
        answered = draw(st.dates(min_value=applied, max_value=applied + timedelta(days=200)))
        options = {"applied": applied, "answered": answered}
    result = compute_deadline(rule, start, calendar=calendar, recess=recess, **options)
    return rule, start, calendar, recess, result


@settings(max_examples=300, deadline=None)
@given(computations())
def test_due_date_is_a_working_day(computation):
    rule, _, calendar, _, result = computation
    if rule.event:
        # The day silence becomes a rejection is a fact, not a last day: it is never moved.
        assert result.due == result.raw_end
        return
    assert result.due.weekday() < 5
    assert calendar.holiday_name(result.due) is None
    # Admins only add holidays here, so no official holiday of the package is ever a due date either.
    assert DEFAULT_CALENDAR.holiday_name(result.due) is None


@settings(max_examples=300, deadline=None)
@given(computations())
def test_due_date_is_never_before_the_raw_end_nor_the_start(computation):
    _, start, _, _, result = computation
    assert result.raw_end <= result.due
    assert start < result.raw_end


@settings(max_examples=300, deadline=None)
@given(computations())
def test_explanation_names_every_shift(computation):
    rule, _, calendar, recess, result = computation
    steps = {step.kind: step for step in result.steps}
    text = [step.render() for step in result.steps]
    recess_due = date(result.raw_end.year, 9, 7)
    in_recess = (7, 20) <= (result.raw_end.month, result.raw_end.day) <= (8, 31)
    if rule.recess and recess and in_recess:
        assert steps["recess"].params == {"end": format_date(result.raw_end), "due": format_date(recess_due)}
        shifted_from = recess_due
    else:
        assert "recess" not in steps
        shifted_from = result.raw_end
    assert ("no_recess" in steps) == (rule.recess and not recess and in_recess)
    skipped = [shifted_from + timedelta(days=n) for n in range((result.due - shifted_from).days)]
    named = [step.params["day"] for step in result.steps if step.kind in ("holiday", "weekend")]
    assert named == [format_date(day) for day in skipped]
    for day in skipped:
        assert not calendar.is_working_day(day)
        assert any(format_date(day) in line for line in text)
    assert ("moved" in steps) == bool(skipped)
    assert format_date(result.due) in text[-1]


@settings(max_examples=200, deadline=None)
@given(rule=st.sampled_from([r for r in RULES if r.unit is Unit.WORKING_DAYS]), start=starts)
def test_working_day_rules_count_only_working_days(rule, start):
    result = compute_deadline(rule, start, calendar=DEFAULT_CALENDAR)
    days = [start + timedelta(days=n) for n in range(1, (result.raw_end - start).days + 1)]
    assert sum(DEFAULT_CALENDAR.is_working_day(day) for day in days) == rule.length
    assert result.due == result.raw_end


@settings(max_examples=200, deadline=None)
@given(rule=st.sampled_from([r for r in RULES if r.unit is Unit.DAYS]), start=starts)
def test_day_rules_end_length_days_after_the_trigger_without_suspension(rule, start):
    result = compute_deadline(rule, start, calendar=DEFAULT_CALENDAR)
    assert (result.raw_end - start).days == rule.length_on(start)[0]


@settings(max_examples=300, deadline=None)
@given(
    start=starts,
    applied_after=st.integers(min_value=0, max_value=70),
    wait=st.integers(min_value=0, max_value=120),
    recess=st.booleans(),
)
def test_a_suspension_resumes_on_the_answer_or_the_deemed_rejection_whichever_is_first(
    start, applied_after, wait, recess
):
    unsuspended = compute_deadline("annulment-lawsuit", start, calendar=DEFAULT_CALENDAR, recess=recess)
    applied = min(start + timedelta(days=applied_after), unsuspended.due)
    answered = applied + timedelta(days=wait)
    result = compute_deadline(
        "annulment-lawsuit", start, calendar=DEFAULT_CALENDAR, recess=recess, applied=applied, answered=answered
    )
    silence = 60 if applied < date(2021, 7, 14) else 30
    deemed = applied + timedelta(days=silence)
    count_end = start + timedelta(days=60)
    in_recess = (7, 20) <= (count_end.month, count_end.day) <= (8, 31)
    if recess and in_recess and applied > count_end:
        # Applied in the days the recess adds: what is left of them up to 7 September is left.
        remaining = max((date(count_end.year, 9, 7) - applied).days, 0)
    else:
        remaining = 60 - min((applied - start).days, 60)
    assert result.raw_end == min(answered, deemed) + timedelta(days=remaining)
    kinds = [step.kind for step in result.steps]
    assert ("late_answer" in kinds) == (answered > deemed)
    if answered > deemed:
        assert any(format_date(deemed) in step.render() for step in result.steps if step.kind == "late_answer")
