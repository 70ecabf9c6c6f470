"""The legal and assistance workflows as tables of transitions, with the member's words per state."""

from collections.abc import Iterable
from types import MappingProxyType
from typing import Any, Final

from cases.i18n import N_
from cases.vocabulary import CaseKind, Role, kinds_for_role, staff_roles_for_kind
from cases.workflows.model import STAY, State, Stay, Transition, Workflow


def _t(
    name: str,
    label: str,
    sources: Iterable[State],
    target: State | Stay,
    roles: Iterable[Role],
    **flags: Any,
) -> Transition:
    """A Transition from plain iterables, so the tables below read as tables."""
    return Transition(name, label, frozenset(sources), target, frozenset(roles), **flags)


S = State
MEMBER: Final = frozenset({Role.MEMBER})
ADMIN: Final = frozenset({Role.ADMIN})
LEGAL_STAFF: Final = staff_roles_for_kind(CaseKind.LEGAL)
ASSISTANCE_STAFF: Final = staff_roles_for_kind(CaseKind.SOCIAL)
_LEGAL_OPEN = (S.SUBMITTED, S.IN_REVIEW, S.AWAITING_MEMBER, S.ACCEPTED, S.OBJECTION_FILED, S.LAWSUIT_FILED)
_ASSISTANCE_OPEN = (S.SUBMITTED, S.IN_REVIEW, S.AWAITING_MEMBER, S.APPROVED)
# Assigning a submitted case starts its review: once it has an assignee no one could take it.
_ASSIGN_STARTS_REVIEW = ((S.SUBMITTED, S.IN_REVIEW),)

# fmt: off
LEGAL_TRANSITIONS: Final = (
    _t("take", N_("Take the case"), [S.SUBMITTED], S.IN_REVIEW, LEGAL_STAFF,
       only_unassigned=True, assigns_actor=True),
    _t("assign", N_("Assign"), _LEGAL_OPEN, STAY, ADMIN,
       requires=("assignee_id",), member_visible=False, target_overrides=_ASSIGN_STARTS_REVIEW),
    _t("request_info", N_("Request information"), [S.IN_REVIEW], S.AWAITING_MEMBER, LEGAL_STAFF,
       assignee_only=True, requires=("message",)),
    _t("member_answer", N_("Send your answer"), [S.AWAITING_MEMBER], S.IN_REVIEW, MEMBER,
       requires=("message",)),
    _t("accept", N_("Accept the case"), [S.IN_REVIEW], S.ACCEPTED, LEGAL_STAFF,
       assignee_only=True),
    _t("decline", N_("Decline"), [S.IN_REVIEW, S.AWAITING_MEMBER], S.DECLINED, LEGAL_STAFF,
       assignee_only=True, requires=("reason",)),
    _t("file_objection", N_("Record the objection"), [S.ACCEPTED], S.OBJECTION_FILED, LEGAL_STAFF,
       assignee_only=True, requires=("authority", "filing_date"), optional=("file_number",)),
    _t("file_lawsuit", N_("Record the lawsuit"), [S.ACCEPTED, S.OBJECTION_FILED], S.LAWSUIT_FILED,
       LEGAL_STAFF, assignee_only=True, requires=("court", "file_number", "filing_date")),
    # The board's answer to an objection can end the matter as a court's judgment does.
    _t("record_decision", N_("Record the decision"), [S.OBJECTION_FILED, S.LAWSUIT_FILED], S.RESOLVED,
       LEGAL_STAFF, assignee_only=True, requires=("outcome", "decision_date")),
    _t("withdraw", N_("Withdraw the case"), _LEGAL_OPEN, S.WITHDRAWN, MEMBER,
       optional=("reason",)),
    _t("close", N_("Close"), [S.RESOLVED, S.DECLINED, S.WITHDRAWN], S.CLOSED, LEGAL_STAFF,
       assignee_only=True, admin_override=True),
    _t("reopen", N_("Reopen"), [S.CLOSED], S.IN_REVIEW, LEGAL_STAFF,
       requires=("reason",)),
)

