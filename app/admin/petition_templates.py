"""Petition templates: list, field catalogue, upload (checked), versions, preview, proposals, on/off."""

import os

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app import labels
from app.access import allow
from app.admin import bp
from app.admin.forms import NewTemplateForm, SettingsForm, TemplateVersionForm, _field_text
from app.downloads import send_download
from app.extensions import db
from app.forms import ConfirmForm
from app.i18n import domain_message
from app.models import PetitionTemplate, PetitionTemplateVersion
from app.services import downloads
from app.services import petitions as service
from app.services.downloads import DOCX_MIME, Download
from cases.errors import StaleCase, TemplateError
from cases.i18n import N_
from cases.petitions import FIELDS, MAX_FILE_SIZE, FieldKind
from cases.petitions.docx_safety import megabytes
from cases.vocabulary import Role

KIND_LABELS = {
    FieldKind.TEXT: _l("Text"),
    FieldKind.DATE: _l("Date"),
    FieldKind.BOOL: _l("Yes or no"),
    FieldKind.PARAGRAPHS: _l("Paragraphs"),
}


def _upload_bytes(form) -> bytes:
    """The uploaded file, read only when it is within the size limit; raises TemplateError."""
    stream = form.file.data.stream
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size > MAX_FILE_SIZE:  # refuse by its size alone, with the size it really has
        raise TemplateError(
            N_("The file is too large (%(size)s MB; at most %(limit)s MB)."),
            size=megabytes(size),
            limit=megabytes(MAX_FILE_SIZE),
        )
    return stream.read(MAX_FILE_SIZE + 1)


def _template_or_404(template_id: int) -> PetitionTemplate:
    return db.get_or_404(PetitionTemplate, template_id)


def _version_or_404(version_id: int) -> PetitionTemplateVersion:
    return db.get_or_404(PetitionTemplateVersion, version_id)


@bp.get("/petition-templates")
@allow(Role.ADMIN, Role.LAWYER)
def petition_templates():
    return render_template("petitions/templates.html", rows=service.template_rows())


@bp.get("/petition-templates/fields")
@allow(Role.ADMIN, Role.LAWYER)
def petition_fields():
    rows = [(f, KIND_LABELS[f.kind]) for f in FIELDS]  # each with its Turkish and English description
    return render_template("petitions/fields.html", rows=rows)


@bp.route("/petition-templates/new", methods=["GET", "POST"])
@allow(Role.ADMIN, Role.LAWYER)
def petition_template_new():
    # A lawyer's template is a proposal: nobody can use it before an admin accepts its first version.
    propose = not current_user.is_admin
    form = NewTemplateForm()
    if form.validate_on_submit():
        try:
            template = service.create_template(
                _upload_bytes(form),
                slug=form.slug.data,
                title=form.title.data.strip(),
                title_en=(form.title_en.data or "").strip(),
                kinds=form.kinds.data,
                categories=form.categories.data or [],
                required=form.required_fields.data or [],
                actor=current_user,
                note=form.note.data,
                propose=propose,
            )
        except (TemplateError, StaleCase) as error:
            db.session.rollback()
            form.file.errors = [*form.file.errors, domain_message(error)]
        else:
            if propose:
                flash(
                    _("The template %(title)s was proposed; an administrator will review it.", title=template.title),
                    "success",
                )
            else:
                flash(_("The template %(title)s was added.", title=template.title), "success")
            return redirect(url_for(".petition_template", template_id=template.id))
    return render_template("petitions/template_new.html", form=form, propose=propose), (
        400 if form.is_submitted() else 200
    )


@bp.get("/petition-templates/<int:template_id>")
@allow(Role.ADMIN, Role.LAWYER)
def petition_template(template_id: int):
    template = _template_or_404(template_id)
    return _detail(template, TemplateVersionForm(latest=service.latest_number(template.id)))


def _detail(template: PetitionTemplate, form: TemplateVersionForm, *, stale: str | None = None):
    spec = service.spec_of(template)
    return render_template(
        "petitions/template.html",
        template=template,
        versions=service.versions_of(template.id),
        form=form,
        confirm=ConfirmForm(),
        required=[(n, _field_text(f)) for f, required in spec.form_fields() if required for n in [f.name]],
        optional=[(f.name, _field_text(f)) for f, required in spec.form_fields() if not required],
        kinds=[labels.label(labels.KINDS, k) for k in template.kinds or []],
        categories=[labels.label(labels.CATEGORIES, c) for c in template.categories or []],
        stale=stale,
        update=service.default_update(template) if current_user.is_admin else None,
        latest=service.latest_number(template.id),
        # What the page offers: admins manage templates and their versions, lawyers propose versions.
        can_manage=current_user.role == Role.ADMIN,
        can_propose=current_user.role == Role.LAWYER,
    )


