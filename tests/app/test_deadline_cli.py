"""`flask deadlines`: the rules, a computed date (ISO alone on the first line) and its explanation."""

from datetime import date

import pytest

from app.models import CalendarDay


def _compute(runner, *args):
    result = runner.invoke(args=["deadlines", "compute", *args])
    return result, result.output.splitlines()


def test_rules_lists_every_rule_with_its_legal_basis(runner):
    result = runner.invoke(args=["deadlines", "rules"])
    assert result.exit_code == 0, result.output
    lines = {line.split("\t")[0]: line for line in result.output.splitlines()}
    for rule_id, basis in [
        ("disciplinary-objection", "657 DMK m.135"),
        ("annulment-lawsuit", "2577 İYUK m.7"),
        ("tax-lawsuit", "2577 İYUK m.7"),
        ("deemed-rejection", "2577 İYUK m.10"),
        ("information-answer", "4982 BEHK m.11"),
        ("information-objection", "4982 BEHK m.13"),
        ("damages-application", "2577 İYUK m.13"),
        ("defence-answer", "2577 İYUK m.16/3"),
        ("stay-objection", "2577 İYUK m.27/7"),
        ("istinaf", "2577 İYUK m.45"),
        ("temyiz", "2577 İYUK m.46"),
        ("appeal-answer", "2577 İYUK m.48/3"),
        ("regulation-lawsuit", "2577 İYUK m.7/4"),
    ]:
        assert basis in lines[rule_id]
    assert "60 days, judicial recess" in lines["annulment-lawsuit"]
    assert "15 working days" in lines["information-answer"]
    assert "1 year\t" in lines["damages-application"]
    assert (
        "30 days (60 days for triggers before 14.07.2021, Law 7331), the date silence becomes a rejection"
        in (lines["deemed-rejection"])
    )
    assert "7 days\t" in lines["stay-objection"]


@pytest.mark.parametrize(
    ("args", "due"),
    [
        (["annulment-lawsuit", "2026-07-03"], "2026-09-01"),  # ends 1 September: after the recess
        (["annulment-lawsuit", "2026-05-25"], "2026-09-07"),  # 24.07 is in the recess: runs to 7 September
        (["annulment-lawsuit", "2026-05-25", "--no-recess"], "2026-07-24"),  # a court with no recess
        (["tax-lawsuit", "2026-06-28"], "2026-09-07"),  # 28.07 in the recess
        (["disciplinary-objection", "2026-03-12"], "2026-03-19"),  # the Ramazan eve: a half day, not extended
        (["disciplinary-objection", "2026-05-20"], "2026-06-01"),  # 27.05 Kurban Bayramı → the Monday after
        (["information-answer", "2026-03-16"], "2026-04-07"),  # 15 working days; 20.03 (Bayram) not counted
        # The periods after filing (worked in tests/cases/test_deadline_periods.py).
        (["defence-answer", "2025-06-25"], "2025-09-08"),  # 25.07 in the recess → Sun 07.09 → Mon 08.09
        (["stay-objection", "2026-07-14"], "2026-07-21"),  # no recess extension for a stay objection
        (["istinaf", "2025-12-02"], "2026-01-02"),  # 01.01.2026 New Year → Fri 02.01
        (["istinaf", "2027-07-01", "--no-recess"], "2027-08-02"),  # Sat 31.07 → Mon 02.08
        (["istinaf", "2027-07-01", "--court-unknown"], "2027-08-02"),  # the earlier date, never the later
        (["temyiz", "2028-01-30"], "2028-02-29"),  # the leap day
        (["appeal-answer", "2025-05-07"], "2025-06-10"),  # 06.06 Kurban 1 → Tue 10.06
        (["regulation-lawsuit", "2028-03-01"], "2028-05-02"),  # Sun 30.04, Mon 01.05 → Tue 02.05
        (["annulment-lawsuit", "2026-06-10", "--court-unknown"], "2026-08-10"),  # issue 14's pinned example
        (["damages-application", "2027-02-28"], "2028-02-29"),  # 28.02.2028 is Ramazan Bayramı: the leap day
    ],
)
def test_compute_prints_the_iso_date_alone_on_the_first_line(runner, args, due):
    result, lines = _compute(runner, *args)
    assert result.exit_code == 0, result.output
    assert lines[0] == due
    assert any(line.startswith("Last day:") for line in lines[1:])


