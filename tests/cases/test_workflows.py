"""The workflow tables: who may do what from where, and how transition inputs are checked.

The permission table below is written out by hand from the product rules, not read from the
engine, so a change to ``cases/workflows.py`` that moves a permission fails here first.
"""

import itertools
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from cases import money
from cases.errors import MissingInput, TransitionNotAllowed
from cases.vocabulary import CaseKind, Outcome, Role
from cases.workflows import (
    ASSISTANCE_WORKFLOW,
    LEGAL_WORKFLOW,
    STAY,
    WORKFLOWS,
    Actor,
    State,
    Transition,
    Workflow,
    apply_transition,
    available_transitions,
    describe_state_for_member,
    is_open,
    state_label,
    workflow_for,
)

TODAY = date(2025, 6, 16)

LEGAL_OPEN = {"submitted", "in_review", "awaiting_member", "accepted", "objection_filed", "lawsuit_filed"}
ASSISTANCE_OPEN = {"submitted", "in_review", "awaiting_member", "approved"}


def stay(states: set[str]) -> dict[str, str]:
    """Each state leads to itself, except that assigning a submitted case starts its review."""
    return {state: "in_review" if state == "submitted" else state for state in states}


# transition: (source states -> target state, who may perform it). "Who" is one of:
#   member             the member (whose case it is — scope is checked by the caller)
#   staff              the workflow's staff: lawyer or admin (legal), officer or admin (assistance)
#   staff, unassigned  staff, and only while nobody is assigned
#   admin              any admin
#   assignee           staff who is the case's assignee; an admin only when assigned
#   assignee or admin  the assignee, or any admin
EXPECTED: dict[str, dict[str, tuple[dict[str, str], str]]] = {
    "legal": {
        "take": ({"submitted": "in_review"}, "staff, unassigned"),
        "assign": (stay(LEGAL_OPEN), "admin"),
        "request_info": ({"in_review": "awaiting_member"}, "assignee"),
        "member_answer": ({"awaiting_member": "in_review"}, "member"),
        "accept": ({"in_review": "accepted"}, "assignee"),
        "decline": ({"in_review": "declined", "awaiting_member": "declined"}, "assignee"),
        "file_objection": ({"accepted": "objection_filed"}, "assignee"),
        "file_lawsuit": ({"accepted": "lawsuit_filed", "objection_filed": "lawsuit_filed"}, "assignee"),
        "record_decision": ({"objection_filed": "resolved", "lawsuit_filed": "resolved"}, "assignee"),
        "withdraw": (dict.fromkeys(LEGAL_OPEN, "withdrawn"), "member"),
        "close": ({"resolved": "closed", "declined": "closed", "withdrawn": "closed"}, "assignee or admin"),
        "reopen": ({"closed": "in_review"}, "staff"),
    },
    "assistance": {
        "take": ({"submitted": "in_review"}, "staff, unassigned"),
        "assign": (stay(ASSISTANCE_OPEN), "admin"),
        "request_info": ({"in_review": "awaiting_member"}, "assignee"),
        "member_answer": ({"awaiting_member": "in_review"}, "member"),
        "approve": ({"in_review": "approved"}, "assignee"),
        "decline": ({"in_review": "declined", "awaiting_member": "declined"}, "assignee"),
        "mark_paid": ({"approved": "paid"}, "assignee"),
        "withdraw": (dict.fromkeys(ASSISTANCE_OPEN, "withdrawn"), "member"),
        "close": ({"paid": "closed", "declined": "closed", "withdrawn": "closed"}, "assignee or admin"),
        "reopen": ({"closed": "in_review"}, "staff"),
    },
}
STAFF = {"legal": {"lawyer", "admin"}, "assistance": {"officer", "admin"}}
ALL_NAMES = sorted({name for table in EXPECTED.values() for name in table} | {"no_such_action"})
ALL_STATES = [
    "submitted",
    "in_review",
    "awaiting_member",
    "accepted",
    "objection_filed",
    "lawsuit_filed",
    "resolved",
    "approved",
    "paid",
    "declined",
    "withdrawn",
    "closed",
]
ALL_ROLES = ["member", "lawyer", "officer", "admin"]
MEMBER_TRANSITIONS = {"member_answer", "withdraw"}

