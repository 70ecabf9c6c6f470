"""The guided filing forms (legal grievance and assistance request) as data, and their validation.

The web layer asks ``steps_for(kind)`` and ``questions_for(step, kind=…, category=…)``, renders
each ``Question`` by its type, and posts the answers back to ``validate_step``. Answers are
plain strings in and out (dates as ISO ``yyyy-mm-dd``, yes/no as ``"yes"``/``"no"``, amounts as
``"1500.50"``), so a draft is a flat JSON object keyed by question id and a cleaned answer can
be validated again unchanged. ``build_submission`` turns the final answers into case fields.
"""

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from cases.errors import DomainError
from cases.i18n import N_
from cases.vocabulary import (
    ASSISTANCE_CATEGORIES,
    ASSISTANCE_KINDS,
    LEGAL_CATEGORIES,
    PRIORITY_RANK,
    CaseKind,
    Category,
    Priority,
    RespondentType,
)

Answers = Mapping[str, object]

# A date before this is a typing mistake (a year of 0202 or 1926), not a servant's grievance.
EARLIEST_DATE = date(1950, 1, 1)
DEFAULT_TEXT_LENGTH = 200
DEFAULT_TEXTAREA_LENGTH = 5000
NARRATIVE_LENGTH = 10000
YES, NO = "yes", "no"


class QuestionType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"
    NUMBER = "number"
    IBAN = "iban"


class StepId(StrEnum):
    WHAT = "what"
    WHO = "who"
    WHEN = "when"
    DETAILS = "details"
    REQUEST = "request"
    EVIDENCE = "evidence"
    REVIEW = "review"


@dataclass(frozen=True)
class ShowIf:
    """Ask a question only when another answer is one of ``values``."""

    question_id: str
    values: tuple[str, ...] = (YES,)

    def holds(self, answers: Answers) -> bool:
        return str(answers.get(self.question_id) or "").strip().lower() in self.values


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    type: QuestionType = QuestionType.TEXT
    required: bool = False
    help: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None  # text types; None means the type's default
    min_length: int = 0
    show_if: ShowIf | None = None
    required_message: str | None = None
    future_days: int = 0  # DATE: how many days ahead of today a date may be
    min_value: Decimal | None = None  # NUMBER
    max_value: Decimal | None = None
    decimals: int = 0  # NUMBER: 0 for whole numbers, 2 for money

    @property
    def length_limit(self) -> int | None:
        if self.max_length is not None:
            return self.max_length
        if self.type == QuestionType.TEXTAREA:
            return DEFAULT_TEXTAREA_LENGTH
        if self.type == QuestionType.TEXT:
            return DEFAULT_TEXT_LENGTH
        return None


@dataclass(frozen=True)
class Step:
    id: StepId
    title: str
    intro: str | None = None
    has_questions: bool = True


def _yes_no(qid: str, label: str, *, required: bool = False, **kw: Any) -> Question:
    return Question(qid, label, QuestionType.YES_NO, required=required, **kw)


def _date(qid: str, label: str, *, required: bool = False, **kw: Any) -> Question:
    return Question(qid, label, QuestionType.DATE, required=required, **kw)


def _choice(
    qid: str, label: str, choices: tuple[tuple[str, str], ...], *, required: bool = True, **kw: Any
) -> Question:
    return Question(qid, label, QuestionType.CHOICE, required=required, choices=choices, **kw)


# --- Steps ---------------------------------------------------------------------------------

LEGAL_STEPS = (
    Step(StepId.WHAT, N_("What happened"), N_("Tell us in your own words. You can save and come back later.")),
    Step(StepId.WHO, N_("Who is involved")),
    Step(StepId.WHEN, N_("Dates")),
    Step(StepId.DETAILS, N_("A few more questions")),
    Step(StepId.REQUEST, N_("What you ask for")),
    Step(
        StepId.EVIDENCE, N_("Documents"), N_("Add the decision, its notification and anything else that helps."), False
    ),
    Step(StepId.REVIEW, N_("Check and send"), None, False),
)
ASSISTANCE_STEPS = (
    Step(StepId.WHAT, N_("What happened")),
    Step(StepId.DETAILS, N_("A few more questions")),
    Step(StepId.REQUEST, N_("The help you need")),
    Step(
        StepId.EVIDENCE,
        N_("Documents"),
        N_("For example a death certificate, a health report or a damage report."),
        False,
    ),
    Step(StepId.REVIEW, N_("Check and send"), None, False),
)

# --- Common questions ----------------------------------------------------------------------

LEGAL_CATEGORY_CHOICES = (
    (Category.ARBITRARY_TREATMENT, N_("Unfair or arbitrary treatment")),
    (Category.HARASSMENT, N_("Psychological harassment (mobbing)")),
    (Category.DISCIPLINARY_PENALTY, N_("A disciplinary penalty")),
    (Category.RELOCATION, N_("Relocation or assignment to another post")),
    (Category.PROMOTION, N_("Promotion or appointment")),
    (Category.PAY_AND_BENEFITS, N_("Pay, allowances or other payments")),
    (Category.DISCRIMINATION, N_("Discrimination")),
    (Category.UNION_RIGHTS, N_("Pressure because of union membership or activity")),
    (Category.WOMEN_MATERNITY, N_("Women's and maternity rights")),
    (Category.OTHER, N_("Something else")),
)
ASSISTANCE_CATEGORY_CHOICES = (
    (Category.BEREAVEMENT, N_("A death in the family")),
    (Category.DISABILITY, N_("Disability")),
    (Category.DISASTER, N_("A disaster (earthquake, flood, fire…)")),
    (Category.RETIREMENT_SUPPORT, N_("Retirement")),
    (Category.OTHER, N_("Something else")),
)
assert [c for c, _ in LEGAL_CATEGORY_CHOICES] == list(LEGAL_CATEGORIES)
assert [c for c, _ in ASSISTANCE_CATEGORY_CHOICES] == list(ASSISTANCE_CATEGORIES)

