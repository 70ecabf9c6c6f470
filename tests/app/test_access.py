"""Every route declares who may open it, and the declaration is enforced."""

import pytest

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
        "auth.confirm_email",
        "auth.forgot_password",
        "auth.reset_password",
        "desk.calendar_feed",
        "portal.institution_search",
        "auth.privacy_notice",
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