VALID_INPUTS: dict[str, dict[str, object]] = {
    "take": {},
    "assign": {"assignee_id": 42},
    "request_info": {"message": "Please upload the notification of the transfer."},
    "member_answer": {"message": "Uploaded it, thank you."},
    "accept": {},
    "decline": {"reason": "The deadline passed before the application."},
    "file_objection": {"authority": "İl Disiplin Kurulu", "filing_date": TODAY},
    "file_lawsuit": {"court": "Ankara 3. İdare Mahkemesi", "file_number": "2025/1234", "filing_date": TODAY},
    "record_decision": {"outcome": "won", "decision_date": TODAY},
    "withdraw": {},
    "close": {},
    "reopen": {"reason": "The member brought a new document."},
    "approve": {"amount": "2500.00"},
    "mark_paid": {"paid_date": TODAY},
    "no_such_action": {},
}


def expected_target(workflow: str, state: str, name: str, role: str, is_assignee: bool, assigned: bool) -> str | None:
    """The state the table expects after the action, or None when the action must be refused."""
    if name not in EXPECTED[workflow]:
        return None
    targets, who = EXPECTED[workflow][name]
    if state not in targets:
        return None
    staff = role in STAFF[workflow]
    assignee = staff and is_assignee and assigned  # an assignee flag on an unassigned case is void
    allowed = {
        "member": role == "member",
        "staff": staff,
        "staff, unassigned": staff and not assigned,
        "admin": role == "admin",
        "assignee": assignee,
        "assignee or admin": assignee or role == "admin",
    }[who]
    return targets[state] if allowed else None


def _disagreement(
    workflow: Workflow, state: str, name: str, role: str, is_assignee: bool, assigned: bool
) -> str | None:
    """How the engine departs from the hand-written table for one combination, or None when it agrees."""
    expected = expected_target(workflow.name, state, name, role, is_assignee, assigned)
    actor = Actor(user_id=7, role=Role(role), is_assignee=is_assignee)
    where = f"{state} / {name} by {role} ({'assignee' if is_assignee else 'other'}, {'assigned' if assigned else 'unassigned'})"
    offered = name in {t.name for t in available_transitions(workflow, State(state), actor, assigned=assigned)}
    if offered != (expected is not None):
        return f"{where}: offered={offered}, table says {expected}"
    try:
        result = apply_transition(
            workflow, State(state), name, actor, VALID_INPUTS[name], assigned=assigned, today=TODAY
        )
    except TransitionNotAllowed:
        return None if expected is None else f"{where}: refused, table says {expected}"
    if expected is None:
        return f"{where}: performed, table says refused"
    if result.new_state != expected or (result.event.from_state, result.event.to_state) != (state, expected):
        return f"{where}: went to {result.new_state} (event {result.event.from_state}->{result.event.to_state})"
    return None


@pytest.mark.parametrize("workflow", [LEGAL_WORKFLOW, ASSISTANCE_WORKFLOW], ids=lambda w: w.name)
def test_permission_table(workflow: Workflow) -> None:
    """Every state × action × role × assignee × assigned combination does what the table above says.

    One test per workflow: the table is the oracle, and the combinations (the other workflow's
    states and actions included, which must all be refused) are its rows, not separate tests.
    """
    combinations = itertools.product(ALL_STATES, ALL_NAMES, ALL_ROLES, (False, True), (False, True))
    disagreements = [d for combo in combinations if (d := _disagreement(workflow, *combo)) is not None]
    assert disagreements == []