NARRATIVE = Question(
    "narrative",
    N_("What happened?"),
    QuestionType.TEXTAREA,
    required=True,
    help=N_("Write it as you would tell a friend: what happened, who did what, and how it affects you."),
    max_length=NARRATIVE_LENGTH,
    min_length=20,
    required_message=N_("Please tell us what happened."),
)

LEGAL_WHAT = (
    _choice(
        "category",
        N_("What is it about?"),
        LEGAL_CATEGORY_CHOICES,
        required_message=N_("Please choose what it is about. If you are not sure, choose “Something else”."),
    ),
    NARRATIVE,
)

LEGAL_WHO = (
    _choice(
        "respondent_type",
        N_("Who did this?"),
        (
            (RespondentType.ADMINISTRATION, N_("The administration (my institution)")),
            (RespondentType.MANAGER, N_("A manager (head of unit, director)")),
            (RespondentType.SUPERVISOR, N_("My direct superior")),
            (RespondentType.COWORKER, N_("A coworker")),
        ),
    ),
    Question(
        "respondent_name",
        N_("Their name, or the name of the office"),
        help=N_("If you know it."),
        max_length=150,
    ),
    Question(
        "respondent_title",
        N_("Their title"),
        help=N_("For example: school principal, branch manager, chief physician."),
        max_length=150,
    ),
)

NOTIFICATION_HELP = N_(
    "The day you were officially given or sent the written decision (tebliğ). It matters because "
    "legal time limits start from it: for example 7 days to object to a disciplinary penalty and "
    "60 days to go to court. If you have not received a written decision, leave it empty."
)
INCIDENT_DATE = _date(
    "incident_date",
    N_("When did it happen?"),
    required=True,
    help=N_("If it went on for some time, give the date of the most recent event."),
    required_message=N_("Please give the date, even if it is approximate."),
)
NOTIFICATION_DATE = _date("notification_date", N_("When was the decision notified to you?"), help=NOTIFICATION_HELP)


@dataclass(frozen=True)
class WhenWording:
    """How the two dates of the "when" step are asked for one category."""

    incident_label: str | None = None
    incident_help: str | None = None
    notification_label: str | None = None
    notification_required: bool = False


WHEN_WORDING: dict[Category, WhenWording] = {
    Category.DISCIPLINARY_PENALTY: WhenWording(
        N_("What is the date of the penalty decision?"),
        N_("It is written on the decision. If you do not have it, give the date you learnt of it."),
        N_("When was the penalty notified to you?"),
        notification_required=True,
    ),
    Category.RELOCATION: WhenWording(
        N_("What is the date of the relocation order?"),
        N_("It is written on the order (onay). If you do not have it, give the date you learnt of it."),
        N_("When was the order notified to you?"),
        notification_required=True,
    ),
    Category.PROMOTION: WhenWording(
        N_("When was the decision or the result announced?"), None, N_("When was the decision notified to you?")
    ),
    Category.HARASSMENT: WhenWording(N_("When did the latest incident happen?")),
    Category.PAY_AND_BENEFITS: WhenWording(N_("Since when is the payment missing or wrong?")),
}


def _when_questions(category: Category | None) -> tuple[Question, ...]:
    wording = WHEN_WORDING.get(category, WhenWording()) if category else WhenWording()
    incident, notification = INCIDENT_DATE, NOTIFICATION_DATE
    if wording.incident_label:
        incident = replace(incident, label=wording.incident_label, help=wording.incident_help or incident.help)
    if wording.notification_label:
        notification = replace(notification, label=wording.notification_label)
    if wording.notification_required:
        notification = replace(
            notification,
            required=True,
            required_message=N_("Please give the notification date: the time limits start from it."),
        )
    return (incident, notification)


LEGAL_REQUEST = (
    Question(
        "request",
        N_("What would you like the union to do?"),
        QuestionType.TEXTAREA,
        required=True,
        help=N_(
            "For example: object to the penalty, go to court to cancel the decision, "
            "talk to the administration, or just advise you."
        ),
        max_length=3000,
        required_message=N_("Please tell us what you would like us to do."),
    ),
)

# --- Per-category questions of a legal grievance ---------------------------------------------

IS_UNION_REPRESENTATIVE = _yes_no(
    "is_union_representative",
    N_("Are you a union representative or a union executive?"),
    required=True,
    help=N_("The law protects the workplace of union representatives (Law 4688, art. 18)."),
)
APPLIED_IN_WRITING = _yes_no(
    "applied_in_writing",
    N_("Have you already applied to your institution in writing about this?"),
    required=True,
)
APPLICATION_DATE = _date(
    "application_date",
    N_("When did you apply?"),
    required=True,
    show_if=ShowIf("applied_in_writing"),
    help=N_("The date on your petition or its registration number receipt."),
)
APPLICATION_ANSWERED = _yes_no(
    "application_answered",
    N_("Have you received an answer?"),
    show_if=ShowIf("applied_in_writing"),
)

