"""Evidence downloads for anyone who may see the case: the member (their visible files) and staff."""

from flask import abort
from flask_login import current_user

from app.access import ANY_SIGNED_IN, allow
from app.extensions import db
from app.files import bp
from app.models import Attachment
from app.queries.scope import get_case_or_404
from app.services.audit_log import log_access
from app.services.evidence import send_attachment


@bp.get("/attachments/<int:attachment_id>")
@allow(*ANY_SIGNED_IN)
def attachment(attachment_id: int):
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.case_id is None:
        abort(404)
    get_case_or_404(current_user, attachment.case_id)  # 404 outside the user's scope
    if current_user.role == "member" and not attachment.member_visible:
        abort(404)
    log_access(current_user, "download", "attachment", attachment.id)
    db.session.commit()
    return send_attachment(attachment)