def test_the_tables_declare_exactly_the_expected_transitions() -> None:
    for workflow in WORKFLOWS:
        assert [t.name for t in workflow.transitions] == list(EXPECTED[workflow.name])


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_member_is_never_offered_a_staff_transition(workflow: Workflow) -> None:
    for state in workflow.states:
        for is_assignee in (False, True):
            for assigned in (False, True):
                member = Actor(1, Role.MEMBER, is_assignee=is_assignee)
                offered = {t.name for t in available_transitions(workflow, state, member, assigned=assigned)}
                assert offered <= MEMBER_TRANSITIONS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_staff_cannot_act_for_the_member(workflow: Workflow) -> None:
    for transition in workflow.transitions:
        if transition.name in MEMBER_TRANSITIONS:
            assert transition.roles == {Role.MEMBER}
        else:
            assert Role.MEMBER not in transition.roles


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_state_is_reachable_and_every_case_can_end_closed(workflow: Workflow) -> None:
    edges = {(s, t.target_from(s)) for t in workflow.transitions for s in t.sources}
    reached, frontier = {workflow.initial}, [workflow.initial]
    while frontier:
        state = frontier.pop()
        for source, target in edges:
            if source == state and target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(workflow.states)
    for state in workflow.states:  # from anywhere, some path leads to closed
        seen, frontier = {state}, [state]
        while frontier:
            current = frontier.pop()
            for source, target in edges:
                if source == current and target not in seen:
                    seen.add(target)
                    frontier.append(target)
        assert State.CLOSED in seen, state


def test_open_and_terminal_states_split_each_workflow() -> None:
    assert LEGAL_WORKFLOW.open_states == LEGAL_OPEN
    assert ASSISTANCE_WORKFLOW.open_states == ASSISTANCE_OPEN
    assert LEGAL_WORKFLOW.terminal_states == {"resolved", "declined", "withdrawn", "closed"}
    assert ASSISTANCE_WORKFLOW.terminal_states == {"paid", "declined", "withdrawn", "closed"}
    assert {s for s in State if is_open(s)} == LEGAL_OPEN | ASSISTANCE_OPEN


def test_workflow_for_each_kind() -> None:
    assert workflow_for(CaseKind.LEGAL) is LEGAL_WORKFLOW
    assert workflow_for(CaseKind.SOCIAL) is ASSISTANCE_WORKFLOW
    assert workflow_for("material") is ASSISTANCE_WORKFLOW


def test_state_values_are_stable() -> None:
    assert [s.value for s in State] == ALL_STATES


# --- Happy paths ----------------------------------------------------------------------------


def run(workflow: Workflow, steps: list[tuple[str, Actor, dict[str, object]]]) -> list[State]:
    state, assigned, seen = workflow.initial, False, []
    for name, actor, inputs in steps:
        result = apply_transition(workflow, state, name, actor, inputs, assigned=assigned, today=TODAY)
        state, assigned = result.new_state, assigned or result.assignee_id is not None
        seen.append(state)
    return seen


def test_a_legal_case_from_submission_to_reopening() -> None:
    lawyer, member = Actor(10, Role.LAWYER, is_assignee=True), Actor(1, Role.MEMBER)
    steps = [
        ("take", lawyer, {}),
        ("request_info", lawyer, VALID_INPUTS["request_info"]),
        ("member_answer", member, VALID_INPUTS["member_answer"]),
        ("accept", lawyer, {}),
        ("file_objection", lawyer, VALID_INPUTS["file_objection"]),
        ("file_lawsuit", lawyer, VALID_INPUTS["file_lawsuit"]),
        ("record_decision", lawyer, VALID_INPUTS["record_decision"]),
        ("close", lawyer, {}),
        ("reopen", Actor(11, Role.LAWYER), VALID_INPUTS["reopen"]),
    ]
    assert run(LEGAL_WORKFLOW, steps) == [
        "in_review",
        "awaiting_member",
        "in_review",
        "accepted",
        "objection_filed",
        "lawsuit_filed",
        "resolved",
        "closed",
        "in_review",
    ]


