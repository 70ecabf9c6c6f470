"""Proposed deadlines: what the rules propose for a case, kept as 'proposed' rows until a lawyer acts.

A proposal comes from the case's notification date (``cases.deadlines.rules_for_case``), from a
recorded step of a proceeding (``cases.proceedings.follow_on_periods``), or follows a date that
is itself no last day (a deemed rejection → the lawsuit). Proposals are stored as deadline rows
with status 'proposed' so the queue's nearest deadline and the deadlines overview count them
before anyone confirms them; ``sync_proposals`` keeps those rows equal to what the rules give now.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, Court, Deadline, Proceeding
from cases.calendar import TurkishCalendar
from cases.deadlines import DeadlineResult, compute_deadline, get_rule, rules_for_case
from cases.proceedings import (
    COURT_KINDS,
    ApplicationBasis,
    DecisionKind,
    Paper,
    PaperKind,
    ProceedingFacts,
    ProceedingKind,
    follow_on_periods,
)
from cases.vocabulary import CaseKind

PROPOSED = "proposed"
# Case-level rules a recorded proceeding makes moot: the lawsuit once it is filed, the objection once made.
_DONE_BY = {
    "annulment-lawsuit": ProceedingKind.FIRST_INSTANCE,
    "tax-lawsuit": ProceedingKind.FIRST_INSTANCE,
    "disciplinary-objection": ProceedingKind.BOARD_OBJECTION,
}


@dataclass(frozen=True)
class Proposal:
    """A deadline the rules propose for a case, not yet confirmed or set aside."""

    rule_id: str
    result: DeadlineResult
    source: str = ""  # "" for the case's notification date; else the trigger's key
    proceeding_id: int | None = None
    reason: str | None = None  # N_ with %(date)s: why it is proposed

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule_id, self.source)


def case_proceedings(case_id: int) -> list[Proceeding]:
    """The proceedings of a case in their order (one query)."""
    return list(
        db.session.scalars(sa.select(Proceeding).where(Proceeding.case_id == case_id).order_by(Proceeding.position))
    )


def facts_of(proceeding: Proceeding) -> ProceedingFacts:
    """The plain facts of a stored proceeding that the rules read."""
    papers = tuple(
        Paper(PaperKind(paper["kind"]), _iso(paper["date"]))
        for paper in proceeding.papers or []
        if paper.get("kind") in PaperKind.__members__.values() and paper.get("date")
    )
    decision = proceeding.decision if proceeding.decision in DecisionKind.__members__.values() else None
    basis = proceeding.basis if proceeding.basis in ApplicationBasis.__members__.values() else None
    return ProceedingFacts(
        id=proceeding.id,
        kind=ProceedingKind(proceeding.kind),
        basis=ApplicationBasis(basis) if basis else None,
        filing_date=proceeding.filing_date,
        decision=DecisionKind(decision) if decision else None,
        decision_notified=proceeding.decision_notified_date,
        papers=papers,
    )


def _iso(value: str) -> date:
    return date.fromisoformat(value)


@dataclass
class CourtRecess:
    """Whether each court takes the judicial recess, by id and by name (None: not known)."""

    by_id: dict[int, bool | None] = field(default_factory=dict)
    by_name: dict[str, bool | None] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseDeadlineFacts:
    """What a case's proposals are computed from, loaded for many cases at once."""

    deadlines: list[Deadline]
    proceedings: list[Proceeding]
    courts: CourtRecess


def load_court_recess(cases: Iterable[Case], proceedings: Iterable[Proceeding]) -> CourtRecess:
    """The recess flags of the courts these cases and proceedings name (one query, none if they name none)."""
    proceedings = list(proceedings)
    ids = {case.competent_court_id for case in cases} | {p.court_id for p in proceedings}
    names = {p.authority for p in proceedings if p.kind in COURT_KINDS and p.authority and not p.court_id}
    ids.discard(None)
    courts = CourtRecess()
    if ids or names:
        rows = db.session.execute(
            sa.select(Court.id, Court.name, Court.takes_recess).where(sa.or_(Court.id.in_(ids), Court.name.in_(names)))
        )
        for court_id, name, takes in rows:
            courts.by_id[court_id] = takes
            courts.by_name[name] = takes
    return courts


def recess_flags(
    case: Case, proceedings: list[Proceeding], courts: CourtRecess | None = None
) -> tuple[bool | None, dict[int, bool | None]]:
    """Whether the courts take the judicial recess: for the case's lawsuit, and per proceeding.

    None means not known (no court recorded, or one the courts list does not have or marks
    unknown): the deadlines then give the earlier date, never the later (one query, none
    when ``courts`` were loaded already).
    """
    if courts is None:
        courts = load_court_recess([case], proceedings)

    def of(proceeding: Proceeding) -> bool | None:
        if proceeding.court_id:
            return courts.by_id.get(proceeding.court_id)
        return courts.by_name.get(proceeding.authority or "")

    per_proceeding = {p.id: of(p) for p in proceedings if p.kind in COURT_KINDS}
    if case.competent_court_id:
        case_recess = courts.by_id.get(case.competent_court_id)
    else:
        first = next((p for p in proceedings if p.kind == ProceedingKind.FIRST_INSTANCE), None)
        case_recess = of(first) if first else None
    return case_recess, per_proceeding