PENALTY_CHOICES = (
    ("uyarma", N_("Warning")),
    ("kinama", N_("Reprimand")),
    ("ayliktan_kesme", N_("Salary deduction")),
    ("kademe_ilerlemesinin_durdurulmasi", N_("Step progression stopped")),
    ("devlet_memurlugundan_cikarma", N_("Dismissal from the civil service")),
)
FREQUENCY_CHOICES = (
    ("daily", N_("Every day or almost every day")),
    ("weekly", N_("Every week")),
    ("monthly", N_("A few times a month")),
    ("occasionally", N_("Now and then")),
    ("once", N_("It happened once")),
)

DETAIL_QUESTIONS: dict[Category, tuple[Question, ...]] = {
    Category.DISCIPLINARY_PENALTY: (
        _choice("penalty", N_("Which penalty were you given?"), PENALTY_CHOICES),
        _date(
            "act_date",
            N_("When did the event you are accused of happen?"),
            help=N_("If you know it. Old events can no longer be punished, so this date matters."),
        ),
        _yes_no("defence_requested", N_("Were you asked for a written defence before the penalty?")),
        _yes_no("objection_made", N_("Have you objected to the penalty?"), required=True),
        _date(
            "objection_date",
            N_("When did you object?"),
            required=True,
            show_if=ShowIf("objection_made"),
        ),
        _yes_no(
            "objection_answered",
            N_("Has the disciplinary board answered your objection?"),
            show_if=ShowIf("objection_made"),
        ),
    ),
    Category.RELOCATION: (
        Question(
            "old_post",
            N_("Where did you work before?"),
            required=True,
            help=N_("Institution, unit and city."),
            max_length=200,
        ),
        Question(
            "new_post",
            N_("Where are you being sent?"),
            required=True,
            help=N_("Institution, unit and city."),
            max_length=200,
        ),
        Question(
            "reason_given", N_("What reason did the administration give?"), QuestionType.TEXTAREA, max_length=2000
        ),
        _yes_no("started_new_post", N_("Have you already started at the new post?")),
        _yes_no(
            "family_unity",
            N_("Does the move separate you from your spouse or your children?"),
            help=N_("For example, your spouse is also a public servant working in your present city."),
        ),
        _yes_no("health_reason", N_("Does a health condition of yours or of your family make the move hard?")),
        Question(
            "health_details",
            N_("Please explain briefly"),
            QuestionType.TEXTAREA,
            show_if=ShowIf("health_reason"),
            max_length=2000,
        ),
        IS_UNION_REPRESENTATIVE,
    ),
    Category.HARASSMENT: (
        _date("started_on", N_("Since when has this been happening?"), required=True),
        _choice("frequency", N_("How often does it happen?"), FREQUENCY_CHOICES),
        _yes_no("has_witnesses", N_("Did anyone see or hear it?"), required=True),
        Question(
            "witnesses",
            N_("Who are the witnesses?"),
            QuestionType.TEXTAREA,
            show_if=ShowIf("has_witnesses"),
            help=N_("Names and titles, if they agree to be witnesses."),
            max_length=1000,
        ),
        _yes_no(
            "reported_to_board",
            N_("Have you made a written complaint to your institution or its psychological harassment board?"),
            required=True,
        ),
        _date("report_date", N_("When did you complain?"), required=True, show_if=ShowIf("reported_to_board")),
        Question(
            "other_complaints",
            N_("Have you complained anywhere else? Where and when?"),
            QuestionType.TEXTAREA,
            help=N_("For example CİMER, ALO 170, the Ombudsman or the Human Rights and Equality Institution."),
            max_length=1000,
        ),
        _yes_no("health_effects", N_("Has it affected your health (for example a doctor's report)?")),
    ),
    Category.PROMOTION: (
        Question("position", N_("Which position or promotion was it?"), required=True, max_length=200),
        _choice(
            "selection_method",
            N_("How were people chosen?"),
            (
                ("written_exam", N_("Written exam")),
                ("interview", N_("Oral exam or interview")),
                ("service_score", N_("Scoring of service and records")),
                ("no_exam", N_("Appointment without an exam")),
                ("other", N_("Other or I don't know")),
            ),
            required=False,
        ),
        Question(
            "criteria_dispute",
            N_("What was unfair about the criteria, the scoring or the choice?"),
            QuestionType.TEXTAREA,
            required=True,
            max_length=3000,
            required_message=N_("Please tell us what you think was unfair."),
        ),
        APPLIED_IN_WRITING,
        APPLICATION_DATE,
    ),
    Category.PAY_AND_BENEFITS: (
        _choice(
            "payment_type",
            N_("Which payment is it about?"),
            (
                ("salary", N_("Salary")),
                ("overtime", N_("Overtime or extra lesson pay")),
                ("allowance", N_("An allowance (tazminat)")),
                ("travel", N_("Travel or relocation allowance (harcırah)")),
                ("collective_agreement", N_("A collective agreement payment or bonus")),
                ("other", N_("Other")),
            ),
        ),
        Question(
            "amount_estimate",
            N_("Roughly how much is missing (TL)?"),
            QuestionType.NUMBER,
            help=N_("An estimate is fine."),
            decimals=2,
            min_value=Decimal(0),
            max_value=Decimal(100_000_000),
        ),
        APPLIED_IN_WRITING,
        APPLICATION_DATE,
        APPLICATION_ANSWERED,
    ),
    Category.DISCRIMINATION: (
        _choice(
            "ground",
            N_("Why do you think you were treated differently?"),
            (
                ("union", N_("Union membership or activity")),
                ("gender", N_("Being a woman or a man")),
                ("religion_dress", N_("Religion, belief or dress")),
                ("political", N_("Political opinion")),
                ("disability", N_("Disability or health")),
                ("origin", N_("Origin or language")),
                ("other", N_("Other")),
            ),
        ),
        Question(
            "compared_with",
            N_("How were others in the same situation treated?"),
            QuestionType.TEXTAREA,
            max_length=2000,
        ),
        APPLIED_IN_WRITING,
        APPLICATION_DATE,
    ),
    Category.UNION_RIGHTS: (
        IS_UNION_REPRESENTATIVE,
        _choice(
            "violation",
            N_("What happened?"),
            (
                ("relocation", N_("I was moved to another workplace or post")),
                ("pressure_to_resign", N_("I was pressed to leave the union or join another")),
                ("activity_blocked", N_("Union activity was blocked (notice board, meetings, leave)")),
                ("discipline", N_("I was investigated or punished for union activity")),
                ("other", N_("Other")),
            ),
        ),
        _yes_no("others_affected", N_("Are other members affected in the same way?")),
    ),
    Category.WOMEN_MATERNITY: (
        _choice(
            "topic",
            N_("What is it about?"),
            (
                ("maternity_leave", N_("Maternity or birth leave")),
                ("nursing_leave", N_("Nursing leave (süt izni)")),
                ("part_time", N_("Part-time work after birth")),
                ("unpaid_leave", N_("Unpaid leave")),
                ("pregnancy_duties", N_("Night shifts or duties during pregnancy")),
                ("pregnancy_treatment", N_("Being treated differently because of pregnancy")),
                ("other", N_("Other")),
            ),
        ),
        _yes_no("pregnant_or_recent_birth", N_("Are you pregnant, or did you give birth in the last 12 months?")),
        _date(
            "birth_date",
            N_("Birth date, or the expected date"),
            show_if=ShowIf("pregnant_or_recent_birth"),
            future_days=300,
        ),
        APPLIED_IN_WRITING,
        APPLICATION_DATE,
        APPLICATION_ANSWERED,
    ),
    Category.ARBITRARY_TREATMENT: (
        _choice(
            "treatment",
            N_("What kind of treatment?"),
            (
                ("duties", N_("Duties or work given to me")),
                ("leave", N_("Leave refused")),
                ("evaluation", N_("Evaluation, scores or records")),
                ("schedule", N_("Shifts, duty rota or working hours")),
                ("opportunities", N_("Training or other opportunities refused")),
                ("investigation", N_("An investigation or pressure without reason")),
                ("other", N_("Other")),
            ),
        ),
        APPLIED_IN_WRITING,
        APPLICATION_DATE,
        APPLICATION_ANSWERED,
        _yes_no("others_affected", N_("Are other colleagues affected in the same way?")),
    ),
    Category.OTHER: (
        Question("topic", N_("In a few words, what is it about?"), required=True, max_length=200),
        APPLIED_IN_WRITING,
        APPLICATION_DATE,
    ),
}