def test_an_objection_upheld_by_the_board_resolves_the_case_without_a_lawsuit() -> None:
    lawyer = Actor(10, Role.LAWYER, is_assignee=True)
    steps = [
        ("take", lawyer, {}),
        ("accept", lawyer, {}),
        ("file_objection", lawyer, VALID_INPUTS["file_objection"]),
        ("record_decision", lawyer, {"outcome": "won", "decision_date": TODAY}),
        ("close", lawyer, {}),
    ]
    assert run(LEGAL_WORKFLOW, steps)[-3:] == ["objection_filed", "resolved", "closed"]
    assert "court" not in describe_state_for_member(State.RESOLVED, CaseKind.LEGAL).lower()


def test_an_assistance_request_from_submission_to_closing() -> None:
    admin, officer = Actor(20, Role.ADMIN), Actor(30, Role.OFFICER, is_assignee=True)
    steps = [
        ("assign", admin, {"assignee_id": "30"}),
        ("approve", officer, {"amount": Decimal("1500")}),
        ("mark_paid", officer, {"paid_date": "2025-06-16", "note": "Paid to the member's account."}),
        ("close", admin, {}),
    ]
    assert run(ASSISTANCE_WORKFLOW, steps) == ["in_review", "approved", "paid", "closed"]


def test_take_makes_the_actor_the_assignee_and_records_it() -> None:
    result = apply_transition(
        LEGAL_WORKFLOW, State.SUBMITTED, "take", Actor(10, Role.LAWYER), {}, assigned=False, today=TODAY
    )
    assert result.assignee_id == 10
    assert result.event.data == {"assignee_id": 10}


def test_assign_names_the_new_assignee_and_is_internal() -> None:
    result = apply_transition(
        LEGAL_WORKFLOW,
        State.ACCEPTED,
        "assign",
        Actor(20, Role.ADMIN),
        {"assignee_id": 11},
        assigned=True,
        today=TODAY,
    )
    assert (result.new_state, result.assignee_id) == (State.ACCEPTED, 11)
    assert result.event.member_visible is False
    assert LEGAL_WORKFLOW.get("assign").target is STAY


def test_other_transitions_leave_the_assignee_alone() -> None:
    lawyer = Actor(10, Role.LAWYER, is_assignee=True)
    result = apply_transition(LEGAL_WORKFLOW, State.IN_REVIEW, "accept", lawyer, {}, assigned=True, today=TODAY)
    assert result.assignee_id is None


def test_event_payload_is_json_and_covers_the_states() -> None:
    lawyer = Actor(10, Role.LAWYER, is_assignee=True)
    result = apply_transition(
        LEGAL_WORKFLOW,
        State.LAWSUIT_FILED,
        "record_decision",
        lawyer,
        {"outcome": Outcome.PARTLY_WON, "decision_date": date(2025, 5, 2), "csrf_token": "x"},
        assigned=True,
        today=TODAY,
    )
    payload = result.event.payload()
    assert json.loads(json.dumps(payload)) == payload
    assert payload == {
        "transition": "record_decision",
        "from_state": "lawsuit_filed",
        "to_state": "resolved",
        "member_visible": True,
        "data": {"outcome": "partly_won", "decision_date": "2025-05-02"},
    }
    assert result.event.kind == "transition"


# --- Refusals -------------------------------------------------------------------------------


