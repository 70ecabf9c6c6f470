import os
import uuid

import pytest

from tests.factories import PASSWORD, MemberFactory, UserFactory, user_of
from tests.helpers import csrf_token_from

GENERIC_FAILURE = "E-posta adresi veya parola hatalı."


def _post_login(client, email, password):
    token = csrf_token_from(client.get("/login"))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


@pytest.mark.parametrize(("role", "home"), [("lawyer", "/desk/"), ("officer", "/desk/"), ("admin", "/admin/")])
def test_staff_sign_in_lands_on_their_role_home(client, role, home):
    user = UserFactory(role=role)
    response = _post_login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == home


def test_member_sign_in_lands_on_my_cases(client):
    member = MemberFactory()
    response = _post_login(client, user_of(member).email, PASSWORD)
    assert response.headers["Location"] == "/portal/"
    assert "Başvurularım" in client.get("/portal/").get_data(as_text=True)


def test_email_is_matched_case_insensitively(client):
    user = UserFactory(role="lawyer", email="avukat@example.org")
    assert _post_login(client, "  AVUKAT@Example.ORG ", PASSWORD).status_code == 302
    assert user.last_login_at is not None


def test_wrong_password_and_unknown_account_get_the_same_message(client):
    UserFactory(role="lawyer", email="known@example.org")
    wrong_password = _post_login(client, "known@example.org", "not the password")
    unknown = _post_login(client, "nobody@example.org", "whatever it is")
    assert wrong_password.status_code == unknown.status_code == 401
    assert GENERIC_FAILURE in wrong_password.get_data(as_text=True)
    assert GENERIC_FAILURE in unknown.get_data(as_text=True)


def test_a_deactivated_account_cannot_sign_in(client):
    user = UserFactory(role="lawyer", active=False)
    response = _post_login(client, user.email, PASSWORD)
    assert response.status_code == 401
    assert GENERIC_FAILURE in response.get_data(as_text=True)


def test_empty_fields_are_answered_in_turkish(client):
    response = _post_login(client, "", "")
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Lütfen e-posta adresinizi girin." in text
    assert "Lütfen parolanızı girin." in text


def test_too_many_failures_pause_the_pair_with_minutes_to_wait(client, app):
    user = UserFactory(role="lawyer")
    for _ in range(5):
        assert _post_login(client, user.email, "wrong password").status_code == 401
    paused = _post_login(client, user.email, PASSWORD)  # even the right password now gets no session
    assert paused.status_code == 429
    assert "1 dakika" in paused.get_data(as_text=True) and "bağlantı" in paused.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302


def test_the_account_limit_pauses_only_addresses_the_account_never_used(app):
    user = UserFactory(role="lawyer")
    first, second = app.test_client(), app.test_client()
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "5 per 15 minutes"
    for _ in range(5):
        _post_login(first, user.email, "wrong password")
    token = csrf_token_from(second.get("/login", environ_base={"REMOTE_ADDR": "10.9.9.9"}))
    response = second.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert response.status_code == 429


def test_one_address_trying_many_accounts_is_paused_for_new_accounts(client, app):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    for n in range(3):
        _post_login(client, f"guess{n}@example.org", "password guess")
    real = UserFactory(role="lawyer")
    assert _post_login(client, real.email, PASSWORD).status_code == 429


def test_a_success_clears_the_account_failures(client):
    user = UserFactory(role="lawyer")
    for _ in range(4):
        _post_login(client, user.email, "wrong password")
    assert _post_login(client, user.email, PASSWORD).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/desk/"))})
    for _ in range(4):
        assert _post_login(client, user.email, "wrong password").status_code == 401


def test_login_without_csrf_token_is_refused(client):
    user = UserFactory(role="lawyer")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Form süresi doldu" in response.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302  # still signed out


