"""The reads behind the admin pages: counts, accounts, members waiting for a check, calendar, courts."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import CalendarDay, Case, Court, Institution, MemberProfile, RollEntry, Union, User
from cases.text import fold
from cases.vocabulary import STAFF_ROLES, Role


def admin_counts() -> dict[str, int]:
    """The figures on the admin home page."""
    count = sa.func.count

    def scalar(query: sa.Select) -> int:
        return db.session.scalar(query) or 0

    return {
        "users": scalar(sa.select(count(User.id))),
        "members": scalar(sa.select(count(MemberProfile.id))),
        "pending": scalar(sa.select(count(MemberProfile.id)).where(MemberProfile.membership_status == "pending")),
        "cases": scalar(sa.select(count(Case.id))),
        "unions": scalar(sa.select(count(Union.id))),
        "institutions": scalar(sa.select(count(Institution.id))),
    }


def users_page(role: str | None, text: str, *, page: int, per_page: int) -> tuple[Pagination, str | None]:
    """Accounts of one role (staff by default: members have their own page), matching ``text``.

    Returns the page and the role actually filtered on (None for the staff default).
    """
    query = sa.select(User).order_by(User.full_name, User.id)
    if role in {r.value for r in Role}:
        query = query.where(User.role == role)
    else:
        # Staff accounts by default: the members (a million of them) have their own page and filters.
        role = None
        query = query.where(User.role.in_([r.value for r in STAFF_ROLES]))
    if text:
        query = query.where(
            User.email.contains(text.lower(), autoescape=True) | User.full_name.icontains(text, autoescape=True)
        )
    return db.paginate(query, page=page, per_page=per_page, error_out=False), role


def unions_by_id() -> dict[int, Union]:
    return {u.id: u for u in db.session.scalars(sa.select(Union)).all()}


def _admins_members(admin: User, query: sa.Select) -> sa.Select:
    """Union admins see their union's members; confederation admins every union's."""
    if admin.union_id is not None:
        query = query.where(MemberProfile.union_id == admin.union_id)
    return query


@dataclass(frozen=True)
class MembersPage:
    page: Pagination
    rows: list[tuple[MemberProfile, str | None]]  # each profile with the membership number the roll lists


def members_page(admin: User, status: str, union_id: int | None, text: str, *, page: int, per_page: int) -> MembersPage:
    """Members with ``status`` in the admin's scope, newest first, each with what the roll says (two queries)."""
    query = _admins_members(
        admin,
        sa.select(MemberProfile)
        .options(joinedload(MemberProfile.user), joinedload(MemberProfile.union), joinedload(MemberProfile.institution))
        .where(MemberProfile.membership_status == status)
        .order_by(MemberProfile.created_at.desc(), MemberProfile.id.desc()),
    )
    if union_id:
        query = query.where(MemberProfile.union_id == union_id)
    if text:
        query = query.where(MemberProfile.full_name_folded.contains(fold(text), autoescape=True))
    result = db.paginate(query, page=page, per_page=per_page, error_out=False)
    ids = [p.national_id for p in result.items if p.national_id]
    on_roll = {
        (r.union_id, r.national_id): r.membership_number
        for r in db.session.execute(
            sa.select(RollEntry.union_id, RollEntry.national_id, RollEntry.membership_number).where(
                RollEntry.national_id.in_(ids)
            )
        )
    }
    return MembersPage(result, [(p, on_roll.get((p.union_id, p.national_id))) for p in result.items])


def member_for_admin(admin: User, profile_id: int) -> MemberProfile | None:
    """The member profile if it lies in the admin's scope."""
    return db.session.scalar(_admins_members(admin, sa.select(MemberProfile).where(MemberProfile.id == profile_id)))


def unions_in_order() -> list[Union]:
    return list(db.session.scalars(sa.select(Union).order_by(Union.code)))


def calendar_corrections(year: int) -> list[CalendarDay]:
    """The corrections to the official calendar in ``year``, by day."""
    return list(
        db.session.scalars(
            sa.select(CalendarDay)
            .where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
            .order_by(CalendarDay.day)
        )
    )


def courts_by_recess() -> list[Court]:
    """The courts, those taking no recess first, by province and name."""
    return list(db.session.scalars(sa.select(Court).order_by(Court.takes_recess, Court.province, Court.name)))