def test_refusals_explain_themselves() -> None:
    other_lawyer = Actor(11, Role.LAWYER)

    def refusal(state: State, name: str, actor: Actor, assigned: bool = True) -> TransitionNotAllowed:
        with pytest.raises(TransitionNotAllowed) as caught:
            apply_transition(LEGAL_WORKFLOW, state, name, actor, {}, assigned=assigned, today=TODAY)
        return caught.value

    assert refusal(State.IN_REVIEW, "accept", other_lawyer).message == (
        "Only the person assigned to this case can do this."
    )
    assert refusal(State.IN_REVIEW, "accept", Actor(20, Role.ADMIN)).params["transition"] == "accept"
    assert refusal(State.SUBMITTED, "take", other_lawyer).message == "This case has already been assigned."
    assert refusal(State.RESOLVED, "accept", other_lawyer).message == (
        "This is not possible at this stage of the case."
    )
    assert refusal(State.IN_REVIEW, "accept", Actor(1, Role.MEMBER)).message == (
        "You are not allowed to do this on this case."
    )
    assert refusal(State.IN_REVIEW, "approve", other_lawyer).message == "This action does not exist."


def test_permission_is_checked_before_inputs() -> None:
    # A refused user learns nothing about what the form would have needed.
    with pytest.raises(TransitionNotAllowed):
        apply_transition(
            LEGAL_WORKFLOW, State.IN_REVIEW, "decline", Actor(11, Role.LAWYER), {}, assigned=True, today=TODAY
        )


def test_admin_needs_to_be_assigned_for_assignee_work_but_may_always_close() -> None:
    admin = Actor(20, Role.ADMIN)
    assigned_admin = Actor(20, Role.ADMIN, is_assignee=True)
    offered = {t.name for t in available_transitions(LEGAL_WORKFLOW, State.IN_REVIEW, admin, assigned=True)}
    assert offered == {"assign"}
    offered = {t.name for t in available_transitions(LEGAL_WORKFLOW, State.IN_REVIEW, assigned_admin, assigned=True)}
    assert offered == {"assign", "request_info", "accept", "decline"}
    offered = {t.name for t in available_transitions(LEGAL_WORKFLOW, State.WITHDRAWN, admin, assigned=False)}
    assert offered == {"close"}


# --- Inputs ---------------------------------------------------------------------------------

ASSIGNEE_LAWYER = Actor(10, Role.LAWYER, is_assignee=True)
ASSIGNEE_OFFICER = Actor(30, Role.OFFICER, is_assignee=True)


def legal(state: State, name: str, inputs: dict[str, object]) -> dict[str, object]:
    result = apply_transition(LEGAL_WORKFLOW, state, name, ASSIGNEE_LAWYER, inputs, assigned=True, today=TODAY)
    return dict(result.event.data)


def approve(amount: object) -> str:
    result = apply_transition(
        ASSISTANCE_WORKFLOW,
        State.IN_REVIEW,
        "approve",
        ASSIGNEE_OFFICER,
        {"amount": amount},
        assigned=True,
        today=TODAY,
    )
    return result.event.data["amount"]


def refused_input(call: Callable[..., object], *args: object) -> MissingInput:
    with pytest.raises(MissingInput) as caught:
        call(*args)
    return caught.value


@pytest.mark.parametrize("reason", [None, "", "   ", "\n\t "])
def test_decline_needs_a_reason(reason: object) -> None:
    inputs = {} if reason is None else {"reason": reason}
    error = refused_input(legal, State.IN_REVIEW, "decline", inputs)
    assert error.params == {"field": "reason"}
    assert error.render() == "Please give a reason."
    assert error.render(lambda text: {"Please give a reason.": "Lütfen bir gerekçe yazın."}[text]) == (
        "Lütfen bir gerekçe yazın."
    )


def test_text_is_trimmed_normalised_and_bounded() -> None:
    data = legal(State.IN_REVIEW, "decline", {"reason": "  Süre\x00 geçmiş.\r\n  Başvuru geç.  "})
    assert data == {"reason": "Süre geçmiş.\r\n  Başvuru geç."}
    assert legal(State.IN_REVIEW, "decline", {"reason": "x" * 4000})["reason"] == "x" * 4000
    error = refused_input(legal, State.IN_REVIEW, "decline", {"reason": "x" * 4001})
    assert error.params == {"field": "reason", "max_length": 4000}
    assert "4000" in error.render()
    error = refused_input(legal, State.IN_REVIEW, "decline", {"reason": ["a list"]})
    assert error.params["field"] == "reason"


