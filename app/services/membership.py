"""Membership verification: against the union's roll, or by an admin's hand."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, MemberProfile, RollEntry, User
from app.models.base import utcnow
from app.models.member import MembershipStatus
from app.services.audit_log import log_access
from app.services.outbox import notify_user
from cases.i18n import N_


def matches_roll(profile: MemberProfile) -> bool:
    """Whether the union's roll lists this T.C. Kimlik No with this membership number, active."""
    if not profile.national_id or not profile.membership_number:
        return False
    found = db.session.scalar(
        sa.select(RollEntry.id).where(
            RollEntry.union_id == profile.union_id,
            RollEntry.national_id == profile.national_id,
            RollEntry.membership_number == profile.membership_number,
            RollEntry.status == "active",
        )
    )
    return found is not None


def set_membership_status(profile: MemberProfile, status: str, *, expected_status: str | None, actor: User) -> None:
    """An admin verifies or rejects a membership by hand; refused if it changed meanwhile."""
    from app.services.concurrency import STALE_MESSAGE
    from cases.errors import StaleCase

    if expected_status is not None and profile.membership_status != expected_status:
        raise StaleCase(STALE_MESSAGE)
    profile.membership_status = status
    profile.verified_at = utcnow() if status == MembershipStatus.VERIFIED else None
    profile.verified_by_id = actor.id
    mark_cases_membership(profile_id=profile.id, pending=status != MembershipStatus.VERIFIED)
    member = db.session.get(User, profile.user_id)
    if member is not None and member.active:
        if status == MembershipStatus.VERIFIED:
            notify_user(
                member,
                "membership_verified",
                N_("Your membership is verified"),
                N_(
                    "Dear %(name)s,\n\nYour union has verified your membership. "
                    "Your applications are no longer marked as pending."
                ),
            )
        else:
            notify_user(
                member,
                "membership_rejected",
                N_("Your membership could not be confirmed"),
                N_(
                    "Dear %(name)s,\n\nYour union could not confirm your membership with the details you gave. "
                    "Please contact your union's representative."
                ),
            )
    log_access(actor, f"membership_{status}", "member_profile", profile.id)
    db.session.commit()


def mark_cases_membership(*, pending: bool, profile_id: int | None = None) -> None:
    """Keep the queue's "membership pending" mark in step with the member's profile; not committed.

    With ``profile_id`` the cases of that member; without it, every case still marked whose
    member is verified now (after a roll import). The case version is left alone: the mark is
    not an edit anyone could be overwriting.
    """
    cases = Case.__table__
    if profile_id is not None:
        condition = cases.c.member_id == profile_id
    else:
        verified = sa.select(MemberProfile.id).where(MemberProfile.membership_status == MembershipStatus.VERIFIED)
        condition = cases.c.member_id.in_(verified)
    db.session.execute(
        cases.update().where(condition, cases.c.membership_pending.is_(not pending)).values(membership_pending=pending)
    )