# --- The assistance request ---------------------------------------------------------------

RELATIONSHIP_CHOICES = (
    ("self", N_("Me")),
    ("spouse", N_("My spouse")),
    ("child", N_("My child")),
    ("parent", N_("My mother or father")),
    ("sibling", N_("My brother or sister")),
    ("other", N_("Another relative")),
)
ASSISTANCE_DETAILS_BASE = (
    _date("event_date", N_("When did it happen?"), required=True),
    _choice(
        "affected_person",
        N_("Who is affected?"),
        RELATIONSHIP_CHOICES,
        required_message=N_("Please tell us who is affected."),
    ),
)
ASSISTANCE_WORDING: dict[Category, dict[str, dict[str, object]]] = {
    Category.BEREAVEMENT: {
        "event_date": {"label": N_("Date of death")},
        "affected_person": {"label": N_("Who passed away?"), "choices": RELATIONSHIP_CHOICES[1:]},
    },
    Category.RETIREMENT_SUPPORT: {"event_date": {"label": N_("When did you retire?")}},
}
ASSISTANCE_DETAILS: dict[Category, tuple[Question, ...]] = {
    Category.BEREAVEMENT: (),
    Category.DISABILITY: (
        Question(
            "disability_rate",
            N_("Disability rate in the health report (%)"),
            QuestionType.NUMBER,
            min_value=Decimal(0),
            max_value=Decimal(100),
        ),
    ),
    Category.DISASTER: (
        _choice(
            "disaster_type",
            N_("What kind of disaster?"),
            (
                ("earthquake", N_("Earthquake")),
                ("flood", N_("Flood")),
                ("fire", N_("Fire")),
                ("landslide", N_("Landslide or avalanche")),
                ("other", N_("Other")),
            ),
        ),
        _choice(
            "home_damage",
            N_("What happened to your home?"),
            (
                ("none", N_("No damage")),
                ("damaged", N_("Damaged, but we can live in it")),
                ("uninhabitable", N_("We cannot live in it any more")),
            ),
        ),
    ),
    Category.RETIREMENT_SUPPORT: (),
    Category.OTHER: (Question("topic", N_("In a few words, what is it about?"), required=True, max_length=200),),
}
ASSISTANCE_NARRATIVE = replace(
    NARRATIVE,
    label=N_("Please tell us what happened and what you need."),
    help=None,
    max_length=DEFAULT_TEXTAREA_LENGTH,
    min_length=10,
)
HELP_KIND = _choice(
    "help_kind",
    N_("What kind of help do you need?"),
    (
        (CaseKind.MATERIAL, N_("Financial support")),
        (CaseKind.SOCIAL, N_("Social support: a visit, guidance or help in kind")),
    ),
)
ASSISTANCE_REQUEST = (
    HELP_KIND,
    Question(
        "amount",
        N_("How much do you ask for (TL)?"),
        QuestionType.NUMBER,
        show_if=ShowIf("help_kind", (CaseKind.MATERIAL,)),
        help=N_("Optional. The union decides the amount by its rules."),
        decimals=2,
        min_value=Decimal(1),
        max_value=Decimal(10_000_000),
    ),
    Question(
        "iban",
        N_("IBAN for the payment"),
        QuestionType.IBAN,
        show_if=ShowIf("help_kind", (CaseKind.MATERIAL,)),
        help=N_("Optional. The account must be in your name. It starts with TR and has 26 characters."),
    ),
    Question("request", N_("Anything else you want to tell us?"), QuestionType.TEXTAREA, max_length=2000),
)