def test_one_line_inputs_collapse_whitespace() -> None:
    data = legal(
        State.ACCEPTED,
        "file_lawsuit",
        {"court": "  Ankara   3.\nİdare  Mahkemesi ", "file_number": " 2025/1234 ", "filing_date": TODAY},
    )
    assert data == {
        "court": "Ankara 3. İdare Mahkemesi",
        "file_number": "2025/1234",
        "filing_date": "2025-06-16",
    }


@pytest.mark.parametrize("missing", ["court", "file_number", "filing_date"])
def test_file_lawsuit_needs_court_file_number_and_date(missing: str) -> None:
    inputs = dict(VALID_INPUTS["file_lawsuit"])
    inputs[missing] = " "
    assert refused_input(legal, State.ACCEPTED, "file_lawsuit", inputs).params == {"field": missing}


@pytest.mark.parametrize(
    "filing_date",
    [TODAY + timedelta(days=1), "2025-06-17", datetime(2025, 6, 17, 9, 0)],
)
def test_filing_date_cannot_be_in_the_future(filing_date: object) -> None:
    error = refused_input(legal, State.ACCEPTED, "file_objection", {"authority": "Kurum", "filing_date": filing_date})
    assert error.params == {"field": "filing_date"}
    assert error.render() == "This date is in the future. Please check it."


@pytest.mark.parametrize("filing_date", ["16.06.2025", "2025-02-30", "yesterday", 20250616, "0225-06-16"])
def test_filing_date_must_be_a_real_plausible_date(filing_date: object) -> None:
    error = refused_input(legal, State.ACCEPTED, "file_objection", {"authority": "Kurum", "filing_date": filing_date})
    assert error.params == {"field": "filing_date"}


@pytest.mark.parametrize(
    ("given", "stored"),
    [(TODAY, "2025-06-16"), ("2025-06-16", "2025-06-16"), (datetime(2024, 1, 2, 23, 59), "2024-01-02")],
)
def test_dates_are_stored_as_iso_text(given: object, stored: str) -> None:
    data = legal(State.ACCEPTED, "file_objection", {"authority": "Kurum", "filing_date": given})
    assert data == {"authority": "Kurum", "filing_date": stored}


def test_optional_inputs_are_kept_when_given_and_dropped_when_blank() -> None:
    base = {"authority": "İl Disiplin Kurulu", "filing_date": TODAY}
    assert "file_number" not in legal(State.ACCEPTED, "file_objection", {**base, "file_number": "  "})
    assert legal(State.ACCEPTED, "file_objection", {**base, "file_number": "E.2025/7"})["file_number"] == "E.2025/7"


@pytest.mark.parametrize("outcome", ["victory", "", None, "WON", 3])
def test_record_decision_needs_a_known_outcome(outcome: object) -> None:
    error = refused_input(legal, State.LAWSUIT_FILED, "record_decision", {"outcome": outcome, "decision_date": TODAY})
    assert error.params == {"field": "outcome"}


