"""Ids beyond the database's range answer 404 and NUL characters 400, never 500, on both databases."""

import re

import pytest

from app import create_app
from app.access import PUBLIC, policy_of
from app.request_guards import MAX_ID, bounded_int
from tests.factories import PASSWORD, MemberFactory, UserFactory, user_of
from tests.helpers import csrf_token_from

HUGE_IDS = [str(MAX_ID + 1), "99999999999999999999"]


def _id_routes() -> list[tuple[str, str, str]]:
    """(endpoint, rule, method) for every route that takes an integer id."""
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    found = []
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, rule.rule, method))
    return found


ID_ROUTES = _id_routes()


def test_the_id_routes_are_found():
    endpoints = {endpoint for endpoint, _rule, _method in ID_ROUTES}
    assert {"desk.case_detail", "admin.user_edit"} <= endpoints
    assert any("attachment" in rule for _e, rule, _m in ID_ROUTES)


def _sign_in_for(app, client, endpoint: str) -> None:
    """Sign in as someone the route admits, so the request reaches the route's own lookup."""
    policy = policy_of(app.view_functions[endpoint])
    if policy == PUBLIC:
        return
    role = next(r for r in ("admin", "lawyer", "officer", "member") if r in policy)
    user = user_of(MemberFactory()) if role == "member" else UserFactory(role=role)
    token = csrf_token_from(client.get("/login"))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize(("endpoint", "rule", "method"), ID_ROUTES, ids=[f"{m} {r}" for _e, r, m in ID_ROUTES])
def test_an_id_beyond_the_databases_range_is_not_found(app, client, endpoint, rule, method):
    _sign_in_for(app, client, endpoint)
    signed_in = client.get_cookie("session") is not None

    def answer(an_id: str) -> int:
        url = re.sub(r"<(?:\w+:)?\w+>", "x", re.sub(r"<int:\w+>", an_id, rule))
        data = {"csrf_token": csrf_token_from(client.get("/account"))} if method == "POST" and signed_in else {}
        return client.open(url, method=method, data=data).status_code

    # A huge id is answered as an id that names nothing: 404, or the route's own answer for a
    # record already gone (deleting a saved filter twice says so and goes back to the queue).
    missing = answer("999999")
    assert missing in (303, 404), f"{method} {rule}: a missing id answers {missing}"
    for huge in HUGE_IDS:
        assert answer(huge) == missing, f"{method} {rule} with {huge}"


def test_the_largest_id_the_database_takes_is_simply_not_found(client, login):
    login(UserFactory(role="lawyer"))
    assert client.get(f"/desk/cases/{MAX_ID}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/portal/institutions/search?province=Ankara%00",
        "/portal/institutions/search?province=Ankara&q=%00",
        "/login?next=/desk/%00",
        "/register?province=%00",
        "/?a%00=1",
    ],
)
def test_a_nul_character_in_the_query_string_is_refused(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert 'data-error-code="400"' in response.get_data(as_text=True)


def test_a_nul_character_in_a_signed_in_query_is_refused(client, login):
    login(UserFactory(role="lawyer"))
    assert client.get("/desk/?q=ay%00se").status_code == 400


def test_a_nul_character_in_a_form_field_is_refused(client, db):
    token = csrf_token_from(client.get("/login"))
    response = client.post("/login", data={"email": "a@example.org\x00", "password": "x\x00y", "csrf_token": token})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


@pytest.mark.parametrize(("value", "ok"), [("12", True), ("-3", True), (str(MAX_ID), True), (str(MAX_ID + 1), False)])
def test_bounded_int_takes_only_what_a_database_takes(value, ok):
    if ok:
        assert bounded_int(value) == int(value)
    else:
        with pytest.raises(ValueError):
            bounded_int(value)


@pytest.mark.parametrize("url", ["/admin/users?page=99999999999999999999", "/admin/members?union=99999999999999999999"])
def test_huge_numbers_in_query_strings_fall_back_to_the_default(client, login, url):
    login(UserFactory(role="admin"))
    assert client.get(url).status_code == 200
