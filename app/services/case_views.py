"""Read marks: when a staff user last opened a case, so newer activity shows as unread."""

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import CaseView, User


def mark_seen(user: User, case_id: int, moment: datetime) -> None:
    """Remember that ``user`` looked at the case at ``moment`` (commits; a concurrent first look is harmless)."""
    view = db.session.get(CaseView, (user.id, case_id))
    if view is None:
        db.session.add(CaseView(user_id=user.id, case_id=case_id, seen_at=moment))
    else:
        view.seen_at = max(view.seen_at, moment)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the same user opened it twice at once: one mark is enough
