"""Petition templates and generated documents: load, check, version, generate, share.

Templates are rows of ``PetitionTemplate`` with their .docx versions in
``PetitionTemplateVersion``; the current version of a template is its newest accepted one.
``PetitionTemplate.extra_fields`` lists the generation form's fields in order, each
``{"name": "court.name", "required": true}``: the required ones an admin chose plus every other
fillable field the current version uses.
"""

import hashlib
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

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
from app.models.base import utcnow
from app.services.audit_log import log_access
from app.services.concurrency import STALE_MESSAGE, ensure_version
from app.services.timeline import append_event
from cases.errors import StaleCase, TemplateError
from cases.i18n import N_
from cases.petitions import (
    FIELD_BY_NAME,
    FIELDS,
    SAMPLE_TODAY,
    AttachmentInfo,
    CaseSnapshot,
    FieldKind,
    InstitutionInfo,
    LawyerInfo,
    MemberInfo,
    RespondentInfo,
    TemplateCheck,
    TemplateSpec,
    UnionInfo,
    build_context,
    check_template,
    convert_to_pdf,
    parse_manifest,
    render_docx,
    render_petition,
    sample_case,
    sample_extra,
)
from cases.text import sort_key
from cases.vocabulary import CaseKind, Category, RespondentType, Role

DEFAULT_SET = Path(__file__).resolve().parent.parent / "petition_templates"
ACCEPTED, PROPOSED, REJECTED = "accepted", "proposed", "rejected"


@dataclass(frozen=True)
class TemplateRow:
    """A template as lists show it, with its current version number (no file content loaded)."""

    template: PetitionTemplate
    current_number: int | None
    latest_number: int
    proposed: int


# Templates -----------------------------------------------------------------------------------


def spec_of(template: PetitionTemplate) -> TemplateSpec:
    """The domain's view of a template row: where it applies and which form fields it needs."""
    fields = [f for f in template.extra_fields or [] if f.get("name") in FIELD_BY_NAME]
    return TemplateSpec(
        name=template.slug,
        file=f"{template.slug}.docx",
        title_tr=template.title,
        title_en=template.title_en or template.title,
        description_tr="",
        description_en="",
        kinds=tuple(CaseKind(k) for k in template.kinds or ()),
        categories=tuple(Category(c) for c in (template.categories or list(Category))),
        required_fields=tuple(f["name"] for f in fields if f.get("required")),
        optional_fields=tuple(f["name"] for f in fields if not f.get("required")),
    )


def form_fields_for(fillable_used: Iterable[str], required: Iterable[str], previous: list | None = None) -> list[dict]:
    """The ``extra_fields`` list: ``required`` first, then the other fillable fields the template uses.

    Fields already listed in ``previous`` keep their order; new ones follow in catalogue order.
    """
    used = set(fillable_used)
    wanted = set(required) | used
    order = [f["name"] for f in previous or [] if f.get("name") in wanted]
    order += [f.name for f in FIELDS if f.name in wanted and f.name not in order]
    required_set = set(required)
    return [{"name": n, "required": n in required_set} for n in order if n in required_set] + [
        {"name": n, "required": False} for n in order if n not in required_set
    ]


def template_rows(*, active_only: bool = False) -> list[TemplateRow]:
    """Every template with its version numbers, in two queries; file contents stay in the database."""
    query = sa.select(PetitionTemplate)
    if active_only:
        query = query.where(PetitionTemplate.active.is_(True))
    # A handful of rows: sorted in Python by the Turkish alphabet, the same on every database.
    templates = sorted(db.session.scalars(query).all(), key=lambda t: sort_key(t.title))
    V = PetitionTemplateVersion
    stats = db.session.execute(
        sa.select(
            V.template_id,
            sa.func.max(sa.case((V.status == ACCEPTED, V.number))),
            sa.func.max(V.number),
            sa.func.sum(sa.case((V.status == PROPOSED, 1), else_=0)),
        ).group_by(V.template_id)
    ).all()
    by_id = {row[0]: row[1:] for row in stats}
    rows = []
    for t in templates:
        current, latest, proposed = by_id.get(t.id, (None, 0, 0))
        rows.append(TemplateRow(t, current, latest or 0, proposed or 0))
    return rows


