"""Petition documents on the desk: generate from a template, download .docx or PDF, share with the member."""

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app import clock
from app.access import STAFF, allow
from app.desk import bp
from app.desk.panels import register_panel
from app.downloads import send_download
from app.extensions import db
from app.forms import TrDateField, VersionForm
from app.i18n import domain_message
from app.models import Case, Document, MemberProfile, PetitionTemplate, User
from app.services import downloads
from app.services import petition_documents as documents_service
from app.services import petitions as service
from cases.errors import StaleCase, TemplateError
from cases.petitions import FIELD_BY_NAME, Field, FieldKind, TemplateSpec, soffice_available
from cases.petitions.context import missing_fields
from cases.petitions.library import grounds_for, requests_for
from cases.vocabulary import Category, staff_roles_for_kind

MAX_TEXT = 4000
MAX_PARAGRAPHS = 50000


def form_key(name: str) -> str:
    """The HTML name of a petition field (``court.name`` → ``court__name``)."""
    return name.replace(".", "__")


def field_label(field: Field) -> str:
    """A field's description in the user's language (the catalogue holds Turkish and English)."""
    return field.tr if str(get_locale()) == "tr" else field.en


def generation_form(spec: TemplateSpec, **kwargs) -> FlaskForm:
    """A form asking exactly the template's fields: required ones first, each with its description."""

    class GenerationForm(FlaskForm):
        version = HiddenField()

    for field, required in spec.form_fields():
        validators = [DataRequired(_l("Please fill in this field."))] if required else [Optional()]
        label = field_label(field)
        if field.kind is FieldKind.BOOL:
            wtf = BooleanField(label)
        elif field.kind is FieldKind.DATE:
            # InputRequired keeps the "not a date" message that DataRequired would replace.
            date_validators = [InputRequired(_l("Please fill in this field."))] if required else [Optional()]
            wtf = TrDateField(label, validators=date_validators)
        elif field.kind is FieldKind.PARAGRAPHS:
            wtf = TextAreaField(
                label,
                validators=[*validators, Length(max=MAX_PARAGRAPHS)],
                render_kw={"rows": 6},
                description=_l("One item per line."),
            )
        else:
            wtf = StringField(label, validators=[*validators, Length(max=MAX_TEXT)])
        setattr(GenerationForm, form_key(field.name), wtf)
    return GenerationForm(**kwargs)


def form_values(spec: TemplateSpec, form: FlaskForm) -> dict[str, object]:
    """The petition fields as typed, by field name."""
    return {name: form[form_key(name)].data for name in (*spec.required_fields, *spec.optional_fields)}


def template_title(template: PetitionTemplate) -> str:
    return template.title_en if str(get_locale()) == "en" and template.title_en else template.title


def _case_url(case_id: int) -> str:
    """The desk's case page (the documents panel is on it)."""
    return url_for("desk.case_detail", case_id=case_id)


def _case_for_documents(case_id: int) -> Case:
    """The case if the signed-in staff member may see it (404) and work its documents (403)."""
    return downloads.staff_case_for_documents(current_user, case_id)


def _document_of(case: Case, document_id: int) -> Document:
    return downloads.document_of(case, document_id)


def _template_for(case: Case, slug: str) -> PetitionTemplate:
    """The active template named ``slug`` (404); one that does not serve this case is refused (400)."""
    template = db.session.scalar(
        sa.select(PetitionTemplate).where(PetitionTemplate.slug == slug, PetitionTemplate.active.is_(True))
    )
    if template is None or service.current_version(template.id) is None:
        abort(404)
    if refusal := service.refusal_for(template, case):
        raise TemplateError(refusal)  # the "template cannot be used" page says why
    return template


def documents_panel(case: Case, user: User) -> dict | None:
    """The case page's documents panel: the case's documents and the templates it may use."""
    if not user.is_staff:
        return None
    templates = service.templates_for_case(case)
    return {
        "case_id": case.id,
        "case_version": case.version,
        "documents": documents_service.case_documents(case.id),
        "templates": [(t.slug, template_title(t)) for t in templates],
        "can_generate": user.role in staff_roles_for_kind(case.kind),
        "pdf_available": soffice_available(),
    }


register_panel("documents", 50, documents_panel)


