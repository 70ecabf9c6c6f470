"""Two-factor sign-in: enrolment, the code step, recovery codes, remembered devices, limits, admin reset."""

import re
import time

import pyotp
import pytest
import sqlalchemy as sa

from app.models import AccessLog, RecoveryCode, TrustedDevice, User
from app.services import second_factor
from tests.factories import PASSWORD, MemberFactory, UserFactory, user_of
from tests.helpers import csrf_token_from, post_form


def _password(client, user, **extra):
    token = csrf_token_from(client.get("/login"))
    return client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token, **extra})


def _code_step(client, code, **extra):
    token = csrf_token_from(client.get("/login/second-factor"))
    return client.post("/login/second-factor", data={"code": code, "csrf_token": token, **extra})


def _enrol(client, user) -> tuple[pyotp.TOTP, list[str]]:
    """Sign in with the password and turn the second factor on through the pages."""
    assert _password(client, user).status_code == 302
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert 'src="data:image/png;base64,' in page  # the QR code is drawn by the app itself
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    totp = pyotp.TOTP(secret)
    done = post_form(client, "/account/two-factor", {"code": totp.now()})
    assert done.status_code == 200
    codes = re.findall(r"<li class=\"col-6\">([0-9A-F]{6}-[0-9A-F]{6})</li>", done.get_data(as_text=True))
    assert len(codes) == 10
    post_form(client, "/logout", {}, page_url="/account")
    return totp, codes


def _next_code(totp: pyotp.TOTP) -> str:
    """The code of the next time step: the current one was used up by the step before."""
    return totp.at(time.time() + totp.interval)


def _user(db, user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_enrolment_stores_the_secret_encrypted_and_the_recovery_codes_hashed(client, db):
    lawyer = UserFactory(role="lawyer")
    totp, codes = _enrol(client, lawyer)
    stored = _user(db, lawyer)
    assert stored.mfa_enabled_at is not None
    assert totp.secret not in stored.mfa_secret and second_factor.unseal(stored.mfa_secret) == totp.secret
    hashes = set(db.session.scalars(sa.select(RecoveryCode.code_hash)))
    assert len(hashes) == 10 and not hashes & set(codes)


def test_a_wrong_enrolment_code_turns_nothing_on(client, db):
    lawyer = UserFactory(role="lawyer")
    _password(client, lawyer)
    client.get("/account/two-factor")
    response = post_form(client, "/account/two-factor", {"code": "000000"})
    assert response.status_code == 400 and "Bu kod doğru değil" in response.get_data(as_text=True)
    assert _user(db, lawyer).mfa_enabled_at is None


def test_signing_in_asks_for_the_code_after_the_password(client, db):
    lawyer = UserFactory(role="lawyer")
    totp, _codes = _enrol(client, lawyer)
    response = _password(client, lawyer)
    assert response.headers["Location"] == "/login/second-factor"
    assert client.get("/desk/").status_code == 302  # the password alone signs nobody in
    wrong = _code_step(client, "123456")
    assert wrong.status_code == 401
    right = _code_step(client, _next_code(totp))
    assert right.status_code == 302 and right.headers["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_a_code_signs_in_once(app, client, db):
    lawyer = UserFactory(role="lawyer")
    totp, _codes = _enrol(client, lawyer)
    code = _next_code(totp)
    _password(client, lawyer)
    assert _code_step(client, code).status_code == 302
    other = app.test_client()
    _password(other, lawyer)
    assert _code_step(other, code).status_code == 401  # a code seen over a shoulder is spent


def test_a_recovery_code_signs_in_once(app, client, db):
    lawyer = UserFactory(role="lawyer")
    _totp, codes = _enrol(client, lawyer)
    _password(client, lawyer)
    assert _code_step(client, codes[0].lower()).status_code == 302
    other = app.test_client()
    _password(other, lawyer)
    assert _code_step(other, codes[0]).status_code == 401
    assert _code_step(other, codes[1]).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id)).where(RecoveryCode.used_at.is_not(None))) == 2


def test_a_remembered_device_skips_the_code_until_signing_out_everywhere(client, db):
    lawyer = UserFactory(role="lawyer")
    totp, _codes = _enrol(client, lawyer)
    _password(client, lawyer)
    _code_step(client, _next_code(totp), remember_device="y")
    assert client.get_cookie("dayanak_device") is not None
    post_form(client, "/logout", {}, page_url="/account")
    assert _password(client, lawyer).headers["Location"] == "/desk/"  # no code asked
    post_form(client, "/account/sign-out-everywhere", {}, page_url="/account")
    assert db.session.scalar(sa.select(sa.func.count(TrustedDevice.id))) == 0
    assert _password(client, lawyer).headers["Location"] == "/login/second-factor"


