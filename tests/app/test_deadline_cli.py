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
    ]:
        assert basis in lines[rule_id]
    assert "60 days, judicial recess" in lines["annulment-lawsuit"]
    assert "15 working days" in lines["information-answer"]
    assert "1 year\t" in lines["damages-application"]
    assert "30 days (60 days for triggers before 14.07.2021, Law 7331)\t" in lines["deemed-rejection"]


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
        (["deemed-rejection", "2021-07-01"], "2021-08-31"),  # before 14.07.2021: 60 days, to 30 August (holiday)
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


def test_compute_deemed_rejection_names_the_lawsuit_period_that_follows(runner):
    result, lines = _compute(runner, "deemed-rejection", "2026-01-15")
    assert lines[0] == "2026-02-16"
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
