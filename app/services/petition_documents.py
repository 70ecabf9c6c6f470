"""Generated petition documents: a case's snapshot, generation, sharing, stored files and PDF.

A document is rendered from the current (newest accepted) version of a template, stored under
``DOCUMENT_DIR`` with a random name, and recorded with its version, author, time and SHA-256.
"""

import functools
import hashlib
import secrets
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import clock
from app.extensions import db
from app.models import (
    Attachment,
    Case,
    Document,
    Institution,
    MemberProfile,
    PetitionTemplate,
    PetitionTemplateVersion,
    Union,
    User,
)
from app.models import Proceeding as ProceedingRow
from app.models.base import utcnow
from app.services.audit_log import log_access
from app.services.concurrency import STALE_MESSAGE, ensure_version
from app.services.petitions import current_version, refusal_for, spec_of
from app.services.timeline import append_event
from cases.errors import StaleCase, TemplateError
from cases.events import EventKind
from cases.i18n import N_
from cases.money import format_amount
from cases.petitions import (
    FIELD_BY_NAME,
    AttachmentInfo,
    CaseSnapshot,
    FieldKind,
    InstitutionInfo,
    LawyerInfo,
    MemberInfo,
    RespondentInfo,
    TemplateSpec,
    UnionInfo,
    convert_to_pdf,
    paragraphs,
    render_petition,
    soffice_available,
)
from cases.petitions.context import petition_defaults
from cases.petitions.library import request_problems
from cases.vocabulary import CaseKind, Category, RespondentType, Role


def snapshot_of(case: Case, user: User | None = None) -> CaseSnapshot:
    """The plain snapshot of ``case`` the domain renders from (a handful of queries).

    The representing lawyer is the case's assignee when a lawyer, else ``user`` when a lawyer.
    """
    member, member_user = db.session.execute(
        sa.select(MemberProfile, User)
        .join(User, User.id == MemberProfile.user_id)
        .where(MemberProfile.id == case.member_id)
    ).one()
    union = db.session.get_one(Union, case.union_id)
    institution_ids = {i for i in (case.institution_id, member.institution_id) if i}
    institutions = (
        {i.id: i for i in db.session.scalars(sa.select(Institution).where(Institution.id.in_(institution_ids)))}
        if institution_ids
        else {}
    )
    lawyer = db.session.get(User, case.assignee_id) if case.assignee_id else None
    if lawyer is None or lawyer.role != Role.LAWYER:
        lawyer = user if user is not None and user.role == Role.LAWYER else None
    attachments = db.session.execute(
        sa.select(Attachment.original_name, Attachment.description)
        .where(Attachment.case_id == case.id)
        .order_by(Attachment.created_at, Attachment.id)
    ).all()
    own = institutions.get(member.institution_id or 0)  # ids start at 1: 0 finds nothing
    respondent_institution = institutions.get(case.institution_id or 0)
    return CaseSnapshot(
        reference=case.reference,
        kind=CaseKind(case.kind),
        category=Category(case.category),
        member=MemberInfo(
            full_name=member_user.full_name,
            national_id=member.national_id or "",
            title=member.title or "",
            institution=own.name if own else "",
            address=member.address or "",
            phone=member_user.phone or "",
            email=member_user.email or "",
            membership_number=member.membership_number or "",
        ),
        union=UnionInfo(name=union.name, address=union.address or ""),
        institution=(
            InstitutionInfo(
                respondent_institution.name,
                respondent_institution.address or "",
                respondent_institution.province,
                respondent_institution.legal_entity or "",
                respondent_institution.legal_entity_address or "",
                respondent_institution.superior_authority or "",
            )
            if respondent_institution
            else None
        ),
        respondent=(
            RespondentInfo(
                RespondentType(case.respondent_type), case.respondent_name or "", case.respondent_title or ""
            )
            if case.respondent_type
            else None
        ),
        lawyer=(
            LawyerInfo(lawyer.full_name, lawyer.bar or "", lawyer.registry_number or "", "", lawyer.email)
            if lawyer
            else None
        ),
        incident_date=case.incident_date,
        notification_date=case.notification_date,
        narrative=case.narrative or "",
        requests=case.requests or "",
        attachments=tuple(AttachmentInfo(name, description or "") for name, description in attachments),
        details=dict(case.details or {}),
    )


