"""Random people try random actions on one case; the workflow and its event chain must hold.

The machine keeps a case (state, assignee) and its chain of events. Each step a random actor —
the member, the assignee, another lawyer or officer, an admin — tries a random transition with
valid or random inputs. Whatever happens, the state stays declared, the member never performs
staff work, refusals change nothing, and the stored events form a chain that verifies and that
reports exactly the one link whose payload is altered.
"""

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from cases.audit import ChainLink, append_link, verify_chain
from cases.errors import MissingInput, TransitionNotAllowed
from cases.vocabulary import CaseKind, Outcome, Role
from cases.workflows import Actor, State, Workflow, apply_transition, available_transitions, workflow_for

KEY = b"workflow-machine-audit-key"
TODAY = date(2025, 6, 16)
CASE_ID = 77
# The people around one case, by fixed user id. "assignee" is whoever is assigned right now.
PEOPLE = {
    "member": (1, Role.MEMBER),
    "lawyer_a": (10, Role.LAWYER),
    "lawyer_b": (11, Role.LAWYER),
    "admin": (20, Role.ADMIN),
    "officer_a": (30, Role.OFFICER),
    "officer_b": (31, Role.OFFICER),
}
WHO_NAMES = ["assignee", *PEOPLE]
WHO = st.sampled_from(WHO_NAMES)
ACTIONS = st.sampled_from(
    [
        "take",
        "assign",
        "request_info",
        "member_answer",
        "accept",
        "decline",
        "file_objection",
        "file_lawsuit",
        "record_decision",
        "approve",
        "mark_paid",
        "withdraw",
        "close",
        "reopen",
        "fly_away",
    ]
)
# Written independently of the tables: the only things a member may ever do.
MEMBER_TRANSITIONS = {"member_answer", "withdraw"}

VALID = {
    "message": "Lütfen tebligat belgesini yükleyin.",
    "reason": "Başvuru süresi geçmiş.",
    "note": "Hesaba yatırıldı.",
    "authority": "İl Disiplin Kurulu",
    "court": "Ankara 3. İdare Mahkemesi",
    "file_number": "2025/1234",
    "filing_date": TODAY,
    "decision_date": "2025-06-01",
    "paid_date": TODAY,
    "outcome": "partly_won",
    "amount": "1250.50",
}
TEXT = st.one_of(st.just(""), st.just("   "), st.text(max_size=12), st.just(4001).map("x".__mul__))
DATES = st.one_of(
    st.dates(min_value=date(1940, 1, 1), max_value=TODAY + timedelta(days=30)),
    st.dates(max_value=TODAY).map(date.isoformat),
    st.sampled_from(["16.06.2025", "2025-02-30", "soon"]),
)
RANDOM_INPUTS = st.fixed_dictionaries(
    {},
    optional={
        "message": TEXT,
        "reason": TEXT,
        "note": TEXT,
        "authority": TEXT,
        "court": TEXT,
        "file_number": TEXT,
        "filing_date": DATES,
        "decision_date": DATES,
        "paid_date": DATES,
        "outcome": st.one_of(st.sampled_from(Outcome), st.text(max_size=8)),
        "amount": st.one_of(
            st.decimals(min_value=-5, max_value=2_000_000, allow_nan=False, places=3),
            st.sampled_from(["0", "12.345", "1000000", "abc", 3.5, Decimal("NaN"), Decimal("-Infinity")]),
        ),
        "assignee_id": st.one_of(st.sampled_from([1, 10, 11, 20, 30, 31, 99]), st.integers(-2, 3), st.text()),
        "csrf_token": st.text(max_size=5),
    },
)


