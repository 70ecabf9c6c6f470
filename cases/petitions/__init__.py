"""Petitions: the context a case gives a .docx template, sandboxed rendering, upload checks, PDF.

Typical use by the web layer::

    check = check_template(uploaded_bytes, sample_context=build_context(sample_case(), sample_extra()))
    docx = render_petition(template_bytes, snapshot, form.data, date.today(), spec.required_fields)
    pdf = convert_to_pdf(docx) if soffice_available() else None
"""

from cases.petitions.context import (
    CATEGORY_LABELS_TR,
    KIND_LABELS_TR,
    RESPONDENT_LABELS_TR,
    build_context,
    paragraphs,
)
from cases.petitions.docx_safety import (
    MAX_FILE_SIZE,
    MAX_MEMBERS,
    MAX_UNPACKED_SIZE,
    TemplateCheck,
    assert_well_formed,
    check_template,
    inspect_archive,
    unknown_fields,
)
from cases.petitions.fields import FIELD_BY_NAME, FIELD_NAMES, FIELDS, FILLABLE_FIELDS, Field, FieldKind, is_known_path
from cases.petitions.filters import PETITION_FILTERS, TrDate, buyuk, tarih, uzun_tarih
from cases.petitions.isolation import RenderLimits, render_bounded
from cases.petitions.manifest import TemplateSpec, manifest_dict, parse_manifest, templates_for
from cases.petitions.pdf import PdfConversionError, convert_to_pdf, soffice_available
from cases.petitions.render import ENVIRONMENT, render_docx, render_petition
from cases.petitions.sample import SAMPLE_TODAY, sample_case, sample_extra
from cases.petitions.snapshot import (
    AttachmentInfo,
    CaseSnapshot,
    InstitutionInfo,
    LawyerInfo,
    MemberInfo,
    RespondentInfo,
    UnionInfo,
)

__all__ = [
    "CATEGORY_LABELS_TR",
    "ENVIRONMENT",
    "FIELDS",
    "FIELD_BY_NAME",
    "FIELD_NAMES",
    "FILLABLE_FIELDS",
    "KIND_LABELS_TR",
    "MAX_FILE_SIZE",
    "MAX_MEMBERS",
    "MAX_UNPACKED_SIZE",
    "PETITION_FILTERS",
    "RESPONDENT_LABELS_TR",
    "SAMPLE_TODAY",
    "AttachmentInfo",
    "CaseSnapshot",
    "Field",
    "FieldKind",
    "InstitutionInfo",
    "LawyerInfo",
    "MemberInfo",
    "PdfConversionError",
    "RenderLimits",
    "RespondentInfo",
    "TemplateCheck",
    "TemplateSpec",
    "TrDate",
    "UnionInfo",
    "assert_well_formed",
    "build_context",
    "buyuk",
    "check_template",
    "convert_to_pdf",
    "inspect_archive",
    "is_known_path",
    "manifest_dict",
    "paragraphs",
    "parse_manifest",
    "render_bounded",
    "render_docx",
    "render_petition",
    "sample_case",
    "sample_extra",
    "soffice_available",
    "tarih",
    "templates_for",
    "unknown_fields",
    "uzun_tarih",
]
