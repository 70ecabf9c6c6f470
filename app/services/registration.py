"""Member registration and email confirmation."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Consent, MemberProfile, OutboxMessage, User
from app.models.base import utcnow
from app.models.member import MembershipStatus
from app.models.user import verify_dummy_password
from app.services.accounts import create_user, normalize_email
from app.services.audit_log import log_access
from app.services.conflicts import flag_cases_naming
from app.services.member_data import SPECIAL_CATEGORY_CONSENT
from app.services.membership import matches_roll
from app.services.outbox import ACCOUNT_FOOTER, notify_user
from app.services.tokens import InvalidToken, _fingerprint, _load, _serializer
from app.urls import external_url
from cases.i18n import N_
from cases.member_roll import normalize_membership_number
from cases.text import fold

CONFIRM_SALT = "dayanak-email-confirmation"
CONFIRM_MAX_AGE = 3 * 24 * 3600
RESET_MAIL_INTERVAL_MINUTES = 10
PRIVACY_NOTICE_READ = "privacy_notice"


@dataclass
class Registration:
    full_name: str
    national_id: str
    union_id: int
    membership_number: str
    institution_id: int | None
    title: str
    province: str
    email: str
    phone: str
    password: str
    language: str = "tr"
    special_consent: bool = False  # optional explicit consent; never a condition of registering


def register_member(data: Registration, *, ip_address: str | None) -> User | None:
    """Create the account, profile and consents; verify against the roll; queue the confirmation mail.

    One transaction. When the email or the T.C. Kimlik No already belongs to an account nothing
    is created and None is returned: the owner is told by mail instead, so that the registrant
    (who may be anyone knowing a T.C. Kimlik No) never learns whether that person is a member.
    """
    owners = _existing_owners(data)
    if owners:
        verify_dummy_password(data.password)  # about the time a new account's password hash takes
        _warn_owners(owners)
        return None
    number = normalize_membership_number(data.membership_number)
    user = create_user(
        email=data.email,
        password=data.password,
        full_name=data.full_name,
        role="member",
        union_id=data.union_id,
        language=data.language,
        phone=data.phone or None,
    )
    profile = MemberProfile(
        user=user,
        national_id=data.national_id,
        union_id=data.union_id,
        membership_number=number,
        institution_id=data.institution_id,
        title=data.title.strip() or None,
        province=data.province or None,
        full_name_folded=fold(data.full_name),
        membership_status=MembershipStatus.PENDING,
    )
    db.session.add(profile)
    try:
        db.session.flush()
    except IntegrityError:
        # Registered by a concurrent request a moment ago: the same answer as above.
        db.session.rollback()
        _warn_owners(_existing_owners(data))
        return None
    now = utcnow()
    version = current_app.config["PRIVACY_NOTICE_VERSION"]
    # Reading the notice is an acknowledgement; the explicit consent is recorded only when given.
    items = (PRIVACY_NOTICE_READ, SPECIAL_CATEGORY_CONSENT) if data.special_consent else (PRIVACY_NOTICE_READ,)
    for item in items:
        db.session.add(Consent(user_id=user.id, item=item, notice_version=version, given_at=now, ip_address=ip_address))
    if matches_roll(profile):
        profile.membership_status = MembershipStatus.VERIFIED
        profile.verified_at = now
    _queue_confirmation(user)
    log_access(user, "register", "member_profile", profile.id)
    db.session.commit()
    flag_cases_naming(profile)
    return user


def _existing_owners(data: Registration) -> list[User]:
    """The accounts that already use the email address or the T.C. Kimlik No (at most two)."""
    by_email = sa.select(User.id).where(User.email == normalize_email(data.email))
    by_national_id = sa.select(MemberProfile.user_id).where(MemberProfile.national_id == data.national_id)
    query = sa.select(User).where(sa.or_(User.id.in_(by_email), User.id.in_(by_national_id))).order_by(User.id)
    return list(db.session.scalars(query))


def _warn_owners(owners: list[User]) -> None:
    """Tell each owner that someone tried to register with their details (once per few minutes)."""
    for owner in owners:
        if not owner.active or _recently_mailed(owner, "registration_attempt"):
            continue
        notify_user(
            owner,
            "registration_attempt",
            N_("Someone tried to register with your details"),
            N_(
                "Dear %(name)s,\n\nSomeone tried to register a new Dayanak account with your email address or "
                "your T.C. Kimlik No. No new account was created.\n\nIf it was you: you already have an account. "
                "Sign in here:\n\n%(login)s\n\nIf you have forgotten your password, choose a new one here:"
                "\n\n%(reset)s\n\nIf it was not you, please contact your union."
            ),
            login=external_url("auth.login"),
            reset=external_url("auth.forgot_password"),
        )
    db.session.commit()


def confirmation_token(user: User) -> str:
    return _serializer(CONFIRM_SALT).dumps({"u": user.id, "e": _fingerprint(user.email)})


def _queue_confirmation(user: User) -> None:
    link = external_url("auth.confirm_email", token=confirmation_token(user))
    notify_user(
        user,
        "email_confirmation",
        N_("Please confirm your email address"),
        N_(
            "Dear %(name)s,\n\nThank you for registering with Dayanak. Please confirm your email address "
            "by opening this link within 3 days:\n\n%(link)s\n\nIf you did not register, you can ignore this message."
        ),
        link=link,
        footer=ACCOUNT_FOOTER,
    )


def _recently_mailed(user: User, kind: str) -> bool:
    """Whether a mail of ``kind`` to ``user`` was queued in the last few minutes."""
    since = utcnow() - timedelta(minutes=RESET_MAIL_INTERVAL_MINUTES)
    found = db.session.scalar(
        sa.select(OutboxMessage.id).where(
            OutboxMessage.recipient == user.email, OutboxMessage.kind == kind, OutboxMessage.created_at > since
        )
    )
    return found is not None


def resend_confirmation(user: User) -> None:
    """Queue the confirmation link again, unless one was queued minutes ago (no mailbox flooding)."""
    if _recently_mailed(user, "email_confirmation"):
        return
    _queue_confirmation(user)
    db.session.commit()


def confirm_email(token: str) -> User:
    """Mark the address of the token confirmed; raises InvalidToken when forged, expired or used."""
    data = _load(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    user = db.session.get(User, data["u"])
    if user is None or data.get("e") != _fingerprint(user.email) or not user.active:
        raise InvalidToken(N_("This link is not valid. Please check that you copied it completely."))
    if user.email_confirmed_at is not None:
        raise InvalidToken(N_("This link has already been used: your email address is confirmed."))
    user.email_confirmed_at = utcnow()
    db.session.commit()
    return user
