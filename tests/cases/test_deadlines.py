"""Deadline rules and their computation, checked against worked examples counted by hand.

Holiday facts used below (Law 2429 via the `holidays` package, checked by hand):
2025 Ramazan 30.03–01.04 (Sun–Tue, eve Sat 29.03), Kurban 06–09.06 (Fri–Mon, eve Thu 05.06);
2026 Ramazan 20–22.03 (Fri–Sun, eve Thu 19.03), Kurban 27–30.05 (Wed–Sat, eve Tue 26.05);
2027 Ramazan 09–11.03 (Tue–Thu, eve Mon 08.03), Kurban 16–19.05 (Sun–Wed, eve Sat 15.05);
2028 Ramazan 26–28.02 (Sat–Mon, eve Fri 25.02), Kurban 05–08.05 (Fri–Mon, eve Thu 04.05).
Counting: "N days from S" ends on S + N (the count starts the day after S).
"""

from datetime import date, datetime

import pytest

from cases.calendar import TurkishCalendar
from cases.deadlines import (
    RULES,
    RULES_BY_ID,
    DeadlineRule,
    ExplanationStep,
    Mark,
    Unit,
    compute_deadline,
    earliest,
    earliest_last_day_affected,
    explain_lines,
    format_date,
    get_rule,
    rules_for_case,
)
from cases.errors import DomainError
from cases.vocabulary import ASSISTANCE_CATEGORIES, CaseKind, Category

CALENDAR = TurkishCalendar()
D = date

