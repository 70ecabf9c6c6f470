"""The navigation bar differs by role: each role sees the places it works in."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from cases.vocabulary import Role

_NAV = {
    Role.MEMBER: (
        ("portal.home", _l("My cases")),
        ("portal.new_case", _l("New application")),
        ("portal.my_data", _l("My data")),
    ),
    Role.LAWYER: (
        ("desk.start", _l("My desk")),
        ("desk.queue", _l("Case queue")),
        ("desk.deadlines", _l("Deadlines")),
        ("reports.overview", _l("Reports")),
    ),
    Role.OFFICER: (
        ("desk.start", _l("My desk")),
        ("desk.queue", _l("Case queue")),
        ("reports.overview", _l("Reports")),
    ),
    Role.ADMIN: (
        ("admin.home", _l("Administration")),
        ("desk.queue", _l("Case queue")),
        ("desk.deadlines", _l("Deadlines")),
        ("admin.users", _l("Users")),
        ("admin.members", _l("Members")),
        ("admin.unions", _l("Unions")),
        ("admin.institutions", _l("Institutions")),
        ("admin.calendar_days", _l("Calendar")),
        ("admin.petition_templates", _l("Petition templates")),
        ("reports.overview", _l("Reports")),
        ("reports.statistics", _l("Public statistics")),
    ),
}


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    active: bool


def nav_items() -> list[NavItem]:
    """The navigation entries for the signed-in user, the current one marked active."""
    if not current_user.is_authenticated:
        return []
    items = []
    for endpoint, label in _NAV.get(Role(current_user.role), ()):
        items.append(NavItem(url_for(endpoint), str(label), request.endpoint == endpoint))
    return items


def local_path(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None (so a redirect never leaves the site).

    Browsers read ``/\\host`` like ``//host``, and drop tabs and newlines, so those are refused too.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) < 32 for char in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def referring_page(default: str) -> str:
    """The page of this site the request came from (the Referer), else ``default``.

    A Referer naming another host — or anything ``local_path`` refuses — never becomes a redirect.
    """
    parts = urlsplit(request.referrer or "")
    if parts.netloc != request.host:
        return default
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return local_path(path) or default