class CaseMachine(RuleBasedStateMachine):
    """One case, its assignee and its stored event chain."""

    workflow: Workflow
    state: State
    assignee: int | None
    links: list[ChainLink]

    @initialize(kind=st.sampled_from(CaseKind))
    def file_case(self, kind: CaseKind) -> None:
        self.workflow = workflow_for(kind)
        self.state = self.workflow.initial
        self.assignee = None
        self.links = []
        self.clock = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)

    def actor(self, who: str) -> Actor:
        if who == "assignee" and self.assignee is not None:
            role = next((r for uid, r in PEOPLE.values() if uid == self.assignee), Role.LAWYER)
            return Actor(self.assignee, role, is_assignee=True)
        user_id, role = PEOPLE["lawyer_a" if who == "assignee" else who]
        return Actor(user_id, role, is_assignee=user_id == self.assignee)

    def attempt(self, who: str, name: str, inputs: dict[str, object]) -> None:
        actor, assigned, before = self.actor(who), self.assignee is not None, self.state
        offered = {t.name for t in available_transitions(self.workflow, before, actor, assigned=assigned)}
        try:
            result = apply_transition(self.workflow, before, name, actor, inputs, assigned=assigned, today=TODAY)
        except TransitionNotAllowed as refused:
            assert name not in offered
            assert refused.render()
            return
        except MissingInput as refused:
            transition = self.workflow.get(name)
            assert name in offered and transition is not None
            assert refused.params["field"] in (*transition.requires, *transition.optional)
            assert refused.render()
            return
        finally:
            # The engine is pure: whatever it said, asking again gives the same answer.
            again = available_transitions(self.workflow, before, actor, assigned=assigned)
            assert {t.name for t in again} == offered
        assert name in offered
        if actor.role == Role.MEMBER:
            assert name in MEMBER_TRANSITIONS
        assert result.event.from_state == before
        assert result.new_state in self.workflow.states
        self.state = result.new_state
        event(f"reached {self.workflow.name} {self.state}")  # coverage: --hypothesis-show-statistics
        if result.assignee_id is not None:
            self.assignee = result.assignee_id
        self.store(actor, result.event.payload())

    def store(self, actor: Actor, payload: dict[str, object]) -> None:
        """Append the event as the database would hand it back: JSON, read again."""
        self.clock += timedelta(minutes=7, microseconds=13)
        self.links.append(
            append_link(
                self.links[-1] if self.links else None,
                case_id=CASE_ID,
                kind="transition",
                actor_id=actor.user_id,
                created_at=self.clock,
                payload=json.loads(json.dumps(payload)),
                member_visible=bool(payload["member_visible"]),
                key=KEY,
                event_id=1000 + len(self.links),
            )
        )

    @rule(who=WHO, name=ACTIONS, assignee=st.sampled_from([10, 11, 20, 30, 31]))
    def act_with_valid_inputs(self, who: str, name: str, assignee: int) -> None:
        self.attempt(who, name, {**VALID, "assignee_id": assignee})

    @rule(data=st.data())
    def act_as_offered(self, data: st.DataObject) -> None:
        # Steer towards the deeper states: pick one of the actions someone is offered right now.
        assigned = self.assignee is not None
        choices = [
            (who, t.name)
            for who in WHO_NAMES
            for t in available_transitions(self.workflow, self.state, self.actor(who), assigned=assigned)
        ]
        if choices:
            who, name = data.draw(st.sampled_from(choices), label="who, name")
            assignee = data.draw(st.sampled_from([10, 11, 20, 30, 31]), label="assignee")
            self.attempt(who, name, {**VALID, "assignee_id": assignee})

    @rule(who=WHO, name=ACTIONS, inputs=RANDOM_INPUTS)
    def act_with_random_inputs(self, who: str, name: str, inputs: dict[str, object]) -> None:
        self.attempt(who, name, inputs)

    @precondition(lambda self: self.links)
    @rule(data=st.data())
    def alter_one_stored_payload(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.links) - 1), label="index")
        original = self.links[index]
        altered_payload = data.draw(
            st.sampled_from(
                [
                    {
                        **original.payload,
                        "to_state": "closed" if original.payload["to_state"] != "closed" else "paid",
                    },
                    {**original.payload, "member_visible": not original.payload["member_visible"]},
                    {**original.payload, "data": {**original.payload["data"], "amount": "999999.00"}},
                    {k: v for k, v in original.payload.items() if k != "data"},
                ]
            ),
            label="payload",
        )
        altered = list(self.links)
        altered[index] = replace(original, payload=altered_payload)
        broken = verify_chain(altered, key=KEY)
        assert broken is not None
        assert (broken.event_id, broken.sequence) == (original.event_id, original.sequence)
        # The stored visibility flag alone flipped (an internal entry shown to the member).
        altered[index] = replace(original, member_visible=not original.member_visible)
        broken = verify_chain(altered, key=KEY)
        assert broken is not None
        assert (broken.event_id, broken.sequence) == (original.event_id, original.sequence)

    @invariant()
    def state_is_declared(self) -> None:
        assert self.state in self.workflow.states

    @invariant()
    def chain_verifies(self) -> None:
        assert verify_chain(iter(self.links), key=KEY) is None

    @invariant()
    def amounts_stay_exact(self) -> None:
        for link in self.links:
            amount = link.payload["data"].get("amount")
            if amount is not None:
                assert Decimal(amount) == Decimal(amount).quantize(Decimal("0.01")) > 0


CaseMachine.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=30,
    deadline=None,  # the suite shares machines with other runs; time is checked as a whole
    suppress_health_check=[HealthCheck.too_slow],
)
TestCaseMachine = CaseMachine.TestCase