# (rule, start, options, raw end, due, warning kinds expected) — every date counted by hand.
WORKED_EXAMPLES = [
    # --- plain counts and weekends ---
    # 06.01.2025 Mon + 7 = 13.01.2025 Mon: a working day, no shift.
    ("disciplinary-objection", D(2025, 1, 6), {}, D(2025, 1, 13), D(2025, 1, 13), ()),
    # 16.09.2025 + 60: Sep 16+14 = 30.09 (14), +31 = 31.10 (45), +15 = 15.11.2025 Sat; Sun 16 → Mon 17.11.
    ("annulment-lawsuit", D(2025, 9, 16), {}, D(2025, 11, 15), D(2025, 11, 17), ()),
    # 03.07.2026 + 60: Jul 3+28 = 31.07 (28), +31 = 31.08 (59), +1 = 01.09.2026 Tue: after the recess.
    ("annulment-lawsuit", D(2026, 7, 3), {}, D(2026, 9, 1), D(2026, 9, 1), ()),
    # --- fixed holidays ---
    # 02.12.2025 + 30 = 01.01.2026 Thu, New Year → Fri 02.01.2026.
    ("tax-lawsuit", D(2025, 12, 2), {}, D(2026, 1, 1), D(2026, 1, 2), ()),
    # 16.04.2026 + 7 = 23.04.2026 Thu, National Sovereignty Day → Fri 24.04.2026.
    ("disciplinary-objection", D(2026, 4, 16), {}, D(2026, 4, 23), D(2026, 4, 24), ()),
    # 24.04.2026 + 7 = 01.05.2026 Fri, Labour Day; Sat 2, Sun 3 → Mon 04.05.2026.
    ("disciplinary-objection", D(2026, 4, 24), {}, D(2026, 5, 1), D(2026, 5, 4), ()),
    # 12.05.2025 + 7 = 19.05.2025 Mon, Youth and Sports Day → Tue 20.05.2025.
    ("disciplinary-objection", D(2025, 5, 12), {}, D(2025, 5, 19), D(2025, 5, 20), ()),
    # 16.05.2025 + 60: +15 = 31.05, +30 = 30.06 (45), +15 = 15.07.2025 Tue, Democracy Day → Wed 16.07.
    ("annulment-lawsuit", D(2025, 5, 16), {}, D(2025, 7, 15), D(2025, 7, 16), ()),
    # 23.08.2028 + 7 = 30.08.2028 Wed, Victory Day → Thu 31.08.2028 (no recess for an objection).
    ("disciplinary-objection", D(2028, 8, 23), {}, D(2028, 8, 30), D(2028, 8, 31), ()),
    # 14.10.2027 + 15 = 29.10.2027 Fri, Republic Day; Sat 30, Sun 31 → Mon 01.11.2027.
    ("information-objection", D(2027, 10, 14), {}, D(2027, 10, 29), D(2027, 11, 1), ()),
    # 21.10.2026 + 7 = 28.10.2026 Wed, the half day before Republic Day: not extended, warned.
    ("disciplinary-objection", D(2026, 10, 21), {}, D(2026, 10, 28), D(2026, 10, 28), ("half_day",)),
    # --- Ramazan Bayramı and its eve ---
    # 23.03.2025 + 7 = 30.03.2025 Sun, Ramazan 1; Mon 31, Tue 01.04 Ramazan → Wed 02.04.2025.
    ("disciplinary-objection", D(2025, 3, 23), {}, D(2025, 3, 30), D(2025, 4, 2), ()),
    # 13.03.2026 + 7 = 20.03.2026 Fri, Ramazan 1; Sat 21, Sun 22 Ramazan → Mon 23.03.2026.
    ("disciplinary-objection", D(2026, 3, 13), {}, D(2026, 3, 20), D(2026, 3, 23), ()),
    # 12.03.2026 + 7 = 19.03.2026 Thu, Ramazan eve (half day): not extended, warned.
    ("disciplinary-objection", D(2026, 3, 12), {}, D(2026, 3, 19), D(2026, 3, 19), ("half_day",)),
    # 02.03.2027 + 7 = 09.03.2027 Tue, Ramazan 1; Wed 10, Thu 11 Ramazan → Fri 12.03.2027.
    ("disciplinary-objection", D(2027, 3, 2), {}, D(2027, 3, 9), D(2027, 3, 12), ()),
    # 01.03.2027 + 7 = 08.03.2027 Mon, Ramazan eve: warned.
    ("disciplinary-objection", D(2027, 3, 1), {}, D(2027, 3, 8), D(2027, 3, 8), ("half_day",)),
    # 18.02.2028 + 7 = 25.02.2028 Fri, Ramazan eve: warned.
    ("disciplinary-objection", D(2028, 2, 18), {}, D(2028, 2, 25), D(2028, 2, 25), ("half_day",)),
    # --- Kurban Bayramı and its eve ---
    # 07.05.2025 + 30: +24 = 31.05, +6 = 06.06.2025 Fri, Kurban 1; Sat 7–Mon 9 Kurban → Tue 10.06.2025.
    ("tax-lawsuit", D(2025, 5, 7), {}, D(2025, 6, 6), D(2025, 6, 10), ()),
    # 29.05.2025 + 7 = 05.06.2025 Thu, Kurban eve: warned.
    ("disciplinary-objection", D(2025, 5, 29), {}, D(2025, 6, 5), D(2025, 6, 5), ("half_day",)),
    # 12.05.2026 + 15 = 27.05.2026 Wed, Kurban 1; 28, 29, Sat 30 Kurban, Sun 31 → Mon 01.06.2026.
    ("information-objection", D(2026, 5, 12), {}, D(2026, 5, 27), D(2026, 6, 1), ()),
    # 19.05.2026 + 7 = 26.05.2026 Tue, Kurban eve: warned.
    ("disciplinary-objection", D(2026, 5, 19), {}, D(2026, 5, 26), D(2026, 5, 26), ("half_day",)),
    # 10.05.2027 + 7 = 17.05.2027 Mon, Kurban 2; Tue 18, Wed 19 (Kurban and 19 May) → Thu 20.05.2027.
    ("disciplinary-objection", D(2027, 5, 10), {}, D(2027, 5, 17), D(2027, 5, 20), ()),
    # 08.05.2027 + 7 = 15.05.2027, the Kurban eve but a Saturday: moved with the holiday to Thu 20.05.
    ("disciplinary-objection", D(2027, 5, 8), {}, D(2027, 5, 15), D(2027, 5, 20), ()),
    # 20.04.2028 + 15 = 05.05.2028 Fri, Kurban 1; Sat 6, Sun 7, Mon 8 Kurban → Tue 09.05.2028.
    ("information-objection", D(2028, 4, 20), {}, D(2028, 5, 5), D(2028, 5, 9), ()),
    # --- the judicial recess, and a court without one ---
    # 01.06.2025 + 60: +29 = 30.06, +31 = 31.07.2025 Thu: in the recess → 07.09.2025 Sun → Mon 08.09.
    ("annulment-lawsuit", D(2025, 6, 1), {}, D(2025, 7, 31), D(2025, 9, 8), ()),
    # Same, court without recess: 31.07.2025 Thu is a working day.
    ("annulment-lawsuit", D(2025, 6, 1), {"recess": False}, D(2025, 7, 31), D(2025, 7, 31), ()),
    # 01.07.2026 + 60: +30 = 31.07, +30 = 30.08.2026 Sun (Victory Day): in the recess → Mon 07.09.2026.
    ("annulment-lawsuit", D(2026, 7, 1), {}, D(2026, 8, 30), D(2026, 9, 7), ()),
    # Same, court without recess: Sun 30.08 (Victory Day) → Mon 31.08.2026.
    ("annulment-lawsuit", D(2026, 7, 1), {"recess": False}, D(2026, 8, 30), D(2026, 8, 31), ()),
    # 20.05.2026 + 60: +11 = 31.05, +30 = 30.06 (41), +19 = 19.07.2026 Sun: before the recess;
    # moved to Mon 20.07, the recess's first day — not extended again, warned.
    ("annulment-lawsuit", D(2026, 5, 20), {}, D(2026, 7, 19), D(2026, 7, 20), ("moved_into_recess",)),
    # 19.06.2027 + 30: +11 = 30.06, +19 = 19.07.2027 Mon: the day before the recess, no extension.
    ("tax-lawsuit", D(2027, 6, 19), {}, D(2027, 7, 19), D(2027, 7, 19), ()),
    # 20.06.2028 + 30: +10 = 30.06, +20 = 20.07.2028 Thu: the recess's first day → Thu 07.09.2028.
    ("tax-lawsuit", D(2028, 6, 20), {}, D(2028, 7, 20), D(2028, 9, 7), ()),
    # 21.07.2027 + 30: +10 = 31.07, +20 = 20.08.2027 Fri: in the recess → Tue 07.09.2027.
    ("tax-lawsuit", D(2027, 7, 21), {}, D(2027, 8, 20), D(2027, 9, 7), ()),
    # Same, tax court without recess: Fri 20.08.2027 is a working day.
    ("tax-lawsuit", D(2027, 7, 21), {"recess": False}, D(2027, 8, 20), D(2027, 8, 20), ()),
    # 01.08.2028 + 30 = 31.08.2028 Thu: the recess's last day → Thu 07.09.2028.
    ("tax-lawsuit", D(2028, 8, 1), {}, D(2028, 8, 31), D(2028, 9, 7), ()),
    # --- year ends ---
    # 01.11.2026 + 60: +29 = 30.11, +31 = 31.12.2026 Thu: a working day.
    ("annulment-lawsuit", D(2026, 11, 1), {}, D(2026, 12, 31), D(2026, 12, 31), ()),
    # 02.11.2027 + 60: +28 = 30.11, +32 = 01.01.2028 Sat, New Year; Sun 2 → Mon 03.01.2028.
    ("annulment-lawsuit", D(2027, 11, 2), {}, D(2028, 1, 1), D(2028, 1, 3), ()),
    # 25.12.2027 (Sat) + 7 = 01.01.2028 Sat, New Year; Sun 2 → Mon 03.01.2028.
    ("disciplinary-objection", D(2027, 12, 25), {}, D(2028, 1, 1), D(2028, 1, 3), ()),
    # 17.12.2028 + 15: +14 = 31.12, +1 = 01.01.2029 Mon, New Year → Tue 02.01.2029.
    ("information-objection", D(2028, 12, 17), {}, D(2029, 1, 1), D(2029, 1, 2), ()),
    # --- the leap day of 2028 ---
    # 15.01.2028 + 60: +16 = 31.01, +29 = 29.02 (45), +15 = 15.03.2028 Wed.
    ("annulment-lawsuit", D(2028, 1, 15), {}, D(2028, 3, 15), D(2028, 3, 15), ()),
    # 15.01.2027 + 60: +16 = 31.01, +28 = 28.02 (44), +16 = 16.03.2027 Tue (no leap day).
    ("annulment-lawsuit", D(2027, 1, 15), {}, D(2027, 3, 16), D(2027, 3, 16), ()),
    # 27.01.2028 + 30: +4 = 31.01, +26 = 26.02.2028 Sat, Ramazan 1; Sun 27, Mon 28 → Tue 29.02.2028.
    ("tax-lawsuit", D(2028, 1, 27), {}, D(2028, 2, 26), D(2028, 2, 29), ()),
    # One year from 29.02.2028: 2029 has no 29 February → 28.02.2029 Wed (earlier reading).
    ("damages-application", D(2028, 2, 29), {}, D(2029, 2, 28), D(2029, 2, 28), ("caution",)),
    # One year from 28.02.2027 = 28.02.2028 Mon, Ramazan 3 → Tue 29.02.2028.
    ("damages-application", D(2027, 2, 28), {}, D(2028, 2, 28), D(2028, 2, 29), ("caution",)),
    # One year from 10.03.2026 = 10.03.2027 Wed, Ramazan 2; Thu 11 Ramazan 3 → Fri 12.03.2027.
    ("damages-application", D(2026, 3, 10), {}, D(2027, 3, 10), D(2027, 3, 12), ("caution",)),
    # One year from 05.10.2026 = 05.10.2027 Tue: a working day.
    ("damages-application", D(2026, 10, 5), {}, D(2027, 10, 5), D(2027, 10, 5), ("caution",)),
    # --- working days (Law 4982) ---
    # From Wed 20.05.2026: 21, 22, 25, 26 (eve, a working day) = 4; 27–30 Kurban, 31 Sun;
    # 01–05.06 = 9; 08–12.06 = 14; Mon 15.06.2026 = 15.
    ("information-answer", D(2026, 5, 20), {}, D(2026, 6, 15), D(2026, 6, 15), ()),
    # From Wed 24.12.2025: 25, 26, 29, 30, 31 = 5; 01.01 holiday; 02 = 6; 05–09 = 11; 12–15.01.2026 = 15.
    ("information-answer", D(2025, 12, 24), {}, D(2026, 1, 15), D(2026, 1, 15), ()),
    # From Sat 29.04.2028: 01.05 holiday; 2, 3, 4 (eve) = 3; 5 and 8 Kurban; 9–12 = 7; 15–18 = 11;
    # 19.05 holiday; 22, 23, 24, 25.05.2028 Thu = 15.
    ("information-answer", D(2028, 4, 29), {}, D(2028, 5, 25), D(2028, 5, 25), ()),
    # From Thu 12.03.2026: 13 = 1; 16, 17, 18, 19 (Ramazan eve, a working day) = 5; Fri 20.03 Ramazan;
    # 23–27 = 10; 30, 31 = 12; 01, 02, Fri 03.04.2026 = 15.
    ("information-answer", D(2026, 3, 12), {}, D(2026, 4, 3), D(2026, 4, 3), ()),
    # From Thu 01.04.2027, 30 working days: 2 = 1; 5–9 = 6; 12–16 = 11; 19–22 = 15; 23.04 holiday;
    # 26–30 = 20; 03–07.05 = 25; 10–14.05.2027 Fri = 30.
    ("information-answer-extended", D(2027, 4, 1), {}, D(2027, 5, 14), D(2027, 5, 14), ("caution",)),
    # --- deemed rejection before and after Law 7331 ---
    # Applied 13.07.2021, before 14.07.2021: 60 days: +18 = 31.07, +31 = 31.08, +11 = 11.09.2021 Sat.
    # The silence becomes a rejection that Saturday: not a last day, so not moved.
    ("deemed-rejection", D(2021, 7, 13), {}, D(2021, 9, 11), D(2021, 9, 11), ("followed_by",)),
    # Applied 14.07.2021: 30 days: +17 = 31.07, +13 = 13.08.2021 Fri.
    ("deemed-rejection", D(2021, 7, 14), {}, D(2021, 8, 13), D(2021, 8, 13), ()),
    # Applied 15.01.2026: +16 = 31.01, +14 = 14.02.2026 Sat: rejected by silence that day (not moved).
    ("deemed-rejection", D(2026, 1, 15), {}, D(2026, 2, 14), D(2026, 2, 14), ("followed_by",)),
    # Applied 08.05.2025: +23 = 31.05, +7 = 07.06.2025 Sat, Kurban 2: rejected by silence that day.
    ("deemed-rejection", D(2025, 5, 8), {}, D(2025, 6, 7), D(2025, 6, 7), ("followed_by",)),
    # Superior authority applied 24.05.2027: +7 = 31.05, +23 = 23.06.2027 Wed (deemed rejection).
    (
        "superior-authority-answer",
        D(2027, 5, 24),
        {},
        D(2027, 6, 23),
        D(2027, 6, 23),
        ("unverified", "caution"),
    ),
    # --- suspension by an application to the superior authority (İYUK 11) ---
    # Notified 02.03.2026; applied 31.03: 03.03–31.03 = 29 days used, 31 left; answered 28.04.2026:
    # +2 = 30.04, +29 = 29.05.2026 Fri, Kurban 3; Sat 30 Kurban 4, Sun 31 → Mon 01.06.2026.
    (
        "annulment-lawsuit",
        D(2026, 3, 2),
        {"applied": D(2026, 3, 31), "answered": D(2026, 4, 28)},
        D(2026, 5, 29),
        D(2026, 6, 1),
        (),
    ),
    # Same, but answered only on 04.05.2026: 31.03 + 30 = 30.04.2026, when the silence already counted
    # as a rejection (İYUK 11/2), so the 31 days resume from 30.04: +31 = 31.05.2026 Sun → Mon 01.06.
    (
        "annulment-lawsuit",
        D(2026, 3, 2),
        {"applied": D(2026, 3, 31), "answered": D(2026, 5, 4)},
        D(2026, 5, 31),
        D(2026, 6, 1),
        ("late_answer",),
    ),
    # Notified 13.01.2025; applied 12.02: 14.01–12.02 = 30 used, 30 left; answered 10.03.2025:
    # +21 = 31.03 (Ramazan 2), +9 = 09.04.2025 Wed (the Ramazan days inside the period count).
    (
        "annulment-lawsuit",
        D(2025, 1, 13),
        {"applied": D(2025, 2, 12), "answered": D(2025, 3, 10)},
        D(2025, 4, 9),
        D(2025, 4, 9),
        (),
    ),
    # Notified 03.05.2027; applied 24.05: 04.05–24.05 = 21 used, 39 left; deemed rejected 23.06.2027:
    # +7 = 30.06, +31 = 31.07 (38), +1 = 01.08.2027 Sun: in the recess → Tue 07.09.2027.
    (
        "annulment-lawsuit",
        D(2027, 5, 3),
        {"applied": D(2027, 5, 24), "answered": D(2027, 6, 23)},
        D(2027, 8, 1),
        D(2027, 9, 7),
        (),
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "start", "options", "raw_end", "due", "warning_kinds"),
    WORKED_EXAMPLES,
    ids=[f"{row[0]}-{row[1].isoformat()}-{'-'.join(map(str, row[2].values()))}" for row in WORKED_EXAMPLES],
)
def test_worked_example(rule_id, start, options, raw_end, due, warning_kinds):
    result = compute_deadline(rule_id, start, calendar=CALENDAR, **options)
    assert (result.raw_end, result.due) == (raw_end, due)
    kinds = [w.kind for w in result.warnings]
    for kind in warning_kinds:
        assert kind in kinds
    assert ("half_day" in kinds) == ("half_day" in warning_kinds)


