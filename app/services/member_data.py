"""A member's own data: a ZIP export (JSON and their files), the explicit consent, and erasure.

Erasure keeps the case records (the union must keep them for the legal retention periods) but
removes what identifies the person from the account and the profile, and logs the request.
"""

import functools
import io
import json
import secrets
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.models import (
    Attachment,
    Case,
    CaseEvent,
    Consent,
    DataRequest,
    Document,
    Draft,
    MemberProfile,
    OutboxMessage,
    User,
)
from app.models.base import utcnow
from app.services.audit_log import log_access
from app.services.evidence import attachment_path, discard_files
from app.services.filing import search_text_for
from app.services.sessions import end_all_sessions
from cases.text import fold

SPECIAL_CATEGORY_CONSENT = "special_category_data"  # the explicit consent asked at registration
ERASED_DOMAIN = "erased.invalid"  # .invalid never resolves (RFC 2606): mail can never be delivered


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _file_name(attachment: Attachment) -> str:
    return f"files/{attachment.id}-{attachment.original_name}"


def export_member_data(user: User) -> bytes:
    """A ZIP of everything held about ``user``: data.json and the files they may see."""
    profile = db.session.scalar(sa.select(MemberProfile).where(MemberProfile.user_id == user.id))
    cases = (
        list(db.session.scalars(sa.select(Case).where(Case.member_id == profile.id).order_by(Case.id)))
        if profile
        else []
    )
    case_ids = [c.id for c in cases]
    events = list(
        db.session.scalars(
            sa.select(CaseEvent)
            .where(CaseEvent.case_id.in_(case_ids), CaseEvent.member_visible.is_(True))
            .order_by(CaseEvent.case_id, CaseEvent.sequence)
        )
    )
    attachments = list(
        db.session.scalars(
            sa.select(Attachment)
            .where(Attachment.case_id.in_(case_ids), Attachment.member_visible.is_(True))
            .order_by(Attachment.id)
        )
    )
    consents = list(db.session.scalars(sa.select(Consent).where(Consent.user_id == user.id).order_by(Consent.id)))
    drafts = list(db.session.scalars(sa.select(Draft).where(Draft.user_id == user.id).order_by(Draft.id)))
    draft_ids = [d.id for d in drafts]
    draft_files = list(
        db.session.scalars(sa.select(Attachment).where(Attachment.draft_id.in_(draft_ids)).order_by(Attachment.id))
    )
    documents = list(
        db.session.scalars(
            sa.select(Document).where(Document.case_id.in_(case_ids), Document.shared_with_member.is_(True))
        )
    )
    data = {
        "exported_at": utcnow(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "language": user.language,
            "created_at": user.created_at,
            "email_confirmed_at": user.email_confirmed_at,
        },
        "profile": None
        if profile is None
        else {
            "national_id": profile.national_id,
            "union_id": profile.union_id,
            "membership_number": profile.membership_number,
            "institution_id": profile.institution_id,
            "title": profile.title,
            "province": profile.province,
            "membership_status": profile.membership_status,
        },
        "consents": [
            {"item": c.item, "notice_version": c.notice_version, "given_at": c.given_at, "withdrawn_at": c.withdrawn_at}
            for c in consents
        ],
        "cases": [
            {
                "reference": c.reference,
                "kind": c.kind,
                "category": c.category,
                "status": c.status,
                "created_at": c.created_at,
                "respondent_type": c.respondent_type,
                "respondent_name": c.respondent_name,
                "respondent_title": c.respondent_title,
                "incident_date": c.incident_date,
                "notification_date": c.notification_date,
                "narrative": c.narrative,
                "requests": c.requests,
                "details": c.details,
                "amount_requested": c.amount_requested,
                "timeline": [
                    {"kind": e.kind, "created_at": e.created_at, "payload": e.payload}
                    for e in events
                    if e.case_id == c.id
                ],
                "files": [_file_name(a) for a in attachments if a.case_id == c.id],
            }
            for c in cases
        ],
        # Applications begun and not sent: the member's data too.
        "drafts": [
            {
                "kind": d.kind,
                "step": d.step,
                "created_at": d.created_at,
                "updated_at": d.updated_at,
                "answers": d.answers,
                "files": [_file_name(a) for a in draft_files if a.draft_id == d.id],
            }
            for d in drafts
        ],
        "shared_documents": [
            {"case_id": d.case_id, "filename": d.filename, "file": f"documents/{d.id}-{d.filename}"} for d in documents
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))
        for attachment in [*attachments, *draft_files]:
            path = attachment_path(attachment)
            if path.exists():
                archive.write(path, _file_name(attachment))
        document_dir = Path(current_app.config["DOCUMENT_DIR"])
        for document in documents:
            path = document_dir / document.storage_name
            if path.is_file():
                archive.write(path, f"documents/{document.id}-{document.filename}")
    now = utcnow()
    db.session.add(DataRequest(user_id=user.id, kind="export", created_at=now, completed_at=now))
    log_access(user, "export", "member_profile", profile.id if profile else None)
    db.session.commit()
    return buffer.getvalue()


