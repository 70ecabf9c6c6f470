"""Failed sign-ins slow guessing down, but nobody can lock a real user out."""

import re

import pytest
import sqlalchemy as sa

from app.models import OutboxMessage, SignInAddress
from tests.factories import PASSWORD, UserFactory
from tests.helpers import csrf_token_from

OWNER = "198.51.100.10"
ATTACKER = "203.0.113.66"
CAFE = "192.0.2.44"


def _attempt(client, email, password, address):
    env = {"REMOTE_ADDR": address}
    token = csrf_token_from(client.get("/login", environ_base=env))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token}, environ_base=env)


def _sign_out(client, address):
    env = {"REMOTE_ADDR": address}
    token = csrf_token_from(client.get("/account", environ_base=env))
    client.post("/logout", data={"csrf_token": token}, environ_base=env)


def _links(db) -> list[str]:
    bodies = db.session.scalars(sa.select(OutboxMessage.body).where(OutboxMessage.kind == "sign_in_link"))
    return [re.search(r"http://localhost(/login/link/\S+)", body).group(1) for body in bodies]


def test_an_attackers_failures_never_refuse_the_owner_at_their_usual_address(app):
    owner = UserFactory(role="lawyer")
    phone, attacker = app.test_client(), app.test_client()
    assert _attempt(phone, owner.email, PASSWORD, OWNER).status_code == 302
    _sign_out(phone, OWNER)
    for _ in range(40):  # past the pair, the account and the address limits
        assert _attempt(attacker, owner.email, "guess", ATTACKER).status_code in (401, 429)
    assert _attempt(attacker, owner.email, "guess", ATTACKER).status_code == 429
    assert _attempt(phone, owner.email, PASSWORD, OWNER).status_code == 302


def test_one_addresses_failures_never_refuse_another_users_password_there(app):
    """Colleagues behind one office connection: one person's typos pause nobody else."""
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "5 per 15 minutes"
    careless, colleague = UserFactory(role="member"), UserFactory(role="lawyer")
    office = app.test_client()
    assert _attempt(office, colleague.email, PASSWORD, OWNER).status_code == 302
    _sign_out(office, OWNER)
    for _ in range(12):
        _attempt(office, careless.email, "typo", OWNER)
    assert _attempt(office, careless.email, PASSWORD, OWNER).status_code == 429  # their own pair pauses
    assert _attempt(office, colleague.email, PASSWORD, OWNER).status_code == 302


def test_a_paused_sign_in_with_the_right_password_gets_a_mailed_link(app, db):
    owner = UserFactory(role="lawyer")
    attacker, traveller = app.test_client(), app.test_client()
    for _ in range(12):
        _attempt(attacker, owner.email, "guess", ATTACKER)
    # The owner, at a café they never used, is paused by the account limit, like the attacker ...
    wrong = _attempt(traveller, owner.email, "not it", CAFE)
    right = _attempt(traveller, owner.email, PASSWORD, CAFE)
    assert wrong.status_code == right.status_code == 429
    notice = 'data-testid="lockout"'
    assert notice in wrong.get_data(as_text=True) and notice in right.get_data(as_text=True)
    assert _body_text(wrong) == _body_text(right)  # nothing tells a guesser the password was right
    assert traveller.get("/desk/").status_code == 302
    # ... but only the right password mailed a link, and the link signs the owner in.
    (link,) = _links(db)
    env = {"REMOTE_ADDR": CAFE}
    page = traveller.get(link, environ_base=env)
    assert page.status_code == 200 and 'data-testid="finish-sign-in"' in page.get_data(as_text=True)
    done = traveller.post(link, data={"csrf_token": csrf_token_from(page)}, environ_base=env)
    assert done.status_code == 302 and traveller.get("/desk/", environ_base=env).status_code == 200
    assert db.session.scalar(sa.select(SignInAddress.address)) == CAFE  # the café is now a known address
    # The link works once.
    assert app.test_client().get(link).status_code == 400


def _body_text(response) -> str:
    return re.sub(r'name="csrf_token"[^>]*>', "", response.get_data(as_text=True))


def test_the_pause_of_a_pair_grows_with_each_failure(app):
    owner = UserFactory(role="lawyer")
    attacker = app.test_client()
    waits = []
    for _ in range(9):
        response = _attempt(attacker, owner.email, "guess", ATTACKER)
        found = re.search(r"(\d+) dakika", response.get_data(as_text=True))
        waits.append(int(found.group(1)) if response.status_code == 429 else 0)
    assert waits == [0, 0, 0, 0, 0, 1, 2, 4, 8]


@pytest.mark.parametrize(("failures", "minutes"), [(4, 0), (5, 1), (6, 2), (9, 16), (20, 60)])
def test_pause_lengths_double_up_to_the_limit(app, failures, minutes):
    from app.services.login_throttle import pause_minutes

    assert pause_minutes(failures) == minutes


def test_a_forged_sign_in_link_is_refused(client):
    assert client.get("/login/link/not-a-token").status_code == 400
