"""The steps of both forms, their category choices, and the questions every legal grievance asks."""

from dataclasses import dataclass, replace

from cases.grievance.form import NARRATIVE_LENGTH, Question, QuestionType, Step, StepId, _choice, _date
from cases.i18n import N_
from cases.vocabulary import ASSISTANCE_CATEGORIES, LEGAL_CATEGORIES, Category, RespondentType

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
