"""The outbox delivers over real SMTP (aiosmtpd on 127.0.0.1), retries after an outage, never twice."""

import contextlib
import socket
from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from app.models import OutboxMessage
from app.models.base import utcnow
from app.services.outbox import queue_message, send_due


class Capture:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(app):
    handler = Capture()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_PRINT_ONLY=False)
    yield handler, controller
    with contextlib.suppress(AssertionError):  # already stopped by the test
        controller.stop()


def _queue(db, n=2):
    for i in range(n):
        queue_message(recipient=f"uye{i}@example.org", subject=f"Konu {i}", body=f"Gövde {i} — Türkçe", kind="test")
    db.session.commit()


def test_due_messages_are_delivered_once_and_marked_sent(db, smtp):
    handler, _controller = smtp
    _queue(db)
    assert send_due(echo=lambda *_: None) == (2, 0)
    assert sorted(rcpt[0] for _f, rcpt, _c in handler.messages) == ["uye0@example.org", "uye1@example.org"]
    assert b"Konu 0" in handler.messages[0][2] or b"Konu 1" in handler.messages[0][2]
    assert all(m.sent_at is not None for m in db.session.scalars(sa.select(OutboxMessage)))
    assert send_due(echo=lambda *_: None) == (0, 0)
    assert len(handler.messages) == 2


def test_an_outage_loses_nothing_and_the_retry_sends_once(app, db, smtp):
    handler, controller = smtp
    _queue(db)
    port = app.config["MAIL_PORT"]
    controller.stop()
    assert send_due(echo=lambda *_: None) == (0, 2)
    rows = db.session.scalars(sa.select(OutboxMessage)).all()
    assert all(m.sent_at is None and m.attempts == 1 and m.last_error for m in rows)
    assert all(m.next_attempt_at > utcnow() for m in rows)  # backoff: not due yet
    assert send_due(echo=lambda *_: None) == (0, 0)

    restarted = Controller(handler, hostname="127.0.0.1", port=port)
    restarted.start()
    try:
        for message in rows:
            message.next_attempt_at = utcnow() - timedelta(seconds=1)  # the backoff has passed
        db.session.commit()
        assert send_due(echo=lambda *_: None) == (2, 0)
        assert send_due(echo=lambda *_: None) == (0, 0)
    finally:
        restarted.stop()
    assert len(handler.messages) == 2
    assert all(m.sent_at is not None for m in db.session.scalars(sa.select(OutboxMessage)))


def test_a_second_sender_running_at_once_skips_claimed_messages(db, smtp):
    from app.services.outbox import due_messages

    handler, _controller = smtp
    _queue(db)
    claimed = due_messages()
    assert len(claimed) == 2
    assert due_messages() == []  # another sender now finds nothing due


def test_the_send_command_prints_in_development(app, db, runner):
    app.config.update(MAIL_PRINT_ONLY=True)
    _queue(db, 1)
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 0
    assert "uye0@example.org" in result.output and "1 sent, 0 failed" in result.output


def test_the_dedupe_key_queues_a_notification_once(db):
    assert queue_message(recipient="a@example.org", subject="s", body="b", kind="k", dedupe_key="x") is not None
    db.session.commit()
    assert queue_message(recipient="a@example.org", subject="s", body="b", kind="k", dedupe_key="x") is None


def test_a_refused_login_counts_as_an_outage(app, db, smtp):
    handler, _controller = smtp
    app.config.update(MAIL_USERNAME="dayanak", MAIL_PASSWORD="x")  # the test server offers no AUTH
    _queue(db, 1)
    assert send_due(echo=lambda *_: None) == (0, 1)
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert handler.messages == []


def test_a_long_outage_never_uses_up_the_attempts(app, db, smtp):
    from app.services.outbox import MAX_ATTEMPTS, MAX_BACKOFF_SECONDS

    handler, controller = smtp
    _queue(db, 1)
    controller.stop()
    message = db.session.scalar(sa.select(OutboxMessage))
    for _ in range(MAX_ATTEMPTS + 3):  # a day-long outage: far more tries than the limit
        message.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert send_due(echo=lambda *_: None) == (0, 1)
    assert message.attempts < MAX_ATTEMPTS and message.sent_at is None
    assert message.next_attempt_at <= utcnow() + timedelta(seconds=MAX_BACKOFF_SECONDS)

    restarted = Controller(handler, hostname="127.0.0.1", port=app.config["MAIL_PORT"])
    restarted.start()
    try:
        message.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert send_due(echo=lambda *_: None) == (1, 0)
    finally:
        restarted.stop()
    assert len(handler.messages) == 1


class RefuseOne(Capture):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("yok@"):
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_recipient_is_given_up_after_the_attempts_and_others_are_sent(app, db, smtp):
    from app.services.outbox import MAX_ATTEMPTS

    _handler, controller = smtp
    controller.stop()
    handler = RefuseOne()
    refusing = Controller(handler, hostname="127.0.0.1", port=app.config["MAIL_PORT"])
    refusing.start()
    try:
        queue_message(recipient="yok@example.org", subject="s", body="b", kind="test")
        _queue(db, 1)
        assert send_due(echo=lambda *_: None) == (1, 1)
        bad = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient == "yok@example.org"))
        assert bad.attempts == 1 and "550" in bad.last_error
        for _ in range(MAX_ATTEMPTS):
            bad.next_attempt_at = utcnow() - timedelta(seconds=1)
            db.session.commit()
            send_due(echo=lambda *_: None)
        assert bad.attempts == MAX_ATTEMPTS and bad.sent_at is None
        assert send_due(echo=lambda *_: None) == (0, 0)  # given up: no longer tried
    finally:
        refusing.stop()
    assert [rcpt for _f, rcpt, _c in handler.messages] == [["uye0@example.org"]]


def test_one_run_sends_every_due_message_not_just_one_batch(app, db, smtp, monkeypatch):
    monkeypatch.setattr("app.services.outbox.BATCH_SIZE", 3)
    handler, _controller = smtp
    _queue(db, 7)
    assert send_due(echo=lambda *_: None) == (7, 0)
    assert len(handler.messages) == 7


def test_each_notification_is_written_with_the_change_that_causes_it(db):
    from app.services.case_notes import send_message
    from app.services.workflow import perform_transition
    from cases.errors import StaleCase
    from tests.factories import MemberFactory, UserFactory, make_case, user_of

    member = MemberFactory()
    case = make_case(member)
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)

    def mail() -> list[tuple[str, str]]:
        rows = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()
        return [(m.kind, m.recipient) for m in rows]

    email = user_of(member).email
    perform_transition(case, "take", lawyer, {}, expected_version=case.version)
    perform_transition(case, "request_info", lawyer, {"message": "Tebliğ tarihi?"}, expected_version=case.version)
    send_message(case, lawyer, "Belgenizi aldık.", expected_version=case.version)
    assert mail() == [("case_update", email), ("case_update", email), ("case_message", email)]
    information = db.session.scalars(sa.select(OutboxMessage.body).order_by(OutboxMessage.id)).all()[1]
    assert case.reference in information and "ek bilgiye" in information  # in the member's language

    stale = case.version - 1
    with pytest.raises(StaleCase):
        send_message(case, lawyer, "Eski sayfadan.", expected_version=stale)
    db.session.rollback()
    assert len(mail()) == 3  # a change refused writes no notification either