def test_worked_examples_cover_the_required_ground():
    assert len(WORKED_EXAMPLES) >= 30
    years = {row[1].year for row in WORKED_EXAMPLES} | {row[4].year for row in WORKED_EXAMPLES}
    assert {2025, 2026, 2027, 2028} <= years
    # The periods after filing have their own table in test_deadline_periods.py.
    after_filing = {
        "defence-answer",
        "stay-objection",
        "istinaf",
        "temyiz",
        "appeal-answer",
        "regulation-lawsuit",
        "waiting-cap",
    }
    assert {row[0] for row in WORKED_EXAMPLES} == set(RULES_BY_ID) - after_filing


def test_admin_added_holiday_moves_the_last_day():
    # 01.09.2026 Tue would be the last day (see above); an admin declares it a holiday.
    calendar = TurkishCalendar(extra_holidays={D(2026, 9, 1): "Declared holiday"})
    result = compute_deadline("annulment-lawsuit", D(2026, 7, 3), calendar=calendar)
    assert result.due == D(2026, 9, 2)
    assert "01.09.2026 is Declared holiday, an official holiday." in explain_lines(result)


def test_admin_removed_holiday_no_longer_moves_the_last_day():
    calendar = TurkishCalendar(removed_holidays=[D(2026, 4, 23)])
    result = compute_deadline("disciplinary-objection", D(2026, 4, 16), calendar=calendar)
    assert result.due == D(2026, 4, 23)


