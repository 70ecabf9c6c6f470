"""How timeline events read on the staff case page: a title, facts and text, ready to display."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from app import labels
from app.desk.render_i18n import catalogue
from app.queries.case_page import TimelineEvent
from app.templating import format_date, format_datetime
from cases.events import THREAD_KINDS, EventKind
from cases.money import format_amount
from cases.workflows.wording import happened


def _(string: str, **variables: object) -> str:
    """Flask-Babel's gettext with the request's catalogue (a page shows 50 events, each with a few strings)."""
    return catalogue().plain(string, **variables)


def _text(value: object) -> str:
    """str() of a lazy label, translated with the request's catalogue."""
    return catalogue().text(value)


def _label(table: dict, key: str | None) -> str:
    """app.labels.label with the request's catalogue."""
    return "" if key is None else catalogue().text(table.get(key, key))


_FIELD_LABELS = {
    "court": _l("Court"),
    "file_number": _l("File number"),
    "filing_date": _l("Filing date"),
    "decision_date": _l("Decision date"),
    "paid_date": _l("Payment date"),
    "authority": _l("Authority"),
    "amount": _l("Amount"),
    "outcome": _l("Outcome"),
}


@dataclass
class EventView:
    id: int
    sequence: int
    kind: str
    title: str
    actor: str
    created_at: object
    member_visible: bool
    text: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    from_member: bool = False
    when: str = ""  # created_at as the |datetime filter shows it


def _text_of(payload: dict) -> str:
    data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
    for key in ("text", "message", "body", "reason", "note"):
        for source in (payload, data):
            value = source.get(key)
            if isinstance(value, str) and value.strip():
                return value
    return ""