def test_logout_needs_post_with_csrf(client, login):
    user = UserFactory(role="lawyer")
    login(user)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    token = csrf_token_from(client.get("/desk/"))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/desk/").status_code == 302


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "/\\evil.example/x", "/\t/evil.example", "https://evil.example/", "desk"]
)
def test_open_redirect_after_login_is_ignored(client, target):
    user = UserFactory(role="lawyer")
    token = csrf_token_from(client.get("/login"))
    response = client.post(
        "/login", query_string={"next": target}, data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"] == "/desk/"


def test_sign_in_returns_to_the_page_asked_for(client):
    user = UserFactory(role="lawyer")
    assert client.get("/desk/deadlines").headers["Location"].startswith("/login?next=")
    token = csrf_token_from(client.get("/login"))
    response = client.post(
        "/login?next=/desk/deadlines", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"] == "/desk/deadlines"


def test_session_cookie_is_httponly_and_samesite(client):
    user = UserFactory(role="lawyer")
    response = _post_login(client, user.email, PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_passwords_are_stored_as_argon2_hashes(db):
    user = UserFactory(role="lawyer")
    assert user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash


def test_an_outdated_password_hash_is_upgraded_at_sign_in(client, db):
    from argon2 import PasswordHasher

    user = UserFactory(role="lawyer")
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(PASSWORD)
    db.session.commit()
    old_hash = user.password_hash
    assert _post_login(client, user.email, PASSWORD).status_code == 302
    db.session.refresh(user)
    assert user.password_hash != old_hash and user.check_password(PASSWORD)


def test_behind_a_proxy_the_forwarded_address_is_rate_limited(app):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "2 per 15 minutes"
    from app import create_app

    proxied = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "PROXY_FIX_HOPS": 1,
            "LOGIN_LIMIT_PER_ADDRESS": "2 per 15 minutes",
        },
    )
    client = proxied.test_client()
    headers = {"X-Forwarded-For": "203.0.113.7"}
    for n in range(2):
        token = csrf_token_from(client.get("/login", headers=headers))
        client.post(
            "/login", data={"email": f"x{n}@example.org", "password": "nope nope", "csrf_token": token}, headers=headers
        )
    token = csrf_token_from(client.get("/login", headers=headers))
    blocked = client.post(
        "/login", data={"email": "y@example.org", "password": "nope", "csrf_token": token}, headers=headers
    )
    assert blocked.status_code == 429
    other = {"X-Forwarded-For": "203.0.113.8"}  # another client behind the same proxy is not paused
    token = csrf_token_from(client.get("/login", headers=other))
    allowed = client.post(
        "/login", data={"email": "y@example.org", "password": "nope", "csrf_token": token}, headers=other
    )
    assert allowed.status_code == 401


def test_a_new_password_ends_the_other_sessions(app, client, login, db):
    lawyer = UserFactory(role="lawyer")
    login(lawyer)
    assert client.get("/desk/").status_code == 200
    lawyer.set_password("a brand new password")
    db.session.commit()
    assert client.get("/desk/").headers["Location"].startswith("/login")


def test_a_session_naming_only_a_user_id_is_not_accepted(app, client, db):
    lawyer = UserFactory(role="lawyer")
    with client.session_transaction() as session:
        session["_user_id"] = str(lawyer.id)
        session["_fresh"] = True
    assert client.get("/desk/").status_code == 302


def test_remember_me_lasts_a_month_in_a_secret_httponly_cookie(client):
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime

    user = UserFactory(role="lawyer")
    token = csrf_token_from(client.get("/login"))
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "remember": "y", "csrf_token": token}
    )
    remember = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    assert "HttpOnly" in remember and "SameSite=Lax" in remember
    expires = parsedate_to_datetime(remember.split("Expires=")[1].split(";")[0])
    assert timedelta(days=29) < expires - datetime.now(UTC) <= timedelta(days=30)


REDIS_URL = os.environ.get("DAYANAK_TEST_REDIS", "redis://127.0.0.1:6379/0")


def test_failed_sign_ins_are_counted_in_redis_for_every_app_process(app, database_url, tmp_path):
    """With RATELIMIT_STORAGE_URI=redis://…, each gunicorn worker (here: a new app) sees the same lock."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} (set DAYANAK_TEST_REDIS)")
    from app import create_app

    user = UserFactory(role="lawyer", email=f"redis-{uuid.uuid4().hex}@example.org")
    address = {"REMOTE_ADDR": f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"}

    def worker():
        return create_app(
            "testing",
            {"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_STORAGE_URI": REDIS_URL, "UPLOAD_DIR": str(tmp_path)},
        ).test_client()

    def attempt(client, password):
        token = csrf_token_from(client.get("/login", environ_base=address))
        return client.post(
            "/login", data={"email": user.email, "password": password, "csrf_token": token}, environ_base=address
        )

    first = worker()
    for _ in range(5):
        assert attempt(first, "wrong password").status_code == 401
    try:
        assert attempt(worker(), PASSWORD).status_code == 429
    finally:
        keys = redis.Redis.from_url(REDIS_URL).keys(f"*{user.email}*") + redis.Redis.from_url(REDIS_URL).keys(
            f"*{address['REMOTE_ADDR']}*"
        )
        if keys:
            redis.Redis.from_url(REDIS_URL).delete(*keys)