def test_explanation_of_a_plain_count():
    result = compute_deadline("annulment-lawsuit", D(2026, 7, 3), calendar=CALENDAR)
    assert explain_lines(result) == [
        "60 days from 03.07.2026 is 01.09.2026 (counting starts the next day).",
        "Last day: 01.09.2026. Check it before relying on it.",
    ]


def test_explanation_names_the_recess_and_each_skipped_day():
    result = compute_deadline("annulment-lawsuit", D(2025, 6, 1), calendar=CALENDAR)
    assert explain_lines(result) == [
        "60 days from 01.06.2025 is 31.07.2025 (counting starts the next day).",
        "31.07.2025 falls in the judicial recess (20 July – 31 August), so the period runs to 07.09.2025 "
        "(İYUK art. 8/3 and 61).",
        "07.09.2025 is a Sunday, not a working day.",
        "A last day that is not a working day moves to the next working day (İYUK art. 8): 08.09.2025.",
        "Last day: 08.09.2025. Check it before relying on it.",
    ]


def test_explanation_names_religious_holidays():
    result = compute_deadline("information-objection", D(2026, 5, 12), calendar=CALENDAR)
    lines = explain_lines(result)
    assert "27.05.2026 is Kurban Bayramı, an official holiday." in lines
    assert "30.05.2026 is Kurban Bayramı, an official holiday." in lines
    assert "31.05.2026 is a Sunday, not a working day." in lines
    assert "A last day that is not a working day moves to the next working day (İYUK art. 8): 01.06.2026." in lines