def test_compute_explains_the_count_and_the_recess(runner):
    _result, lines = _compute(runner, "annulment-lawsuit", "2026-05-25")
    assert lines[1] == "60 days from 25.05.2026 is 24.07.2026 (counting starts the next day)."
    assert "judicial recess" in lines[2] and "07.09.2026" in lines[2]


def test_compute_prints_warnings(runner):
    _result, lines = _compute(runner, "disciplinary-objection", "2026-03-12")
    warnings = [line for line in lines if line.startswith("Warning: ")]
    assert any("13:00" in line for line in warnings)


@pytest.mark.parametrize(
    ("answered", "due", "fragment"),
    [
        # 10 days used (04.07 → 13.07), answered 10.08: the remaining 50 days run from 11.08 to
        # 29.09.2026 (a Tuesday; the period ends after the recess, so the recess does not extend it).
        ("2026-08-10", "2026-09-29", "suspended until the answer or deemed rejection on 10.08.2026"),
        # Answered 20.08, but the silence counted as rejection on 12.08.2026 (13.07 + 30): the 50 days
        # left run from 13.08: +19 = 31.08, +31 = 01.10.2026 Thu.
        ("2026-08-20", "2026-10-01", "counted as rejected on 12.08.2026"),
    ],
)
def test_compute_with_a_superior_authority_application(runner, answered, due, fragment):
    result, lines = _compute(
        runner, "annulment-lawsuit", "2026-07-03", "--applied", "2026-07-13", "--answered", answered
    )
    assert result.exit_code == 0, result.output
    assert lines[0] == due
    assert any(fragment in line for line in lines)


def test_compute_court_unknown_names_the_later_date(runner):
    result, lines = _compute(runner, "annulment-lawsuit", "2026-06-10", "--court-unknown")
    assert lines[0] == "2026-08-10"
    assert any(
        line.startswith("Warning: The competent court is not recorded") and "07.09.2026" in line for line in lines
    )
    result, _lines = _compute(runner, "annulment-lawsuit", "2026-06-10", "--court-unknown", "--no-recess")
    assert result.exit_code != 0


@pytest.mark.parametrize(
    ("start", "day"),
    [
        ("2021-07-01", "2021-08-30"),  # before 14.07.2021: 60 days, to 30 August (a holiday, not moved)
        ("2026-01-15", "2026-02-14"),  # a Saturday, not moved: it is not a last day
    ],
)
def test_compute_deemed_rejection_prints_the_day_silence_becomes_rejection(runner, start, day):
    result, lines = _compute(runner, "deemed-rejection", start)
    assert lines[0] == day
    assert not any(line.startswith("Last day:") for line in lines)


def test_compute_deemed_rejection_names_the_lawsuit_period_that_follows(runner):
    result, lines = _compute(runner, "deemed-rejection", "2026-01-15")
    assert lines[0] == "2026-02-14"
    assert any(line.startswith("Warning: The 60-day lawsuit period") and "15.04.2026" in line for line in lines)


def test_compute_refuses_unknown_rules_and_bad_dates(runner):
    result, _lines = _compute(runner, "no-such-rule", "2026-07-03")
    assert result.exit_code != 0 and "no-such-rule" in result.output
    result, _lines = _compute(runner, "annulment-lawsuit", "03.07.2026")
    assert result.exit_code != 0
    result, _lines = _compute(
        runner, "tax-lawsuit", "2026-07-03", "--applied", "2026-07-10", "--answered", "2026-08-01"
    )
    assert result.exit_code != 0


def test_compute_uses_the_administrators_calendar(runner, db):
    _result, lines = _compute(runner, "annulment-lawsuit", "2026-07-03")
    assert lines[0] == "2026-09-01"
    db.session.add(CalendarDay(day=date(2026, 9, 1), kind="holiday", name="Ek tatil"))
    db.session.commit()
    _result, lines = _compute(runner, "annulment-lawsuit", "2026-07-03")
    assert lines[0] == "2026-09-02"
    assert any("Ek tatil" in line for line in lines)
