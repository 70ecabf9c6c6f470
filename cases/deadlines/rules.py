"""The deadline rules as data: each period's length, unit, legal basis and how sure we are of it."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cases.errors import DomainError
from cases.i18n import N_
from cases.vocabulary import CaseKind, Category


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    YEARS = "years"
    MONTHS = "months"


class Mark(StrEnum):
    """How well the rule was checked against a source quoting its provision: [V] verified, [P] partly, [?] not.

    An unverified rule is shown with a warning, never applied as a silent hard rule.
    """

    VERIFIED = "V"
    PARTLY = "P"
    UNVERIFIED = "?"


@dataclass(frozen=True)
class LengthChange:
    """Triggers before ``before`` keep the older ``length`` (a law shortened the period)."""

    before: date
    length: int
    law: str


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    name: str  # N_
    legal_basis: str  # law and article, e.g. "657 DMK m.135"
    trigger: str  # N_: the event whose date starts the period
    length: int
    unit: Unit
    recess: bool  # follows the administrative courts' judicial recess
    mark: Mark
    caution: str = ""  # N_: shown as a warning with every result; required unless mark is V
    earlier: tuple[LengthChange, ...] = ()
    suspendable: bool = False  # an application to the superior authority suspends it (İYUK 11)
    if_shifted: str = ""  # N_: warning when the last day moved off a non-working day
    followed_by: str = ""  # the id of the rule whose period then runs from this one's (unmoved) end
    # The date something happens (silence becomes a rejection), not a last day to act: it is
    # neither extended by the recess nor moved off a non-working day.
    event: bool = False

    def length_on(self, start: date) -> tuple[int, LengthChange | None]:
        """The length that applies to a trigger on ``start``, and the change that decided it."""
        for change in sorted(self.earlier, key=lambda c: c.before):
            if start < change.before:
                return change.length, change
        return self.length, max(self.earlier, key=lambda c: c.before, default=None)


_LAW_7331 = LengthChange(before=date(2021, 7, 14), length=60, law="7331")

RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        id="disciplinary-objection",
        name=N_("Objection to a disciplinary penalty"),
        legal_basis="657 DMK m.135",
        trigger=N_("notification of the penalty"),
        length=7,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.VERIFIED,
        caution=N_(
            "The 60-day lawsuit period also runs from the notification, and how it runs while the "
            "objection is pending is unsettled: compute both and keep the earlier."
        ),
    ),
    DeadlineRule(
        id="annulment-lawsuit",
        name=N_("Annulment lawsuit in the administrative court"),
        legal_basis="2577 İYUK m.7",
        trigger=N_("notification of the act"),
        length=60,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.VERIFIED,
        suspendable=True,
    ),
    DeadlineRule(
        id="tax-lawsuit",
        name=N_("Lawsuit in the tax court"),
        legal_basis="2577 İYUK m.7",
        trigger=N_("notification of the act"),
        length=30,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="deemed-rejection",
        name=N_("Deemed rejection of an application to the administration"),
        legal_basis="2577 İYUK m.10",
        trigger=N_("application date"),
        length=30,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.VERIFIED,
        earlier=(_LAW_7331,),
        followed_by="annulment-lawsuit",
        event=True,
    ),
    DeadlineRule(
        id="superior-authority-answer",
        name=N_("Deemed rejection of an application to the superior authority"),
        legal_basis="2577 İYUK m.11",
        trigger=N_("application date"),
        length=30,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.PARTLY,
        caution=N_(
            "The 30 days are verified; that applications made before 14.07.2021 keep the older "
            "60 days is assumed from İYUK art. 10. Check."
        ),
        earlier=(_LAW_7331,),
        event=True,
    ),
    DeadlineRule(
        id="waiting-cap",
        name=N_("End of the wait after a non-final answer"),
        legal_basis="2577 İYUK m.10/2",
        trigger=N_("application date"),
        length=4,
        unit=Unit.MONTHS,
        recess=False,
        mark=Mark.VERIFIED,
        followed_by="annulment-lawsuit",
        event=True,
        caution=N_(
            "After a non-final answer the member may wait for the final one, but at most 4 months from the "
            "application; the lawsuit period then runs. A final answer before that starts it at once."
        ),
    ),
    DeadlineRule(
        id="information-answer",
        name=N_("Answer to a right-to-information request"),
        legal_basis="4982 BEHK m.11",
        trigger=N_("application date"),
        length=15,
        unit=Unit.WORKING_DAYS,
        recess=False,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="information-answer-extended",
        name=N_("Answer to a right-to-information request that needs another unit"),
        legal_basis="4982 BEHK m.11",
        trigger=N_("application date"),
        length=30,
        unit=Unit.WORKING_DAYS,
        recess=False,
        mark=Mark.VERIFIED,
        caution=N_(
            "30 working days only when another unit had to be consulted and the applicant was told "
            "so within the first 15 working days."
        ),
    ),
    DeadlineRule(
        id="information-objection",
        name=N_("Objection to the Information Review Board"),
        legal_basis="4982 BEHK m.13",
        trigger=N_("notification of the refusal"),
        length=15,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="damages-application",
        name=N_("Application to the administration for damages"),
        legal_basis="2577 İYUK m.13",
        trigger=N_("learning of the action"),
        length=1,
        unit=Unit.YEARS,
        recess=False,
        mark=Mark.VERIFIED,
        caution=N_("And at most 5 years after the action itself: check the date of the action."),
    ),
    DeadlineRule(
        id="defence-answer",
        name=N_("Answer to the defence or to a paper served by the court"),
        legal_basis="2577 İYUK m.16/3",
        trigger=N_("notification of the defence or the paper served"),
        length=30,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.VERIFIED,
        caution=N_(
            "The court may extend this period once, by at most 30 days, only if asked before it ends: "
            "the date above assumes no extension."
        ),
    ),
    DeadlineRule(
        id="stay-objection",
        name=N_("Objection to the decision on a stay of execution"),
        legal_basis="2577 İYUK m.27/7",
        trigger=N_("notification of the decision on the stay request"),
        length=7,
        unit=Unit.DAYS,
        recess=False,
        mark=Mark.VERIFIED,
        caution=N_(
            "Once only, to the regional administrative court. Stay matters are heard during the "
            "judicial recess, so no recess extension is assumed here (the safer reading)."
        ),
    ),
    DeadlineRule(
        id="istinaf",
        name=N_("Appeal (istinaf) against the first-instance decision"),
        legal_basis="2577 İYUK m.45",
        trigger=N_("notification of the first-instance decision"),
        length=30,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="temyiz",
        name=N_("Appeal on points of law (temyiz) to the Council of State"),
        legal_basis="2577 İYUK m.46",
        trigger=N_("notification of the regional administrative court's decision"),
        length=30,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.PARTLY,
        caution=N_("Temyiz lies only against the decisions art. 46 lists: check that this one is among them."),
    ),
    DeadlineRule(
        id="appeal-answer",
        name=N_("Answer to the other side's appeal petition"),
        legal_basis="2577 İYUK m.48/3",
        trigger=N_("notification of the appeal petition"),
        length=30,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.VERIFIED,
    ),
    DeadlineRule(
        id="regulation-lawsuit",
        name=N_("Lawsuit against a regulation"),
        legal_basis="2577 İYUK m.7/4",
        trigger=N_("publication of the regulation"),
        length=60,
        unit=Unit.DAYS,
        recess=True,
        mark=Mark.PARTLY,
        caution=N_(
            "Counted from the day after publication. A regulation can also be challenged with the first "
            "act applying it, within 60 days of that act's notification."
        ),
    ),
)
RULES_BY_ID: Mapping[str, DeadlineRule] = {rule.id: rule for rule in RULES}

# Which rules a legal case of each category proposes, counted from its notification date.
CASE_RULES: Mapping[Category, tuple[str, ...]] = {
    Category.DISCIPLINARY_PENALTY: ("disciplinary-objection", "annulment-lawsuit"),
    Category.HARASSMENT: ("annulment-lawsuit", "damages-application"),
    Category.ARBITRARY_TREATMENT: ("annulment-lawsuit",),
    Category.RELOCATION: ("annulment-lawsuit",),
    Category.PROMOTION: ("annulment-lawsuit",),
    Category.PAY_AND_BENEFITS: ("annulment-lawsuit",),
    Category.DISCRIMINATION: ("annulment-lawsuit",),
    Category.UNION_RIGHTS: ("annulment-lawsuit",),
    Category.WOMEN_MATERNITY: ("annulment-lawsuit",),
    Category.OTHER: ("annulment-lawsuit",),
}


def get_rule(rule_id: str) -> DeadlineRule:
    """The rule called ``rule_id``; DomainError when there is none."""
    try:
        return RULES_BY_ID[rule_id]
    except KeyError:
        raise DomainError(N_("There is no deadline rule called %(rule)s."), rule=rule_id) from None


# Dismissal from the civil service goes to no disciplinary board (657 art. 135 names boards only for
# the lighter penalties): the member's way is the lawsuit.
DISMISSAL = "devlet_memurlugundan_cikarma"


def rules_for_case(
    category: Category | str, kind: CaseKind | str | None = None, *, penalty: str | None = None
) -> list[str]:
    """The ids of the rules a case of ``category`` proposes from its notification date.

    ``penalty`` is the disciplinary penalty the member reported: a dismissal has no board objection.
    """
    if kind is not None and CaseKind(kind) is not CaseKind.LEGAL:
        return []
    rule_ids = list(CASE_RULES.get(Category(category), ()))
    if penalty == DISMISSAL:
        rule_ids = [rule_id for rule_id in rule_ids if rule_id != "disciplinary-objection"]
    return rule_ids