def test_court_without_recess_is_explained():
    result = compute_deadline("tax-lawsuit", D(2027, 7, 21), calendar=CALENDAR, recess=False)
    line = explain_lines(result)[1]
    assert line.startswith("20.08.2027 falls in the judicial recess (20 July – 31 August), but this court")
    assert line.endswith("has no recess: no extension.")


def test_half_day_eve_warns_to_file_before_one_pm():
    result = compute_deadline("disciplinary-objection", D(2026, 5, 19), calendar=CALENDAR)
    warning = next(w for w in result.warnings if w.kind == "half_day")
    assert warning.params["due"] == "26.05.2026"
    assert "13:00" in warning.render()


def test_deemed_rejection_explains_which_length_applies():
    old = compute_deadline("deemed-rejection", D(2021, 7, 13), calendar=CALENDAR)
    new = compute_deadline("deemed-rejection", D(2026, 1, 15), calendar=CALENDAR)
    assert explain_lines(old)[0] == (
        "The trigger on 13.07.2021 is before 14.07.2021 (Law 7331): the older 60-day period applies."
    )
    assert explain_lines(new)[0] == (
        "The trigger on 15.01.2026 is on or after 14.07.2021 (Law 7331): the period is 30 days."
    )


def test_leap_day_anniversary_is_explained():
    result = compute_deadline("damages-application", D(2028, 2, 29), calendar=CALENDAR)
    assert "2029 has no 29 February" in explain_lines(result)[0]