ASSISTANCE_WHAT = (_choice("category", N_("What happened?"), ASSISTANCE_CATEGORY_CHOICES), ASSISTANCE_NARRATIVE)


def _assistance_details(category: Category | None) -> tuple[Question, ...]:
    if category is None:
        return ()
    overrides = ASSISTANCE_WORDING.get(category, {})
    base = tuple(replace(q, **overrides[q.id]) if q.id in overrides else q for q in ASSISTANCE_DETAILS_BASE)
    return (*base, *ASSISTANCE_DETAILS.get(category, ()))


# --- Looking up the form -------------------------------------------------------------------


def is_assistance(kind: CaseKind | str) -> bool:
    return CaseKind(kind) in ASSISTANCE_KINDS


def steps_for(kind: CaseKind | str) -> tuple[Step, ...]:
    """The steps of the form for a case kind, in order."""
    return ASSISTANCE_STEPS if is_assistance(kind) else LEGAL_STEPS


def _category(kind: CaseKind | str, value: object) -> Category | None:
    allowed = ASSISTANCE_CATEGORIES if is_assistance(kind) else LEGAL_CATEGORIES
    return next((c for c in allowed if c.value == value), None)


def questions_for(
    step_id: StepId | str, *, kind: CaseKind | str, category: Category | str | None
) -> tuple[Question, ...]:
    """The questions of one step; the category picks the per-category questions.

    Raises ValueError for a step the form of this kind does not have.
    """
    step = StepId(step_id)
    if step not in {s.id for s in steps_for(kind)}:
        raise ValueError(f"the {kind} form has no step {step_id!r}")
    cat = _category(kind, category)
    if is_assistance(kind):
        return {
            StepId.WHAT: ASSISTANCE_WHAT,
            StepId.DETAILS: _assistance_details(cat),
            StepId.REQUEST: ASSISTANCE_REQUEST,
        }.get(step, ())
    match step:
        case StepId.WHAT:
            return LEGAL_WHAT
        case StepId.WHO:
            return LEGAL_WHO
        case StepId.WHEN:
            return _when_questions(cat)
        case StepId.DETAILS:
            return DETAIL_QUESTIONS.get(cat, ()) if cat else ()
        case StepId.REQUEST:
            return LEGAL_REQUEST
    return ()


def all_questions(*, kind: CaseKind | str, category: Category | str | None) -> tuple[Question, ...]:
    """Every question of the form for this kind and category, in step order."""
    return tuple(q for s in steps_for(kind) for q in questions_for(s.id, kind=kind, category=category))


# --- Parsing and cleaning one answer -------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_YES_WORDS = {"yes", "evet", "true", "on", "1", "y", "e"}
_NO_WORDS = {"no", "hayır", "hayir", "false", "off", "0", "n", "h"}


class Message(str):
    """A user-facing N_ message (the untranslated msgid itself) with its ``%(name)s`` parameters.

    It compares equal to its msgid. Show it with ``render(gettext)``: translate, then fill.
    """

    params: dict[str, object]

    def __new__(cls, message: str, **params: object) -> "Message":
        obj = super().__new__(cls, message)
        obj.params = params
        return obj

    def render(self, translate: Callable[[str], str] = str) -> str:
        text = translate(str(self))
        return text % self.params if self.params else text


