"""Opening a case: reference, searchable text, and the first timeline event, in one transaction."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from app.extensions import db
from app.models import Attachment, Case, Draft, Institution, MemberProfile, Union, User
from app.models.base import utcnow
from app.models.member import MembershipStatus
from app.services.concurrency import ensure_version
from app.services.conflicts import flag_conflict
from app.services.references import next_reference
from app.services.timeline import append_event
from cases.errors import MissingInput, NotFound, TransitionNotAllowed
from cases.events import EventKind
from cases.grievance import GrievanceSubmission, build_submission, clean_text, steps_for, validate_step
from cases.i18n import N_
from cases.text import fold
from cases.vocabulary import PRIORITY_RANK, CaseKind, Priority


@dataclass
class NewCase:
    """What a member (or staff on their behalf) gives when opening a case."""

    kind: str
    category: str
    narrative: str
    requests: str = ""
    respondent_type: str | None = None
    respondent_name: str | None = None
    respondent_title: str | None = None
    institution_id: int | None = None
    incident_date: date | None = None
    notification_date: date | None = None
    details: dict = field(default_factory=dict)
    priority: str = Priority.NORMAL
    amount_requested: Decimal | None = None


def search_text_for(case: Case, member_name: str, institution_name: str | None) -> str:
    """The folded text search runs on: reference, member, institution, respondent, narrative."""
    parts = [case.reference, member_name, institution_name or "", case.respondent_name or "", case.narrative]
    return fold(" ".join(parts))


def open_case(member: MemberProfile, data: NewCase, *, actor: User, member_name: str) -> Case:
    """Create the case and its 'submitted' event in the current transaction (not committed)."""
    institution = db.session.get(Institution, data.institution_id) if data.institution_id else None
    if institution is None and member.institution_id:
        institution = db.session.get(Institution, member.institution_id)
    now = utcnow()
    case = Case(
        reference=next_reference(db.session.get_one(Union, member.union_id), now.year),
        union_id=member.union_id,
        member_id=member.id,
        kind=data.kind,
        category=data.category,
        status="submitted",
        priority=data.priority,
        priority_rank=PRIORITY_RANK[Priority(data.priority)],
        respondent_type=data.respondent_type,
        respondent_name=data.respondent_name,
        respondent_title=data.respondent_title,
        institution_id=institution.id if institution else None,
        province=institution.province if institution else member.province,
        incident_date=data.incident_date,
        notification_date=data.notification_date,
        narrative=data.narrative,
        requests=data.requests,
        details=data.details,
        amount_requested=data.amount_requested,
        membership_pending=member.membership_status != MembershipStatus.VERIFIED,
        created_at=now,
        last_activity_at=now,
    )
    case.search_text = search_text_for(case, member_name, institution.name if institution else None)
    db.session.add(case)
    db.session.flush()
    append_event(case, EventKind.SUBMITTED, actor, {"to_state": "submitted"}, member_visible=True)
    flag_conflict(case)  # staff see a conflict in the queue before anyone opens the case
    if case.kind == CaseKind.LEGAL and case.notification_date is not None:
        from app.services.deadlines import refresh_next_deadline

        # The rules' proposals count in the queue from the first minute, before anyone confirms them.
        refresh_next_deadline(case)
    return case


# --- Guided filing: drafts kept server-side, submitted in one transaction ---------------------


def start_draft(user: User, kind: str) -> Draft:
    """A new empty draft of ``kind`` (legal, or assistance for social/material requests)."""
    draft = Draft(user_id=user.id, kind=kind, step=steps_for(kind)[0].id.value, answers={})
    db.session.add(draft)
    db.session.commit()
    return draft


def unsaved_draft(user: User, kind: str) -> Draft:
    """A draft of ``kind`` to show the first step with; not added to the session, never written."""
    return Draft(user_id=user.id, kind=kind, step=steps_for(kind)[0].id.value, answers={})


def check_step(draft: Draft, step: str, answers: Mapping[str, str], *, today: date) -> dict[str, str]:
    """The errors of one step's answers, without saving anything."""
    category = (draft.answers or {}).get("category")
    return validate_step(step, answers, kind=draft.kind, category=category, today=today)[1]


def user_drafts(user: User) -> list[Draft]:
    return list(
        db.session.scalars(sa.select(Draft).where(Draft.user_id == user.id).order_by(Draft.updated_at.desc()).limit(20))
    )


def get_draft_or_404(user: User, draft_id: int) -> Draft:
    """The user's own draft; anyone else's is reported missing (NotFound, a 404 on the web)."""
    draft = db.session.scalar(sa.select(Draft).where(Draft.id == draft_id, Draft.user_id == user.id))
    if draft is None:
        raise NotFound()
    return draft


def save_step(draft: Draft, step: str, answers: Mapping[str, str], *, today: date) -> dict[str, str]:
    """Validate one step's answers and keep them in the draft either way; return the errors.

    What the member typed is always kept, so nothing is lost even when a value needs fixing;
    the whole form is validated again on submission.
    """
    category = (draft.answers or {}).get("category")
    cleaned, errors = validate_step(step, answers, kind=draft.kind, category=category, today=today)
    merged = dict(draft.answers or {})
    merged.update({key: value for key, value in answers.items()})
    merged.update(cleaned)
    draft.answers = merged
    draft.step = step
    draft.updated_at = utcnow()
    db.session.commit()
    return errors


def go_to_step(draft: Draft, step: str) -> None:
    """Remember where the member is in the form, so a resumed draft opens there."""
    draft.step = step
    db.session.commit()