@bp.post("/petition-templates/<int:template_id>/adopt-default")
@allow(Role.ADMIN)
def petition_template_adopt_default(template_id: int):
    template = _template_or_404(template_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    version = service.adopt_default(template, actor=current_user, expected_latest=request.form.get("latest"))
    flash(
        _("The newer default is now version %(number)s; earlier versions are kept.", number=version.number), "success"
    )
    return redirect(url_for(".petition_template", template_id=template.id))


@bp.route("/petition-templates/<int:template_id>/settings", methods=["GET", "POST"])
@allow(Role.ADMIN)
def petition_template_settings(template_id: int):
    template = _template_or_404(template_id)
    fillable = service.fillable_in_use(template.id)
    if request.method == "GET":
        spec = service.spec_of(template)
        form = SettingsForm(
            fillable=fillable,
            data={
                "title": template.title,
                "title_en": template.title_en,
                "kinds": list(template.kinds or []),
                "categories": list(template.categories or []),
                "required_fields": list(spec.required_fields),
                "signer": template.signer or "",
                "addressee": template.addressee or "court",
                "proceedings": list(template.proceedings or []),
                "token": service.settings_token(template),
            },
        )
        return render_template("petitions/template_settings.html", template=template, form=form)
    form = SettingsForm(fillable=fillable)
    stale = None
    if form.validate_on_submit():
        try:
            service.update_settings(
                template.id,
                title=form.title.data.strip(),
                title_en=(form.title_en.data or "").strip(),
                kinds=form.kinds.data,
                categories=form.categories.data or [],
                required=form.required_fields.data or [],
                expected_token=form.token.data,
                actor=current_user,
                signer=form.signer.data or "",
                addressee=form.addressee.data,
                proceedings=form.proceedings.data or [],
            )
        except StaleCase as error:
            template = _template_or_404(template_id)
            form.token.data = service.settings_token(template)
            stale = domain_message(error)
        else:
            flash(_("The template's settings were saved."), "success")
            return redirect(url_for(".petition_template", template_id=template.id))
    return render_template("petitions/template_settings.html", template=template, form=form, stale=stale), (
        409 if stale else 400
    )


@bp.post("/petition-templates/<int:template_id>/versions")
@allow(Role.ADMIN)
def petition_version_upload(template_id: int):
    return _upload_version(_template_or_404(template_id), propose=False)


@bp.post("/petition-templates/<int:template_id>/proposals")
@allow(Role.LAWYER)
def petition_version_propose(template_id: int):
    return _upload_version(_template_or_404(template_id), propose=True)


def _upload_version(template: PetitionTemplate, *, propose: bool):
    form = TemplateVersionForm()
    if not form.validate_on_submit():
        return _detail(template, form), 400
    try:
        version = service.add_version(
            template,
            _upload_bytes(form),
            actor=current_user,
            expected_latest=form.latest.data,
            propose=propose,
            note=form.note.data,
        )
    except StaleCase as error:
        db.session.rollback()
        form.latest.data = service.latest_number(template.id)
        return _detail(template, form, stale=domain_message(error)), 409
    except TemplateError as error:
        db.session.rollback()
        form.file.errors = [*form.file.errors, domain_message(error)]
        return _detail(template, form), 400
    if propose:
        flash(_("Version %(number)s was proposed; an administrator will review it.", number=version.number), "success")
    else:
        flash(_("Version %(number)s is now in use.", number=version.number), "success")
    return redirect(url_for(".petition_template", template_id=template.id))


@bp.post("/petition-templates/versions/<int:version_id>/decision")
@allow(Role.ADMIN)
def petition_version_decide(version_id: int):
    version = _version_or_404(version_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accept = request.form.get("decision") == "accept"
    service.decide_version(version, accept=accept, actor=current_user)
    if accept:
        flash(_("Version %(number)s was accepted and is now in use.", number=version.number), "success")
    else:
        flash(_("Version %(number)s was rejected.", number=version.number), "success")
    return redirect(url_for(".petition_template", template_id=version.template_id))


@bp.post("/petition-templates/<int:template_id>/active")
@allow(Role.ADMIN)
def petition_template_active(template_id: int):
    template = _template_or_404(template_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    service.set_active(template, active, actor=current_user)
    if active:
        flash(_("The template %(title)s can be used again.", title=template.title), "success")
    else:
        flash(
            _("The template %(title)s was deactivated; documents made from it stay.", title=template.title), "success"
        )
    return redirect(url_for(".petition_template", template_id=template.id))


@bp.get("/petition-templates/versions/<int:version_id>/preview")
@allow(Role.ADMIN, Role.LAWYER)
def petition_version_preview(version_id: int):
    version = _version_or_404(version_id)
    template = db.session.get(PetitionTemplate, version.template_id)
    try:
        docx = service.preview(version)
    except TemplateError as error:
        flash(domain_message(error), "danger")
        return redirect(url_for(".petition_template", template_id=version.template_id))
    return send_download(Download(f"{template.slug}-v{version.number}-ornek.docx", DOCX_MIME, content=docx))


@bp.get("/petition-templates/versions/<int:version_id>/file")
@allow(Role.ADMIN, Role.LAWYER)
def petition_version_file(version_id: int):
    return send_download(downloads.template_version(current_user, version_id))