def heading_defaults(case: Case, spec: TemplateSpec | None = None) -> dict[str, object]:
    """The court a petition is headed to and the decision it answers, proposed from the case.

    A petition to a court is headed to the case's competent court (the one a lawyer confirmed,
    else where the lawsuit was filed, see ``proceedings.competent_court``); one against a decision
    (an objection to a stay decision, istinaf, temyiz, an answer to an appeal) is sent through the
    court that gave it, and the lawyer names the court above it. The one place to change that.
    """
    from app.services.proceedings import competent_court

    court = competent_court(case)
    name = court.name if court else ""
    values: dict[str, object] = {"court.file_number": court.file_number if court else ""}
    if spec is not None and "decision.court" in (*spec.required_fields, *spec.optional_fields):
        decided = db.session.execute(
            sa.select(ProceedingRow.decision_date, ProceedingRow.decision_notified_date)
            .where(ProceedingRow.case_id == case.id, ProceedingRow.decision_date.is_not(None))
            .order_by(ProceedingRow.position.desc())
            .limit(1)
        ).first()
        values.update(
            {
                "court.name": "",
                "decision.court": name,
                "decision.date": decided[0] if decided else None,
                "decision.notification_date": decided[1] if decided else None,
            }
        )
    else:
        values["court.name"] = name
    return values


def case_defaults(case: Case, spec: TemplateSpec | None = None) -> dict[str, object]:
    """Fillable fields the case itself records (the snapshot does not carry them)."""
    return {**heading_defaults(case, spec), "claim.amount": format_amount(case.amount_requested)}


def initial_values(case: Case, template: PetitionTemplate, snapshot: CaseSnapshot) -> dict[str, object]:
    """What the generation form starts with: the last document of this template, else the case.

    A petition the lawyer signs starts from drafted facts, library requests and the category's
    grounds; the member's own words are shown beside the form, not copied into it.
    """
    spec = spec_of(template)
    values: dict[str, object] = {
        **case_defaults(case, spec),
        "act.notification_date": case.notification_date,
        "member.address": snapshot.member.address,
        "facts": snapshot.narrative,
        "requests": snapshot.requests,
        "evidence": "\n".join(a.label for a in snapshot.attachments if a.label),
    }
    values.update(petition_defaults(snapshot, spec))
    previous = db.session.scalar(
        sa.select(Document.fields)
        .join(PetitionTemplateVersion, PetitionTemplateVersion.id == Document.template_version_id)
        .where(Document.case_id == case.id, PetitionTemplateVersion.template_id == template.id)
        .order_by(Document.created_at.desc(), Document.id.desc())
        .limit(1)
    )
    for name, value in (previous or {}).items():
        if name in FIELD_BY_NAME and value not in (None, ""):
            values[name] = _from_json(name, value)
    return values


def generate_document(
    case: Case,
    template: PetitionTemplate,
    user: User,
    fields: Mapping[str, object],
    *,
    expected_version,
    today: date | None = None,
) -> Document:
    """Render the template's current version for ``case`` with ``fields``, store it, record it; commits.

    Raises StaleCase when the case changed since the form was shown, TemplateError when the
    template cannot be filled (a required field blank, a bad value).
    """
    ensure_version(case, expected_version)
    if not template.active:
        raise TemplateError(N_("This template is no longer in use."))
    version = current_version(template.id)
    if version is None:
        raise TemplateError(N_("This template has no accepted version yet."))
    spec = spec_of(template)
    if refusal := refusal_for(template, case):
        raise TemplateError(refusal)
    allowed = set(spec.required_fields) | set(spec.optional_fields)
    extra = {name: value for name, value in fields.items() if name in allowed}
    for name, value in case_defaults(case, spec).items():  # a blank field keeps what the case says
        if name in allowed and value and extra.get(name) in (None, ""):
            extra[name] = value
    snapshot = snapshot_of(case, user)
    if spec.lawyer_signed:
        problems = request_problems(paragraphs_of(extra.get("requests")), spec.addressee)
        if problems:
            item, message = problems[0]
            raise TemplateError(message, item=item)
    docx = render_petition(version.content, snapshot, extra, today or clock.today(), spec.required_fields, spec=spec)
    storage_name = secrets.token_hex(16) + ".docx"
    path = document_dir() / storage_name
    path.write_bytes(docx)
    try:
        document = Document(
            case_id=case.id,
            template_version_id=version.id,
            generated_by_id=user.id,
            filename=f"{template.slug}-{case.reference}.docx",
            storage_name=storage_name,
            sha256=hashlib.sha256(docx).hexdigest(),
            fields={name: _to_json(value) for name, value in extra.items()},
        )
        db.session.add(document)
        db.session.flush()
        append_event(
            case,
            EventKind.DOCUMENT,
            user,
            {
                "action": "generated",
                "document_id": document.id,
                "template": template.slug,
                "title": template.title,
                "version": version.number,
                "filename": document.filename,
                "sha256": document.sha256,
            },
            member_visible=False,
        )
        log_access(user, "generate", "document", document.id)
        db.session.commit()
    except (StaleDataError, IntegrityError):  # another change to the case won the race
        db.session.rollback()
        path.unlink(missing_ok=True)
        raise StaleCase(STALE_MESSAGE) from None
    except BaseException:
        db.session.rollback()
        path.unlink(missing_ok=True)
        raise
    return document


