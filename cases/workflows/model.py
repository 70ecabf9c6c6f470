"""What a workflow is made of: its states, its transitions, and the Workflow that checks its table."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Final

from cases.events import EventKind
from cases.vocabulary import CaseKind, Role
from cases.workflows.inputs import INPUT_FIELDS


class State(StrEnum):
    """A case's status; the order here is the order pages and reports list states in."""

    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    AWAITING_MEMBER = "awaiting_member"
    ACCEPTED = "accepted"
    OBJECTION_FILED = "objection_filed"
    LAWSUIT_FILED = "lawsuit_filed"
    RESOLVED = "resolved"
    APPROVED = "approved"
    PAID = "paid"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


# Work on the case goes on: the member may still withdraw; the rest wait to be closed.
OPEN_STATES: Final = frozenset(
    {
        State.SUBMITTED,
        State.IN_REVIEW,
        State.AWAITING_MEMBER,
        State.ACCEPTED,
        State.OBJECTION_FILED,
        State.LAWSUIT_FILED,
        State.APPROVED,
    }
)


class Stay(Enum):
    """The target of a transition that leaves the case in the state it was in."""

    STAY = "stay"


STAY: Final = Stay.STAY
TRANSITION_EVENT: Final = EventKind.TRANSITION


@dataclass(frozen=True)
class Transition:
    """One action on a case: where it may start, where it leads, who may do it, what it needs."""

    name: str
    label: str  # N_ text of the button
    sources: frozenset[State]
    target: State | Stay
    roles: frozenset[Role]
    assignee_only: bool = False
    admin_override: bool = False  # with assignee_only: any admin may act, assigned or not
    only_unassigned: bool = False
    assigns_actor: bool = False  # the actor becomes the assignee (take)
    requires: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    member_visible: bool = True  # the event shows in the member's timeline
    # Sources whose target differs from ``target``: (source, target) pairs.
    target_overrides: tuple[tuple[State, State], ...] = ()

    def target_from(self, source: State) -> State:
        """The state the case is in after this transition from ``source``."""
        for override_source, override_target in self.target_overrides:
            if override_source == source:
                return override_target
        return State(source) if self.target is STAY else self.target


@dataclass(frozen=True)
class Workflow:
    """The states and transitions of one family of case kinds."""

    name: str
    kinds: frozenset[CaseKind]
    states: tuple[State, ...]
    initial: State
    transitions: tuple[Transition, ...]
    member_texts: Mapping[State, str] = field(compare=False)  # N_ words for the member per state

    def __post_init__(self) -> None:
        known = set(self.states)
        names = [t.name for t in self.transitions]
        # A mistake in a table should stop the import, not surface as a refused button.
        problems = [
            *(["initial state not declared"] if self.initial not in known else []),
            *(["transition names repeat"] if len(names) != len(set(names)) else []),
            *(["member texts do not match the states"] if set(self.member_texts) != known else []),
        ]
        for t in self.transitions:
            targets = {t.target_from(source) for source in t.sources}
            if not (t.sources <= known and targets <= known):
                problems.append(f"{t.name}: undeclared state")
            if any(source not in t.sources for source, _ in t.target_overrides):
                problems.append(f"{t.name}: override for a state it does not start from")
            if any(name not in INPUT_FIELDS for name in (*t.requires, *t.optional)):
                problems.append(f"{t.name}: unknown input")
            if t.admin_override and not t.assignee_only:
                problems.append(f"{t.name}: admin_override without assignee_only")
        if problems:
            raise ValueError(f"workflow {self.name}: " + "; ".join(problems))

    @property
    def open_states(self) -> frozenset[State]:
        """States in which work on the case goes on."""
        return frozenset(self.states) & OPEN_STATES

    @property
    def terminal_states(self) -> frozenset[State]:
        """States in which work has ended: the case waits to be closed, or is closed."""
        return frozenset(self.states) - OPEN_STATES

    def get(self, name: str) -> Transition | None:
        """The transition called ``name``, or None."""
        return next((t for t in self.transitions if t.name == name), None)


def is_open(state: State) -> bool:
    """Whether work on a case in ``state`` goes on (it has not ended or been closed)."""
    return State(state) in OPEN_STATES
