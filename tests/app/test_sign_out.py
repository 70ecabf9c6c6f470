"""Signing out ends the session on the server: copied session and remember-me cookies open nothing."""

import sqlalchemy as sa

from app.models import User, UserSession
from tests.factories import PASSWORD, UserFactory
from tests.helpers import csrf_token_from, post_form


def _sign_in(client, user, *, remember: bool = False):
    token = csrf_token_from(client.get("/login"))
    data = {"email": user.email, "password": PASSWORD, "csrf_token": token}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302
    return response


def _sign_out(client):
    response = post_form(client, "/logout", {}, page_url="/desk/")
    assert response.status_code == 302


def _signed_in(client) -> bool:
    return client.get("/desk/").status_code == 200


def _client_with(app, **cookies):
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


def test_a_session_cookie_copied_before_sign_out_opens_nothing_after(app, client):
    lawyer = UserFactory(role="lawyer")
    _sign_in(client, lawyer)
    copied = client.get_cookie("session").value
    assert _signed_in(_client_with(app, session=copied))  # the copy works while the session lasts
    _sign_out(client)
    assert not _signed_in(_client_with(app, session=copied))


def test_a_remember_me_cookie_copied_before_sign_out_opens_nothing_after(app, client):
    lawyer = UserFactory(role="lawyer")
    _sign_in(client, lawyer, remember=True)
    remembered = client.get_cookie("remember_token").value
    assert _signed_in(_client_with(app, remember_token=remembered))  # it signs in without a session
    _sign_out(client)
    assert not _signed_in(_client_with(app, remember_token=remembered))


def test_signing_out_leaves_the_accounts_other_browsers_signed_in(app, client):
    lawyer = UserFactory(role="lawyer")
    other = app.test_client()
    _sign_in(client, lawyer)
    _sign_in(other, lawyer)
    _sign_out(client)
    assert _signed_in(other)


def test_sign_out_everywhere_ends_every_session_and_remembered_cookie(app, client, db):
    lawyer = UserFactory(role="lawyer")
    phone = app.test_client()
    _sign_in(phone, lawyer, remember=True)
    remembered = phone.get_cookie("remember_token").value
    _sign_in(client, lawyer)
    page = client.get("/account").get_data(as_text=True)
    assert "2 tarayıcıda" in page or "2 browsers" in page
    response = post_form(client, "/account/sign-out-everywhere", {}, page_url="/account")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert not _signed_in(client)
    assert not _signed_in(phone)
    assert not _signed_in(_client_with(app, remember_token=remembered))
    assert db.session.scalar(sa.select(sa.func.count(UserSession.id))) == 0


def test_sign_out_everywhere_needs_the_csrf_token(client):
    lawyer = UserFactory(role="lawyer")
    _sign_in(client, lawyer)
    assert client.post("/account/sign-out-everywhere").status_code in (302, 400)
    assert _signed_in(client)


def test_a_password_reset_ends_every_session(app, client, db):
    from app.services import password_reset

    lawyer = UserFactory(role="lawyer")
    _sign_in(client, lawyer, remember=True)
    remembered = client.get_cookie("remember_token").value
    with app.test_request_context():
        token = password_reset.reset_token(db.session.get(User, lawyer.id))
    password_reset.reset_password(token, "a brand new password")
    assert not _signed_in(client)
    assert not _signed_in(_client_with(app, remember_token=remembered))


def test_deactivating_a_user_ends_their_sessions(app, client, db, login):
    from app.services import admin as admin_service

    lawyer = UserFactory(role="lawyer")
    _sign_in(client, lawyer, remember=True)
    remembered = client.get_cookie("remember_token").value
    boss = UserFactory(role="admin")
    user = db.session.get(User, lawyer.id)
    admin_service.set_user_active(user, False, expected_version=user.version, actor=boss)
    user.active = True  # even switched on again, the old cookies stay dead
    db.session.commit()
    assert not _signed_in(client)
    assert not _signed_in(_client_with(app, remember_token=remembered))


def test_a_forged_session_id_with_a_made_up_token_is_refused(app, client, db):
    lawyer = UserFactory(role="lawyer")
    with app.test_request_context():
        forged = f"{lawyer.id}:{db.session.get(User, lawyer.id).session_tag()}:made-up"
    with client.session_transaction() as session:
        session["_user_id"] = forged
        session["_fresh"] = True
    assert not _signed_in(client)