def render_messages(messages: Mapping[str, str], translate: Callable[[str], str] = str) -> dict[str, str]:
    """Translate and fill a dict of errors or warnings for display."""
    return {k: m.render(translate) if isinstance(m, Message) else translate(m) for k, m in messages.items()}


class AnswerError(ValueError):
    """One answer could not be understood; ``message`` says why, for the member."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = Message(message, **params)


def parse_date(value: str) -> date:
    """Read a date typed as ``2026-11-23`` (an <input type=date>) or ``23.11.2026``.

    Raises AnswerError with a user-facing message.
    """
    text = value.strip()
    if m := _ISO.fullmatch(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DMY.fullmatch(text):
        d, mo, y = (int(g) for g in m.groups())
        if len(m.group(3)) != 4:
            raise AnswerError(N_("Please write the year with four digits, for example 23.11.2026."))
    else:
        raise AnswerError(N_("Please enter the date as day.month.year, for example 23.11.2026."))
    try:
        return date(y, mo, d)
    except ValueError:
        raise AnswerError(N_("This date does not exist. Please check the day and the month.")) from None


def parse_amount(value: str, *, decimals: int = 2) -> Decimal:
    """Read an amount written the Turkish way (``15.000,50``) or plainly (``15000.50``, ``15000``)."""
    text = re.sub(r"\s|tl|₺", "", value.strip().lower())
    if "," in text and "." in text:  # the later separator is the decimal one
        thousands, decimal_sep = (".", ",") if text.rfind(",") > text.rfind(".") else (",", ".")
        text = text.replace(thousands, "").replace(decimal_sep, ".")
    elif "," in text:
        text = text.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", text) else text.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # 15.000 is fifteen thousand
        text = text.replace(".", "")
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise AnswerError(N_("Please write the amount in numbers only, for example 15000 or 15000,50."))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise AnswerError(N_("Please write the amount in numbers only, for example 15000 or 15000,50.")) from None
    if decimals == 0 and amount != amount.to_integral_value():
        raise AnswerError(N_("Please write a whole number."))
    return amount


def iban_problem(value: str) -> str | None:
    """Why ``value`` is not a valid Turkish IBAN (length, form, mod-97 check), or None."""
    iban = compact_iban(value)
    if not iban.startswith("TR") or len(iban) != 26 or not iban[2:].isdigit():
        return N_("A Turkish IBAN starts with TR followed by 24 digits. Please check it.")
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        return N_("This IBAN is not valid: there may be a typing mistake. Please check it.")
    return None


def compact_iban(value: str) -> str:
    """The IBAN without spaces or dashes, in capitals."""
    return re.sub(r"[\s-]", "", value or "").upper()


def format_iban(value: str) -> str:
    """The IBAN in groups of four, as printed on bank documents."""
    iban = compact_iban(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def clean_text(value: str, *, multiline: bool) -> str:
    """NFC-normalised text without control or bidi-override characters; one line unless ``multiline``."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if multiline:
        text = _CONTROL.sub("", text)
        return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()
    return " ".join(_CONTROL.sub("", text.replace("\n", " ")).split())


def _clean_answer(q: Question, raw: str, today: date) -> str:
    """The canonical string form of one non-empty answer; raises AnswerError."""
    match q.type:
        case QuestionType.TEXT | QuestionType.TEXTAREA:
            text = clean_text(raw, multiline=q.type == QuestionType.TEXTAREA)
            limit = q.length_limit
            if limit is not None and len(text) > limit:
                raise AnswerError(
                    N_("Please shorten this to at most %(max)s characters (now %(length)s)."),
                    max=limit,
                    length=len(text),
                )
            if len(text) < q.min_length:
                raise AnswerError(N_("Please tell us a little more (at least %(min)s characters)."), min=q.min_length)
            return text
        case QuestionType.DATE:
            day = parse_date(raw)
            if day > today + timedelta(days=q.future_days):
                raise AnswerError(N_("This date is in the future. Please check the day, month and year."))
            if day < EARLIEST_DATE:
                raise AnswerError(N_("This date is too far in the past. Please check the year."))
            return day.isoformat()
        case QuestionType.CHOICE:
            value = raw.strip()
            if value not in {v for v, _ in q.choices}:
                raise AnswerError(N_("Please choose one of the options."))
            return value
        case QuestionType.YES_NO:
            word = raw.strip().lower()
            if word in _YES_WORDS:
                return YES
            if word in _NO_WORDS:
                return NO
            raise AnswerError(N_("Please answer yes or no."))
        case QuestionType.NUMBER:
            amount = parse_amount(raw, decimals=q.decimals)
            if q.min_value is not None and amount < q.min_value:
                raise AnswerError(N_("Please enter at least %(min)s."), min=q.min_value)
            if q.max_value is not None and amount > q.max_value:
                raise AnswerError(N_("Please enter at most %(max)s."), max=q.max_value)
            return format(amount.quantize(Decimal(1) if q.decimals == 0 else Decimal("0.01")), "f")
        case QuestionType.IBAN:
            if problem := iban_problem(raw):
                raise AnswerError(problem)
            return compact_iban(raw)
    raise AssertionError(q.type)


