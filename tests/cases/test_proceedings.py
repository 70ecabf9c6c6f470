"""Proceedings' follow-on periods, the 657 art. 127 limitation check and the competent court (İYUK 32–33)."""

from datetime import date as D

from cases.competent_court import Ground, propose_competent_court
from cases.discipline import check_limitation
from cases.proceedings import (
    ApplicationBasis,
    DecisionKind,
    Paper,
    PaperKind,
    ProceedingFacts,
    ProceedingKind,
    case_outcome,
    follow_on_periods,
)
from cases.vocabulary import Category


def _rules(*facts: ProceedingFacts) -> list[tuple[str, D, str]]:
    return [(p.rule_id, p.start, p.source) for p in follow_on_periods(list(facts))]


def test_a_served_defence_and_stay_decision_start_their_answers():
    lawsuit = ProceedingFacts(
        1,
        ProceedingKind.FIRST_INSTANCE,
        filing_date=D(2026, 3, 2),
        papers=(Paper(PaperKind.DEFENCE, D(2026, 4, 10)), Paper(PaperKind.STAY_DECISION, D(2026, 4, 20))),
    )
    assert _rules(lawsuit) == [
        ("defence-answer", D(2026, 4, 10), "proceeding:1:paper:0"),
        ("stay-objection", D(2026, 4, 20), "proceeding:1:paper:1"),
    ]


def test_a_first_instance_decision_starts_istinaf_and_a_regional_one_temyiz():
    first = ProceedingFacts(1, ProceedingKind.FIRST_INSTANCE, decision_notified=D(2026, 6, 25))
    regional = ProceedingFacts(
        2,
        ProceedingKind.ISTINAF,
        decision_notified=D(2027, 1, 4),
        papers=(Paper(PaperKind.APPEAL_PETITION, D(2026, 8, 3)),),
    )
    assert _rules(first, regional) == [
        ("istinaf", D(2026, 6, 25), "proceeding:1:decision"),
        ("appeal-answer", D(2026, 8, 3), "proceeding:2:paper:0"),
        ("temyiz", D(2027, 1, 4), "proceeding:2:decision"),
    ]


def test_undecided_proceedings_start_nothing():
    assert _rules(ProceedingFacts(1, ProceedingKind.FIRST_INSTANCE, filing_date=D(2026, 3, 2))) == []
    assert _rules(ProceedingFacts(2, ProceedingKind.TEMYIZ, decision_notified=D(2026, 3, 2))) == []


def test_a_board_decision_starts_the_lawsuit():
    board = ProceedingFacts(3, ProceedingKind.BOARD_OBJECTION, decision_notified=D(2026, 5, 4))
    assert _rules(board) == [("annulment-lawsuit", D(2026, 5, 4), "proceeding:3:decision")]


def test_applications_start_the_deemed_rejection_the_cap_or_the_lawsuit():
    silent = ProceedingFacts(4, ProceedingKind.APPLICATION, ApplicationBasis.IYUK_13, filing_date=D(2026, 1, 15))
    answered = ProceedingFacts(
        5,
        ProceedingKind.APPLICATION,
        ApplicationBasis.IYUK_13,
        filing_date=D(2026, 1, 15),
        decision=DecisionKind.FINAL,
        decision_notified=D(2026, 2, 2),
    )
    non_final = ProceedingFacts(
        6,
        ProceedingKind.APPLICATION,
        ApplicationBasis.IYUK_10,
        filing_date=D(2026, 1, 15),
        decision=DecisionKind.NON_FINAL,
    )
    information = ProceedingFacts(
        7,
        ProceedingKind.APPLICATION,
        ApplicationBasis.INFORMATION,
        filing_date=D(2026, 1, 15),
        decision_notified=D(2026, 2, 9),
    )
    superior = ProceedingFacts(8, ProceedingKind.APPLICATION, ApplicationBasis.IYUK_11, filing_date=D(2026, 1, 15))
    assert _rules(silent) == [("deemed-rejection", D(2026, 1, 15), "proceeding:4:silence")]
    assert _rules(answered) == [("annulment-lawsuit", D(2026, 2, 2), "proceeding:5:decision")]
    assert _rules(non_final) == [("waiting-cap", D(2026, 1, 15), "proceeding:6:cap")]
    assert _rules(information) == [("information-objection", D(2026, 2, 9), "proceeding:7:decision")]
    assert _rules(superior) == []


def test_the_case_outcome_is_the_last_proceedings():
    assert case_outcome(["won", "lost", None]) == "lost"
    assert case_outcome([None, None]) is None


def test_limitation_flags_a_late_investigation_and_a_late_penalty():
    # Learned 10.03.2026 → 1 month: 10.04.2026; started 13.04.2026: late (657 art. 127/1).
    # Act 01.02.2024 → 2 years: 01.02.2026; penalty 05.02.2026: late (art. 127/2).
    start, penalty = check_limitation(
        learned=D(2026, 3, 10),
        investigation_started=D(2026, 4, 13),
        act=D(2024, 2, 1),
        penalty_date=D(2026, 2, 5),
        penalty="kinama",
    )
    assert (start.limit, start.kept, start.article) == (D(2026, 4, 10), False, "657 DMK m.127/1")
    assert (penalty.limit, penalty.kept, penalty.article) == (D(2026, 2, 1), False, "657 DMK m.127/2")


def test_limitation_for_dismissal_is_six_months_and_missing_dates_say_so():
    # Learned 31.08.2026 → 6 months: 31.02.2027 does not exist → 28.02.2027; started that day: kept.
    start, penalty = check_limitation(
        learned=D(2026, 8, 31),
        investigation_started=D(2027, 2, 28),
        act=None,
        penalty_date=None,
        penalty="devlet_memurlugundan_cikarma",
    )
    assert (start.limit, start.kept) == (D(2027, 2, 28), True)
    assert "6 months" in start.name
    assert penalty.missing and penalty.limit is None


def test_competent_court_follows_article_33():
    transfer = propose_competent_court(Category.RELOCATION, place_of_duty="Van", previous_place_of_duty="Ankara")
    assert (transfer.ground, transfer.provinces, transfer.article) == (
        Ground.NEW_OR_OLD_PLACE,
        ("Van", "Ankara"),
        "2577 İYUK m.33/1",
    )
    dismissal = propose_competent_court(
        Category.DISCIPLINARY_PENALTY, penalty="devlet_memurlugundan_cikarma", place_of_duty="Kars"
    )
    assert (dismissal.ground, dismissal.provinces) == (Ground.LAST_PLACE, ("Kars",))
    reprimand = propose_competent_court(Category.DISCIPLINARY_PENALTY, penalty="kinama", place_of_duty="Iğdır")
    assert (reprimand.ground, reprimand.provinces) == (Ground.PLACE_OF_SERVICE, ("Iğdır",))
    pay = propose_competent_court(Category.PAY_AND_BENEFITS, place_of_duty="İzmir")
    assert pay.ground is Ground.PLACE_OF_SERVICE
    other = propose_competent_court(Category.HARASSMENT, place_of_duty="İzmir", administration_seat="Ankara")
    assert (other.ground, other.provinces, other.article) == (
        Ground.SEAT_OF_ADMINISTRATION,
        ("Ankara",),
        "2577 İYUK m.32",
    )
