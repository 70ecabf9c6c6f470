"""Evidence downloads for anyone who may see the case: the member (their visible files) and staff."""

from flask_login import current_user

from app.access import ANY_SIGNED_IN, allow
from app.downloads import send_download
from app.files import bp
from app.services import downloads


@bp.get("/attachments/<int:attachment_id>")
@allow(*ANY_SIGNED_IN)
def attachment(attachment_id: int):
    return send_download(downloads.attachment(current_user, attachment_id))
