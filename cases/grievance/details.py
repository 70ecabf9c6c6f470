"""The per-category questions of a legal grievance (its details step)."""

from decimal import Decimal

from cases.grievance.form import Question, QuestionType, ShowIf, _choice, _date, _yes_no
from cases.i18n import N_
from cases.vocabulary import Category

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
