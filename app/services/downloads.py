"""Protected downloads: whether the user may fetch a stored file, and the access-log entry for each fetch.

Every download of personal data goes through here (KVKK: who read which record). The web layer
turns a ``Download`` into a response with the sandbox headers (``app/downloads.py``).
"""

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db
from app.models import Attachment, Case, Document, PetitionTemplate, PetitionTemplateVersion, User
from app.queries.scope import find_case, find_case_by_reference
from app.services.audit_log import log_access
from app.services.evidence import attachment_path
from app.services.petition_documents import document_path, document_pdf, member_formats
from cases.errors import Forbidden, NotFound
from cases.vocabulary import Role, staff_roles_for_kind

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"


@dataclass(frozen=True)
class Download:
    """A file to send as an attachment: from disk (``path``) or from memory (``content``)."""

    filename: str
    mimetype: str | None
    path: Path | None = None
    content: bytes | None = None


def _logged(user: User, action: str, object_type: str, object_id: int, download: Download) -> Download:
    log_access(user, action, object_type, object_id)
    db.session.commit()
    return download


def attachment(user: User, attachment_id: int) -> Download:
    """Evidence on a case the user may see; a member only the files shown to them. Raises NotFound."""
    found = db.session.get(Attachment, attachment_id)
    if found is None or found.case_id is None or find_case(user, found.case_id) is None:
        raise NotFound()
    if user.role == Role.MEMBER and not found.member_visible:
        raise NotFound()
    download = Download(found.original_name, found.mime_type, path=attachment_path(found))
    return _logged(user, "download", "attachment", found.id, download)


def staff_case_for_documents(user: User, case_id: int) -> Case:
    """The case if the staff member may see it (NotFound) and work its documents (Forbidden)."""
    case = find_case(user, case_id)
    if case is None:
        raise NotFound()
    if user.role not in staff_roles_for_kind(case.kind):
        raise Forbidden()
    return case


def document_of(case: Case, document_id: int) -> Document:
    """A petition document of ``case``; raises NotFound for any other id."""
    document = db.session.get(Document, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound()
    return document


def staff_document(user: User, case_id: int, document_id: int, *, pdf: bool = False) -> Download:
    """A generated petition, as .docx or converted to PDF (PdfConversionError when it cannot be)."""
    document = document_of(staff_case_for_documents(user, case_id), document_id)
    if pdf:
        name = document.filename.rsplit(".", 1)[0] + ".pdf"
        download = Download(name, PDF_MIME, content=document_pdf(document))
        return _logged(user, "download_pdf", "document", document.id, download)
    download = Download(document.filename, DOCX_MIME, path=document_path(document))
    return _logged(user, "download", "document", document.id, download)


def member_document(user: User, reference: str, document_id: int, *, pdf: bool = False) -> Download:
    """A document shared with the member, on their own case, as .docx or PDF. Raises NotFound."""
    case = find_case_by_reference(user, reference)
    if case is None:
        raise NotFound()
    document = db.session.scalar(
        sa.select(Document).where(
            Document.id == document_id, Document.case_id == case.id, Document.shared_with_member.is_(True)
        )
    )
    if document is None or not document_path(document).is_file():
        raise NotFound()
    if pdf:
        if "pdf" not in member_formats():
            raise NotFound()
        name = document.filename.rsplit(".", 1)[0] + ".pdf"
        return _logged(
            user, "download_pdf", "document", document.id, Download(name, PDF_MIME, content=document_pdf(document))
        )
    download = Download(document.filename, DOCX_MIME, path=document_path(document))
    return _logged(user, "download", "document", document.id, download)


def template_version(user: User, version_id: int) -> Download:
    """The stored file of one petition template version. Raises NotFound."""
    version = db.session.get(PetitionTemplateVersion, version_id)
    if version is None:
        raise NotFound()
    slug = db.session.scalar(sa.select(PetitionTemplate.slug).where(PetitionTemplate.id == version.template_id))
    download = Download(f"{slug}-v{version.number}.docx", DOCX_MIME, content=version.content)
    return _logged(user, "download", "petition_template_version", version.id, download)
