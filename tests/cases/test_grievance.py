"""The guided filing forms: questions as data, step validation, warnings, priority, submission."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from cases import money
from cases.errors import DomainError
from cases.grievance import (
    DETAIL_QUESTIONS,
    PENALTY_CHOICES,
    GrievanceIncomplete,
    Message,
    QuestionType,
    StepId,
    all_questions,
    answer_warnings,
    build_submission,
    first_step_with_errors,
    format_iban,
    iban_problem,
    parse_amount,
    parse_date,
    questions_for,
    render_messages,
    steps_for,
    suggest_priority,
    validate_grievance,
    validate_step,
)
from cases.vocabulary import ASSISTANCE_CATEGORIES, LEGAL_CATEGORIES, CaseKind, Category, Priority

TODAY = date(2026, 11, 23)
LEGAL = CaseKind.LEGAL
VALID_IBAN = "TR330006100519786457841326"


def days_ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def legal_answers(**overrides: str) -> dict[str, str]:
    answers = {
        "category": "disciplinary_penalty",
        "narrative": "Müdürüm toplantıda söz aldığım için bana kınama cezası verdi.",
        "respondent_type": "manager",
        "respondent_name": "Ali Veli",
        "respondent_title": "Okul müdürü",
        "incident_date": days_ago(20),
        "notification_date": days_ago(15),
        "penalty": "kinama",
        "objection_made": "no",
        "request": "Cezanın iptali için dava açılmasını istiyorum.",
    }
    answers.update(overrides)
    return answers


def assistance_answers(**overrides: str) -> dict[str, str]:
    answers = {
        "category": "disaster",
        "event_date": days_ago(3),
        "affected_person": "self",
        "disaster_type": "earthquake",
        "home_damage": "damaged",
        "narrative": "Depremde evimiz hasar gördü, eşyalarımız kullanılamaz durumda.",
        "help_kind": "material",
        "amount": "15.000",
        "iban": "TR33 0006 1005 1978 6457 8413 26",
    }
    answers.update(overrides)
    return answers


# --- The form as data ---------------------------------------------------------------------


@pytest.mark.parametrize("category", LEGAL_CATEGORIES)
def test_every_legal_category_has_its_own_questions(category):
    questions = questions_for(StepId.DETAILS, kind=LEGAL, category=category)
    assert questions, category
    assert any(q.required for q in questions)


@pytest.mark.parametrize("kind", [CaseKind.LEGAL, CaseKind.SOCIAL])
@pytest.mark.parametrize("category", sorted(set(LEGAL_CATEGORIES) | set(ASSISTANCE_CATEGORIES)))
def test_question_ids_are_unique_and_well_formed(kind, category):
    questions = all_questions(kind=kind, category=category)
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    for q in questions:
        assert (q.type == QuestionType.CHOICE) == bool(q.choices), q.id
        assert len({v for v, _ in q.choices}) == len(q.choices), q.id
        if q.show_if:  # a follow-up depends on an earlier question of the same step
            step = next(s.id for s in steps_for(kind) if q in questions_for(s.id, kind=kind, category=category))
            earlier = [p.id for p in questions_for(step, kind=kind, category=category)]
            assert earlier.index(q.show_if.question_id) < earlier.index(q.id), q.id


def test_disciplinary_penalty_asks_penalty_dates_and_objection():
    details = {q.id: q for q in DETAIL_QUESTIONS[Category.DISCIPLINARY_PENALTY]}
    assert [v for v, _ in details["penalty"].choices] == [
        "uyarma",
        "kinama",
        "ayliktan_kesme",
        "kademe_ilerlemesinin_durdurulmasi",
        "devlet_memurlugundan_cikarma",
    ]
    assert [label for _, label in PENALTY_CHOICES][-1] == "Dismissal from the civil service"
    assert details["objection_date"].show_if.question_id == "objection_made"
    when = {q.id: q for q in questions_for(StepId.WHEN, kind=LEGAL, category="disciplinary_penalty")}
    assert when["incident_date"].label == "What is the date of the penalty decision?"
    assert when["notification_date"].required
    assert "7 days" in when["notification_date"].help


def test_notification_date_is_optional_where_there_may_be_no_written_act():
    when = {q.id: q for q in questions_for("when", kind=LEGAL, category="harassment")}
    assert not when["notification_date"].required
    assert when["incident_date"].label == "When did the latest incident happen?"


def test_relocation_and_union_rights_ask_about_union_representatives():
    for category in (Category.RELOCATION, Category.UNION_RIGHTS):
        ids = {q.id for q in DETAIL_QUESTIONS[category]}
        assert "is_union_representative" in ids


def test_steps_of_each_form():
    assert [s.id for s in steps_for(LEGAL)] == ["what", "who", "when", "details", "request", "evidence", "review"]
    assert [s.id for s in steps_for(CaseKind.MATERIAL)] == ["what", "details", "request", "evidence", "review"]
    assert questions_for("evidence", kind=LEGAL, category=None) == ()
    with pytest.raises(ValueError):
        questions_for("who", kind=CaseKind.SOCIAL, category="bereavement")


def test_assistance_wording_follows_the_category():
    first = {q.id for q in questions_for("what", kind=CaseKind.SOCIAL, category="bereavement")}
    assert first == {"category", "narrative"}  # what follows the category comes on the next step
    what = {q.id: q for q in questions_for("details", kind=CaseKind.SOCIAL, category="bereavement")}
    assert what["affected_person"].label == "Who passed away?"
    assert "self" not in {v for v, _ in what["affected_person"].choices}
    disaster = {q.id for q in questions_for("details", kind=CaseKind.SOCIAL, category="disaster")}
    assert {"disaster_type", "home_damage"} <= disaster


# --- Step validation ----------------------------------------------------------------------


def test_missing_narrative_gets_a_plain_message():
    cleaned, errors = validate_step("what", {"category": "harassment"}, kind=LEGAL, category=None, today=TODAY)
    assert cleaned == {"category": "harassment"}
    assert errors == {"narrative": "Please tell us what happened."}


def test_unknown_category_or_choice_is_refused():
    _, errors = validate_step(
        "what", {"category": "bereavement", "narrative": "x" * 30}, kind=LEGAL, category=None, today=TODAY
    )
    assert errors == {"category": "Please choose one of the options."}
    _, errors = validate_step(
        "details",
        {"penalty": "hapis", "objection_made": "no"},
        kind=LEGAL,
        category="disciplinary_penalty",
        today=TODAY,
    )
    assert errors == {"penalty": "Please choose one of the options."}


def test_text_is_cleaned_and_length_limited_with_the_limit_in_the_message():
    answers = {"category": "other", "narrative": "  Müdür\r\nbana\x00 bağırdı.\u202e Herkesin önünde.  "}
    cleaned, errors = validate_step("what", answers, kind=LEGAL, category=None, today=TODAY)
    assert not errors
    assert cleaned["narrative"] == "Müdür\nbana bağırdı. Herkesin önünde."

    _, errors = validate_step(
        "who", {"respondent_type": "coworker", "respondent_name": "ş" * 151}, kind=LEGAL, category=None, today=TODAY
    )
    message = errors["respondent_name"]
    assert isinstance(message, Message)
    assert message == "Please shorten this to at most %(max)s characters (now %(length)s)."
    assert message.render() == "Please shorten this to at most 150 characters (now 151)."
    translated = render_messages(errors, lambda s: "TR:" + s)
    assert translated["respondent_name"] == "TR:Please shorten this to at most 150 characters (now 151)."


def test_required_dates_and_both_date_formats():
    _, errors = validate_step("when", {}, kind=LEGAL, category="relocation", today=TODAY)
    assert set(errors) == {"incident_date", "notification_date"}
    cleaned, errors = validate_step(
        "when",
        {"incident_date": "03.11.2026", "notification_date": "2026-11-05"},
        kind=LEGAL,
        category="relocation",
        today=TODAY,
    )
    assert not errors
    assert cleaned == {"incident_date": "2026-11-03", "notification_date": "2026-11-05"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("23.11.2026", date(2026, 11, 23)),
        ("3.1.2026", date(2026, 1, 3)),
        ("03/01/2026", date(2026, 1, 3)),
        (" 2026-01-03 ", date(2026, 1, 3)),
        ("29.02.2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts_iso_and_turkish_forms(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2026", "This date does not exist. Please check the day and the month."),
        ("1.1.26", "Please write the year with four digits, for example 23.11.2026."),
        ("yesterday", "Please enter the date as day.month.year, for example 23.11.2026."),
        ("2026-13-01", "This date does not exist. Please check the day and the month."),
    ],
)
def test_bad_dates_say_what_to_fix(typed, message):
    _, errors = validate_step("when", {"incident_date": typed}, kind=LEGAL, category="other", today=TODAY)
    assert errors["incident_date"] == message


def test_future_and_ancient_dates_are_refused():
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    _, errors = validate_step(
        "when",
        {"incident_date": TODAY.isoformat(), "notification_date": tomorrow},
        kind=LEGAL,
        category="other",
        today=TODAY,
    )
    assert errors == {"notification_date": "This date is in the future. Please check the day, month and year."}
    _, errors = validate_step("when", {"incident_date": "01.01.1926"}, kind=LEGAL, category="other", today=TODAY)
    assert errors == {"incident_date": "This date is too far in the past. Please check the year."}


def test_an_expected_birth_date_may_be_in_the_future():
    answers = {
        "topic": "maternity_leave",
        "pregnant_or_recent_birth": "evet",
        "birth_date": "01.02.2027",
        "applied_in_writing": "hayır",
    }
    cleaned, errors = validate_step("details", answers, kind=LEGAL, category="women_maternity", today=TODAY)
    assert not errors
    assert cleaned["birth_date"] == "2027-02-01"
    assert cleaned["pregnant_or_recent_birth"] == "yes"
    assert cleaned["applied_in_writing"] == "no"


def test_follow_up_question_is_required_only_when_it_applies():
    base = {"penalty": "uyarma"}
    _, errors = validate_step(
        "details", {**base, "objection_made": "yes"}, kind=LEGAL, category="disciplinary_penalty", today=TODAY
    )
    assert errors == {"objection_date": "Please enter a date."}
    cleaned, errors = validate_step(
        "details",
        {**base, "objection_made": "no", "objection_date": "garbage"},
        kind=LEGAL,
        category="disciplinary_penalty",
        today=TODAY,
    )
    assert not errors
    assert "objection_date" not in cleaned  # a hidden answer is dropped, not stored


def test_yes_no_must_be_yes_or_no():
    _, errors = validate_step(
        "details",
        {"penalty": "uyarma", "objection_made": "maybe"},
        kind=LEGAL,
        category="disciplinary_penalty",
        today=TODAY,
    )
    assert errors == {"objection_made": "Please answer yes or no."}


def test_cleaned_answers_are_json_strings_and_validate_again_unchanged():
    answers = assistance_answers()
    cleaned, errors = validate_step("review", answers, kind=CaseKind.SOCIAL, category=None, today=TODAY)
    assert not errors
    assert all(isinstance(v, str) for v in cleaned.values())
    assert json.loads(json.dumps(cleaned)) == cleaned
    assert validate_step("review", cleaned, kind=CaseKind.SOCIAL, category=None, today=TODAY) == (cleaned, {})


def test_unknown_fields_are_not_kept():
    cleaned, _ = validate_step(
        "who", {"respondent_type": "coworker", "is_admin": "1"}, kind=LEGAL, category=None, today=TODAY
    )
    assert cleaned == {"respondent_type": "coworker"}


# --- Assistance form, amounts and IBAN -----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("15000", "15000"),
        ("15.000", "15000"),
        ("15.000,50", "15000.50"),
        ("15000,5", "15000.5"),
        ("1,500.25", "1500.25"),
        ("2.500 TL", "2500"),
    ],
)
def test_amounts_in_turkish_and_plain_forms(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


def test_amount_is_canonical_and_bounded():
    cleaned, errors = validate_step(
        "request", {"help_kind": "material", "amount": "15.000,5"}, kind=CaseKind.MATERIAL, category=None, today=TODAY
    )
    assert not errors
    assert cleaned["amount"] == "15000.50"
    _, errors = validate_step(
        "request", {"help_kind": "material", "amount": "on bin"}, kind=CaseKind.MATERIAL, category=None, today=TODAY
    )
    assert errors["amount"] == money.UNREADABLE
    cleaned, errors = validate_step(
        "request", {"help_kind": "material", "amount": "10.000"}, kind=CaseKind.MATERIAL, category=None, today=TODAY
    )
    assert cleaned["amount"] == "10000.00"
    _, errors = validate_step(
        "request", {"help_kind": "material", "amount": "10,000"}, kind=CaseKind.MATERIAL, category=None, today=TODAY
    )
    assert errors["amount"] == money.AMBIGUOUS
    _, errors = validate_step(
        "request", {"help_kind": "material", "amount": "0"}, kind=CaseKind.MATERIAL, category=None, today=TODAY
    )
    assert errors["amount"].render() == "Please enter at least 1."


def test_social_help_does_not_ask_amount_or_iban():
    cleaned, errors = validate_step(
        "request",
        {"help_kind": "social", "amount": "100", "iban": "nonsense"},
        kind=CaseKind.SOCIAL,
        category=None,
        today=TODAY,
    )
    assert not errors
    assert cleaned == {"help_kind": "social"}


def test_iban_checksum():
    assert iban_problem(VALID_IBAN) is None
    assert iban_problem("tr33 0006 1005 1978 6457 8413 26") is None
    assert (
        iban_problem(VALID_IBAN[:-1] + "7") == "This IBAN is not valid: there may be a typing mistake. Please check it."
    )
    assert iban_problem("DE89370400440532013000") is not None  # valid German IBAN, not Turkish
    assert iban_problem("TR33000610051978645784132") is not None  # too short
    assert format_iban(VALID_IBAN) == "TR33 0006 1005 1978 6457 8413 26"


def test_iban_is_optional_but_checked_when_given():
    cleaned, errors = validate_step(
        "request", {"help_kind": "material"}, kind=CaseKind.MATERIAL, category=None, today=TODAY
    )
    assert not errors
    _, errors = validate_step(
        "request",
        {"help_kind": "material", "iban": VALID_IBAN.replace("33", "34", 1)},
        kind=CaseKind.MATERIAL,
        category=None,
        today=TODAY,
    )
    assert "iban" in errors
    cleaned, _ = validate_step(
        "request",
        {"help_kind": "material", "iban": "tr33 0006 1005 1978 6457 8413 26"},
        kind=CaseKind.MATERIAL,
        category=None,
        today=TODAY,
    )
    assert cleaned["iban"] == VALID_IBAN


def test_assistance_form_needs_its_own_answers():
    errors = validate_grievance({"category": "bereavement"}, kind=CaseKind.SOCIAL, today=TODAY)
    assert set(errors) == {"event_date", "affected_person", "narrative", "help_kind"}
    assert errors["affected_person"] == "Please tell us who is affected."


def test_assistance_submission_takes_its_kind_from_the_help_asked():
    submission = build_submission(assistance_answers(), kind=CaseKind.SOCIAL, today=TODAY)
    assert submission.kind == CaseKind.MATERIAL
    assert submission.category == Category.DISASTER
    assert submission.requested_amount == Decimal("15000.00")
    assert submission.incident_date == TODAY - timedelta(days=3)
    assert submission.details["iban"] == VALID_IBAN
    social = build_submission(assistance_answers(help_kind="social"), kind=CaseKind.MATERIAL, today=TODAY)
    assert social.kind == CaseKind.SOCIAL
    assert social.requested_amount is None
    assert "iban" not in social.details


# --- The whole form -----------------------------------------------------------------------


def test_complete_grievance_has_no_errors_and_builds_a_submission():
    assert validate_grievance(legal_answers(), today=TODAY) == {}
    submission = build_submission(legal_answers(), kind=LEGAL, today=TODAY)
    assert submission.kind == CaseKind.LEGAL
    assert submission.category == Category.DISCIPLINARY_PENALTY
    assert submission.respondent_name == "Ali Veli"
    assert submission.notification_date == TODAY - timedelta(days=15)
    assert submission.details == {"penalty": "kinama", "objection_made": "no"}
    json.dumps(submission.details)


def test_incomplete_grievance_points_to_the_first_step_to_fix():
    answers = legal_answers()
    del answers["respondent_type"], answers["penalty"]
    errors = validate_grievance(answers, today=TODAY)
    assert set(errors) == {"respondent_type", "penalty"}
    assert first_step_with_errors(errors, kind=LEGAL, category="disciplinary_penalty") == StepId.WHO
    with pytest.raises(GrievanceIncomplete) as caught:
        build_submission(answers, kind=LEGAL, today=TODAY)
    assert isinstance(caught.value, DomainError)
    assert set(caught.value.errors) == {"respondent_type", "penalty"}


def test_answers_of_another_category_are_ignored():
    answers = legal_answers(
        category="harassment", started_on=days_ago(100), frequency="weekly", has_witnesses="no", reported_to_board="no"
    )
    submission = build_submission(answers, kind=LEGAL, today=TODAY)
    assert "penalty" not in submission.details
    assert submission.details["frequency"] == "weekly"


# --- Warnings and priority ------------------------------------------------------------------


def test_notification_before_the_decision_is_a_warning_not_an_error():
    answers = legal_answers(incident_date=days_ago(5), notification_date=days_ago(6))
    assert validate_grievance(answers, today=TODAY) == {}
    warnings = answer_warnings(answers, kind=LEGAL, today=TODAY)
    assert "notification_date" in warnings


def test_objection_period_warnings():
    open_period = answer_warnings(legal_answers(notification_date=days_ago(3)), kind=LEGAL, today=TODAY)
    assert "within 7 days" in open_period["objection_made"]
    passed = answer_warnings(legal_answers(notification_date=days_ago(20)), kind=LEGAL, today=TODAY)
    assert "may have passed" in passed["objection_made"]
    late = answer_warnings(
        legal_answers(incident_date=days_ago(90), notification_date=days_ago(80)), kind=LEGAL, today=TODAY
    )
    assert "60 days" in late["notification_date"]
    assert answer_warnings(assistance_answers(), kind=CaseKind.SOCIAL, today=TODAY) == {}


@pytest.mark.parametrize(
    ("overrides", "priority"),
    [
        ({}, Priority.NORMAL),
        ({"notification_date": days_ago(7)}, Priority.URGENT),  # objection period still open
        ({"notification_date": days_ago(8)}, Priority.NORMAL),
        ({"notification_date": days_ago(3), "objection_made": "yes", "objection_date": days_ago(1)}, Priority.NORMAL),
        ({"penalty": "devlet_memurlugundan_cikarma"}, Priority.URGENT),
        ({"penalty": "kademe_ilerlemesinin_durdurulmasi"}, Priority.HIGH),
        ({"incident_date": days_ago(60), "notification_date": days_ago(50)}, Priority.URGENT),  # court period ends soon
        ({"category": "relocation", "is_union_representative": "yes"}, Priority.HIGH),
        ({"category": "relocation", "is_union_representative": "no"}, Priority.NORMAL),
        ({"category": "union_rights", "is_union_representative": "yes", "violation": "relocation"}, Priority.HIGH),
        ({"category": "harassment", "frequency": "daily"}, Priority.HIGH),
    ],
)
def test_priority_suggestions(overrides, priority):
    assert suggest_priority(legal_answers(**overrides), today=TODAY).priority == priority


def test_priority_gives_reasons_most_serious_first():
    suggestion = suggest_priority(
        legal_answers(penalty="devlet_memurlugundan_cikarma", notification_date=days_ago(2)), today=TODAY
    )
    assert suggestion.priority == Priority.URGENT
    assert suggestion.reasons[0] == "Dismissal from the civil service."
    assert len(suggestion.reasons) == 2
    assert suggest_priority(assistance_answers(home_damage="uninhabitable"), today=TODAY).priority == Priority.HIGH
    assert suggest_priority(assistance_answers(), today=TODAY).priority == Priority.NORMAL


def test_submission_carries_the_priority():
    submission = build_submission(legal_answers(notification_date=days_ago(1)), kind=LEGAL, today=TODAY)
    assert submission.priority == Priority.URGENT
    assert submission.priority_reasons