def _fact_value(key: str, value: object) -> str:
    if key.endswith("_date") and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if key == "outcome":
        return _label(labels.OUTCOMES, str(value))
    if key == "amount":
        try:
            return format_amount(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


def describe(
    event: TimelineEvent,
    kind_of_case: str,
    people: dict[int, str],
    member_user_id: int,
    in_zone: ZoneInfo | None = None,
) -> EventView:
    """The display form of one event (``in_zone``: the installation's zone, found once for the page)."""
    payload = event.payload or {}
    actor = event.actor_name if event.actor_id is not None else _("Dayanak")
    view = EventView(event.id, event.sequence, event.kind, "", actor, event.created_at, event.member_visible)
    view.from_member = event.actor_id is not None and event.actor_id == member_user_id
    view.when = format_datetime(event.created_at, in_zone)
    if event.kind == EventKind.TRANSITION:
        _describe_transition(view, payload, people)
    elif event.kind in _TEXT_TITLES:
        view.title, view.text = _text(_TEXT_TITLES[event.kind]), _text_of(payload)
        view.from_member = view.from_member or event.kind == EventKind.MEMBER_MESSAGE
    elif event.kind in _DESCRIBERS:
        _DESCRIBERS[event.kind](view, payload)
    else:
        view.title = event.kind
        view.text = _text_of(payload)
    return view


# Events shown as a title and the text they carry.
_TEXT_TITLES = {
    EventKind.NOTE: _l("Internal note"),
    EventKind.MESSAGE: _l("Message to the member"),
    EventKind.MEMBER_MESSAGE: _l("Message from the member"),
}


def _describe_transition(view: EventView, payload: dict, people: dict[int, str]) -> None:
    name = str(payload.get("transition"))
    view.title = _(happened(name))
    if payload.get("from_state") != payload.get("to_state"):
        view.facts.append(
            (
                _("Status"),
                f"{_label(labels.STATES, payload.get('from_state'))} → "
                f"{_label(labels.STATES, payload.get('to_state'))}",
            )
        )
    data = payload.get("data") or {}
    for key, label in _FIELD_LABELS.items():
        if data.get(key) not in (None, ""):
            view.facts.append((_text(label), _fact_value(key, data[key])))
    if str(data.get("assignee_id", "")).isdigit():
        view.facts.append((_("Assigned to"), people.get(int(data["assignee_id"]), str(data["assignee_id"]))))
    view.text = _text_of(payload)


def _describe_submitted(view: EventView, payload: dict) -> None:
    view.title = _("Case submitted")


def _describe_attachment(view: EventView, payload: dict) -> None:
    view.title = _("Evidence added")
    view.facts.append((_("File"), str(payload.get("name", ""))))


def _describe_priority(view: EventView, payload: dict) -> None:
    view.title = _("Priority changed")
    view.facts.append(
        (
            _("Priority"),
            f"{_label(labels.PRIORITIES, payload.get('from'))} → {_label(labels.PRIORITIES, payload.get('to'))}",
        )
    )


def _describe_conflict(view: EventView, payload: dict) -> None:
    if payload.get("action") == "handled":
        view.title, view.text = _("Conflict of interest handled"), _text_of(payload)
    elif payload.get("action") == "respondent_id_recorded":
        view.title = _("The respondent's T.C. Kimlik No was recorded")
    else:
        view.title = _("Possible conflict of interest detected")


def _describe_document(view: EventView, payload: dict) -> None:
    action = payload.get("action")
    if action == "generated":
        view.title = _("Document generated")
    elif action == "shared":
        view.title = _("Document shared with the member")
    else:
        view.title = _("Document")
    view.text = str(payload.get("title") or payload.get("name") or "")
    if payload.get("version") is not None:
        view.facts.append((_("Template version"), str(payload["version"])))
    if payload.get("filename"):
        view.facts.append((_("File"), str(payload["filename"])))


# What each deadline action (app.services.deadlines) reads as on the timeline.
_DEADLINE_TITLES = {
    "confirmed": _l("Deadline confirmed"),
    "computed": _l("Deadline added"),
    "added": _l("Deadline added"),
    "edited": _l("Deadline date changed"),
    "met": _l("Deadline met"),
    "dismissed": _l("Deadline set aside"),
}


# A calendar or court change moved the day the rule gives for a confirmed deadline (calendar_effects).
_LAWFUL_DAY_MOVED = {
    "calendar": _l("The calendar change moves the lawful last day from %(before)s to %(after)s"),
    "court": _l("The change to the court's recess moves the lawful last day from %(before)s to %(after)s"),
}


def _describe_deadline(view: EventView, payload: dict) -> None:
    """A deadline event: what was done, to which deadline (rule titles translated), dates and reason."""
    view.title = _text(_DEADLINE_TITLES.get(payload.get("action"), _l("Deadline update")))
    if payload.get("action") == "lawful_day_moved":
        _describe_lawful_day_moved(view, payload)
        return
    title = str(payload.get("title") or payload.get("label") or "")
    view.text = _(title) if payload.get("rule") and title else title
    if payload.get("previous_date"):
        view.facts.append((_("Previous date"), _fact_value("previous_date", payload["previous_date"])))
    if payload.get("due_date"):
        view.facts.append((_("Due date"), _fact_value("due_date", payload["due_date"])))
    if payload.get("legal_basis"):
        view.facts.append((_("Legal basis"), str(payload["legal_basis"])))
    if isinstance(payload.get("reason"), str) and payload["reason"].strip():
        view.facts.append((_("Reason"), payload["reason"]))


def _describe_lawful_day_moved(view: EventView, payload: dict) -> None:
    template = _LAWFUL_DAY_MOVED.get(str(payload.get("cause")), _LAWFUL_DAY_MOVED["calendar"])
    before = _fact_value("lawful_before_date", payload.get("lawful_before_date"))
    after = _fact_value("lawful_date", payload.get("lawful_date"))
    view.title = _text(template) % {"before": before, "after": after}
    title = str(payload.get("title") or "")
    view.text = _(title) if payload.get("rule") and title else title
    if payload.get("due_date"):
        view.facts.append((_("Confirmed date (not changed)"), _fact_value("due_date", payload["due_date"])))
    if payload.get("earlier"):
        view.facts.append((_("Warning"), _("The lawful last day is now earlier than the confirmed date.")))


_PROCEEDING_TITLES = {
    "added": _l("Proceeding recorded"),
    "decision": _l("Decision recorded"),
    "paper": _l("Paper served"),
}


def _describe_proceeding(view: EventView, payload: dict) -> None:
    """A proceeding event: which proceeding moved, and how."""
    from cases.proceedings import STAGE_LABELS

    view.title = _text(_PROCEEDING_TITLES.get(payload.get("action"), _l("Proceeding updated")))
    label = STAGE_LABELS.get(str(payload.get("proceeding_kind")))
    view.text = (_(label) if label else "") + (f" — {payload['authority']}" if payload.get("authority") else "")
    for key in ("file_number", "filing_date", "decision_date", "decision_notified_date", "notified", "outcome"):
        if payload.get(key) not in (None, ""):
            label_text = _FIELD_LABELS.get(key) or {
                "decision_notified_date": _l("Decision notified on"),
                "notified": _l("Notified on"),
            }.get(key, key)
            view.facts.append(
                (_text(label_text), _fact_value(key if key != "notified" else "notified_date", payload[key]))
            )


def _describe_case_fact(view: EventView, payload: dict) -> None:
    action = payload.get("action")
    if action == "notification_date":
        view.title = _("Notification date recorded")
        if payload.get("previous_date"):
            view.facts.append((_("Previous date"), _fact_value("previous_date", payload["previous_date"])))
        view.facts.append((_("Notification date"), _fact_value("notification_date", payload.get("notification_date"))))
    elif action == "competent_court":
        view.title = _("Competent court confirmed")
        view.facts.append((_("Court"), str(payload.get("court") or "")))
    else:
        view.title = _("Dates of the discipline recorded")
    if isinstance(payload.get("reason"), str) and payload["reason"].strip():
        view.facts.append((_("Reason"), payload["reason"]))


def in_thread(view: EventView) -> bool:
    """Whether an event belongs to the message thread between staff and member."""
    return view.member_visible and view.text != "" and (view.kind in THREAD_KINDS or view.kind == EventKind.TRANSITION)


# The other kinds, each with its own reading of the payload.
_DESCRIBERS: dict[str, Callable[[EventView, dict], None]] = {
    EventKind.SUBMITTED: _describe_submitted,
    EventKind.ATTACHMENT: _describe_attachment,
    EventKind.DOCUMENT: _describe_document,
    EventKind.DEADLINE: _describe_deadline,
    EventKind.PRIORITY: _describe_priority,
    EventKind.CONFLICT: _describe_conflict,
    EventKind.PROCEEDING: _describe_proceeding,
    EventKind.CASE_FACT: _describe_case_fact,
}