@pytest.mark.parametrize("outcome", [Outcome.SETTLED, "settled", " settled "])
def test_record_decision_accepts_outcome_values(outcome: object) -> None:
    data = legal(State.LAWSUIT_FILED, "record_decision", {"outcome": outcome, "decision_date": TODAY})
    assert data["outcome"] == "settled"


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        ("2500", "2500.00"),
        (" 12.5 ", "12.50"),
        ("10.000", "10000.00"),
        ("1.250,50", "1250.50"),
        ("10 000 TL", "10000.00"),
        (Decimal("0.01"), "0.01"),
        (Decimal("1000000"), "1000000.00"),
        (Decimal("99.900"), "99.90"),
        (250, "250.00"),
    ],
)
def test_approve_stores_the_amount_with_two_decimals(amount: object, stored: str) -> None:
    assert approve(amount) == stored


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "The amount must be more than zero."),
        ("-5", money.UNREADABLE),
        (Decimal("-0.01"), "The amount must be more than zero."),
        ("12.3456", money.TOO_MANY_DECIMALS),
        (Decimal("12.345"), "The amount can have at most two decimal places."),
        ("10,000", money.AMBIGUOUS),
        ("1000000.01", "The amount cannot be more than %(maximum)s."),
        ("1.000.000,01", "The amount cannot be more than %(maximum)s."),
        (Decimal("1E+7"), "The amount cannot be more than %(maximum)s."),
        ("abc", money.UNREADABLE),
        ("1e3", money.UNREADABLE),
        (12.5, "Please enter the amount as a number, for example 1250.50."),
        (True, "Please enter the amount as a number, for example 1250.50."),
        (Decimal("NaN"), "Please enter the amount as a number, for example 1250.50."),
        (Decimal("Infinity"), "Please enter the amount as a number, for example 1250.50."),
        ("", "Please enter the amount."),
        (None, "Please enter the amount."),
    ],
)
def test_approve_refuses_a_bad_amount(amount: object, message: str) -> None:
    error = refused_input(approve, amount)
    assert error.params["field"] == "amount"
    assert error.message == message


@pytest.mark.parametrize("assignee_id", ["abc", 0, -1, True, "1.5", None, "  "])
def test_assign_needs_a_user(assignee_id: object) -> None:
    admin = Actor(20, Role.ADMIN)
    with pytest.raises(MissingInput) as caught:
        apply_transition(
            LEGAL_WORKFLOW,
            State.IN_REVIEW,
            "assign",
            admin,
            {"assignee_id": assignee_id},
            assigned=True,
            today=TODAY,
        )
    assert caught.value.params == {"field": "assignee_id"}


def test_withdraw_takes_an_optional_reason() -> None:
    member = Actor(1, Role.MEMBER)
    result = apply_transition(
        LEGAL_WORKFLOW,
        State.ACCEPTED,
        "withdraw",
        member,
        {"reason": " Settled "},
        assigned=True,
        today=TODAY,
    )
    assert (result.new_state, result.event.data) == (State.WITHDRAWN, {"reason": "Settled"})
    result = apply_transition(LEGAL_WORKFLOW, State.SUBMITTED, "withdraw", member, {}, assigned=False, today=TODAY)
    assert result.event.data == {}


# --- Words ----------------------------------------------------------------------------------


def test_every_state_has_a_label_and_member_words() -> None:
    for state in State:
        assert state_label(state)
        assert describe_state_for_member(state)
    for workflow in WORKFLOWS:
        for kind in workflow.kinds:
            for state in workflow.states:
                assert describe_state_for_member(state, kind).endswith(".")


def test_member_words_fit_the_kind() -> None:
    assert describe_state_for_member(State.IN_REVIEW, CaseKind.LEGAL) == "A union lawyer is reviewing your case."
    assert "officer" in describe_state_for_member(State.IN_REVIEW, CaseKind.MATERIAL)
    assert "lawyer" not in describe_state_for_member(State.IN_REVIEW)
    assert state_label(State.AWAITING_MEMBER) == "Awaiting the member"


def test_a_broken_table_is_refused_at_import() -> None:
    bad = Transition("jump", "Jump", frozenset({State.APPROVED}), State.CLOSED, frozenset({Role.ADMIN}))
    with pytest.raises(ValueError, match="jump: undeclared state"):
        Workflow(
            name="broken",
            kinds=frozenset(),
            states=LEGAL_WORKFLOW.states,
            initial=State.SUBMITTED,
            transitions=(*LEGAL_WORKFLOW.transitions, bad),
            member_texts=LEGAL_WORKFLOW.member_texts,
        )