@bp.get("/cases/<int:case_id>/documents")
@allow(*STAFF)
def case_documents(case_id: int):
    case = _case_for_documents(case_id)
    return render_template(
        "petitions/case_documents.html",
        case=case,
        member_name=_member_name(case),
        case_url=_case_url(case.id),
        panel=documents_panel(case, current_user),
        today=clock.today(),
    )


@bp.route("/cases/<int:case_id>/documents/new/<slug>", methods=["GET", "POST"])
@allow(*STAFF)
def generate_document(case_id: int, slug: str):
    case = _case_for_documents(case_id)
    template = _template_for(case, slug)
    spec = service.spec_of(template)
    if request.method == "GET":
        snapshot = documents_service.snapshot_of(case, current_user)
        initial = documents_service.initial_values(case, template, snapshot)
        data = {form_key(n): _as_form_value(n, v) for n, v in initial.items() if n in FIELD_BY_NAME}
        form = generation_form(spec, data=data)
        form.version.data = case.version
        return _render_form(case, template, spec, form, initial)
    form = generation_form(spec)
    if not form.validate_on_submit():
        return _render_form(case, template, spec, form), 400
    try:
        document = documents_service.generate_document(
            case, template, current_user, form_values(spec, form), expected_version=form.version.data
        )
    except StaleCase as error:
        db.session.rollback()
        case = _case_for_documents(case_id)
        form.version.data = case.version
        return _render_form(case, template, spec, form, stale=domain_message(error)), 409
    except TemplateError as error:
        db.session.rollback()
        case = _case_for_documents(case_id)
        return _render_form(case, template, spec, form, problem=domain_message(error)), 400
    flash(_("The document %(name)s was generated.", name=document.filename), "success")
    return redirect(_case_url(case.id))


def _render_form(case, template, spec, form, initial=None, *, stale=None, problem=None):
    from_case = {n for n, v in (initial or {}).items() if v not in (None, "", [])}
    snapshot = documents_service.snapshot_of(case, current_user)
    typed = {name: form[form_key(name)].data for name in (*spec.required_fields, *spec.optional_fields)}
    known = {
        "member.full_name": snapshot.member.full_name,
        "member.national_id": snapshot.member.national_id,
        **{n: v for n, v in typed.items() if v not in (None, "", [])},
    }
    if "member.address" not in typed:
        known["member.address"] = snapshot.member.address
    category = Category(case.category)
    return render_template(
        "petitions/generate.html",
        case=case,
        member_name=_member_name(case),
        case_url=_case_url(case.id),
        template=template,
        title=template_title(template),
        fields=[(form[form_key(f.name)], required, f.name in from_case) for f, required in spec.form_fields()],
        form=form,
        stale=stale,
        problem=problem,
        today=clock.today(),
        missing=[field_label(FIELD_BY_NAME[n]) for n in missing_fields(spec, known)],
        source={"narrative": case.narrative, "requests": case.requests} if spec.lawyer_signed else None,
        request_library=[r.text for r in requests_for(spec.addressee, category, spec.proceedings)]
        if "requests" in typed and spec.lawyer_signed
        else [],
        grounds_library=[(g.title, g.text) for g in grounds_for(category)] if "grounds" in typed else [],
    )


def _member_name(case: Case) -> str:
    return db.session.scalar(
        sa.select(User.full_name)
        .join(MemberProfile, MemberProfile.user_id == User.id)
        .where(MemberProfile.id == case.member_id)
    )


def _as_form_value(name: str, value: object) -> object:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if FIELD_BY_NAME[name].kind is FieldKind.DATE and not isinstance(value, date):
        return None
    return value


@bp.get("/cases/<int:case_id>/documents/<int:document_id>.docx")
@allow(*STAFF)
def download_document(case_id: int, document_id: int):
    return send_download(downloads.staff_document(current_user, case_id, document_id))


@bp.get("/cases/<int:case_id>/documents/<int:document_id>.pdf")
@allow(*STAFF)
def download_pdf(case_id: int, document_id: int):
    # PdfConversionError: a 503 page
    return send_download(downloads.staff_document(current_user, case_id, document_id, pdf=True))


@bp.post("/cases/<int:case_id>/documents/<int:document_id>/share")
@allow(*STAFF)
def share_document(case_id: int, document_id: int):
    case = _case_for_documents(case_id)
    document = _document_of(case, document_id)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    documents_service.share_document(case, document, current_user, expected_version=form.version.data)
    flash(_("The member can now see and download %(name)s.", name=document.filename), "success")
    return redirect(_case_url(case.id))