def test_suspension_is_explained():
    result = compute_deadline(
        "annulment-lawsuit", D(2026, 3, 2), calendar=CALENDAR, applied=D(2026, 3, 31), answered=D(2026, 4, 28)
    )
    assert explain_lines(result)[:2] == [
        "From 03.03.2026 to the application to the superior authority on 31.03.2026, 29 of the 60 days "
        "were used (the application day counts as used).",
        "The period was suspended until the answer or deemed rejection on 28.04.2026; the remaining 31 "
        "days run from the next day to 29.05.2026.",
    ]


def test_a_late_answer_resumes_the_period_from_the_deemed_rejection():
    # Applied 31.03.2026: 30 days of silence end on 30.04.2026, before the answer on 04.05.2026.
    result = compute_deadline(
        "annulment-lawsuit", D(2026, 3, 2), calendar=CALENDAR, applied=D(2026, 3, 31), answered=D(2026, 5, 4)
    )
    assert explain_lines(result)[1:3] == [
        "The answer on 04.05.2026 came after the 30 days of İYUK art. 11: the application already counted "
        "as rejected on 30.04.2026, and the period resumes from that day (the safer reading).",
        "The period was suspended until the answer or deemed rejection on 30.04.2026; the remaining 31 "
        "days run from the next day to 31.05.2026.",
    ]
    assert "late_answer" in [w.kind for w in result.warnings]


def test_an_answer_on_the_deemed_rejection_day_is_not_late():
    result = compute_deadline(
        "annulment-lawsuit", D(2026, 3, 2), calendar=CALENDAR, applied=D(2026, 3, 31), answered=D(2026, 4, 30)
    )
    assert result.raw_end == D(2026, 5, 31)
    assert "late_answer" not in [step.kind for step in (*result.steps, *result.warnings)]


def test_an_application_before_law_7331_waits_60_days_for_its_answer():
    # Notified 01.06.2021, applied 11.06.2021 (10 used, 50 left): silence counts as rejection only
    # after 60 days, on 10.08.2021, so an answer on 05.08.2021 is in time: +26 = 31.08, +24 =
    # 24.09.2021 Fri.
    result = compute_deadline(
        "annulment-lawsuit", D(2021, 6, 1), calendar=CALENDAR, applied=D(2021, 6, 11), answered=D(2021, 8, 5)
    )
    assert (result.raw_end, result.due) == (D(2021, 9, 24), D(2021, 9, 24))
    assert "late_answer" not in [step.kind for step in result.steps]


def test_deemed_rejection_names_the_lawsuit_period_that_follows():
    # Applied 15.01.2026: deemed rejected 14.02.2026 (Sat; moved to Mon 16.02). The lawsuit period runs
    # from the unmoved 14.02: +14 = 28.02, +31 = 31.03 (45), +15 = 15.04.2026 Wed.
    result = compute_deadline("deemed-rejection", D(2026, 1, 15), calendar=CALENDAR)
    then = next(w for w in result.warnings if w.kind == "followed_by")
    assert then.render() == (
        "The 60-day lawsuit period (2577 İYUK m.7) then runs from 14.02.2026, the unmoved date (the safer "
        "reading): its last day is 15.04.2026. Record it as a deadline of its own."
    )
    # For a court without recess the follow-on period gets no recess either: 60 days from the
    # deemed rejection on 21.06.2026 (applied 22.05.2026) end on 20.08.2026 Thu, inside the recess.
    with_recess = compute_deadline("deemed-rejection", D(2026, 5, 22), calendar=CALENDAR)
    without = compute_deadline("deemed-rejection", D(2026, 5, 22), calendar=CALENDAR, recess=False)
    assert [w.params["due"] for w in with_recess.warnings if w.kind == "followed_by"] == ["07.09.2026"]
    assert [w.params["due"] for w in without.warnings if w.kind == "followed_by"] == ["20.08.2026"]


