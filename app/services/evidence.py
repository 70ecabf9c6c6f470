"""Evidence files: checked by content, stored under instance/ with random names, served only in scope."""

import os
from pathlib import Path
from typing import BinaryIO, cast

import sqlalchemy as sa
from flask import current_app
from werkzeug.datastructures import FileStorage

from app.extensions import db
from app.models import Attachment, Case, User
from app.services.concurrency import commit_case_change, ensure_version
from app.services.timeline import append_event
from cases.events import EventKind
from cases.uploads import inspect_upload


def _upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def attachment_count(*, case_id: int | None = None, draft_id: int | None = None) -> int:
    query = sa.select(sa.func.count(Attachment.id))
    query = query.where(Attachment.case_id == case_id) if case_id else query.where(Attachment.draft_id == draft_id)
    return db.session.scalar(query) or 0


def store_upload(
    upload: FileStorage,
    *,
    uploaded_by: User,
    case: Case | None = None,
    draft_id: int | None = None,
    description: str | None = None,
    member_visible: bool = True,
) -> Attachment:
    """Check ``upload`` and keep it, for a case (with a timeline event) or a draft; not committed.

    Raises InvalidUpload (type, size, count) before anything is written. The file is written
    to a temporary name first and renamed into place, so a failed upload leaves nothing behind.
    """
    config = current_app.config
    existing = attachment_count(case_id=case.id) if case is not None else attachment_count(draft_id=draft_id)
    directory = _upload_dir()
    temporary = directory / f".incoming-{os.urandom(8).hex()}"
    try:
        with temporary.open("wb") as copy:
            info = inspect_upload(
                cast(BinaryIO, upload.stream),
                upload.filename,
                max_bytes=config["EVIDENCE_MAX_BYTES"],
                existing_count=existing,
                max_files=config["EVIDENCE_MAX_FILES"],
                copy_to=copy,
            )
        temporary.replace(directory / info.storage_name)
    finally:
        temporary.unlink(missing_ok=True)
    attachment = Attachment(
        case_id=case.id if case is not None else None,
        draft_id=draft_id,
        uploaded_by_id=uploaded_by.id,
        original_name=info.safe_display_name,
        storage_name=info.storage_name,
        mime_type=info.mime,
        size=info.size,
        sha256=info.sha256,
        description=description,
        member_visible=member_visible,
    )
    db.session.add(attachment)
    db.session.flush()
    if case is not None:
        append_event(
            case,
            EventKind.ATTACHMENT,
            uploaded_by,
            {"attachment_id": attachment.id, "name": attachment.original_name, "sha256": attachment.sha256},
            member_visible=member_visible,
        )
    return attachment


def attachment_path(attachment: Attachment) -> Path:
    return _upload_dir() / attachment.storage_name


def discard_files(attachments: list[Attachment]) -> None:
    """Remove stored files whose rows were rolled back or deleted."""
    for attachment in attachments:
        attachment_path(attachment).unlink(missing_ok=True)


def add_case_attachment(
    case: Case,
    user: User,
    upload: FileStorage,
    *,
    description: str | None,
    member_visible: bool,
    expected_version: int | str | None,
) -> Attachment:
    """Staff add a file to a case, shown to the member or not; commits.

    Raises InvalidUpload or StaleCase, and then no file is left behind.
    """
    stored: list[Attachment] = []
    try:
        ensure_version(case, expected_version)
        stored.append(
            store_upload(
                upload,
                uploaded_by=user,
                case=case,
                description=(description or "").strip()[:300] or None,
                member_visible=member_visible,
            )
        )
        commit_case_change()
    except Exception:
        discard_files(stored)
        raise
    return stored[0]
