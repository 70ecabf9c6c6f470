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


def _role_for(policy) -> str:
    """Someone the route admits, so the request reaches the route's own lookup."""
    if policy == PUBLIC:
        return "anonymous"
    return next(r for r in ("admin", "lawyer", "officer", "member") if r in policy)


@pytest.mark.parametrize("role", ["anonymous", "member", "lawyer", "officer", "admin"])
def test_an_id_beyond_the_databases_range_is_not_found(app, client, role):
    """Every id route (GET and POST), each asked by a user it admits, with ids past PostgreSQL's integer."""
    routes = [(r, m) for e, r, m in ID_ROUTES if _role_for(policy_of(app.view_functions[e])) == role]
    if role != "anonymous":
        user = user_of(MemberFactory()) if role == "member" else UserFactory(role=role)
        token = csrf_token_from(client.get("/login"))
        assert (
            client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}).status_code
            == 302
        )
    token = csrf_token_from(client.get("/login" if role == "anonymous" else "/account"))
    wrong = []
    for rule, method in routes:
        for huge in HUGE_IDS:
            url = re.sub(r"<(?:\w+:)?\w+>", "x", re.sub(r"<int:\w+>", huge, rule))
            response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
            if response.status_code not in (404, 405):  # 405: a same-looking route by reference, other methods
                wrong.append(f"{method} {url}: {response.status_code}")
    assert wrong == []


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
