"""The fixed vocabulary of cases: roles, kinds, categories, respondents, priorities.

Values are stable identifiers stored in the database; labels are translated by the web
layer (see ``app/labels.py``).
"""

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "member"
    LAWYER = "lawyer"
    OFFICER = "officer"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.LAWYER, Role.OFFICER, Role.ADMIN})


class CaseKind(StrEnum):
    LEGAL = "legal"
    SOCIAL = "social"
    MATERIAL = "material"


ASSISTANCE_KINDS = frozenset({CaseKind.SOCIAL, CaseKind.MATERIAL})


class Category(StrEnum):
    ARBITRARY_TREATMENT = "arbitrary_treatment"
    HARASSMENT = "harassment"
    DISCIPLINARY_PENALTY = "disciplinary_penalty"
    RELOCATION = "relocation"
    PROMOTION = "promotion"
    PAY_AND_BENEFITS = "pay_and_benefits"
    DISCRIMINATION = "discrimination"
    UNION_RIGHTS = "union_rights"
    WOMEN_MATERNITY = "women_maternity"
    RETIREMENT_SUPPORT = "retirement_support"
    BEREAVEMENT = "bereavement"
    DISABILITY = "disability"
    DISASTER = "disaster"
    OTHER = "other"


LEGAL_CATEGORIES = (
    Category.ARBITRARY_TREATMENT,
    Category.HARASSMENT,
    Category.DISCIPLINARY_PENALTY,
    Category.RELOCATION,
    Category.PROMOTION,
    Category.PAY_AND_BENEFITS,
    Category.DISCRIMINATION,
    Category.UNION_RIGHTS,
    Category.WOMEN_MATERNITY,
    Category.OTHER,
)
ASSISTANCE_CATEGORIES = (
    Category.BEREAVEMENT,
    Category.DISABILITY,
    Category.DISASTER,
    Category.RETIREMENT_SUPPORT,
    Category.OTHER,
)


class RespondentType(StrEnum):
    ADMINISTRATION = "administration"
    MANAGER = "manager"
    SUPERVISOR = "supervisor"
    COWORKER = "coworker"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}


class Outcome(StrEnum):
    WON = "won"
    PARTLY_WON = "partly_won"
    LOST = "lost"
    SETTLED = "settled"
