"""The questions of the assistance request (social or material help)."""

from dataclasses import replace
from decimal import Decimal
from typing import Any, cast

from cases.grievance.common import ASSISTANCE_CATEGORY_CHOICES, NARRATIVE
from cases.grievance.form import DEFAULT_TEXTAREA_LENGTH, Question, QuestionType, ShowIf, _choice, _date
from cases.i18n import N_
from cases.vocabulary import CaseKind, Category

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
    base = tuple(
        replace(q, **cast("dict[str, Any]", overrides[q.id])) if q.id in overrides else q
        for q in ASSISTANCE_DETAILS_BASE
    )
    return (*base, *ASSISTANCE_DETAILS.get(category, ()))