def recess_of_deadline(deadline: Deadline, flags: tuple[bool | None, dict[int, bool | None]]) -> bool | None:
    """The recess flag a deadline's rule is counted with: its proceeding's court, else the case's."""
    case_recess, per_proceeding = flags
    if deadline.proceeding_id is None:
        return case_recess
    return per_proceeding.get(deadline.proceeding_id, case_recess)


def desired_proposals(
    case: Case,
    proceedings: list[Proceeding],
    existing: list[Deadline],
    calendar: TurkishCalendar,
    courts: CourtRecess | None = None,
) -> list[Proposal]:
    """What the rules propose now that no lawyer has confirmed or set aside (one query, for the courts)."""
    if case.kind != CaseKind.LEGAL or not case.category:
        return []
    case_recess, recess_of = recess_flags(case, proceedings, courts)
    kinds = {p.kind for p in proceedings}
    wanted: list[Proposal] = []
    if case.notification_date is not None:
        penalty = (case.details or {}).get("penalty")
        for rule_id in rules_for_case(case.category, case.kind, penalty=penalty):
            if _DONE_BY.get(rule_id) in kinds:
                continue
            result = compute_deadline(rule_id, case.notification_date, calendar=calendar, recess=case_recess)
            wanted.append(Proposal(rule_id, result))
    for period in follow_on_periods([facts_of(p) for p in proceedings]):
        recess = recess_of.get(period.proceeding_id, case_recess)
        result = compute_deadline(period.rule_id, period.start, calendar=calendar, recess=recess)
        wanted.append(Proposal(period.rule_id, result, period.source, period.proceeding_id, period.reason))
    recorded = {(d.rule_id, d.source or "") for d in existing if d.rule_id and d.status != PROPOSED}
    # A date that is no last day (a deemed rejection) is followed by the lawsuit counted from it.
    chained: list[Proposal] = []
    for proposal in wanted:
        if proposal.result.rule.event and proposal.result.rule.followed_by:
            start = proposal.result.due
            then = compute_deadline(proposal.result.rule.followed_by, start, calendar=calendar, recess=case_recess)
            chained.append(Proposal(then.rule.id, then, f"{proposal.source}:then", proposal.proceeding_id))
    for deadline in existing:
        rule = get_rule(deadline.rule_id) if deadline.rule_id else None
        if rule and rule.event and rule.followed_by and deadline.status != PROPOSED and deadline.status != "dismissed":
            source = f"{deadline.source or f'deadline:{deadline.id}'}:then"
            then = compute_deadline(rule.followed_by, deadline.due_date, calendar=calendar, recess=case_recess)
            chained.append(Proposal(then.rule.id, then, source, deadline.proceeding_id))
    unique: dict[tuple[str, str], Proposal] = {}
    for proposal in [*wanted, *chained]:
        if proposal.key not in recorded:
            unique.setdefault(proposal.key, proposal)
    return sorted(unique.values(), key=lambda p: (p.result.due, p.rule_id))


def fill(deadline: Deadline, proposal: Proposal) -> None:
    """Write a proposal's computed values onto a deadline row."""
    result = proposal.result
    deadline.rule_id = result.rule.id
    deadline.source = proposal.source
    deadline.proceeding_id = proposal.proceeding_id
    deadline.title = result.rule.name
    deadline.legal_basis = result.rule.legal_basis
    deadline.start_date = result.start
    deadline.computed_date = result.due
    deadline.due_date = result.due
    deadline.explanation = [step.as_dict() for step in result.steps]
    deadline.warnings = [step.as_dict() for step in result.warnings]


def sync_proposals(case: Case, calendar: TurkishCalendar, facts: CaseDeadlineFacts | None = None) -> list[Deadline]:
    """Make the case's 'proposed' rows what the rules propose now (adds, updates, removes); no commit.

    Returns every deadline row of the case afterwards. ``facts``: the case's rows, proceedings
    and courts when they were loaded with other cases' (otherwise three queries load them).
    """
    if facts is None:
        existing = list(db.session.scalars(sa.select(Deadline).where(Deadline.case_id == case.id)))
        desired = desired_proposals(case, case_proceedings(case.id), existing, calendar)
    else:
        existing = facts.deadlines
        desired = desired_proposals(case, facts.proceedings, existing, calendar, facts.courts)
    rows = {(d.rule_id, d.source or ""): d for d in existing if d.status == PROPOSED}
    wanted = {p.key: p for p in desired}
    kept = [d for d in existing if d.status != PROPOSED]
    for key, row in rows.items():
        if key not in wanted:
            db.session.delete(row)
    for key, proposal in wanted.items():
        found = rows.get(key)
        row = found if found is not None else Deadline(case_id=case.id, status=PROPOSED)
        if found is None:
            db.session.add(row)
        warnings = [step.as_dict() for step in proposal.result.warnings]
        if (row.computed_date, row.start_date, row.warnings) != (proposal.result.due, proposal.result.start, warnings):
            fill(row, proposal)
        kept.append(row)
    return kept
