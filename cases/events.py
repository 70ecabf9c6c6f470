"""The kinds of event on a case's timeline: stable identifiers stored in ``case_events.kind``."""

from enum import StrEnum


class EventKind(StrEnum):
    """What happened; whether the member sees it is stored per event (``member_visible``)."""

    SUBMITTED = "submitted"  # the member filed the case
    TRANSITION = "transition"  # a workflow step (payload: transition, from_state, to_state, data)
    NOTE = "note"  # internal note by staff (never member-visible)
    MESSAGE = "message"  # staff -> member message (member-visible)
    MEMBER_MESSAGE = "member_message"  # member -> staff message (member-visible)
    ATTACHMENT = "attachment"  # evidence added
    DOCUMENT = "document"  # a petition generated or shared
    DEADLINE = "deadline"  # deadline proposed, confirmed, edited, met
    PRIORITY = "priority"  # priority changed
    CONFLICT = "conflict"  # conflict of interest detected or handled (staff only)
    PROCEEDING = "proceeding"  # a proceeding recorded, a paper served in it, its decision (member-visible)
    CASE_FACT = "case_fact"  # staff recorded a fact: notification date, competent court, discipline dates


# The events that make up the message thread between staff and the member (with the member-visible
# transitions that carry a text).
THREAD_KINDS = frozenset({EventKind.MESSAGE, EventKind.MEMBER_MESSAGE})