def templates_for_case(case: Case) -> list[PetitionTemplate]:
    """The active templates with an accepted version that a case of this kind and category may use."""
    has_version = (
        sa.select(PetitionTemplateVersion.id)
        .where(PetitionTemplateVersion.template_id == PetitionTemplate.id, PetitionTemplateVersion.status == ACCEPTED)
        .exists()
    )
    templates = db.session.scalars(
        sa.select(PetitionTemplate).where(PetitionTemplate.active.is_(True), has_version).order_by(PetitionTemplate.id)
    ).all()
    return [t for t in templates if _applies(t, case.kind, case.category)]


def _applies(template: PetitionTemplate, kind: str, category: str) -> bool:
    return kind in (template.kinds or []) and (not template.categories or category in template.categories)


def current_version(template_id: int) -> PetitionTemplateVersion | None:
    """The newest accepted version of a template, content included."""
    return db.session.scalar(
        sa.select(PetitionTemplateVersion)
        .where(PetitionTemplateVersion.template_id == template_id, PetitionTemplateVersion.status == ACCEPTED)
        .order_by(PetitionTemplateVersion.number.desc())
        .limit(1)
    )


def versions_of(template_id: int) -> list[PetitionTemplateVersion]:
    """A template's versions, newest first, with their uploaders; contents are not loaded."""
    return list(
        db.session.scalars(
            sa.select(PetitionTemplateVersion)
            .options(
                sa.orm.defer(PetitionTemplateVersion.content), sa.orm.joinedload(PetitionTemplateVersion.uploaded_by)
            )
            .where(PetitionTemplateVersion.template_id == template_id)
            .order_by(PetitionTemplateVersion.number.desc())
        )
    )


def latest_number(template_id: int) -> int:
    """The highest version number of a template (0 when it has none)."""
    return (
        db.session.scalar(
            sa.select(sa.func.max(PetitionTemplateVersion.number)).where(
                PetitionTemplateVersion.template_id == template_id
            )
        )
        or 0
    )


def check_upload(data: bytes) -> TemplateCheck:
    """Accept ``data`` as a template (archive, syntax, sandbox, known fields, a sample render) or raise."""
    return check_template(data, sample_context=build_context(sample_case(), sample_extra(), SAMPLE_TODAY))


def create_template(
    data: bytes,
    *,
    slug: str,
    title: str,
    title_en: str | None,
    kinds: list[str],
    categories: list[str],
    required: list[str],
    actor: User | None,
    note: str | None = None,
) -> PetitionTemplate:
    """A new template with its first, accepted version; commits. Raises TemplateError."""
    check = check_upload(data)
    if db.session.scalar(sa.select(PetitionTemplate.id).where(PetitionTemplate.slug == slug)):
        raise TemplateError(N_("A template with the name %(name)s already exists."), name=slug)
    template = PetitionTemplate(
        slug=slug,
        title=title,
        title_en=title_en or None,
        kinds=list(kinds),
        categories=list(categories),
        extra_fields=form_fields_for(check.fillable_fields, [r for r in required if r in check.fillable_fields]),
        active=True,
    )
    db.session.add(template)
    db.session.flush()
    _add_version(template, 1, data, check, ACCEPTED, note, actor)
    log_access(actor, "create", "petition_template", template.id)
    _commit_or_stale()
    return template


def add_version(
    template: PetitionTemplate,
    data: bytes,
    *,
    actor: User,
    expected_latest: int | str | None,
    propose: bool,
    note: str | None = None,
) -> PetitionTemplateVersion:
    """Add a version (accepted, or proposed for an admin to accept); commits.

    ``expected_latest`` is the newest version number the uploader saw: when another version
    arrived meanwhile the upload is refused as stale. Raises TemplateError or StaleCase.
    """
    check = check_upload(data)
    number = latest_number(template.id)
    if str(number) != str(expected_latest):
        raise StaleCase(STALE_MESSAGE)
    version = _add_version(template, number + 1, data, check, PROPOSED if propose else ACCEPTED, note, actor)
    if not propose:
        template.extra_fields = form_fields_for(
            check.fillable_fields, spec_of(template).required_fields, template.extra_fields
        )
    log_access(actor, "propose" if propose else "create", "petition_template_version", version.id)
    _commit_or_stale()
    return version


