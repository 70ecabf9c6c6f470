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

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import Any, Final

from cases.errors import MissingInput, TransitionNotAllowed
from cases.i18n import N_
from cases.vocabulary import CaseKind, Outcome, Role


class State(StrEnum):
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
TRANSITION_EVENT: Final = "transition"


# --- Inputs -------------------------------------------------------------------------------


class InputKind(StrEnum):
    TEXT = "text"  # free text, several lines
    LINE = "line"  # one line: whitespace runs collapse to one space
    DATE = "date"  # a date not in the future
    OUTCOME = "outcome"  # an Outcome value
    AMOUNT = "amount"  # money in lira: positive, two decimals at most
    USER = "user"  # a user id


@dataclass(frozen=True)
class InputField:
    """An input a transition may collect: how to clean it and what to say when it is missing."""

    name: str
    kind: InputKind
    missing: str
    max_length: int = 0


INPUT_FIELDS: Final[Mapping[str, InputField]] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            InputField("message", InputKind.TEXT, N_("Please write a message."), 4000),
            InputField("reason", InputKind.TEXT, N_("Please give a reason."), 4000),
            InputField("note", InputKind.TEXT, N_("Please write a note."), 4000),
            InputField("assignee_id", InputKind.USER, N_("Please choose who will handle the case.")),
            InputField(
                "authority", InputKind.LINE, N_("Please name the authority the objection went to."), 200
            ),
            InputField("court", InputKind.LINE, N_("Please name the court."), 200),
            InputField("file_number", InputKind.LINE, N_("Please enter the file number."), 50),
            InputField("filing_date", InputKind.DATE, N_("Please enter the filing date.")),
            InputField("decision_date", InputKind.DATE, N_("Please enter the decision date.")),
            InputField("paid_date", InputKind.DATE, N_("Please enter the payment date.")),
            InputField("outcome", InputKind.OUTCOME, N_("Please choose the outcome.")),
            InputField("amount", InputKind.AMOUNT, N_("Please enter the amount.")),
        )
    }
)