def draft_attachments(draft: Draft) -> list[Attachment]:
    return list(
        db.session.scalars(sa.select(Attachment).where(Attachment.draft_id == draft.id).order_by(Attachment.id))
    )


def remove_draft_attachment(draft: Draft, attachment_id: int) -> None:
    from app.services.evidence import discard_files

    attachment = db.session.scalar(
        sa.select(Attachment).where(Attachment.id == attachment_id, Attachment.draft_id == draft.id)
    )
    if attachment is None:
        raise NotFound()
    db.session.delete(attachment)
    db.session.commit()
    discard_files([attachment])


def delete_draft(draft: Draft) -> None:
    from app.services.evidence import discard_files

    attachments = draft_attachments(draft)
    for attachment in attachments:
        db.session.delete(attachment)
    db.session.delete(draft)
    db.session.commit()
    discard_files(attachments)


def new_case_from(submission: GrievanceSubmission, profile: MemberProfile) -> NewCase:
    """The case fields of a complete form; per-category answers go into details."""
    return NewCase(
        kind=submission.kind.value,
        category=submission.category.value,
        narrative=submission.narrative,
        requests=submission.request,
        respondent_type=submission.respondent_type.value if submission.respondent_type else None,
        respondent_name=submission.respondent_name or None,
        respondent_title=submission.respondent_title or None,
        institution_id=profile.institution_id,
        incident_date=submission.incident_date,
        notification_date=submission.notification_date,
        details={
            **submission.details,
            **({"priority_reasons": list(submission.priority_reasons)} if submission.priority_reasons else {}),
        },
        priority=submission.priority.value,
        amount_requested=submission.requested_amount,
    )


def submit_draft(draft: Draft, user: User, *, today: date) -> Case:
    """Open the case from the draft, move its files, delete the draft and queue the confirmation.

    All in one transaction: raises GrievanceIncomplete (nothing written) when answers are missing;
    any failure rolls everything back, so no half-written case remains.
    """
    from app.services.outbox import notify_case_received

    submission = build_submission(draft.answers or {}, kind=draft.kind, today=today)
    profile = db.session.scalar(sa.select(MemberProfile).where(MemberProfile.user_id == user.id))
    if profile is None:
        raise NotFound()
    try:
        case = open_case(profile, new_case_from(submission, profile), actor=user, member_name=user.full_name)
        attachments = draft_attachments(draft)
        for attachment in attachments:
            attachment.case_id = case.id
            attachment.draft_id = None
        db.session.flush()
        for attachment in attachments:
            append_event(
                case,
                EventKind.ATTACHMENT,
                user,
                {"attachment_id": attachment.id, "name": attachment.original_name, "sha256": attachment.sha256},
                member_visible=True,
            )
        db.session.delete(draft)
        notify_case_received(case)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return case


# --- Following a case: the member's reply and withdrawal --------------------------------------

MESSAGE_LIMIT = 4000


def member_reply(case: Case, user: User, text: str, *, expected_version, uploads: list | None = None) -> str:
    """The member writes on their case — a message, files, or both, in one transaction.

    A message answering an information request moves the case back to review. Returns
    "answered", "message" or "files". A stale version raises StaleCase; a refused file raises
    InvalidUpload and keeps nothing (neither the message nor any other file).
    """
    from app.services.evidence import discard_files, store_upload
    from app.services.outbox import notify_staff_of_member_message
    from app.services.workflow import perform_transition
    from cases.workflows import State, is_open

    ensure_version(case, expected_version)
    uploads = list(uploads or [])
    text = clean_text(text or "", multiline=True)
    if not text and not uploads:
        raise MissingInput(N_("Please write a message or choose a file."), field="message")
    if len(text) > MESSAGE_LIMIT:
        raise MissingInput(
            N_("Please shorten this to at most %(max)s characters (now %(length)s)."),
            field="message",
            max=MESSAGE_LIMIT,
            length=len(text),
        )
    if not is_open(State(case.status)):
        raise TransitionNotAllowed(N_("This is not possible at this stage of the case."))
    stored: list[Attachment] = []
    try:
        for upload in uploads:
            stored.append(store_upload(upload, uploaded_by=user, case=case))
        if not text:
            db.session.commit()
            return "files"
        notify_staff_of_member_message(case)
        if case.status == "awaiting_member":
            perform_transition(case, "member_answer", user, {"message": text}, expected_version=case.version)
            return "answered"
        append_event(case, EventKind.MEMBER_MESSAGE, user, {"text": text}, member_visible=True)
        db.session.commit()
    except Exception:
        db.session.rollback()
        discard_files(stored)
        raise
    return "message"


def member_withdraw(case: Case, user: User, reason: str, *, expected_version) -> None:
    """The member withdraws their case (the workflow decides whether it still may be)."""
    from app.services.workflow import perform_transition

    inputs = {"reason": clean_text(reason, multiline=True)} if (reason or "").strip() else {}
    perform_transition(case, "withdraw", user, inputs, expected_version=expected_version)


def add_draft_files(draft: Draft, user: User, uploads: list, *, description: str | None = None) -> list[Attachment]:
    """Keep every file of ``uploads`` for the draft, or none of them; commit once.

    Raises InvalidUpload (type, size, count) for the first refused file; nothing is kept then.
    """
    from app.services.evidence import discard_files, store_upload

    stored: list[Attachment] = []
    try:
        for upload in uploads:
            stored.append(store_upload(upload, uploaded_by=user, draft_id=draft.id, description=description))
        db.session.commit()
    except Exception:
        db.session.rollback()
        discard_files(stored)
        raise
    return stored