def decide_version(version: PetitionTemplateVersion, *, accept: bool, actor: User) -> None:
    """Accept or reject a proposed version; only one decision wins when two admins act at once."""
    changed = db.session.execute(
        sa.update(PetitionTemplateVersion)
        .where(PetitionTemplateVersion.id == version.id, PetitionTemplateVersion.status == PROPOSED)
        .values(status=ACCEPTED if accept else REJECTED)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise StaleCase(STALE_MESSAGE)
    if accept:
        template = db.session.get(PetitionTemplate, version.template_id)
        fillable = check_template(version.content).fillable_fields
        template.extra_fields = form_fields_for(fillable, spec_of(template).required_fields, template.extra_fields)
    log_access(actor, "accept" if accept else "reject", "petition_template_version", version.id)
    db.session.commit()
    db.session.refresh(version)


def settings_token(template: PetitionTemplate) -> str:
    """A fingerprint of a template's settings: an edit form carries it to detect changes made meanwhile."""
    settings = [template.title, template.title_en, template.kinds, template.categories, template.extra_fields]
    return hashlib.sha256(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]


def fillable_in_use(template_id: int) -> tuple[str, ...]:
    """The fillable fields the current version of a template uses (the choices for required fields)."""
    version = current_version(template_id)
    return check_template(version.content).fillable_fields if version else ()


def update_settings(
    template_id: int,
    *,
    title: str,
    title_en: str | None,
    kinds: list[str],
    categories: list[str],
    required: list[str],
    expected_token: str | None,
    actor: User,
) -> PetitionTemplate:
    """Change a template's titles, where it applies and its required fields; commits.

    Raises StaleCase when the settings changed since the form was shown (the row is locked
    while it is compared, so two admins saving at once cannot both win).
    """
    template = db.session.get(PetitionTemplate, template_id, with_for_update=True, populate_existing=True)
    if settings_token(template) != expected_token:
        db.session.rollback()
        raise StaleCase(STALE_MESSAGE)
    used = fillable_in_use(template.id)
    template.title = title
    template.title_en = title_en or None
    template.kinds = list(kinds)
    template.categories = list(categories)
    template.extra_fields = form_fields_for(used, [r for r in required if r in used], template.extra_fields)
    log_access(actor, "update", "petition_template", template.id)
    db.session.commit()
    return template


def set_active(template: PetitionTemplate, active: bool, *, actor: User) -> None:
    """Switch a template on or off for generation (documents made from it stay)."""
    template.active = active
    log_access(actor, "activate" if active else "deactivate", "petition_template", template.id)
    db.session.commit()


def preview(version: PetitionTemplateVersion) -> bytes:
    """The version rendered for the sample case, as .docx bytes."""
    return render_docx(version.content, build_context(sample_case(), sample_extra(), SAMPLE_TODAY))


def _add_version(
    template: PetitionTemplate,
    number: int,
    data: bytes,
    check: TemplateCheck,
    status: str,
    note: str | None,
    actor: User | None,
) -> PetitionTemplateVersion:
    version = PetitionTemplateVersion(
        template_id=template.id,
        number=number,
        content=data,
        sha256=check.sha256,
        status=status,
        note=note or None,
        uploaded_by_id=actor.id if actor else None,
    )
    db.session.add(version)
    db.session.flush()
    return version


def _commit_or_stale() -> None:
    try:
        db.session.commit()
    except IntegrityError:  # two uploads took the same version number or name at once
        db.session.rollback()
        raise StaleCase(STALE_MESSAGE) from None


def default_specs() -> tuple[TemplateSpec, ...]:
    """The default set's specs, read from its manifest."""
    return parse_manifest(json.loads((DEFAULT_SET / "manifest.json").read_text("utf-8")))


def load_default_templates() -> int:
    """Add the default templates that are missing (by name); return how many were added. Not committed.

    Templates already present are left alone: an admin may have uploaded newer versions.
    """
    existing = set(db.session.scalars(sa.select(PetitionTemplate.slug)))
    added = 0
    for spec in default_specs():
        if spec.name in existing:
            continue
        data = (DEFAULT_SET / spec.file).read_bytes()
        template = PetitionTemplate(
            slug=spec.name,
            title=spec.title_tr,
            title_en=spec.title_en,
            kinds=[str(k) for k in spec.kinds],
            categories=[str(c) for c in spec.categories],
            extra_fields=[{"name": n, "required": True} for n in spec.required_fields]
            + [{"name": n, "required": False} for n in spec.optional_fields],
            active=True,
        )
        db.session.add(template)
        db.session.flush()
        db.session.add(
            PetitionTemplateVersion(
                template_id=template.id,
                number=1,
                content=data,
                sha256=hashlib.sha256(data).hexdigest(),
                status=ACCEPTED,
                note="Varsayılan şablon",
            )
        )
        added += 1
    db.session.flush()
    return added


# Snapshots and generation ----------------------------------------------------------------------


def snapshot_of(case: Case, user: User | None = None) -> CaseSnapshot:
    """The plain snapshot of ``case`` the domain renders from (a handful of queries).

    The representing lawyer is the case's assignee when a lawyer, else ``user`` when a lawyer.
    """
    member, member_user = db.session.execute(
        sa.select(MemberProfile, User)
        .join(User, User.id == MemberProfile.user_id)
        .where(MemberProfile.id == case.member_id)
    ).one()
    union = db.session.get(Union, case.union_id)
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
    own = institutions.get(member.institution_id)
    respondent_institution = institutions.get(case.institution_id)
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
                respondent_institution.name, respondent_institution.address or "", respondent_institution.province
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
    )


