"""Case workflows declared as data, and the one engine that runs them all.

Each case kind has a ``Workflow``: its states and a table of ``Transition``s saying from which
states an action starts, where it leads, who may perform it and which inputs it needs. The web
layer asks ``available_transitions`` what a user may do on a case now and shows exactly that;
the POST handler calls ``apply_transition``, which checks again, cleans the inputs and returns
the new state with the event to store.

Who may act — the rule ``tests/cases/test_workflows.py`` pins:

* the actor's role must be in the transition's ``roles``, and the case in one of its ``sources``;
* an ``assignee_only`` transition also needs the actor to be the case's assignee. Admins are no
  exception: an admin may perform it only while assigned to the case, unless the transition sets
  ``admin_override`` (closing is housekeeping any admin may do, e.g. a case withdrawn before
  anyone took it);
* an ``only_unassigned`` transition (take) needs a case without an assignee;
* an actor counts as the assignee only if the case is assigned: ``Actor.is_assignee`` on an
  unassigned case is ignored, so an inconsistent caller fails closed.

Scope — a member acts only on their own cases, staff only on their unions' — is checked by the
caller before it asks: this module sees one case the actor may already see.
"""

from cases.workflows.engine import (
    Actor,
    EventDraft,
    TransitionResult,
    apply_transition,
    available_transitions,
)
from cases.workflows.inputs import (
    _CONTROL,
    EARLIEST_DATE,
    INPUT_FIELDS,
    MAX_AMOUNT,
    InputField,
    InputKind,
    clean_inputs,
)
from cases.workflows.model import (
    OPEN_STATES,
    STAY,
    TRANSITION_EVENT,
    State,
    Stay,
    Transition,
    Workflow,
    is_open,
)
from cases.workflows.tables import (
    ADMIN,
    ASSISTANCE_STAFF,
    ASSISTANCE_TRANSITIONS,
    ASSISTANCE_WORKFLOW,
    LEGAL_STAFF,
    LEGAL_TRANSITIONS,
    LEGAL_WORKFLOW,
    MEMBER,
    WORKFLOWS,
    S,
    states_for_role,
    workflow_for,
    workflows_for_role,
)
from cases.workflows.words import (
    describe_state_for_member,
    state_label,
)

__all__ = [
    "ADMIN",
    "ASSISTANCE_STAFF",
    "ASSISTANCE_TRANSITIONS",
    "ASSISTANCE_WORKFLOW",
    "Actor",
    "EARLIEST_DATE",
    "EventDraft",
    "INPUT_FIELDS",
    "InputField",
    "InputKind",
    "LEGAL_STAFF",
    "LEGAL_TRANSITIONS",
    "LEGAL_WORKFLOW",
    "MAX_AMOUNT",
    "MEMBER",
    "OPEN_STATES",
    "S",
    "STAY",
    "State",
    "Stay",
    "TRANSITION_EVENT",
    "Transition",
    "TransitionResult",
    "WORKFLOWS",
    "Workflow",
    "apply_transition",
    "available_transitions",
    "clean_inputs",
    "describe_state_for_member",
    "is_open",
    "state_label",
    "states_for_role",
    "workflow_for",
    "workflows_for_role",
    # Private names that tests still import from the package.
    "_CONTROL",
]
