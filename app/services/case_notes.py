"""Staff's own entries on a case: internal notes, messages to the member, priority."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Case, MemberProfile, User
from app.services.concurrency import ensure_version
from app.services.outbox import notify_user
from app.services.timeline import append_event
from app.services.workflow import commit_case_change
from cases.errors import MissingInput
from cases.events import EventKind
from cases.i18n import N_
from cases.vocabulary import PRIORITY_RANK, Priority

MAX_TEXT = 4000


def _clean(text: str | None, missing: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise MissingInput(missing, field="text")
    if len(text) > MAX_TEXT:
        raise MissingInput(
            N_("Please shorten this to at most %(max_length)s characters."), field="text", max_length=MAX_TEXT
        )
    return text


def member_user(case: Case) -> User | None:
    """The account of the case's member (one query)."""
    return db.session.scalar(
        sa.select(User).join(MemberProfile, MemberProfile.user_id == User.id).where(MemberProfile.id == case.member_id)
    )


def add_note(case: Case, user: User, text: str, *, expected_version) -> None:
    """An internal note: staff only, never shown to the member."""
    ensure_version(case, expected_version)
    text = _clean(text, N_("Please write a note."))
    append_event(case, EventKind.NOTE, user, {"text": text}, member_visible=False)
    commit_case_change()


def send_message(case: Case, user: User, text: str, *, expected_version) -> None:
    """A message to the member: shown in their thread, and they are notified by e-mail."""
    ensure_version(case, expected_version)
    text = _clean(text, N_("Please write a message."))
    append_event(case, EventKind.MESSAGE, user, {"text": text}, member_visible=True)
    member = member_user(case)
    if member is not None:
        notify_user(
            member,
            "case_message",
            N_("New message about your case %(reference)s"),
            N_("Dear %(name)s, the union has written to you about your case %(reference)s."),
            case=case,
        )
    commit_case_change()


def set_priority(case: Case, user: User, priority: str, *, expected_version) -> None:
    """Change the case's priority (an internal event)."""
    ensure_version(case, expected_version)
    try:
        new = Priority(priority)
    except ValueError:
        raise MissingInput(N_("Please choose a priority from the list."), field="priority") from None
    if new.value == case.priority:
        return
    old = case.priority
    case.priority = new.value
    case.priority_rank = PRIORITY_RANK[new]
    append_event(case, EventKind.PRIORITY, user, {"from": old, "to": new.value}, member_visible=False)
    commit_case_change()
