"""Every route declares who may open it, and the declaration is enforced."""

import pytest
from werkzeug.routing import IntegerConverter

from app.access import PUBLIC, policy_of
from tests.factories import MemberFactory, UserFactory, make_case, user_of

ADMIN_PAGES = [
    "/admin/",
    "/admin/users",
    "/admin/users/new",
    "/admin/unions",
    "/admin/unions/new",
    "/admin/institutions",
    "/admin/institutions/new",
]


def test_every_endpoint_declares_an_access_policy(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and policy_of(app.view_functions[rule.endpoint]) is None
    ]
    assert undeclared == []


def test_public_endpoints_are_only_the_expected_ones(app):
    public = sorted(
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and policy_of(app.view_functions[rule.endpoint]) == PUBLIC
    )
    allowed_public = {
        "main.index",
        "main.set_language",
        "main.health",
        "auth.login",
        "auth.register",
        "auth.registration_sent",
        "auth.confirm_email",
        "auth.forgot_password",
        "auth.reset_password",
        "auth.sign_in_link",
        "auth.second_factor_step",
        "desk.calendar_feed",
        "portal.institution_search",
        "auth.privacy_notice",
        "statistics.index",  # published anonymised figures, stored snapshots only
        "statistics.show",
    }
    assert set(public) <= allowed_public


def test_an_undeclared_view_is_refused(app, client):
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    assert client.get("/undeclared").status_code == 403


@pytest.mark.parametrize("role", ["member", "lawyer", "officer"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_are_forbidden_to_other_roles(client, login, role, url):
    user = user_of(MemberFactory()) if role == "member" else UserFactory(role=role)
    login(user)
    response = client.get(url)
    assert response.status_code == 403
    assert "Erişim engellendi" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_send_anonymous_visitors_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_admin_post_actions_are_forbidden_to_lawyers(client, login):
    lawyer = UserFactory(role="lawyer")
    victim = UserFactory(role="officer")
    login(lawyer)
    from tests.helpers import csrf_token_from

    token = csrf_token_from(client.get("/desk/"))
    response = client.post(f"/admin/users/{victim.id}/deactivate", data={"csrf_token": token, "version": 1})
    assert response.status_code == 403
    assert victim.active


def test_members_cannot_open_the_desk(client, login):
    login(user_of(MemberFactory()))
    assert client.get("/desk/").status_code == 403


def test_staff_cannot_open_the_member_portal(client, login):
    login(UserFactory(role="lawyer"))
    assert client.get("/portal/").status_code == 403


def test_case_scope_by_role_and_union(app, db):
    from werkzeug.exceptions import NotFound

    from app.queries.scope import get_case_or_404

    member = MemberFactory()
    from app.models import Union

    other_member = MemberFactory(union=db.session.get(Union, member.union_id))
    legal = make_case(member)
    social = make_case(member, kind="social", category="bereavement")
    union_lawyer = UserFactory(role="lawyer", union_id=member.union_id)
    foreign_lawyer = UserFactory(role="lawyer", union_id=MemberFactory().union_id)
    confederation_lawyer = UserFactory(role="lawyer", union_id=None)
    officer = UserFactory(role="officer", union_id=member.union_id)

    def visible(user, case):
        try:
            return get_case_or_404(user, case.id) is not None
        except NotFound:
            return False

    assert visible(user_of(member), legal) and visible(user_of(member), social)
    assert not visible(user_of(other_member), legal)
    assert visible(union_lawyer, legal) and not visible(union_lawyer, social)
    assert not visible(foreign_lawyer, legal)
    assert visible(confederation_lawyer, legal)
    assert visible(officer, social) and not visible(officer, legal)


def _sample_url(rule) -> str:
    """A URL of ``rule`` with placeholder arguments (the access check runs before the view loads them)."""
    values = {
        name: 1 if isinstance(converter, IntegerConverter) else "x" for name, converter in rule._converters.items()
    }
    return rule.build(values, append_unknown=False)[1]


def _routes(app):
    """(endpoint, method, url) for every route but static files, GET preferred."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule.endpoint, method, _sample_url(rule), policy_of(app.view_functions[rule.endpoint])


@pytest.mark.parametrize("role", ["member", "lawyer", "officer", "admin"])
def test_every_route_refuses_a_role_it_does_not_declare(app, client, login, role):
    """One mechanism for every route: each one a role is not allowed into answers 403 to it."""
    user = user_of(MemberFactory()) if role == "member" else UserFactory(role=role)
    login(user)
    from tests.helpers import csrf_token_from

    token = csrf_token_from(client.get("/", follow_redirects=True))
    checked, wrong = 0, []
    for endpoint, method, url, declared in _routes(app):
        if declared == PUBLIC or role in declared:
            continue
        response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
        checked += 1
        if response.status_code != 403 or "Erişim engellendi" not in response.get_data(as_text=True):
            wrong.append((endpoint, method, url, response.status_code))
    assert wrong == []
    assert checked > (0 if role == "admin" else 10)


def test_the_user_union_and_institution_pages_are_for_administrators_only(app):
    declared = {
        rule.endpoint: policy_of(app.view_functions[rule.endpoint])
        for rule in app.url_map.iter_rules()
        if app.view_functions[rule.endpoint].__module__ == "app.admin.routes"
    }
    assert {"admin.home", "admin.users", "admin.user_edit", "admin.unions", "admin.institution_edit"} <= set(declared)
    assert {endpoint for endpoint, policy in declared.items() if policy != frozenset({"admin"})} == set()


def test_every_route_sends_anonymous_visitors_to_sign_in(app, client):
    wrong = []
    for endpoint, method, url, declared in _routes(app):
        if declared == PUBLIC or method != "GET":
            continue
        response = client.get(url)
        if response.status_code != 302 or not response.headers["Location"].startswith("/login?next="):
            wrong.append((endpoint, url, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_form_post_without_a_csrf_token_is_refused(app, client, login, signed_in):
    """CSRF protection covers every POST route, public or not, before the view runs."""
    if signed_in:
        login(UserFactory(role="admin"))
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) > 30
    wrong = []
    for rule in posts:
        response = client.post(_sample_url(rule), data={"version": 1})
        if response.status_code != 400 or "Form süresi doldu" not in response.get_data(as_text=True):
            wrong.append((rule.endpoint, response.status_code))
    assert wrong == []


def test_a_case_outside_the_scope_looks_exactly_like_a_missing_one(client, login, db):
    member = MemberFactory()
    case = make_case(member)
    login(UserFactory(role="lawyer", union_id=MemberFactory().union_id))
    outside = client.get(f"/desk/cases/{case.id}")
    missing = client.get(f"/desk/cases/{case.id + 1000}")
    assert outside.status_code == missing.status_code == 404
    # The same page, but for the address itself (the language switch returns to it).
    outside_page = outside.get_data(as_text=True).replace(f"/desk/cases/{case.id}", "/desk/cases/N")
    assert outside_page == missing.get_data(as_text=True).replace(f"/desk/cases/{case.id + 1000}", "/desk/cases/N")
    forbidden = client.get("/admin/users")
    assert forbidden.status_code == 403 and forbidden.get_data() != outside.get_data()
