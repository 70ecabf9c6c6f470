"""Staff's own entries on a case: internal notes, messages to the member, priority."""

from app.models import Case, User
from app.services.concurrency import commit_case_change, ensure_version
from app.services.outbox import notify_case_member
from app.services.timeline import append_event
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
    notify_case_member(
        case,
        "case_message",
        N_("New message about your case %(reference)s"),
        N_("Dear %(name)s, the union has written to you about your case %(reference)s."),
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
