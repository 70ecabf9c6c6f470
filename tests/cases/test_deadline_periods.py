"""The periods after filing (İYUK 16/3, 27/7, 45, 46, 48/3, 7/4) and the fixes of issue 14, worked by hand.

This table is the record of the new worked examples: each row was counted by hand first (the
comment above it), then checked against the engine. Holiday facts (Law 2429, the `holidays`
package): 2025 Ramazan 30.03–01.04 (eve Sat 29.03), Kurban 06–09.06 (eve Thu 05.06);
2026 Ramazan 20–22.03 (eve Thu 19.03), Kurban 27–30.05 (eve Tue 26.05); 2027 Ramazan 09–11.03
(eve Mon 08.03), Kurban 16–19.05 (eve Sat 15.05); 2028 Ramazan 26–28.02 (eve Fri 25.02), Kurban
05–08.05 (eve Thu 04.05). Fixed: 01.01, 23.04, 01.05, 19.05, 15.07, 30.08, 29.10 (eve 28.10).
"N days from S" ends on S + N (the count starts the day after S). The judicial recess runs
20.07–31.08; a period ending in it runs to 07.09 (İYUK 8/3, 61). ``recess``: True = the court takes
the recess, False = it takes none, None = the competent court is not known yet.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.calendar import TurkishCalendar
from cases.deadlines import RULES, compute_deadline
from cases.errors import DomainError

CALENDAR = TurkishCalendar()
D = date

# (rule, start, options, raw end, due, later date if the court takes the recess, warning kinds)
PERIOD_EXAMPLES = [
    # --- answer to the defence (İYUK 16/3), 30 days ---
    # 02.06.2025 + 30: +28 = 30.06, +2 = 02.07.2025 Wed: a working day.
    ("defence-answer", D(2025, 6, 2), {}, D(2025, 7, 2), D(2025, 7, 2), None, ("caution",)),
    # 25.06.2025 + 30: +5 = 30.06, +25 = 25.07.2025 Fri, in the recess → 07.09.2025 Sun → Mon 08.09.2025.
    ("defence-answer", D(2025, 6, 25), {}, D(2025, 7, 25), D(2025, 9, 8), None, ()),
    # Same, court without recess: 25.07.2025 Fri stays the last day.
    ("defence-answer", D(2025, 6, 25), {"recess": False}, D(2025, 7, 25), D(2025, 7, 25), None, ()),
    # Same, court unknown: the earlier 25.07.2025, with 08.09.2025 named as the date if it takes the recess.
    (
        "defence-answer",
        D(2025, 6, 25),
        {"recess": None},
        D(2025, 7, 25),
        D(2025, 7, 25),
        D(2025, 9, 8),
        ("court_unknown",),
    ),
    # 28.09.2025 + 30: +2 = 30.09, +28 = 28.10.2025 Tue, the half day before Republic Day: warned, not moved.
    ("defence-answer", D(2025, 9, 28), {}, D(2025, 10, 28), D(2025, 10, 28), None, ("half_day",)),
    # 06.02.2027 + 30: +22 = 28.02 (2027 not leap), +8 = 08.03.2027 Mon, Ramazan eve: warned.
    ("defence-answer", D(2027, 2, 6), {}, D(2027, 3, 8), D(2027, 3, 8), None, ("half_day",)),
    # 28.01.2028 + 30: +3 = 31.01, +27 = 27.02.2028 Sun, Ramazan 2; Mon 28 Ramazan 3 → Tue 29.02.2028 (leap day).
    ("defence-answer", D(2028, 1, 28), {}, D(2028, 2, 27), D(2028, 2, 29), None, ()),
    # --- objection to a stay decision (İYUK 27/7), 7 days, no recess extension assumed ---
    # 29.05.2025 + 7 = 05.06.2025 Thu, Kurban eve: warned, not moved.
    ("stay-objection", D(2025, 5, 29), {}, D(2025, 6, 5), D(2025, 6, 5), None, ("half_day", "caution")),
    # 23.03.2025 + 7 = 30.03.2025 Sun, Ramazan 1; Mon 31, Tue 01.04 Ramazan → Wed 02.04.2025.
    ("stay-objection", D(2025, 3, 23), {}, D(2025, 3, 30), D(2025, 4, 2), None, ()),
    # 22.03.2025 + 7 = 29.03.2025 Sat (the eve falls on a Saturday); Sun 30 – Tue 01.04 Ramazan → Wed 02.04.2025.
    ("stay-objection", D(2025, 3, 22), {}, D(2025, 3, 29), D(2025, 4, 2), None, ()),
    # 14.07.2026 + 7 = 21.07.2026 Tue, in the recess: stay matters are heard in it, no extension → 21.07.2026.
    ("stay-objection", D(2026, 7, 14), {}, D(2026, 7, 21), D(2026, 7, 21), None, ()),
    # 08.07.2026 + 7 = 15.07.2026 Wed, Democracy Day → Thu 16.07.2026.
    ("stay-objection", D(2026, 7, 8), {}, D(2026, 7, 15), D(2026, 7, 16), None, ()),
    # 22.02.2028 + 7 = 29.02.2028 Tue, the leap day itself: a working day.
    ("stay-objection", D(2028, 2, 22), {}, D(2028, 2, 29), D(2028, 2, 29), None, ()),
    # --- istinaf (İYUK 45), 30 days ---
    # 02.12.2025 + 30: +29 = 31.12, +1 = 01.01.2026 Thu, New Year → Fri 02.01.2026 (year end).
    ("istinaf", D(2025, 12, 2), {}, D(2026, 1, 1), D(2026, 1, 2), None, ()),
    # 15.12.2025 + 30: +16 = 31.12, +14 = 14.01.2026 Wed.
    ("istinaf", D(2025, 12, 15), {}, D(2026, 1, 14), D(2026, 1, 14), None, ()),
    # 18.02.2026 + 30: +10 = 28.02, +20 = 20.03.2026 Fri, Ramazan 1; Sat 21, Sun 22 Ramazan → Mon 23.03.2026.
    ("istinaf", D(2026, 2, 18), {}, D(2026, 3, 20), D(2026, 3, 23), None, ()),
    # 17.02.2026 + 30: +11 = 28.02, +19 = 19.03.2026 Thu, Ramazan eve: warned.
    ("istinaf", D(2026, 2, 17), {}, D(2026, 3, 19), D(2026, 3, 19), None, ("half_day",)),
    # 27.04.2026 + 30: +3 = 30.04, +27 = 27.05.2026 Wed, Kurban 1; 28, 29, Sat 30 Kurban, Sun 31 → Mon 01.06.2026.
    ("istinaf", D(2026, 4, 27), {}, D(2026, 5, 27), D(2026, 6, 1), None, ()),
    # 16.04.2027 + 30: +14 = 30.04, +16 = 16.05.2027 Sun, Kurban 1; 17, 18, 19 Kurban → Thu 20.05.2027.
    ("istinaf", D(2027, 4, 16), {}, D(2027, 5, 16), D(2027, 5, 20), None, ()),
    # 01.07.2027 + 30 = 31.07.2027 Sat, in the recess → Tue 07.09.2027.
    ("istinaf", D(2027, 7, 1), {}, D(2027, 7, 31), D(2027, 9, 7), None, ()),
    # Same, court without recess: Sat 31.07, Sun 01.08 → Mon 02.08.2027.
    ("istinaf", D(2027, 7, 1), {"recess": False}, D(2027, 7, 31), D(2027, 8, 2), None, ()),
    # Same, court unknown: Mon 02.08.2027, the note names 07.09.2027.
    ("istinaf", D(2027, 7, 1), {"recess": None}, D(2027, 7, 31), D(2027, 8, 2), D(2027, 9, 7), ("court_unknown",)),
    # 31.07.2028 + 30 = 30.08.2028 Wed, Victory Day, inside the recess → Thu 07.09.2028.
    ("istinaf", D(2028, 7, 31), {}, D(2028, 8, 30), D(2028, 9, 7), None, ()),
    # Same, court without recess: 30.08 is a holiday → Thu 31.08.2028.
    ("istinaf", D(2028, 7, 31), {"recess": False}, D(2028, 8, 30), D(2028, 8, 31), None, ()),
    # --- temyiz (İYUK 46), 30 days ---
    # 01.12.2026 + 30 = 31.12.2026 Thu: New Year's Eve is a working day.
    ("temyiz", D(2026, 12, 1), {}, D(2026, 12, 31), D(2026, 12, 31), None, ("unverified", "caution")),
    # 03.12.2026 + 30: +28 = 31.12, +2 = 02.01.2027 Sat; Sun 03 → Mon 04.01.2027.
    ("temyiz", D(2026, 12, 3), {}, D(2027, 1, 2), D(2027, 1, 4), None, ()),
    # 07.02.2027 + 30: +21 = 28.02, +9 = 09.03.2027 Tue, Ramazan 1; 10, 11 Ramazan → Fri 12.03.2027.
    ("temyiz", D(2027, 2, 7), {}, D(2027, 3, 9), D(2027, 3, 12), None, ()),
    # 30.01.2028 + 30: +1 = 31.01, +29 = 29.02.2028 Tue (leap day).
    ("temyiz", D(2028, 1, 30), {}, D(2028, 2, 29), D(2028, 2, 29), None, ()),
    # 29.09.2025 + 30: +1 = 30.09, +29 = 29.10.2025 Wed, Republic Day → Thu 30.10.2025.
    ("temyiz", D(2025, 9, 29), {}, D(2025, 10, 29), D(2025, 10, 30), None, ()),
    # --- answer to an appeal petition (İYUK 48/3), 30 days ---
    # 07.05.2025 + 30: +24 = 31.05, +6 = 06.06.2025 Fri, Kurban 1; Sat 7 – Mon 9 Kurban → Tue 10.06.2025.
    ("appeal-answer", D(2025, 5, 7), {}, D(2025, 6, 6), D(2025, 6, 10), None, ()),
    # 26.04.2026 + 30: +4 = 30.04, +26 = 26.05.2026 Tue, Kurban eve: warned.
    ("appeal-answer", D(2026, 4, 26), {}, D(2026, 5, 26), D(2026, 5, 26), None, ("half_day",)),
    # 15.04.2027 + 30: +15 = 30.04, +15 = 15.05.2027 Sat (Kurban eve on a Saturday); Sun 16 – Wed 19 Kurban
    # → Thu 20.05.2027.
    ("appeal-answer", D(2027, 4, 15), {}, D(2027, 5, 15), D(2027, 5, 20), None, ()),
    # 26.01.2028 + 30: +5 = 31.01, +25 = 25.02.2028 Fri, Ramazan eve: warned.
    ("appeal-answer", D(2028, 1, 26), {}, D(2028, 2, 25), D(2028, 2, 25), None, ("half_day",)),
    # --- lawsuit against a regulation (İYUK 7/4), 60 days from the day after publication ---
    # Published 01.03.2028: +30 = 31.03, +30 = 30.04.2028 Sun; Mon 01.05 Labour Day → Tue 02.05.2028.
    ("regulation-lawsuit", D(2028, 3, 1), {}, D(2028, 4, 30), D(2028, 5, 2), None, ("unverified",)),
    # Published 06.03.2028: +25 = 31.03, +30 = 30.04 (55), +5 = 05.05.2028 Fri, Kurban 1; Sat 6 – Mon 8 Kurban
    # → Tue 09.05.2028.
    ("regulation-lawsuit", D(2028, 3, 6), {}, D(2028, 5, 5), D(2028, 5, 9), None, ()),
    # Published 01.06.2025: +29 = 30.06, +31 = 31.07.2025 Thu, in the recess → 07.09.2025 Sun → Mon 08.09.2025.
    ("regulation-lawsuit", D(2025, 6, 1), {}, D(2025, 7, 31), D(2025, 9, 8), None, ()),
    # --- the 4-month cap of İYUK 10/2 after a non-final answer (an event: not moved) ---
    # Applied 31.10.2026 + 4 months = 31.02.2027, which does not exist: the last day of February, Sun 28.02.2027.
    ("waiting-cap", D(2026, 10, 31), {}, D(2027, 2, 28), D(2027, 2, 28), None, ("followed_by", "caution")),
    # Applied 15.03.2028 + 4 months = 15.07.2028 Sat, Democracy Day: the wait ends that day all the same.
    ("waiting-cap", D(2028, 3, 15), {}, D(2028, 7, 15), D(2028, 7, 15), None, ("followed_by",)),
    # --- the annulment lawsuit when the court is not known (issue 14, first defect) ---
    # Notified 10.06.2026: +20 = 30.06, +31 = 31.07 (51), +9 = 09.08.2026 Sun, in the recess. Court unknown:
    # no extension, Sun → Mon 10.08.2026; if the court takes the recess: 07.09.2026 Mon.
    (
        "annulment-lawsuit",
        D(2026, 6, 10),
        {"recess": None},
        D(2026, 8, 9),
        D(2026, 8, 10),
        D(2026, 9, 7),
        ("court_unknown",),
    ),
    # Notified 20.06.2028: +10 = 30.06, +31 = 31.07 (41), +19 = 19.08.2028 Sat; unknown court → Mon 21.08.2028;
    # with the recess 07.09.2028 Thu.
    (
        "annulment-lawsuit",
        D(2028, 6, 20),
        {"recess": None},
        D(2028, 8, 19),
        D(2028, 8, 21),
        D(2028, 9, 7),
        ("court_unknown",),
    ),
    # Court unknown but the period ends outside the recess: 16.09.2025 + 60 = 15.11.2025 Sat → Mon 17.11.2025,
    # the same either way, so no note.
    ("annulment-lawsuit", D(2025, 9, 16), {"recess": None}, D(2025, 11, 15), D(2025, 11, 17), None, ()),
    # --- İYUK 11 inside the recess extension (issue 14, second defect) ---
    # Notified Thu 21.05.2026: +10 = 31.05, +30 = 30.06, +20 = 20.07.2026 Mon, in the recess → Mon 07.09.2026.
    # The extension belongs to the period: 22.05–07.09 is 10 + 30 + 31 + 31 + 7 = 109 days. Applied to the
    # superior authority Thu 03.09.2026: 22.05–03.09 = 10 + 30 + 31 + 31 + 3 = 105 used (the application day
    # counts), 4 left (04, 05, 06, 07.09). Answered Sun 20.09.2026 (before the deemed rejection on
    # 03.10.2026): the 4 days run 21–24.09 → Thu 24.09.2026.
    (
        "annulment-lawsuit",
        D(2026, 5, 21),
        {"applied": D(2026, 9, 3), "answered": D(2026, 9, 20)},
        D(2026, 9, 24),
        D(2026, 9, 24),
        None,
        (),
    ),
    # Notified Wed 02.06.2027: +28 = 30.06, +31 = 31.07 (59), +1 = 01.08.2027 Sun, in the recess → Tue
    # 07.09.2027. 03.06–07.09 = 28 + 31 + 31 + 7 = 97 days; applied Wed 01.09.2027: 28 + 31 + 31 + 1 = 91 used,
    # 6 left (02–07.09). Answered Wed 15.09.2027: 16–21.09 → Tue 21.09.2027.
    (
        "annulment-lawsuit",
        D(2027, 6, 2),
        {"applied": D(2027, 9, 1), "answered": D(2027, 9, 15)},
        D(2027, 9, 21),
        D(2027, 9, 21),
        None,
        (),
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "start", "options", "raw_end", "due", "later", "warning_kinds"),
    PERIOD_EXAMPLES,
    ids=[f"{row[0]}-{row[1].isoformat()}-{'-'.join(map(str, row[2].values()))}" for row in PERIOD_EXAMPLES],
)
def test_period_worked_example(rule_id, start, options, raw_end, due, later, warning_kinds):
    result = compute_deadline(rule_id, start, calendar=CALENDAR, **options)
    assert (result.raw_end, result.due, result.later_if_recess) == (raw_end, due, later)
    kinds = [w.kind for w in result.warnings]
    for kind in warning_kinds:
        assert kind in kinds
    assert ("half_day" in kinds) == ("half_day" in warning_kinds)
    assert ("court_unknown" in kinds) == (later is not None)


def test_period_examples_cover_the_required_ground():
    assert len(PERIOD_EXAMPLES) >= 30
    years = {row[1].year for row in PERIOD_EXAMPLES} | {row[4].year for row in PERIOD_EXAMPLES}
    assert {2025, 2026, 2027, 2028} <= years
    new_rules = {
        "defence-answer",
        "stay-objection",
        "istinaf",
        "temyiz",
        "appeal-answer",
        "regulation-lawsuit",
        "waiting-cap",
    }
    assert new_rules <= {row[0] for row in PERIOD_EXAMPLES}
    assert any(row[2].get("recess") is False for row in PERIOD_EXAMPLES)
    assert any("recess" in row[2] and row[2]["recess"] is None for row in PERIOD_EXAMPLES)
    assert any(row[4] == D(2028, 2, 29) for row in PERIOD_EXAMPLES)


def test_unknown_court_pins_the_earlier_date_and_names_the_later():
    result = compute_deadline("annulment-lawsuit", D(2026, 6, 10), calendar=CALENDAR, recess=None)
    assert result.due == D(2026, 8, 10)
    note = next(w for w in result.warnings if w.kind == "court_unknown").render()
    assert "10.08.2026" in note and "07.09.2026" in note
    step = next(s for s in result.steps if s.kind == "recess_unknown").render()
    assert "not known" in step


def test_the_resumed_period_states_the_days_that_remained():
    result = compute_deadline(
        "annulment-lawsuit", D(2026, 5, 21), calendar=CALENDAR, applied=D(2026, 9, 3), answered=D(2026, 9, 20)
    )
    suspended = next(s for s in result.steps if s.kind == "suspended")
    assert suspended.params == {
        "extended": "07.09.2026",
        "total": 109,
        "first": "22.05.2026",
        "applied": "03.09.2026",
        "used": 105,
    }
    resumed = next(s for s in result.steps if s.kind == "resumed")
    assert resumed.params["remaining"] == 4
    assert "no_days_left" not in [w.kind for w in result.warnings]


def test_an_application_in_time_only_with_the_recess_asks_for_the_court():
    # Court unknown: without the recess the period ended on 20.07.2026, so 03.09.2026 is in time only if
    # the competent court takes the recess. The engine refuses to guess.
    with pytest.raises(DomainError, match="record the court first"):
        compute_deadline(
            "annulment-lawsuit",
            D(2026, 5, 21),
            calendar=CALENDAR,
            recess=None,
            applied=D(2026, 9, 3),
            answered=D(2026, 9, 20),
        )


def test_deemed_rejection_is_the_day_silence_becomes_rejection_not_a_last_day():
    # Applied Thu 15.01.2026: +16 = 31.01, +14 = 14.02.2026 Sat. The rejection happens that Saturday; only
    # the lawsuit period that runs from it (to Wed 15.04.2026) is a last day.
    result = compute_deadline("deemed-rejection", D(2026, 1, 15), calendar=CALENDAR)
    assert result.due == D(2026, 2, 14)
    assert result.steps[-1].kind == "due"
    assert "counts as a rejection on 14.02.2026" in result.steps[-1].render()
    assert "Last day" not in result.steps[-1].render()
    then = next(w for w in result.warnings if w.kind == "followed_by")
    assert then.params["due"] == "15.04.2026"


def test_deemed_rejection_with_unknown_court_chains_the_earlier_lawsuit_date():
    # Applied 22.05.2026: deemed rejected 21.06.2026 Sun; 60 days: +9 = 30.06, +31 = 31.07, +20 = 20.08.2026
    # Thu, in the recess. Court unknown: 20.08.2026, with 07.09.2026 named.
    result = compute_deadline("deemed-rejection", D(2026, 5, 22), calendar=CALENDAR, recess=None)
    assert [w.params["due"] for w in result.warnings if w.kind == "followed_by"] == ["20.08.2026"]
    assert [w.params["later"] for w in result.warnings if w.kind == "court_unknown"] == ["07.09.2026"]


# Properties -------------------------------------------------------------------------------

starts = st.one_of(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31)),
    st.builds(
        lambda year, offset: date(year, 5, 10) + timedelta(days=offset),
        st.integers(min_value=2024, max_value=2031),
        st.integers(min_value=0, max_value=110),
    ),
)
DAY_RULES = [rule for rule in RULES if rule.unit.value == "days" and not rule.event]


def latest_lawful_day(rule, start: date, calendar: TurkishCalendar) -> date:
    """An independent reckoning of the latest day the law allows (the court takes the recess)."""
    day = start + timedelta(days=rule.length_on(start)[0])
    if rule.recess and (7, 20) <= (day.month, day.day) <= (8, 31):
        day = date(day.year, 9, 7)
    while day.weekday() >= 5 or calendar.is_holiday(day):
        day += timedelta(days=1)
    return day


@settings(max_examples=300, deadline=None)
@given(rule=st.sampled_from(DAY_RULES), start=starts, recess=st.sampled_from([True, False, None]))
def test_a_proposal_is_never_later_than_the_latest_lawful_day(rule, start, recess):
    result = compute_deadline(rule, start, calendar=CALENDAR, recess=recess)
    latest = latest_lawful_day(rule, start, CALENDAR)
    assert result.due <= latest
    if recess is True:
        assert result.due == latest


@settings(max_examples=300, deadline=None)
@given(rule=st.sampled_from(RULES), start=starts)
def test_an_unknown_court_never_yields_the_later_of_the_two_dates(rule, start):
    unknown = compute_deadline(rule, start, calendar=CALENDAR, recess=None)
    without = compute_deadline(rule, start, calendar=CALENDAR, recess=False)
    with_recess = compute_deadline(rule, start, calendar=CALENDAR, recess=True)
    assert unknown.due == min(without.due, with_recess.due) == without.due
    if with_recess.due != without.due:
        assert unknown.later_if_recess == with_recess.due
    else:
        assert unknown.later_if_recess is None