MAX_AMOUNT: Final = Decimal("1000000")
# A typo such as 0225 for 2025 should be caught, not filed; nothing the union handles is older.
EARLIEST_DATE: Final = date(1950, 1, 1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
# PostgreSQL refuses NUL in text and JSON; other control characters are never meant.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CENT = Decimal("0.01")


def clean_inputs(
    required: Iterable[str], optional: Iterable[str], inputs: Mapping[str, object], *, today: date
) -> dict[str, object]:
    """The named inputs cleaned to JSON-safe values; unknown keys are dropped, blanks omitted.

    Raises MissingInput (with ``field``) for a required input that is absent or blank, and
    for any given input that is invalid.
    """
    cleaned: dict[str, object] = {}
    required = tuple(required)
    for name in (*required, *optional):
        spec = INPUT_FIELDS[name]
        value = _clean(spec, inputs.get(name), today)
        if value is not None:
            cleaned[name] = value
        elif name in required:
            raise MissingInput(spec.missing, field=name)
    return cleaned


def _clean(spec: InputField, raw: object, today: date) -> str | int | None:
    """One input cleaned, or None when it is absent or blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    match spec.kind:
        case InputKind.TEXT | InputKind.LINE:
            return _clean_text(spec, raw)
        case InputKind.DATE:
            return _clean_date(spec, raw, today)
        case InputKind.OUTCOME:
            return _clean_outcome(spec, raw)
        case InputKind.AMOUNT:
            return _clean_amount(spec, raw)
        case InputKind.USER:
            return _clean_user(spec, raw)
    raise AssertionError(spec.kind)  # pragma: no cover - the match covers every kind


def _clean_text(spec: InputField, raw: object) -> str | None:
    if not isinstance(raw, str):
        raise MissingInput(N_("Please enter text."), field=spec.name)
    text = _CONTROL.sub("", unicodedata.normalize("NFC", raw))
    text = " ".join(text.split()) if spec.kind is InputKind.LINE else text.strip()
    if not text:
        return None
    if len(text) > spec.max_length:
        raise MissingInput(
            N_("Please shorten this to at most %(max_length)s characters."),
            field=spec.name,
            max_length=spec.max_length,
        )
    return text


def _clean_date(spec: InputField, raw: object, today: date) -> str:
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, str) and _ISO_DATE.fullmatch(raw.strip()):
        with contextlib.suppress(ValueError):  # 2025-02-30 matches the pattern, yet is no date
            raw = date.fromisoformat(raw.strip())
    if not isinstance(raw, date):
        raise MissingInput(N_("Please enter a valid date."), field=spec.name)
    if raw > today:
        raise MissingInput(N_("This date is in the future. Please check it."), field=spec.name)
    if raw < EARLIEST_DATE:
        raise MissingInput(N_("This date is too far in the past. Please check it."), field=spec.name)
    return raw.isoformat()


def _clean_outcome(spec: InputField, raw: object) -> str:
    try:
        return Outcome(raw.strip() if isinstance(raw, str) else raw).value
    except ValueError:
        raise MissingInput(N_("Please choose one of the listed outcomes."), field=spec.name) from None


def _clean_amount(spec: InputField, raw: object) -> str:
    # Floats are refused: binary fractions are not money. Forms hand over Decimal or text.
    if isinstance(raw, str) and _PLAIN_NUMBER.fullmatch(raw.strip()):
        raw = Decimal(raw.strip())
    elif isinstance(raw, int) and not isinstance(raw, bool):
        raw = Decimal(raw)
    if not isinstance(raw, Decimal) or not raw.is_finite():
        raise MissingInput(N_("Please enter the amount as a number, for example 1250.50."), field=spec.name)
    if raw <= 0:
        raise MissingInput(N_("The amount must be more than zero."), field=spec.name)
    if raw > MAX_AMOUNT:
        raise MissingInput(
            N_("The amount cannot be more than %(maximum)s."), field=spec.name, maximum=str(MAX_AMOUNT)
        )
    try:
        cents = raw.quantize(_CENT)
    except InvalidOperation:  # pragma: no cover - values up to MAX_AMOUNT always quantize
        cents = None
    if cents != raw:
        raise MissingInput(N_("The amount can have at most two decimal places."), field=spec.name)
    return str(cents)


def _clean_user(spec: InputField, raw: object) -> int:
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        raw = int(raw.strip())
    if not isinstance(raw, int) or isinstance(raw, bool) or raw <= 0:
        raise MissingInput(spec.missing, field=spec.name)
    return raw


# --- Transitions and workflows --------------------------------------------------------------


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
LEGAL_STAFF: Final = frozenset({Role.LAWYER, Role.ADMIN})
ASSISTANCE_STAFF: Final = frozenset({Role.OFFICER, Role.ADMIN})
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
    _t("record_decision", N_("Record the decision"), [S.LAWSUIT_FILED], S.RESOLVED, LEGAL_STAFF,
       assignee_only=True, requires=("outcome", "decision_date")),
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
            S.RESOLVED: N_("The court has decided. Your lawyer will explain what it means for you."),
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


# --- The engine -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Who acts on a case: the user, their role, and whether they are the case's assignee."""

    user_id: int
    role: Role
    is_assignee: bool = False


@dataclass(frozen=True)
class EventDraft:
    """The timeline event a transition writes; ``payload()`` is what the event row stores."""

    kind: str
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


def available_transitions(
    workflow: Workflow, state: State, actor: Actor, *, assigned: bool
) -> list[Transition]:
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


# --- Words --------------------------------------------------------------------------------

_STATE_LABELS: Final[Mapping[State, str]] = MappingProxyType(
    {
        # Same English text as app/labels.py, so each label is translated once.
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


def is_open(state: State) -> bool:
    """Whether work on a case in ``state`` goes on (it has not ended or been closed)."""
    return State(state) in OPEN_STATES
