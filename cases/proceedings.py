"""A case's proceedings and the periods each recorded step starts (DOMAIN-TR §10).

Plain data in, plain data out: the web layer gives the proceedings as ``ProceedingFacts`` and
gets back the periods that follow (``FollowOn``: which rule, counted from which date, why), and
proposes them through the usual confirm / edit / dismiss flow. Every period runs from the
notification (tebliğ) of the paper that starts it, with İYUK art. 8 counting and the recess rule.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from cases.i18n import N_


class ProceedingKind(StrEnum):
    APPLICATION = "application"  # to the administration: İYUK 10 / 11 / 13, or 4982
    BOARD_OBJECTION = "board_objection"  # 657 art. 135, or 4982's Information Review Board
    FIRST_INSTANCE = "first_instance"
    ISTINAF = "istinaf"
    TEMYIZ = "temyiz"
    STAY_OBJECTION = "stay_objection"
    OMBUDSMAN = "ombudsman"


class ApplicationBasis(StrEnum):
    IYUK_10 = "iyuk10"
    IYUK_11 = "iyuk11"
    IYUK_13 = "iyuk13"
    INFORMATION = "4982"


class PaperKind(StrEnum):
    DEFENCE = "defence"  # the administration's defence (or any paper served for an answer)
    STAY_DECISION = "stay_decision"  # the court's decision on the stay request
    APPEAL_PETITION = "appeal_petition"  # the other side's istinaf or temyiz petition


class DecisionKind(StrEnum):
    """How an application was answered (İYUK 10/2 tells a final answer from a non-final one)."""

    FINAL = "final"
    NON_FINAL = "non_final"


# Proceedings heard by a court: the ones whose court's recess matters.
COURT_KINDS = frozenset({ProceedingKind.FIRST_INSTANCE, ProceedingKind.ISTINAF, ProceedingKind.TEMYIZ})

# What the member reads for each kind, in plain words (N_).
STAGE_LABELS = {
    ProceedingKind.APPLICATION: N_("Application to the administration"),
    ProceedingKind.BOARD_OBJECTION: N_("Objection to the board"),
    ProceedingKind.FIRST_INSTANCE: N_("Lawsuit in the first-instance court"),
    ProceedingKind.ISTINAF: N_("Appeal to the regional administrative court (istinaf)"),
    ProceedingKind.TEMYIZ: N_("Appeal to the Council of State (temyiz)"),
    ProceedingKind.STAY_OBJECTION: N_("Objection to the stay decision"),
    ProceedingKind.OMBUDSMAN: N_("Complaint to the Ombudsman"),
}


@dataclass(frozen=True)
class Paper:
    kind: PaperKind
    notified: date


@dataclass(frozen=True)
class ProceedingFacts:
    id: int
    kind: ProceedingKind
    basis: ApplicationBasis | None = None
    filing_date: date | None = None
    decision: DecisionKind | None = None
    decision_notified: date | None = None
    papers: tuple[Paper, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FollowOn:
    """A period a recorded step starts: ``rule_id`` counted from ``start``."""

    rule_id: str
    start: date
    source: str  # stable key of the trigger, e.g. "proceeding:12:decision"
    proceeding_id: int
    reason: str  # N_: why it is proposed, with %(date)s


_DECISION_SERVED = N_("The decision was notified on %(date)s.")
_PAPER_SERVED = N_("A paper was served on %(date)s.")
_APPLIED = N_("The application was made on %(date)s and no final answer is recorded.")
_NON_FINAL = N_("A non-final answer was given: the member may wait at most 4 months from the application of %(date)s.")


def follow_on_periods(proceedings: list[ProceedingFacts]) -> list[FollowOn]:
    """The periods the recorded steps start, in the order of the proceedings."""
    periods: list[FollowOn] = []
    for p in proceedings:
        key = f"proceeding:{p.id}"
        for index, paper in enumerate(p.papers):
            rule_id = {
                PaperKind.DEFENCE: "defence-answer",
                PaperKind.STAY_DECISION: "stay-objection",
                PaperKind.APPEAL_PETITION: "appeal-answer",
            }[paper.kind]
            periods.append(FollowOn(rule_id, paper.notified, f"{key}:paper:{index}", p.id, _PAPER_SERVED))
        served = p.decision_notified
        if p.kind is ProceedingKind.FIRST_INSTANCE and served:
            periods.append(FollowOn("istinaf", served, f"{key}:decision", p.id, _DECISION_SERVED))
        elif p.kind is ProceedingKind.ISTINAF and served:
            periods.append(FollowOn("temyiz", served, f"{key}:decision", p.id, _DECISION_SERVED))
        elif p.kind in (ProceedingKind.BOARD_OBJECTION, ProceedingKind.OMBUDSMAN) and served:
            periods.append(FollowOn("annulment-lawsuit", served, f"{key}:decision", p.id, _DECISION_SERVED))
        elif p.kind is ProceedingKind.APPLICATION:
            periods.extend(_application_periods(p, key))
    return periods


def _application_periods(p: ProceedingFacts, key: str) -> list[FollowOn]:
    if p.basis is ApplicationBasis.INFORMATION:
        if p.decision_notified:
            return [FollowOn("information-objection", p.decision_notified, f"{key}:decision", p.id, _DECISION_SERVED)]
        if p.filing_date:
            return [FollowOn("information-answer", p.filing_date, f"{key}:silence", p.id, _APPLIED)]
        return []
    if p.basis is ApplicationBasis.IYUK_11:
        return []  # it suspends the lawsuit period: compute that deadline with the application's dates
    if p.decision is DecisionKind.FINAL and p.decision_notified:
        return [FollowOn("annulment-lawsuit", p.decision_notified, f"{key}:decision", p.id, _DECISION_SERVED)]
    if p.decision is DecisionKind.NON_FINAL and p.filing_date:
        return [FollowOn("waiting-cap", p.filing_date, f"{key}:cap", p.id, _NON_FINAL)]
    if p.filing_date:
        return [FollowOn("deemed-rejection", p.filing_date, f"{key}:silence", p.id, _APPLIED)]
    return []


def case_outcome(outcomes: list[str | None]) -> str | None:
    """The case's outcome: the last proceeding's that has one."""
    for outcome in reversed(outcomes):
        if outcome:
            return outcome
    return None
