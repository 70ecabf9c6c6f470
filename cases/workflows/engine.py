"""The engine: who may perform which transition now, and performing one."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cases.errors import TransitionNotAllowed
from cases.events import EventKind
from cases.i18n import N_
from cases.vocabulary import Role
from cases.workflows.inputs import clean_inputs
from cases.workflows.model import TRANSITION_EVENT, State, Transition, Workflow


@dataclass(frozen=True)
class Actor:
    """Who acts on a case: the user, their role, and whether they are the case's assignee."""

    user_id: int
    role: Role
    is_assignee: bool = False


@dataclass(frozen=True)
class EventDraft:
    """The timeline event a transition writes; ``payload()`` is what the event row stores."""

    kind: EventKind
    transition: str
    from_state: State
    to_state: State
    member_visible: bool
    data: Mapping[str, object]  # cleaned inputs, JSON-safe (dates ISO, amounts as strings)

    def payload(self) -> dict[str, object]:
        """The JSON-safe event payload; states and visibility live in it so the hash covers them."""
        return {
            "transition": self.transition,
            "from_state": self.from_state.value,
            "to_state": self.to_state.value,
            "member_visible": self.member_visible,
            "data": dict(self.data),
        }


@dataclass(frozen=True)
class TransitionResult:
    """The outcome of a transition: the new state, the event to store, and any new assignee."""

    new_state: State
    event: EventDraft
    assignee_id: int | None = None  # set when the transition (take, assign) changes the assignee


def _refusal(transition: Transition, state: State, actor: Actor, *, assigned: bool) -> str | None:
    """Why ``actor`` may not perform ``transition`` now (an N_ message), or None if they may."""
    if actor.role not in transition.roles:
        return N_("You are not allowed to do this on this case.")
    if state not in transition.sources:
        return N_("This is not possible at this stage of the case.")
    is_assignee = assigned and actor.is_assignee
    admin_may = transition.admin_override and actor.role == Role.ADMIN
    if transition.assignee_only and not (is_assignee or admin_may):
        return N_("Only the person assigned to this case can do this.")
    if transition.only_unassigned and assigned:
        return N_("This case has already been assigned.")
    return None


def available_transitions(workflow: Workflow, state: State, actor: Actor, *, assigned: bool) -> list[Transition]:
    """The transitions ``actor`` may perform on a case in ``state``, in table order."""
    return [t for t in workflow.transitions if _refusal(t, state, actor, assigned=assigned) is None]


def apply_transition(
    workflow: Workflow,
    state: State,
    name: str,
    actor: Actor,
    inputs: Mapping[str, object],
    *,
    assigned: bool,
    today: date,
) -> TransitionResult:
    """Check and perform transition ``name``; the caller stores the new state and the event.

    Raises TransitionNotAllowed (unknown name, wrong state, role or assignee) or MissingInput
    (a required input absent, or an input invalid; ``field`` names it).
    """
    transition = workflow.get(name)
    if transition is None:
        raise TransitionNotAllowed(N_("This action does not exist."), transition=name)
    state = State(state)
    refusal = _refusal(transition, state, actor, assigned=assigned)
    if refusal is not None:
        raise TransitionNotAllowed(refusal, transition=name, state=state.value)
    data = clean_inputs(transition.requires, transition.optional, inputs, today=today)
    assignee_id = data.get("assignee_id")
    if transition.assigns_actor:
        assignee_id = data["assignee_id"] = actor.user_id
    new_state = transition.target_from(state)
    event = EventDraft(TRANSITION_EVENT, name, state, new_state, transition.member_visible, data)
    return TransitionResult(new_state, event, assignee_id if isinstance(assignee_id, int) else None)