def _required_message(q: Question) -> str:
    if q.required_message:
        return q.required_message
    return {
        QuestionType.DATE: N_("Please enter a date."),
        QuestionType.CHOICE: N_("Please choose one of the options."),
        QuestionType.YES_NO: N_("Please answer yes or no."),
    }.get(q.type, N_("Please answer this question."))


def _raw(answers: Answers, qid: str) -> str:
    value = answers.get(qid)
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    return value if isinstance(value, str) else str(value)


def _validate_questions(
    questions: tuple[Question, ...], answers: Answers, today: date
) -> tuple[dict[str, str], dict[str, str]]:
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for q in questions:
        # A later question may depend on an earlier answer of the same step; look there first.
        if q.show_if and not q.show_if.holds({**answers, **cleaned}):
            continue
        raw = _raw(answers, q.id)
        if not raw.strip():
            if q.required:
                errors[q.id] = _required_message(q)
            continue
        try:
            cleaned[q.id] = _clean_answer(q, raw, today)
        except AnswerError as exc:
            errors[q.id] = exc.message
    return cleaned, errors


# --- Validating steps and the whole form ---------------------------------------------------


def validate_step(
    step_id: StepId | str,
    answers: Answers,
    *,
    kind: CaseKind | str,
    category: Category | str | None,
    today: date,
) -> tuple[dict[str, str], dict[str, str]]:
    """Check one step's answers: ``(cleaned, errors)``, errors keyed by question id.

    ``cleaned`` holds only the questions of this step that apply (hidden follow-up questions
    are dropped), as canonical JSON-ready strings. On the "what" step the category comes from
    the answers. The review step checks the whole form. Messages are N_ msgids, some of them
    ``Message``s with parameters: show them through ``render_messages(errors, gettext)``.
    """
    step = StepId(step_id)
    if step == StepId.REVIEW:
        return _validate_all(answers, kind=kind, today=today)
    if step == StepId.WHAT:
        category = _raw(answers, "category") or category
    questions = questions_for(step, kind=kind, category=category)
    return _validate_questions(questions, answers, today)


def _validate_all(answers: Answers, *, kind: CaseKind | str, today: date) -> tuple[dict[str, str], dict[str, str]]:
    category = _raw(answers, "category")
    return _validate_questions(all_questions(kind=kind, category=category), answers, today)


def validate_grievance(answers: Answers, *, kind: CaseKind | str = CaseKind.LEGAL, today: date) -> dict[str, str]:
    """Check all answers before submission; the errors keyed by question id (empty when ready)."""
    return _validate_all(answers, kind=kind, today=today)[1]


def first_step_with_errors(
    errors: Mapping[str, str], *, kind: CaseKind | str, category: Category | str | None
) -> StepId | None:
    """The earliest step holding one of ``errors``, to send the member back to it."""
    for step in steps_for(kind):
        if any(q.id in errors for q in questions_for(step.id, kind=kind, category=category)):
            return step.id
    return None


# --- Warnings: dubious but possible answers -----------------------------------------------


def _day(answers: Answers, qid: str) -> date | None:
    value = _raw(answers, qid)
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def answer_warnings(answers: Answers, *, kind: CaseKind | str, today: date) -> dict[str, str]:
    """Gentle notes on cleaned answers that look odd or are time-critical; never blocking."""
    if is_assistance(kind):
        return {}
    warnings: dict[str, str] = {}
    incident, notified = _day(answers, "incident_date"), _day(answers, "notification_date")
    if incident and notified and notified < incident:
        warnings["notification_date"] = N_(
            "This is earlier than the date of the decision or event. If that is right, go on; "
            "otherwise please check both dates."
        )
    objected = _day(answers, "objection_date")
    if objected and notified and objected < notified:
        warnings["objection_date"] = N_(
            "This is earlier than the notification date. If that is right, go on; otherwise please check it."
        )
    started = _day(answers, "started_on")
    if started and incident and started > incident:
        warnings["started_on"] = N_(
            "This is later than the latest incident. If that is right, go on; otherwise please check it."
        )
    if notified:
        elapsed = (today - notified).days
        category = _raw(answers, "category")
        if category == Category.DISCIPLINARY_PENALTY and _raw(answers, "objection_made") == NO:
            if elapsed <= 7:
                warnings.setdefault(
                    "objection_made",
                    N_(
                        "A penalty can be objected to within 7 days of its notification. "
                        "Please send your request now: our lawyers treat it as urgent."
                    ),
                )
            else:
                warnings.setdefault(
                    "objection_made",
                    N_(
                        "The 7 days to object to the penalty may have passed, but it can still be "
                        "taken to court. Please send your request: a lawyer will check."
                    ),
                )
        if elapsed > 60:
            warnings.setdefault(
                "notification_date",
                N_(
                    "More than 60 days have passed since the notification, so the time to go to court "
                    "may have run out. Please send your request anyway: a lawyer will check."
                ),
            )
    return warnings


# --- Priority -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityRule:
    """Raise a case to ``priority`` when ``applies(answers, today)``; ``reason`` is shown to staff."""

    priority: Priority
    reason: str
    applies: Callable[[Answers, date], bool]


def _is(answers: Answers, qid: str, *values: str) -> bool:
    return _raw(answers, qid) in values


def _days_since(answers: Answers, qid: str, today: date) -> int | None:
    day = _day(answers, qid)
    return (today - day).days if day else None


