"""Who may open which route: one mechanism, deny by default.

Every view declares its policy with ``@public`` or ``@allow(Role…)``. A ``before_request``
hook enforces it before the view runs: an undeclared view is refused, an anonymous user is
sent to sign in, a signed-in user without the role gets the 403 page. Scope (which cases
a user may see) is enforced by ``app.queries.scope``: a case outside it is a 404.
"""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, abort, request
from flask_login import current_user

from cases.vocabulary import Role

View = TypeVar("View", bound=Callable)

PUBLIC = "public"


def public(view: View) -> View:
    """Anyone, signed in or not, may open this view."""
    view._access = PUBLIC  # type: ignore[attr-defined]
    return view


def allow(*roles: Role) -> Callable[[View], View]:
    """Only signed-in, active users with one of ``roles`` may open this view."""

    def decorate(view: View) -> View:
        view._access = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return decorate


ANY_SIGNED_IN = tuple(Role)
STAFF = (Role.LAWYER, Role.OFFICER, Role.ADMIN)


def policy_of(view: Callable) -> str | frozenset | None:
    """The declared policy of a view function (through decorators that used functools.wraps)."""
    while view is not None:
        declared = getattr(view, "_access", None)
        if declared is not None:
            return declared
        view = getattr(view, "__wrapped__", None)
    return None


def enforce_access(app: Flask) -> None:
    """Install the hook that checks each request against its view's policy."""
    login_manager = app.login_manager  # type: ignore[attr-defined]

    @app.before_request
    def _check_access():
        if request.endpoint is None:
            return None  # 404 or 405: nothing to protect
        view = app.view_functions.get(request.endpoint)
        if view is None:
            return None
        if request.endpoint == "static":
            return None
        declared = policy_of(view)
        if declared is None:
            # A view nobody declared a policy for is a programming error; refuse it.
            abort(403)
        if declared == PUBLIC:
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role not in declared:
            abort(403)
        return None


def role_home_endpoint(role: str) -> str:
    """Where each role lands after signing in."""
    return {
        Role.MEMBER: "portal.home",
        Role.LAWYER: "desk.queue",
        Role.OFFICER: "desk.queue",
        Role.ADMIN: "admin.home",
    }[Role(role)]
