"""Petition templates and generated documents: load, check, version, generate, share.

Templates are rows of ``PetitionTemplate`` with their .docx versions in
``PetitionTemplateVersion``; the current version of a template is its newest accepted one.
``PetitionTemplate.extra_fields`` lists the generation form's fields in order, each
``{"name": "court.name", "required": true}``: the required ones an admin chose plus every other
fillable field the current version uses.
"""

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Case, PetitionTemplate, PetitionTemplateVersion, User
from app.models import Proceeding as ProceedingRow
from app.services.audit_log import log_access
from app.services.concurrency import STALE_MESSAGE, fingerprint
from cases.errors import StaleCase, TemplateError
from cases.i18n import N_
from cases.petitions import (
    FIELD_BY_NAME,
    FIELDS,
    SAMPLE_TODAY,
    TemplateCheck,
    TemplateSpec,
    build_context,
    check_template,
    parse_manifest,
    sample_case,
    sample_extra,
)
from cases.petitions.isolation import render_bounded
from cases.petitions.library import REQUEST_BY_KEY, Addressee
from cases.petitions.manifest import Proceeding as Stage
from cases.petitions.text_diff import text_diff
from cases.proceedings import ProceedingKind
from cases.text import sort_key
from cases.vocabulary import CaseKind, Category

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
    """The domain's view of a template row: where it applies and which form fields it needs.

    A row without a signer (made before migration 0008 and not yet brought up to date) renders
    as it always did: no drafted facts, no library requests.
    """
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
        signer=template.signer or "",
        addressee=Addressee(template.addressee or Addressee.COURT),
        proceedings=tuple(Stage(p) for p in template.proceedings or ()),
        version=template.default_version or 0,
        requests=tuple(k for k in template.request_keys or () if k in REQUEST_BY_KEY),
        authority=template.authority_rule or "",
    )


def case_proceeding(case: Case) -> Stage:
    """The stage a case is at, for the templates it may use, from its proceedings (one query at most).

    An istinaf or temyiz, or a first-instance decision, means an appeal stage; a lawsuit (or an
    objection to its stay decision) without a decision yet, a pending lawsuit; anything else
    (applications, board objections, the Ombudsman, nothing yet) that no court is involved.
    """
    if "proceedings" not in sa.inspect(case).unloaded:  # loaded with the case page: no query
        rows = [(p.kind, p.decision_date) for p in case.proceedings]
    else:
        rows = [
            (kind, decided)
            for kind, decided in db.session.execute(
                sa.select(ProceedingRow.kind, ProceedingRow.decision_date).where(ProceedingRow.case_id == case.id)
            )
        ]
    kinds = {kind for kind, _ in rows}
    if kinds & {ProceedingKind.ISTINAF, ProceedingKind.TEMYIZ} or any(
        kind == ProceedingKind.FIRST_INSTANCE and decided for kind, decided in rows
    ):
        return Stage.APPEAL
    if kinds & {ProceedingKind.FIRST_INSTANCE, ProceedingKind.STAY_OBJECTION}:
        return Stage.FIRST_INSTANCE
    return Stage.ADMINISTRATIVE


def refusal_for(template: PetitionTemplate, case: Case, stage: Stage | None = None) -> str | None:
    """Why ``case`` (at ``stage``, read from the case when not given) may not use ``template``
    (untranslated), or None when it may."""
    spec = spec_of(template)
    if not template.categories:  # an uploaded template may leave the categories open
        spec = replace(spec, categories=(Category(case.category),))
    return spec.refusal(CaseKind(case.kind), Category(case.category), stage or case_proceeding(case))


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
    templates = db.session.scalars(_usable_templates_statement()).all()
    stage = case_proceeding(case)
    return [t for t in templates if refusal_for(t, case, stage) is None]


