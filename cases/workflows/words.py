"""Words for states: short labels, and plain sentences telling the member where the case stands."""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from cases.i18n import N_
from cases.vocabulary import CaseKind
from cases.workflows.model import State
from cases.workflows.tables import WORKFLOWS, S, workflow_for

_STATE_LABELS: Final[Mapping[State, str]] = MappingProxyType(
    {
        # In the order of State; app/labels.py translates these for the web.
        S.SUBMITTED: N_("Submitted"),
        S.IN_REVIEW: N_("In review"),
        S.AWAITING_MEMBER: N_("Awaiting the member"),
        S.ACCEPTED: N_("Accepted"),
        S.OBJECTION_FILED: N_("Objection filed"),
        S.LAWSUIT_FILED: N_("Lawsuit filed"),
        S.RESOLVED: N_("Resolved"),
        S.APPROVED: N_("Approved"),
        S.PAID: N_("Paid or delivered"),
        S.DECLINED: N_("Declined"),
        S.WITHDRAWN: N_("Withdrawn"),
        S.CLOSED: N_("Closed"),
    }
)

# For callers that do not know the kind: words that fit both legal and assistance cases.
_NEUTRAL_MEMBER_TEXTS: Final[Mapping[State, str]] = MappingProxyType(
    {
        S.SUBMITTED: N_("Your request has been received. The union will take it up soon."),
        S.IN_REVIEW: N_("The union is reviewing your request."),
        S.DECLINED: N_("The union cannot help with this request. The reason is given on this page."),
    }
)


def state_label(state: State) -> str:
    """The short N_ label of ``state`` (for badges and lists)."""
    return _STATE_LABELS[State(state)]


def describe_state_for_member(state: State, kind: CaseKind | None = None) -> str:
    """An N_ sentence telling the member in plain words where their case stands."""
    state = State(state)
    if kind is not None and state in workflow_for(kind).member_texts:
        return workflow_for(kind).member_texts[state]
    if state in _NEUTRAL_MEMBER_TEXTS:
        return _NEUTRAL_MEMBER_TEXTS[state]
    return next(w.member_texts[state] for w in WORKFLOWS if state in w.member_texts)
