"""Event kinds are stored identifiers: renaming one would orphan every stored event of that kind."""

from datetime import date

from cases.events import THREAD_KINDS, EventKind
from cases.vocabulary import Role
from cases.workflows import LEGAL_WORKFLOW, TRANSITION_EVENT, Actor, State, apply_transition


def test_event_kinds_keep_their_stored_values():
    assert [kind.value for kind in EventKind] == [
        "submitted",
        "transition",
        "note",
        "message",
        "member_message",
        "attachment",
        "document",
        "deadline",
        "priority",
        "conflict",
        "proceeding",
        "case_fact",
    ]


def test_an_event_kind_compares_equal_to_the_string_stored_for_it():
    assert EventKind("member_message") is EventKind.MEMBER_MESSAGE
    assert EventKind.NOTE == "note"


def test_the_message_thread_is_the_two_message_kinds():
    assert {EventKind.MESSAGE, EventKind.MEMBER_MESSAGE} == THREAD_KINDS


def test_a_transition_writes_a_transition_event():
    result = apply_transition(
        LEGAL_WORKFLOW,
        State.SUBMITTED,
        "take",
        Actor(user_id=1, role=Role.LAWYER),
        {},
        assigned=False,
        today=date(2026, 11, 23),
    )
    assert result.event.kind is EventKind.TRANSITION is TRANSITION_EVENT
