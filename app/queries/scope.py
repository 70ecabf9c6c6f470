"""Which cases a user may see: the one place scope is decided.

A member sees their own cases; a lawyer the legal cases of their union (all unions for the
confederation); an officer the assistance cases likewise; an admin every kind in their
union(s). Anything outside scope is reported as missing (404), never as forbidden, so ids
reveal nothing.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort

from app.extensions import db
from app.models import Case, MemberProfile, User
from cases.vocabulary import Role, kinds_for_role


@dataclass(frozen=True)
class Viewer:
    """What the scope and the desk's statements read of a user, hashable so a statement built for it is kept.

    Building a statement and working out its cache key cost SQLAlchemy more than running it on
    the database did (about a third of a queue page's CPU). A statement reused is neither built
    nor keyed again: SQLAlchemy keeps its key on the object and its compiled form in its cache.
    Every value a kept statement reads is part of its key (the viewer and, for the queue, the
    filters and the day), so it is exactly the one that would be built. ``case_scope`` takes it
    as it takes a user.
    """

    id: int
    role: str
    union_id: int | None


def viewer_of(user: User) -> Viewer:
    return Viewer(user.id, user.role, user.union_id)


def case_scope(user: User) -> sa.ColumnElement[bool]:
    """A SQL condition on Case selecting exactly the cases ``user`` may see."""
    role = Role(user.role)
    if role == Role.MEMBER:
        own_profile = sa.select(MemberProfile.id).where(MemberProfile.user_id == user.id).scalar_subquery()
        return Case.member_id == own_profile
    return staff_scope(user, Case.union_id, Case.kind)


def staff_scope(user: User, union_id, kind) -> sa.ColumnElement[bool]:
    """The staff part of the scope on any table that carries a case's union and kind columns.

    Tables kept beside the cases for the reports (stage times) copy those two columns, so
    their aggregates are scoped by the same rule without joining the cases back.
    """
    role = Role(user.role)
    if role == Role.MEMBER:
        return sa.false()
    conditions = []
    if user.union_id is not None:
        conditions.append(union_id == user.union_id)
    if role in (Role.LAWYER, Role.OFFICER):
        conditions.append(kind.in_([k.value for k in kinds_for_role(role)]))
    return sa.and_(sa.true(), *conditions)


def find_case(user: User, case_id: int, *, for_update: bool = False) -> Case | None:
    """The case with this id if ``user`` may see it, else None (services raise NotFound)."""
    query = sa.select(Case).where(Case.id == case_id, case_scope(user))
    if for_update:
        query = query.with_for_update()
    return db.session.scalar(query)


def find_case_by_reference(user: User, reference: str) -> Case | None:
    """The case with this reference if ``user`` may see it, else None."""
    return db.session.scalar(sa.select(Case).where(Case.reference == reference, case_scope(user)))


def get_case_or_404(user: User, case_id: int, *, for_update: bool = False) -> Case:
    """The case with this id if ``user`` may see it; 404 otherwise."""
    case = find_case(user, case_id, for_update=for_update)
    if case is None:
        abort(404)
    return case


def get_case_by_reference_or_404(user: User, reference: str) -> Case:
    case = find_case_by_reference(user, reference)
    if case is None:
        abort(404)
    return case