def test_wrong_codes_are_rate_limited_like_passwords(client, db):
    lawyer = UserFactory(role="lawyer")
    totp, _codes = _enrol(client, lawyer)
    _password(client, lawyer)
    for _ in range(5):
        assert _code_step(client, "000000").status_code == 401
    paused = _code_step(client, _next_code(totp))
    assert paused.status_code == 429 and 'data-testid="lockout"' in paused.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302


def test_when_required_staff_without_a_second_factor_are_taken_to_enrolment(app, client, db):
    app.config["STAFF_MFA"] = "required"
    lawyer = UserFactory(role="lawyer")
    _password(client, lawyer)
    for url in ("/desk/", "/account", "/desk/deadlines"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"] == "/account/two-factor", url
    assert "Personel hesapları" in client.get("/account/two-factor").get_data(as_text=True)


def test_when_required_members_still_sign_in_with_the_password(app, client, db):
    app.config["STAFF_MFA"] = "required"
    member = user_of(MemberFactory())
    _password(client, member)
    assert client.get("/portal/").status_code == 200


def test_staff_cannot_turn_it_off_when_it_is_required(app, client, db):
    lawyer = UserFactory(role="lawyer")
    totp, codes = _enrol(client, lawyer)
    app.config["STAFF_MFA"] = "required"
    _password(client, lawyer)
    _code_step(client, _next_code(totp))
    post_form(client, "/account/two-factor/off", {"code": codes[0]}, page_url="/account")
    assert _user(db, lawyer).mfa_enabled_at is not None


def test_a_member_may_turn_it_off_with_a_current_code(client, db):
    member = user_of(MemberFactory())
    totp, codes = _enrol(client, member)
    _password(client, member)
    _code_step(client, _next_code(totp))
    post_form(client, "/account/two-factor/off", {"code": "999999"}, page_url="/account")  # wrong: stays on
    assert _user(db, member).mfa_enabled_at is not None
    post_form(client, "/account/two-factor/off", {"code": codes[0]}, page_url="/account")
    assert _user(db, member).mfa_enabled_at is None
    assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0


def test_an_admin_reset_clears_the_second_factor_and_is_recorded(app, client, db, login):
    lawyer = UserFactory(role="lawyer")
    phone = app.test_client()
    totp, _codes = _enrol(phone, lawyer)
    _password(phone, lawyer)
    _code_step(phone, _next_code(totp))
    admin = UserFactory(role="admin")
    login(admin)
    page = client.get(f"/admin/users/{lawyer.id}")
    assert 'data-testid="reset-mfa"' in page.get_data(as_text=True)
    response = client.post(f"/admin/users/{lawyer.id}/second-factor/reset", data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    assert _user(db, lawyer).mfa_enabled_at is None and _user(db, lawyer).mfa_secret is None
    logged = db.session.scalar(sa.select(AccessLog).where(AccessLog.action == "reset_second_factor"))
    assert logged.user_id == admin.id and logged.object_id == lawyer.id
    assert phone.get("/desk/").status_code == 302  # signed out everywhere


def test_the_reset_is_for_admins_only(client, db, login):
    lawyer, other = UserFactory(role="lawyer"), UserFactory(role="lawyer")
    login(lawyer)
    token = csrf_token_from(client.get("/account"))
    assert client.post(f"/admin/users/{other.id}/second-factor/reset", data={"csrf_token": token}).status_code == 403


def test_the_code_step_without_a_fresh_password_goes_back_to_sign_in(client, db):
    assert client.get("/login/second-factor").headers["Location"].startswith("/login")


def test_a_changed_secret_key_leaves_the_stored_secret_unreadable(app, client, db):
    lawyer = UserFactory(role="lawyer")
    _enrol(client, lawyer)
    sealed = _user(db, lawyer).mfa_secret
    app.config["SECRET_KEY"] = "another-key"
    assert second_factor.unseal(sealed) is None


@pytest.mark.parametrize("setting", ["required", "optional"])
def test_production_accepts_the_two_settings_only(tmp_path, monkeypatch, setting):
    from app import create_app
    from config import ConfigurationError

    monkeypatch.setenv("DAYANAK_INSTANCE_PATH", str(tmp_path))
    settings = {
        "SQLALCHEMY_DATABASE_URI": "postgresql://u@db/x",
        "SECRET_KEY": "x" * 64,
        "BASE_URL": "https://d.example",
        "DATA_CONTROLLER_NAME": "Eğitim-Bir-Sen",
        "DATA_CONTROLLER_ADDRESS": "Ankara",
        "DATA_CONTROLLER_CONTACT": "kvkk@example.org",
        "AUDIT_KEY": "a" * 64,
    }
    assert create_app("production", {**settings, "STAFF_MFA": setting}).config["STAFF_MFA"] == setting
    with pytest.raises(ConfigurationError, match="STAFF_MFA"):
        create_app("production", {**settings, "STAFF_MFA": "sometimes"})
