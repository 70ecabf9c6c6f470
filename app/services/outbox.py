"""Notifications: written to the outbox in the transaction of the change that causes them.

``queue_message`` adds a row (never sends); ``flask outbox send`` delivers due rows over SMTP
with retries and backoff, marking each sent only after the server accepted it. A dedupe key
makes a notification idempotent: the same key is queued at most once. An outage (no server, a
refused login, a temporary 4xx answer) never uses up a message's attempts, however long it
lasts; only a permanent refusal of that one message (a 5xx answer) counts towards giving up.
"""

import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext

from app.extensions import db
from app.models import Case, MemberProfile, OutboxMessage, User
from app.models.base import utcnow
from cases.i18n import N_

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 60
MAX_BACKOFF_SECONDS = 3600
BATCH_SIZE = 100
# How long a sender holds the messages it picked before another sender may retry them.
CLAIM_SECONDS = 300


def queue_message(
    *, recipient: str, subject: str, body: str, kind: str, case_id: int | None = None, dedupe_key: str | None = None
) -> OutboxMessage | None:
    """Add a message to the outbox (not committed); None when ``dedupe_key`` was queued before."""
    if dedupe_key is not None:
        seen = db.session.scalar(sa.select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
        if seen is not None:
            return None
    message = OutboxMessage(
        recipient=recipient, subject=subject, body=body, kind=kind, case_id=case_id, dedupe_key=dedupe_key
    )
    db.session.add(message)
    return message


SIGN_IN_FOOTER = N_("This message was sent by Dayanak. Please sign in to see the details; do not reply to it.")
# For mails to someone who may not be able to sign in yet (confirming the address, a new password).
ACCOUNT_FOOTER = N_("This message was sent by Dayanak; do not reply to it.")


def notify_user(
    user: User,
    kind: str,
    subject: str,
    body: str,
    *,
    case: Case | None = None,
    dedupe_key: str | None = None,
    footer: str = SIGN_IN_FOOTER,
    **params: object,
) -> OutboxMessage | None:
    """Queue a notification to ``user`` in their language.

    ``subject``, ``body`` and ``footer`` are English message ids (marked with N_ or _l at the
    caller) with ``%(name)s`` parameters; ``reference`` is filled in when a case is given.
    """
    if case is not None:
        params.setdefault("reference", case.reference)
    params.setdefault("name", user.full_name)
    with force_locale(user.language or "tr"):
        rendered_subject = gettext(subject) % params
        rendered_body = gettext(body) % params
        rendered_footer = gettext(footer)
    return queue_message(
        recipient=user.email,
        subject=rendered_subject,
        body=f"{rendered_body}\n\n{rendered_footer}\n",
        kind=kind,
        case_id=case.id if case is not None else None,
        dedupe_key=dedupe_key,
    )


def due_messages(limit: int | None = None) -> list[OutboxMessage]:
    """The due messages (a batch), claimed for a while so a second sender running at once skips them."""
    now = utcnow()
    query = (
        sa.select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
            OutboxMessage.attempts < MAX_ATTEMPTS,
        )
        .order_by(OutboxMessage.id)
        .limit(limit or BATCH_SIZE)
    )
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    messages = list(db.session.scalars(query))
    lease_until = now + timedelta(seconds=CLAIM_SECONDS)
    for message in messages:
        message.next_attempt_at = lease_until
    db.session.commit()
    return messages


def member_user_of(case: Case) -> User | None:
    """The account of the case's member (one query)."""
    return db.session.scalar(
        sa.select(User).join(MemberProfile, MemberProfile.user_id == User.id).where(MemberProfile.id == case.member_id)
    )


def notify_case_member(
    case: Case,
    kind: str,
    subject: str,
    body: str,
    *,
    dedupe_key: str | None = None,
    footer: str = SIGN_IN_FOOTER,
    **params: object,
) -> OutboxMessage | None:
    """Queue a notification about ``case`` to its member (not committed); skipped for erased accounts."""
    member_user = member_user_of(case)
    if member_user is None or not member_user.active:
        return None
    return notify_user(member_user, kind, subject, body, case=case, dedupe_key=dedupe_key, footer=footer, **params)


def notify_case_received(case: Case) -> OutboxMessage | None:
    return notify_case_member(
        case,
        "case_received",
        N_("We received your application %(reference)s"),
        N_(
            "Dear %(name)s,\n\nYour application has been received under the reference %(reference)s. "
            "The union will review it and tell you what happens next. You can follow it under "
            "“My cases”."
        ),
        dedupe_key=f"case-received-{case.id}",
    )


def notify_staff_of_member_message(case: Case) -> OutboxMessage | None:
    """Tell the assignee that the member wrote (nobody yet when the case is unassigned)."""
    if case.assignee_id is None:
        return None
    assignee = db.session.get(User, case.assignee_id)
    if assignee is None or not assignee.active:
        return None
    return notify_user(
        assignee,
        "member_message",
        N_("The member replied on case %(reference)s"),
        N_("Dear %(name)s,\n\nThe member wrote on case %(reference)s. Please sign in to read it."),
        case=case,
    )


def _email_for(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    # A stable Message-ID lets a mail server drop a duplicate if a send is retried after a
    # crash between the server's acceptance and our commit.
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}", domain="dayanak")
    email.set_content(message.body)
    return email


def send_due(*, echo=print) -> tuple[int, int]:
    """Deliver every due message, a batch at a time; return (sent, failed). Each result is committed at once."""
    sent = failed = 0
    while True:
        batch_sent, batch_failed, outage = _send_batch(echo)
        sent, failed = sent + batch_sent, failed + batch_failed
        if outage or not batch_sent + batch_failed:
            return sent, failed


def _send_batch(echo) -> tuple[int, int, bool]:
    """One claimed batch: (sent, failed, whether the server was unreachable)."""
    config = current_app.config
    sent = failed = 0
    messages = due_messages()
    if not messages:
        return 0, 0, False
    if config.get("MAIL_PRINT_ONLY") or not config.get("MAIL_SERVER"):
        for message in messages:
            echo(f"--- To: {message.recipient}\nSubject: {message.subject}\n\n{message.body}")
            message.sent_at = utcnow()
            db.session.commit()
            sent += 1
        return sent, 0, False
    try:
        smtp = _connect(config)
    except (smtplib.SMTPException, OSError) as error:
        # The server is down or refuses us: every message waits for its next attempt.
        for message in messages:
            _record_failure(message, error)
        db.session.commit()
        return 0, len(messages), True
    with smtp:
        for message in messages:
            try:
                smtp.send_message(_email_for(message))
            except (smtplib.SMTPException, OSError) as error:
                _record_failure(message, error)
                failed += 1
            else:
                message.attempts += 1
                message.sent_at = utcnow()
                message.last_error = None
                sent += 1
            db.session.commit()
    return sent, failed, False


def _connect(config) -> smtplib.SMTP:
    """An SMTP session, TLS and login done; raises SMTPException or OSError."""
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30)
    try:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer about this message (e.g. an unknown recipient), not an outage."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPSenderRefused):
        return False  # the server went away, or refuses our sender address: not this message's fault
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    """Count the attempt and wait longer each time (at most an hour); an outage never gives up."""
    message.attempts += 1
    if not _is_permanent(error):
        message.attempts = min(message.attempts, MAX_ATTEMPTS - 1)
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    delay = min(BACKOFF_BASE_SECONDS * 2 ** (message.attempts - 1), MAX_BACKOFF_SECONDS)
    message.next_attempt_at = utcnow() + timedelta(seconds=delay)