def share_document(case: Case, document: Document, user: User, *, expected_version) -> None:
    """Let the member see and download ``document``; a member-visible timeline entry says so. Commits."""
    ensure_version(case, expected_version)
    if document.shared_with_member:
        return
    document.shared_with_member = True
    document.shared_at = utcnow()
    append_event(
        case,
        EventKind.DOCUMENT,
        user,
        {"action": "shared", "document_id": document.id, "filename": document.filename, "title": _title_of(document)},
        member_visible=True,
    )
    log_access(user, "share", "document", document.id)
    db.session.commit()


def _title_of(document: Document) -> str | None:
    return db.session.scalar(
        sa.select(PetitionTemplate.title)
        .join(PetitionTemplateVersion, PetitionTemplateVersion.template_id == PetitionTemplate.id)
        .where(PetitionTemplateVersion.id == document.template_version_id)
    )


def case_documents(case_id: int) -> list[dict]:
    """The documents of a case, newest first, with their template and author (one query)."""
    rows = db.session.execute(_case_documents_statement(), {"case_id": case_id}).all()
    return [
        {"document": d, "version": number, "title": title, "title_en": title_en, "author": author}
        for d, number, title, title_en, author in rows
    ]


@functools.cache
def _case_documents_statement() -> sa.Select:
    """Built once per process (every staff case page asks it)."""
    return (
        sa.select(
            Document, PetitionTemplateVersion.number, PetitionTemplate.title, PetitionTemplate.title_en, User.full_name
        )
        .join(PetitionTemplateVersion, PetitionTemplateVersion.id == Document.template_version_id)
        .join(PetitionTemplate, PetitionTemplate.id == PetitionTemplateVersion.template_id)
        .join(User, User.id == Document.generated_by_id)
        .where(Document.case_id == sa.bindparam("case_id"))
        .order_by(Document.created_at.desc(), Document.id.desc())
    )


def member_formats() -> tuple[str, ...]:
    """The formats a member is offered a shared document in: .docx, and PDF where LibreOffice is installed.

    The one place that decides it, for the portal's links and its download route alike.
    """
    return ("docx", "pdf") if soffice_available() else ("docx",)


def document_dir() -> Path:
    path = Path(current_app.config["DOCUMENT_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def document_path(document: Document) -> Path:
    return document_dir() / document.storage_name


def document_pdf(document: Document) -> bytes:
    """The PDF of a stored document, converted once and kept next to it. Raises PdfConversionError."""
    cached = document_dir() / (Path(document.storage_name).stem + ".pdf")
    if cached.is_file():
        return cached.read_bytes()
    pdf = convert_to_pdf(document_path(document).read_bytes(), timeout=current_app.config["SOFFICE_TIMEOUT"])
    temporary = cached.with_suffix(f".{secrets.token_hex(4)}.tmp")
    temporary.write_bytes(pdf)
    temporary.replace(cached)
    return pdf


def paragraphs_of(value: object) -> list[str]:
    """A form's paragraphs value (text, one a line, or a list) as a list."""
    if isinstance(value, list | tuple):
        return [p for item in value for p in paragraphs(str(item))]
    return paragraphs(value if isinstance(value, str) else None)


def _to_json(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _from_json(name: str, value: object) -> object:
    if FIELD_BY_NAME[name].kind is FieldKind.DATE and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return value
