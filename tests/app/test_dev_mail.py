"""Development: a confirmation or reset mail is in the server log the moment its request ends."""

import sqlalchemy as sa

from app import _deliver_mail_in_process, create_app
from app.models import OutboxMessage
from tests.factories import UserFactory
from tests.helpers import csrf_token_from


def test_a_reset_mail_is_printed_to_the_server_log_when_the_request_ends(app, client, db, capsys):
    app.config["MAIL_PRINT_ONLY"] = True
    _deliver_mail_in_process(app)
    user = UserFactory(email="yeni@example.org")
    token = csrf_token_from(client.get("/password/forgot"))
    client.post("/password/forgot", data={"email": user.email, "csrf_token": token})
    log = capsys.readouterr().err
    assert "[mail] --- To: yeni@example.org" in log and "/password/reset/" in log
    assert db.session.scalar(sa.select(OutboxMessage.sent_at)) is not None  # printed once, not again


def test_development_prints_mails_in_process_and_production_does_not(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("MAIL_PRINT_ONLY", raising=False)
    development = create_app("development", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert development.config["OUTBOX_IN_PROCESS"] is True
    assert "deliver" in _hooks(development)
    testing = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert "deliver" not in _hooks(testing)


def _hooks(application) -> set[str]:
    return {getattr(f, "__name__", "") for f in application.after_request_funcs.get(None, [])}