def test_application_on_the_last_day_leaves_no_days():
    # 03.07.2026 + 60 = 01.09.2026; applying that day uses all 60 days.
    result = compute_deadline(
        "annulment-lawsuit", D(2026, 7, 3), calendar=CALENDAR, applied=D(2026, 9, 1), answered=D(2026, 10, 1)
    )
    assert result.due == D(2026, 10, 1)
    assert "no_days_left" in [w.kind for w in result.warnings]


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"applied": D(2026, 2, 27), "answered": D(2026, 4, 1)}, "is before the notification on 02.03.2026"),
        # 02.03.2026 + 60 = 01.05.2026 Fri (Labour Day); Sat, Sun → the period ended on Mon 04.05.2026.
        ({"applied": D(2026, 5, 5), "answered": D(2026, 6, 1)}, "after the period ended on 04.05.2026"),
        ({"applied": D(2026, 3, 31), "answered": D(2026, 3, 30)}, "cannot be before the application"),
        ({"applied": D(2026, 3, 31)}, "Give both"),
        ({"answered": D(2026, 3, 31)}, "Give both"),
    ],
)
def test_inconsistent_suspension_is_refused(options, fragment):
    with pytest.raises(DomainError) as error:
        compute_deadline("annulment-lawsuit", D(2026, 3, 2), calendar=CALENDAR, **options)
    assert fragment in str(error.value)


def test_application_on_the_shifted_last_day_is_in_time():
    result = compute_deadline(
        "annulment-lawsuit", D(2026, 3, 2), calendar=CALENDAR, applied=D(2026, 5, 4), answered=D(2026, 6, 3)
    )
    assert result.due == D(2026, 6, 3)


def test_only_suspendable_rules_take_an_application():
    with pytest.raises(DomainError, match="does not suspend"):
        suspension = {"applied": D(2026, 3, 5), "answered": D(2026, 4, 4)}
        compute_deadline("tax-lawsuit", D(2026, 3, 2), calendar=CALENDAR, **suspension)


def test_unknown_rule_is_a_domain_error():
    with pytest.raises(DomainError) as error:
        compute_deadline("no-such-rule", D(2026, 1, 1), calendar=CALENDAR)
    assert error.value.params == {"rule": "no-such-rule"}


def test_datetimes_are_refused():
    with pytest.raises(TypeError):
        compute_deadline("annulment-lawsuit", datetime(2026, 1, 1, 12), calendar=CALENDAR)


def test_rule_object_and_id_give_the_same_result():
    rule = get_rule("tax-lawsuit")
    by_rule = compute_deadline(rule, D(2025, 5, 7), calendar=CALENDAR)
    by_id = compute_deadline("tax-lawsuit", D(2025, 5, 7), calendar=CALENDAR)
    assert by_rule == by_id


def test_estimated_holiday_years_are_warned():
    result = compute_deadline("annulment-lawsuit", D(2040, 3, 1), calendar=CALENDAR)
    assert "estimated" in [w.kind for w in result.warnings]
    assert "estimated" not in [
        w.kind for w in compute_deadline("annulment-lawsuit", D(2026, 3, 1), calendar=CALENDAR).warnings
    ]


def test_required_rule_ids_exist():
    assert {
        "disciplinary-objection",
        "annulment-lawsuit",
        "tax-lawsuit",
        "deemed-rejection",
        "information-answer",
        "information-objection",
        "damages-application",
    } <= set(RULES_BY_ID)
    assert len(RULES_BY_ID) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_is_complete_data(rule: DeadlineRule):
    assert rule.name and rule.trigger and rule.length > 0
    assert rule.legal_basis.split(" m.")[0] in {"657 DMK", "2577 İYUK", "4982 BEHK"}
    assert isinstance(rule.unit, Unit)
    if rule.mark is not Mark.VERIFIED:
        assert rule.caution, "an unverified rule must explain itself in a warning"
    if rule.recess:
        assert rule.unit is Unit.DAYS


def test_rule_lengths_match_the_law():
    lengths = {rule.id: (rule.length, rule.unit) for rule in RULES}
    assert lengths["disciplinary-objection"] == (7, Unit.DAYS)
    assert lengths["annulment-lawsuit"] == (60, Unit.DAYS)
    assert lengths["tax-lawsuit"] == (30, Unit.DAYS)
    assert lengths["deemed-rejection"] == (30, Unit.DAYS)
    assert lengths["information-answer"] == (15, Unit.WORKING_DAYS)
    assert lengths["information-answer-extended"] == (30, Unit.WORKING_DAYS)
    assert lengths["information-objection"] == (15, Unit.DAYS)
    assert lengths["damages-application"] == (1, Unit.YEARS)
    assert lengths["defence-answer"] == (30, Unit.DAYS)
    assert lengths["stay-objection"] == (7, Unit.DAYS)
    assert lengths["istinaf"] == (30, Unit.DAYS)
    assert lengths["temyiz"] == (30, Unit.DAYS)
    assert lengths["appeal-answer"] == (30, Unit.DAYS)
    assert lengths["regulation-lawsuit"] == (60, Unit.DAYS)
    court_periods = {"annulment-lawsuit", "tax-lawsuit", "defence-answer", "istinaf", "temyiz", "appeal-answer"}
    assert {rule.id for rule in RULES if rule.recess} == court_periods | {"regulation-lawsuit"}