ASSISTANCE_TRANSITIONS: Final = (
    _t("take", N_("Take the case"), [S.SUBMITTED], S.IN_REVIEW, ASSISTANCE_STAFF,
       only_unassigned=True, assigns_actor=True),
    _t("assign", N_("Assign"), _ASSISTANCE_OPEN, STAY, ADMIN,
       requires=("assignee_id",), member_visible=False, target_overrides=_ASSIGN_STARTS_REVIEW),
    _t("request_info", N_("Request information"), [S.IN_REVIEW], S.AWAITING_MEMBER, ASSISTANCE_STAFF,
       assignee_only=True, requires=("message",)),
    _t("member_answer", N_("Send your answer"), [S.AWAITING_MEMBER], S.IN_REVIEW, MEMBER,
       requires=("message",)),
    _t("approve", N_("Approve"), [S.IN_REVIEW], S.APPROVED, ASSISTANCE_STAFF,
       assignee_only=True, requires=("amount",)),
    _t("decline", N_("Decline"), [S.IN_REVIEW, S.AWAITING_MEMBER], S.DECLINED, ASSISTANCE_STAFF,
       assignee_only=True, requires=("reason",)),
    _t("mark_paid", N_("Mark as paid"), [S.APPROVED], S.PAID, ASSISTANCE_STAFF,
       assignee_only=True, requires=("paid_date",), optional=("note",)),
    _t("withdraw", N_("Withdraw the request"), _ASSISTANCE_OPEN, S.WITHDRAWN, MEMBER,
       optional=("reason",)),
    _t("close", N_("Close"), [S.PAID, S.DECLINED, S.WITHDRAWN], S.CLOSED, ASSISTANCE_STAFF,
       assignee_only=True, admin_override=True),
    _t("reopen", N_("Reopen"), [S.CLOSED], S.IN_REVIEW, ASSISTANCE_STAFF,
       requires=("reason",)),
)
# fmt: on

_SHARED_MEMBER_TEXTS = {
    S.AWAITING_MEMBER: N_("The union needs more information from you. Please answer on this page."),
    S.WITHDRAWN: N_("You withdrew this case."),
    S.CLOSED: N_("This case is closed."),
}

LEGAL_WORKFLOW: Final = Workflow(
    name="legal",
    kinds=frozenset({CaseKind.LEGAL}),
    states=(*_LEGAL_OPEN, S.RESOLVED, S.DECLINED, S.WITHDRAWN, S.CLOSED),
    initial=S.SUBMITTED,
    transitions=LEGAL_TRANSITIONS,
    member_texts=MappingProxyType(
        {
            **_SHARED_MEMBER_TEXTS,
            S.SUBMITTED: N_("Your case has been received. A union lawyer will take it up soon."),
            S.IN_REVIEW: N_("A union lawyer is reviewing your case."),
            S.ACCEPTED: N_("The union has taken on your case and is preparing the next steps."),
            S.OBJECTION_FILED: N_("An objection has been filed with the administration for you."),
            S.LAWSUIT_FILED: N_("A lawsuit has been filed for you. The court will decide."),
            S.RESOLVED: N_("A decision has been made on your case. Your lawyer will explain what it means for you."),
            S.DECLINED: N_("The union cannot take on this case. The reason is given on this page."),
        }
    ),
)

ASSISTANCE_WORKFLOW: Final = Workflow(
    name="assistance",
    kinds=frozenset({CaseKind.SOCIAL, CaseKind.MATERIAL}),
    states=(*_ASSISTANCE_OPEN, S.PAID, S.DECLINED, S.WITHDRAWN, S.CLOSED),
    initial=S.SUBMITTED,
    transitions=ASSISTANCE_TRANSITIONS,
    member_texts=MappingProxyType(
        {
            **_SHARED_MEMBER_TEXTS,
            S.SUBMITTED: N_("Your request has been received. A union officer will take it up soon."),
            S.IN_REVIEW: N_("A union officer is reviewing your request."),
            S.APPROVED: N_("Your request has been approved. The payment or help is being arranged."),
            S.PAID: N_("The help has been paid or delivered."),
            S.DECLINED: N_("The union cannot approve this request. The reason is given on this page."),
        }
    ),
)

WORKFLOWS: Final = (LEGAL_WORKFLOW, ASSISTANCE_WORKFLOW)


def workflow_for(kind: CaseKind | str) -> Workflow:
    """The workflow that runs cases of ``kind``."""
    kind = CaseKind(kind)
    return next(w for w in WORKFLOWS if kind in w.kinds)


def workflows_for_role(role: Role | str) -> tuple[Workflow, ...]:
    """The workflows of the case kinds ``role`` works (admins: all), the legal one first."""
    return tuple(dict.fromkeys(workflow_for(kind) for kind in kinds_for_role(role)))


def states_for_role(role: Role | str) -> list[str]:
    """Every state of those workflows, in workflow order, once each."""
    return list(dict.fromkeys(state.value for workflow in workflows_for_role(role) for state in workflow.states))
