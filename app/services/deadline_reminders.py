"""Deadline reminders through the outbox: 7, 3 and 1 days before and on the day.

The assigned lawyer is told; when a case due in 3 days or less has no assignee, the admins of
its union and of the confederation are. Each message has a dedupe key (deadline, threshold,
recipient, due date), so running the command again sends nothing twice, a missed day is
caught up once, and a moved date is reminded afresh.
"""

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.extensions import db
from app.models import Case, Deadline, User
from app.services.deadlines import INACTIVE_STATES, OPEN, deadline_title
from app.services.outbox import notify_user
from cases.i18n import N_
from cases.vocabulary import Role

REMINDER_DAYS = (7, 3, 1, 0)
UNASSIGNED_ALERT_DAYS = 3

_SUBJECT = N_("Deadline on %(reference)s: %(due)s")
_BODY_DAYS = N_(
    'Dear %(name)s,\n\nThe deadline "%(title)s" on case %(reference)s ends on %(due)s, in %(days)s days.'
    "\nLegal basis: %(basis)s."
)
_BODY_TOMORROW = N_(
    'Dear %(name)s,\n\nThe deadline "%(title)s" on case %(reference)s ends TOMORROW, %(due)s.\nLegal basis: %(basis)s.'
)
_BODY_TODAY = N_(
    'Dear %(name)s,\n\nThe deadline "%(title)s" on case %(reference)s ends TODAY, %(due)s.\nLegal basis: %(basis)s.'
)
_BODY_UNASSIGNED = N_(
    'Dear %(name)s,\n\nCase %(reference)s has no lawyer assigned, and its deadline "%(title)s" ends on '
    "%(due)s. Please assign the case."
)


def _threshold(days_left: int) -> int:
    """The reminder a deadline ``days_left`` away is due for (catches up on a missed day)."""
    return min(day for day in REMINDER_DAYS if day >= days_left)


def send_reminders(today: date) -> int:
    """Queue the reminders due on ``today``; return how many were queued. Idempotent; commits."""
    rows = db.session.execute(
        sa.select(Deadline, Case)
        .join(Case, Case.id == Deadline.case_id)
        .where(
            Deadline.status == OPEN,
            Deadline.due_date >= today,
            Deadline.due_date <= today + timedelta(days=max(REMINDER_DAYS)),
            Case.status.not_in(INACTIVE_STATES),
        )
        .order_by(Deadline.due_date, Deadline.id)
    ).all()
    if not rows:
        return 0
    assignee_ids = {case.assignee_id for _, case in rows if case.assignee_id}
    assignees = {
        u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(assignee_ids), User.active.is_(True)))
    }
    admins: dict[int | None, list[User]] = {}
    # A case whose assignee was deactivated has nobody watching it either.
    if any(case.assignee_id not in assignees for _, case in rows):
        for admin in db.session.scalars(sa.select(User).where(User.role == Role.ADMIN, User.active.is_(True))):
            admins.setdefault(admin.union_id, []).append(admin)
    queued = 0
    for deadline, case in rows:
        days_left = (deadline.due_date - today).days
        threshold = _threshold(days_left)
        if case.assignee_id in assignees:
            recipients = [assignees[case.assignee_id]]
            body = {0: _BODY_TODAY, 1: _BODY_TOMORROW}.get(days_left, _BODY_DAYS)
        elif days_left <= UNASSIGNED_ALERT_DAYS:
            recipients = admins.get(case.union_id, []) + admins.get(None, [])
            body = _BODY_UNASSIGNED
        else:
            continue
        for user in recipients:
            with force_locale(user.language or "tr"):
                title = deadline_title(deadline)
            message = notify_user(
                user,
                "deadline_reminder",
                _SUBJECT,
                body,
                case=case,
                dedupe_key=f"deadline:{deadline.id}:{threshold}:{user.id}:{deadline.due_date.isoformat()}",
                title=title,
                due=deadline.due_date.strftime("%d.%m.%Y"),
                days=days_left,
                basis=deadline.legal_basis or "—",
            )
            queued += message is not None
    db.session.commit()
    return queued
