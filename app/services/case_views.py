"""Read marks: when a staff user last opened a case, so newer activity shows as unread."""

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Case, CaseView, User


def mark_seen(user: User, case_id: int, moment: datetime) -> None:
    """Remember that ``user`` looked at the case at ``moment`` (commits; a concurrent first look is harmless).

    Nothing is written while the user's mark already covers the case's last activity. What reads
    the mark compares it with the case's activity (the queue's unread mark, the start page's
    attentions; every event moves last_activity_at), so such a write would change no answer, and
    it cost every view of a case a write and a commit.
    """
    view = db.session.get(CaseView, (user.id, case_id))
    case = db.session.get(Case, case_id)  # the page loaded it: taken from the session
    if view is not None and case is not None and view.seen_at >= case.last_activity_at:
        return
    if view is None:
        db.session.add(CaseView(user_id=user.id, case_id=case_id, seen_at=moment))
    else:
        view.seen_at = max(view.seen_at, moment)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the same user opened it twice at once: one mark is enough
