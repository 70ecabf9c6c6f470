"""Who may be given a case, and who has the least work: the suggestion admins see."""

from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, User
from cases.errors import MissingInput
from cases.i18n import N_
from cases.vocabulary import staff_role_for_kind
from cases.workflows import OPEN_STATES


@dataclass(frozen=True)
class Candidate:
    user_id: int
    full_name: str
    open_cases: int
    own_union: bool = True  # False for a confederation lawyer or officer (no union of their own)


def _eligible(case: Case) -> list:
    return [
        User.role == staff_role_for_kind(case.kind).value,
        User.active.is_(True),
        sa.or_(User.union_id.is_(None), User.union_id == case.union_id),
    ]


def candidates(case: Case) -> list[Candidate]:
    """Everyone who may be given ``case``: the union's own staff, least loaded first, then the confederation's.

    One GROUP BY. The first candidate is the suggestion: the least-loaded lawyer (or officer) of
    the case's union; a confederation colleague only when the union has none.
    """
    open_count = sa.func.count(Case.id)
    confederation = User.union_id.is_(None)
    query = (
        sa.select(User.id, User.full_name, open_count, confederation)
        .outerjoin(Case, sa.and_(Case.assignee_id == User.id, Case.status.in_([s.value for s in OPEN_STATES])))
        .where(*_eligible(case))
        .group_by(User.id, User.full_name, User.union_id)
        .order_by(confederation, open_count, User.full_name, User.id)
    )
    return [
        Candidate(user_id, name, count, own_union=not from_confederation)
        for user_id, name, count, from_confederation in db.session.execute(query)
    ]


def check_assignee(case: Case, assignee_id: object) -> None:
    """Refuse an assignee who is not an active staff member of the right role covering the case's union."""
    try:
        user_id = int(str(assignee_id))
    except ValueError:
        user_id = 0
    found = db.session.scalar(sa.select(User.id).where(User.id == user_id, *_eligible(case)))
    if found is None:
        raise MissingInput(
            N_("This person cannot handle this case. Please choose someone from the list."), field="assignee_id"
        )