def test_disciplinary_case_proposes_the_objection_and_the_lawsuit():
    assert rules_for_case(Category.DISCIPLINARY_PENALTY) == ["disciplinary-objection", "annulment-lawsuit"]
    assert rules_for_case("disciplinary_penalty", CaseKind.LEGAL) == [
        "disciplinary-objection",
        "annulment-lawsuit",
    ]


def test_harassment_case_proposes_the_lawsuit_and_damages():
    assert rules_for_case(Category.HARASSMENT) == ["annulment-lawsuit", "damages-application"]


@pytest.mark.parametrize(
    "category",
    [Category.RELOCATION, Category.PROMOTION, Category.UNION_RIGHTS, Category.ARBITRARY_TREATMENT],
)
def test_legal_categories_propose_the_lawsuit(category):
    assert "annulment-lawsuit" in rules_for_case(category)


def test_assistance_cases_propose_nothing():
    for category in ASSISTANCE_CATEGORIES:
        assert rules_for_case(category, CaseKind.SOCIAL) == []
    assert rules_for_case(Category.DISABILITY) == []


def test_proposed_rule_ids_exist():
    for category in Category:
        assert set(rules_for_case(category)) <= set(RULES_BY_ID)


def test_earliest_of_parallel_periods():
    start = D(2026, 3, 12)
    rule_ids = rules_for_case("disciplinary_penalty")
    results = [compute_deadline(rule_id, start, calendar=CALENDAR) for rule_id in rule_ids]
    assert earliest(results).rule.id == "disciplinary-objection"


def test_steps_are_plain_records_that_translate():
    result = compute_deadline("disciplinary-objection", D(2026, 4, 16), calendar=CALENDAR)
    holiday = next(step for step in result.steps if step.kind == "holiday")
    assert holiday.as_dict() == {
        "kind": "holiday",
        "template": "%(day)s is %(holiday)s, an official holiday.",
        "params": {"day": "23.04.2026", "holiday": "Ulusal Egemenlik ve Çocuk Bayramı"},
    }
    turkish = {"%(day)s is %(holiday)s, an official holiday.": "%(day)s resmî tatil: %(holiday)s."}
    assert holiday.render(lambda text: turkish.get(text, text)) == (
        "23.04.2026 resmî tatil: Ulusal Egemenlik ve Çocuk Bayramı."
    )
    assert "23.04.2026 resmî tatil: Ulusal Egemenlik ve Çocuk Bayramı." in explain_lines(
        result, lambda text: turkish.get(text, text)
    )


def test_format_date():
    assert format_date(D(2026, 11, 23)) == "23.11.2026"
    assert ExplanationStep("x", "%(a)s", {"a": "1"}).render() == "1"


def test_dismissal_proposes_the_lawsuit_and_no_board_objection():
    # 657 art. 135 sends only the lighter penalties to a board: a dismissed servant goes to court.
    assert rules_for_case(Category.DISCIPLINARY_PENALTY, CaseKind.LEGAL, penalty="devlet_memurlugundan_cikarma") == [
        "annulment-lawsuit"
    ]
    assert rules_for_case(Category.DISCIPLINARY_PENALTY, CaseKind.LEGAL, penalty="kinama") == [
        "disciplinary-objection",
        "annulment-lawsuit",
    ]


def test_a_deadline_is_overdue_only_once_its_last_day_has_passed():
    from cases.deadlines import is_overdue

    today = date(2026, 11, 23)
    assert is_overdue(date(2026, 11, 22), today)
    assert not is_overdue(today, today)  # the last day itself still counts
    assert not is_overdue(date(2026, 11, 24), today)
    assert not is_overdue(None, today)  # a case without an open deadline


@pytest.mark.parametrize(
    ("changed", "earliest"),
    [
        (date(2026, 9, 1), date(2026, 7, 20)),  # a day the recess extension of a period ending 20.07–31.08 reaches
        (date(2026, 7, 25), date(2026, 7, 20)),
        (date(2026, 9, 28), date(2026, 7, 20)),  # 07.09 rolled over a long holiday
        (date(2026, 10, 29), date(2026, 10, 29)),  # outside it: only periods still running on that day
        (date(2026, 7, 15), date(2026, 7, 15)),
    ],
)
def test_the_last_days_a_calendar_change_can_move(changed, earliest):
    assert earliest_last_day_affected(changed) == earliest
