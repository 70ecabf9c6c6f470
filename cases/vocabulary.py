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


def staff_role_for_kind(kind: CaseKind | str) -> Role:
    """The staff role that works cases of ``kind``: lawyers legal cases, officers assistance cases."""
    return Role.LAWYER if CaseKind(kind) is CaseKind.LEGAL else Role.OFFICER


def staff_roles_for_kind(kind: CaseKind | str) -> frozenset[Role]:
    """The roles that may act on cases of ``kind`` as staff: its working role, and admins."""
    return frozenset({staff_role_for_kind(kind), Role.ADMIN})


def kinds_for_role(role: Role | str) -> tuple[CaseKind, ...]:
    """The case kinds a staff ``role`` works; admins (and any other role) every kind."""
    if Role(role) in (Role.LAWYER, Role.OFFICER):
        return tuple(kind for kind in CaseKind if staff_role_for_kind(kind) == role)
    return tuple(CaseKind)


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


def categories_for_kind(kind: CaseKind | str) -> tuple[Category, ...]:
    """The categories a case of ``kind`` may have, in the order the form offers them."""
    return LEGAL_CATEGORIES if CaseKind(kind) is CaseKind.LEGAL else ASSISTANCE_CATEGORIES


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