@functools.cache
def _usable_templates_statement() -> sa.Select:
    """The active templates with an accepted version, built once per process (every staff case page asks it)."""
    has_version = (
        sa.select(PetitionTemplateVersion.id)
        .where(PetitionTemplateVersion.template_id == PetitionTemplate.id, PetitionTemplateVersion.status == ACCEPTED)
        .exists()
    )
    return (
        sa.select(PetitionTemplate).where(PetitionTemplate.active.is_(True), has_version).order_by(PetitionTemplate.id)
    )


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
    propose: bool = False,
) -> PetitionTemplate:
    """A new template with its first version; commits. Raises TemplateError.

    A proposed first version (a lawyer's) leaves the template unusable until an admin accepts it.
    """
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
    _add_version(template, 1, data, check, PROPOSED if propose else ACCEPTED, note, actor)
    log_access(actor, "propose" if propose else "create", "petition_template", template.id)
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
    changed = cast(
        sa.CursorResult,
        db.session.execute(
            sa.update(PetitionTemplateVersion)
            .where(PetitionTemplateVersion.id == version.id, PetitionTemplateVersion.status == PROPOSED)
            .values(status=ACCEPTED if accept else REJECTED)
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise StaleCase(STALE_MESSAGE)
    if accept:
        template = db.session.get_one(PetitionTemplate, version.template_id)
        fillable = check_template(version.content).fillable_fields
        template.extra_fields = form_fields_for(fillable, spec_of(template).required_fields, template.extra_fields)
    log_access(actor, "accept" if accept else "reject", "petition_template_version", version.id)
    db.session.commit()
    db.session.refresh(version)


def settings_token(template: PetitionTemplate) -> str:
    """A fingerprint of a template's settings: an edit form carries it to detect changes made meanwhile."""
    return fingerprint(
        template.title,
        template.title_en,
        template.kinds,
        template.categories,
        template.extra_fields,
        template.signer,
        template.addressee,
        template.proceedings,
    )


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
    signer: str | None = None,
    addressee: str | None = None,
    proceedings: list[str] | None = None,
) -> PetitionTemplate:
    """Change a template's titles, where it applies (kinds, categories, stages), who signs it, whom
    it addresses and its required fields; commits. ``None`` leaves signer, addressee or stages as
    they were.

    Raises StaleCase when the settings changed since the form was shown (the row is locked
    while it is compared, so two admins saving at once cannot both win).
    """
    template = db.session.get_one(PetitionTemplate, template_id, with_for_update=True, populate_existing=True)
    if settings_token(template) != expected_token:
        db.session.rollback()
        raise StaleCase(STALE_MESSAGE)
    used = fillable_in_use(template.id)
    template.title = title
    template.title_en = title_en or None
    template.kinds = list(kinds)
    template.categories = list(categories)
    template.extra_fields = form_fields_for(used, [r for r in required if r in used], template.extra_fields)
    if signer is not None:
        template.signer = signer or None
    if addressee is not None:
        template.addressee = str(Addressee(addressee))
    if proceedings is not None:
        template.proceedings = [str(Stage(p)) for p in proceedings]
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
    return render_bounded(version.content, build_context(sample_case(), sample_extra(), SAMPLE_TODAY))


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
        template = PetitionTemplate(slug=spec.name, active=True)
        _take_settings(template, spec)
        db.session.add(template)
        db.session.flush()
        db.session.add(
            PetitionTemplateVersion(
                template_id=template.id,
                number=1,
                content=data,
                sha256=hashlib.sha256(data).hexdigest(),
                status=ACCEPTED,
                note=f"Varsayılan şablon, sürüm {spec.version}",
            )
        )
        added += 1
    db.session.flush()
    return added


def _take_settings(template: PetitionTemplate, spec: TemplateSpec) -> None:
    """Copy a default spec's settings onto its template row (titles, scope, form, signer…)."""
    template.title = spec.title_tr
    template.title_en = spec.title_en
    template.kinds = [str(k) for k in spec.kinds]
    template.categories = [str(c) for c in spec.categories]
    template.extra_fields = [{"name": n, "required": True} for n in spec.required_fields] + [
        {"name": n, "required": False} for n in spec.optional_fields
    ]
    template.signer = spec.signer
    template.addressee = str(spec.addressee)
    template.proceedings = [str(p) for p in spec.proceedings]
    template.authority_rule = spec.authority
    template.request_keys = list(spec.requests)
    template.default_version = spec.version


@dataclass(frozen=True)
class DefaultUpdate:
    """A newer default shipped for an installed template: its version and the text diff."""

    template: PetitionTemplate
    installed: int  # the default version the template was last taken from
    shipped: int
    diff: list[str]


def default_update(template: PetitionTemplate) -> DefaultUpdate | None:
    """The newer default of ``template`` when this installation ships one, with the diff of the texts."""
    spec = next((s for s in default_specs() if s.name == template.slug), None)
    installed = template.default_version or 1  # rows made before versions were recorded took version 1
    if spec is None or spec.version <= installed:
        return None
    current = current_version(template.id)
    new = (DEFAULT_SET / spec.file).read_bytes()
    diff = text_diff(current.content, new) if current else []
    return DefaultUpdate(template, installed, spec.version, diff)


def adopt_default(
    template: PetitionTemplate, *, actor: User, expected_latest: int | str | None
) -> PetitionTemplateVersion:
    """Add the shipped default as the template's newest accepted version and take its settings; commits.

    Earlier versions stay (documents keep pointing at the version they were made from). Raises
    StaleCase when a version arrived since the page was shown, TemplateError when there is no
    newer default.
    """
    update = default_update(template)
    if update is None:
        raise TemplateError(N_("This template already has the newest default."))
    spec = next(s for s in default_specs() if s.name == template.slug)
    data = (DEFAULT_SET / spec.file).read_bytes()
    number = latest_number(template.id)
    if str(number) != str(expected_latest):
        raise StaleCase(STALE_MESSAGE)
    check = check_upload(data)
    version = _add_version(
        template, number + 1, data, check, ACCEPTED, f"Varsayılan şablon, sürüm {spec.version}", actor
    )
    _take_settings(template, spec)
    log_access(actor, "adopt_default", "petition_template_version", version.id)
    _commit_or_stale()
    return version
