"""Every step reads as what happened, in the timeline and in the confirmation, never as its button."""

import pytest

from cases.workflows import WORKFLOWS
from cases.workflows.wording import CONFIRMED, HAPPENED, confirmed, happened

STEPS = sorted({t.name: t for w in WORKFLOWS for t in w.transitions}.items())


@pytest.mark.parametrize(("name", "transition"), STEPS)
def test_each_step_has_its_own_past_tense_words_not_its_button(name, transition) -> None:
    assert name in HAPPENED and name in CONFIRMED
    assert happened(name) != transition.label
    assert confirmed(name) != transition.label


def test_only_money_steps_mention_an_amount() -> None:
    assert {name for name, text in CONFIRMED.items() if "%(amount)s" in text} == {"approve", "mark_paid"}