def case_defaults(case: Case) -> dict[str, str]:
    """Fillable fields the case itself records (the snapshot does not carry them)."""
    return {
        "court.name": case.court or "",
        "court.file_number": case.court_file_number or "",
        "claim.amount": _amount(case.amount_requested),
    }


def initial_values(case: Case, template: PetitionTemplate, snapshot: CaseSnapshot) -> dict[str, object]:
    """What the generation form starts with: the last document of this template, else the case."""
    values: dict[str, object] = {
        **case_defaults(case),
        "act.notification_date": case.notification_date,
        "member.address": snapshot.member.address,
        "facts": snapshot.narrative,
        "requests": snapshot.requests,
        "evidence": "\n".join(a.label for a in snapshot.attachments if a.label),
    }
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
    allowed = set(spec.required_fields) | set(spec.optional_fields)
    extra = {name: value for name, value in fields.items() if name in allowed}
    for name, value in case_defaults(case).items():  # a blank field keeps what the case says
        if name in allowed and value and extra.get(name) in (None, ""):
            extra[name] = value
    snapshot = snapshot_of(case, user)
    docx = render_petition(version.content, snapshot, extra, today or date.today(), spec.required_fields)
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
            "document",
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
        "document",
        user,
        {"action": "shared", "document_id": document.id, "filename": document.filename, "title": _title_of(document)},
        member_visible=True,
    )
    log_access(user, "share", "document", document.id)
    db.session.commit()


def _title_of(document: Document) -> str:
    return db.session.scalar(
        sa.select(PetitionTemplate.title)
        .join(PetitionTemplateVersion, PetitionTemplateVersion.template_id == PetitionTemplate.id)
        .where(PetitionTemplateVersion.id == document.template_version_id)
    )


def case_documents(case_id: int) -> list[dict]:
    """The documents of a case, newest first, with their template and author (one query)."""
    rows = db.session.execute(
        sa.select(
            Document, PetitionTemplateVersion.number, PetitionTemplate.title, PetitionTemplate.title_en, User.full_name
        )
        .join(PetitionTemplateVersion, PetitionTemplateVersion.id == Document.template_version_id)
        .join(PetitionTemplate, PetitionTemplate.id == PetitionTemplateVersion.template_id)
        .join(User, User.id == Document.generated_by_id)
        .where(Document.case_id == case_id)
        .order_by(Document.created_at.desc(), Document.id.desc())
    ).all()
    return [
        {"document": d, "version": number, "title": title, "title_en": title_en, "author": author}
        for d, number, title, title_en, author in rows
    ]


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
    pdf = convert_to_pdf(document_path(document).read_bytes(), timeout=current_app.config.get("SOFFICE_TIMEOUT", 60))
    temporary = cached.with_suffix(f".{secrets.token_hex(4)}.tmp")
    temporary.write_bytes(pdf)
    temporary.replace(cached)
    return pdf


def _amount(value: Decimal | None) -> str:
    if value is None:
        return ""
    whole, _, cents = f"{value:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{cents} TL"


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