def _in(lo: int, hi: int, days: int | None) -> bool:
    return days is not None and lo <= days <= hi


PRIORITY_RULES: tuple[PriorityRule, ...] = (
    PriorityRule(
        Priority.URGENT,
        N_("Dismissal from the civil service."),
        lambda a, t: (
            _is(a, "category", Category.DISCIPLINARY_PENALTY) and _is(a, "penalty", "devlet_memurlugundan_cikarma")
        ),
    ),
    PriorityRule(
        Priority.URGENT,
        N_("The 7-day period to object to the disciplinary penalty is running."),
        lambda a, t: (
            _is(a, "category", Category.DISCIPLINARY_PENALTY)
            and not _is(a, "objection_made", YES)
            and _in(0, 7, _days_since(a, "notification_date", t))
        ),
    ),
    PriorityRule(
        Priority.URGENT,
        N_("The 60-day period to go to court may end within about two weeks."),
        lambda a, t: _in(45, 60, _days_since(a, "notification_date", t)),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A union representative or executive was relocated (Law 4688, art. 18)."),
        lambda a, t: (
            _is(a, "is_union_representative", YES)
            and (_is(a, "category", Category.RELOCATION) or _is(a, "violation", "relocation"))
        ),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A heavy disciplinary penalty: step progression stopped."),
        lambda a, t: (
            _is(a, "category", Category.DISCIPLINARY_PENALTY) and _is(a, "penalty", "kademe_ilerlemesinin_durdurulmasi")
        ),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("Psychological harassment happening every day."),
        lambda a, t: _is(a, "category", Category.HARASSMENT) and _is(a, "frequency", "daily"),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A home made uninhabitable by a disaster."),
        lambda a, t: _is(a, "category", Category.DISASTER) and _is(a, "home_damage", "uninhabitable"),
    ),
    PriorityRule(
        Priority.HIGH,
        N_("A recent death in the family."),
        lambda a, t: _is(a, "category", Category.BEREAVEMENT) and _in(0, 30, _days_since(a, "event_date", t)),
    ),
)


@dataclass(frozen=True)
class PrioritySuggestion:
    priority: Priority
    reasons: tuple[str, ...] = ()


def suggest_priority(answers: Answers, *, today: date) -> PrioritySuggestion:
    """The priority the answers suggest (normal unless a rule raises it) and the reasons why.

    Day counts are plain calendar days from the notification: a hint for the queue, not the
    legal deadline (cases/deadlines.py computes that with holidays and the judicial recess).
    """
    matched = [rule for rule in PRIORITY_RULES if rule.applies(answers, today)]
    if not matched:
        return PrioritySuggestion(Priority.NORMAL)
    top = max((rule.priority for rule in matched), key=PRIORITY_RANK.__getitem__)
    ordered = sorted(matched, key=lambda rule: -PRIORITY_RANK[rule.priority])
    return PrioritySuggestion(top, tuple(rule.reason for rule in ordered))


# --- Submission -----------------------------------------------------------------------------


class GrievanceIncomplete(DomainError):
    """The answers are not complete or valid; ``errors`` maps question ids to messages."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(N_("Some answers are missing or need checking. Please look at the marked questions."))
        self.errors = dict(errors)


_CASE_FIELDS = frozenset(
    {
        "category",
        "narrative",
        "request",
        "respondent_type",
        "respondent_name",
        "respondent_title",
        "incident_date",
        "notification_date",
        "event_date",
    }
)


@dataclass(frozen=True)
class GrievanceSubmission:
    """The case fields a complete form yields; ``details`` keeps the other answers (JSON-ready)."""

    kind: CaseKind
    category: Category
    narrative: str
    request: str
    respondent_type: RespondentType | None
    respondent_name: str
    respondent_title: str
    incident_date: date | None
    notification_date: date | None
    requested_amount: Decimal | None
    details: dict[str, str]
    priority: Priority
    priority_reasons: tuple[str, ...]


def build_submission(answers: Answers, *, kind: CaseKind | str, today: date) -> GrievanceSubmission:
    """The case fields from the final answers; raises GrievanceIncomplete when they are not ready.

    For an assistance request the case kind follows the help asked for (financial → material).
    """
    cleaned, errors = _validate_all(answers, kind=kind, today=today)
    if errors:
        raise GrievanceIncomplete(errors)
    case_kind = CaseKind(kind)
    if is_assistance(kind):
        case_kind = CaseKind(cleaned["help_kind"])
    amount = cleaned.get("amount")
    respondent = cleaned.get("respondent_type")
    suggestion = suggest_priority(cleaned, today=today)
    return GrievanceSubmission(
        kind=case_kind,
        category=Category(cleaned["category"]),
        narrative=cleaned["narrative"],
        request=cleaned.get("request", ""),
        respondent_type=RespondentType(respondent) if respondent else None,
        respondent_name=cleaned.get("respondent_name", ""),
        respondent_title=cleaned.get("respondent_title", ""),
        incident_date=_day(cleaned, "incident_date") or _day(cleaned, "event_date"),
        notification_date=_day(cleaned, "notification_date"),
        requested_amount=Decimal(amount) if amount else None,
        details={k: v for k, v in cleaned.items() if k not in _CASE_FIELDS},
        priority=suggestion.priority,
        priority_reasons=suggestion.reasons,
    )