def _consents_in_force(user_id: int | sa.BindParameter[int]) -> sa.Select:
    return sa.select(Consent).where(
        Consent.user_id == user_id, Consent.item == SPECIAL_CATEGORY_CONSENT, Consent.withdrawn_at.is_(None)
    )


def current_consent(user_id: int) -> Consent | None:
    """The member's explicit consent in force (the latest one given and not withdrawn), or None."""
    return db.session.scalar(_current_consent_statement(), {"user_id": user_id})


@functools.cache
def _current_consent_statement() -> sa.Select:
    """Built once per process (the staff case page asks it on every view)."""
    return _consents_in_force(sa.bindparam("user_id")).order_by(Consent.given_at.desc(), Consent.id.desc()).limit(1)


def give_consent(user: User, *, ip_address: str | None) -> bool:
    """Record the explicit consent to the current notice version; False when it is already given."""
    if current_consent(user.id) is not None:
        return False
    version = current_app.config["PRIVACY_NOTICE_VERSION"]
    db.session.add(
        Consent(
            user_id=user.id,
            item=SPECIAL_CATEGORY_CONSENT,
            notice_version=version,
            given_at=utcnow(),
            ip_address=ip_address,
        )
    )
    log_access(user, "consent_give", "member_profile", _profile_id(user))
    db.session.commit()
    return True


def withdraw_consent(user: User) -> bool:
    """Withdraw the explicit consent in force; False when none was given."""
    consents = list(db.session.scalars(_consents_in_force(user.id)))
    if not consents:
        return False
    now = utcnow()
    for consent in consents:
        consent.withdrawn_at = now
    log_access(user, "consent_withdraw", "member_profile", _profile_id(user))
    db.session.commit()
    return True


def _profile_id(user: User) -> int | None:
    return db.session.scalar(sa.select(MemberProfile.id).where(MemberProfile.user_id == user.id))


def erase_member(user: User, *, note: str | None = None) -> None:
    """Anonymise the account and profile, keep the cases, log the request; one transaction."""
    profile = db.session.scalar(sa.select(MemberProfile).where(MemberProfile.user_id == user.id))
    now = utcnow()
    placeholder_name = f"Silinmiş üye {user.id}"
    old_email = user.email
    user.full_name = placeholder_name
    user.email = f"erased-{user.id}-{secrets.token_hex(6)}@{ERASED_DOMAIN}"
    user.phone = None
    user.active = False
    user.calendar_token = None
    user.set_password(secrets.token_urlsafe(32))
    end_all_sessions(user)
    if profile is not None:
        profile.national_id = None
        profile.membership_number = None
        profile.address = None
        profile.title = None
        profile.full_name_folded = fold(placeholder_name)
        profile.anonymised_at = now
        cases = db.session.scalars(sa.select(Case).where(Case.member_id == profile.id))
        for case in cases:
            case.search_text = search_text_for(case, placeholder_name, None)
    # Drafts never became cases: nothing requires keeping them.
    drafts = list(db.session.scalars(sa.select(Draft).where(Draft.user_id == user.id)))
    draft_files = (
        list(db.session.scalars(sa.select(Attachment).where(Attachment.draft_id.in_([d.id for d in drafts]))))
        if drafts
        else []
    )
    for item in [*draft_files, *drafts]:
        db.session.delete(item)
    # Mail not yet sent would go to the old address.
    db.session.execute(
        sa.delete(OutboxMessage).where(OutboxMessage.recipient == old_email, OutboxMessage.sent_at.is_(None))
    )
    db.session.execute(
        sa.update(Consent).where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None)).values(withdrawn_at=now)
    )
    db.session.add(DataRequest(user_id=user.id, kind="erasure", created_at=now, completed_at=now, note=note))
    log_access(user, "erase", "member_profile", profile.id if profile else None)
    db.session.commit()
    discard_files(draft_files)
