"""Administration use cases: staff accounts, unions, institutions."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Institution, MemberProfile, Union, User
from app.services import case_search
from app.services.accounts import create_user, normalize_email
from app.services.audit_log import log_access
from app.services.concurrency import ensure_version
from app.services.conflicts import flag_cases_naming
from app.services.sessions import end_all_sessions
from cases.errors import DomainError
from cases.i18n import N_
from cases.vocabulary import Role


def _union_or_none(value: int | None) -> int | None:
    return value or None


def create_staff_user(data: dict, *, actor: User) -> User:
    user = create_user(
        email=data["email"],
        password=data["password"],
        full_name=data["full_name"],
        role=data["role"],
        union_id=_union_or_none(data["union_id"]),
        language=data["language"],
        phone=data.get("phone") or None,
        bar=data.get("bar") or None,
        registry_number=data.get("registry_number") or None,
        active=data.get("active", True),
    )
    db.session.flush()
    log_access(actor, "create", "user", user.id)
    db.session.commit()
    return user


class OwnAccount(DomainError):
    """An admin may not lock themselves out: deactivate their own account or drop their admin role."""


def update_user(user: User, data: dict, *, actor: User) -> None:
    """Save an account's details; commits. Raises OwnAccount, StaleCase."""
    if user.id == actor.id and (not data.get("active") or data.get("role") != Role.ADMIN):
        raise OwnAccount(N_("You cannot deactivate your own account or remove your own administrator role."))
    ensure_version(user, data.get("version"))
    renamed = user.full_name != data["full_name"].strip()
    user.full_name = data["full_name"].strip()
    user.email = normalize_email(data["email"])
    if user.role != "member":
        user.role = data["role"]
        user.union_id = _union_or_none(data["union_id"])
    user.language = data["language"]
    user.phone = data.get("phone") or None
    user.bar = data.get("bar") or None
    user.registry_number = data.get("registry_number") or None
    user.active = bool(data.get("active"))
    if data.get("password"):
        user.set_password(data["password"])
    if data.get("password") or not user.active:
        # A new password or a deactivation signs the account out everywhere (but the admin's own browser).
        end_all_sessions(user, keep=getattr(actor, "session_token", None) if actor.id == user.id else None)
    if renamed:
        case_search.refresh_for_user(user)  # the queue finds the member's cases under the new name
    log_access(actor, "update", "user", user.id)
    db.session.commit()
    if renamed:
        _recheck_conflicts(user)


def _recheck_conflicts(user: User) -> None:
    """Under the new name the member may be the respondent of cases not flagged so far."""
    profile = db.session.scalar(sa.select(MemberProfile).where(MemberProfile.user_id == user.id))
    if profile is not None and profile.anonymised_at is None:
        flag_cases_naming(profile)


def set_user_active(user: User, active: bool, *, expected_version, actor: User) -> None:
    """Activate or deactivate an account; commits. Raises OwnAccount for the actor's own, StaleCase."""
    if user.id == actor.id and not active:
        raise OwnAccount(N_("You cannot deactivate your own account."))
    ensure_version(user, expected_version)
    user.active = active
    if not active:
        end_all_sessions(user)
    log_access(actor, "activate" if active else "deactivate", "user", user.id)
    db.session.commit()


def save_union(union: Union | None, data: dict, *, actor: User) -> Union:
    if union is None:
        union = Union()
        db.session.add(union)
    else:
        ensure_version(union, data.get("version"))
    union.code = data["code"].strip().upper()
    union.name = data["name"].strip()
    union.branch_no = data.get("branch_no")
    union.branch_name = data.get("branch_name") or None
    union.address = data.get("address") or None
    union.email = data.get("email") or None
    union.active = bool(data.get("active"))
    db.session.flush()
    log_access(actor, "save", "union", union.id)
    db.session.commit()
    return union


def save_institution(institution: Institution | None, data: dict, *, actor: User) -> Institution:
    if institution is None:
        institution = Institution(name=data["name"].strip(), province=data["province"].strip())
        db.session.add(institution)
    else:
        ensure_version(institution, data.get("version"))
        renamed = institution.name != data["name"].strip()
        institution.rename(data["name"].strip())
        if renamed:
            case_search.refresh_for_institution(institution)
        institution.province = data["province"].strip()
    institution.address = data.get("address") or None
    for name in ("legal_entity", "legal_entity_address", "superior_authority"):
        setattr(institution, name, (data.get(name) or "").strip() or None)
    institution.union_id = _union_or_none(data.get("union_id"))
    institution.active = bool(data.get("active"))
    db.session.flush()
    log_access(actor, "save", "institution", institution.id)
    db.session.commit()
    return institution
