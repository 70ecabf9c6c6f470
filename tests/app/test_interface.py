"""The base layout on every page: labelled fields, local assets only, role navigation."""

from html.parser import HTMLParser

import pytest

from app.access import PUBLIC, policy_of
from app.demo_data import DEMO_PASSWORD
from tests.helpers import csrf_token_from

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _PageParser(HTMLParser):
    """Collects form controls, labels and the assets a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.label_targets: set[str] = set()
        self.assets: list[str] = []
        self.nav_links: list[str] = []
        self._label_depth = 0
        self._in_nav = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_targets.add(attrs["for"])
        elif tag in {"input", "select", "textarea"}:
            if attrs.get("type", "text") not in UNLABELLED_TYPES:
                self.controls.append({**attrs, "tag": tag, "wrapped": self._label_depth > 0})
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "nav" and attrs.get("aria-label"):
            self._in_nav = True
        elif tag == "a" and self._in_nav and "nav-link" in (attrs.get("class") or ""):
            self.nav_links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1
        elif tag == "nav":
            self._in_nav = False

    def unlabelled(self) -> list[str]:
        return [
            control.get("name") or control.get("id") or control["tag"]
            for control in self.controls
            if not control["wrapped"]
            and control.get("id") not in self.label_targets
            and not control.get("aria-label")
            and not control.get("aria-labelledby")
        ]


def _parse(response) -> _PageParser:
    parser = _PageParser()
    parser.feed(response.get_data(as_text=True))
    return parser


def _pages_for(app, role: str) -> list[str]:
    """Every GET page without URL arguments that ``role`` (or an anonymous visitor) may open."""
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in rule.methods or rule.arguments:
            continue
        declared = policy_of(app.view_functions[rule.endpoint])
        if (role == "anonymous" and declared == PUBLIC) or (
            role != "anonymous" and declared != PUBLIC and role in declared
        ):
            urls.append(rule.rule)
    return sorted(urls)


def _record_pages(db, role: str) -> list[str]:
    """Pages of single records: a case of the role's union, and the admin's edit forms."""
    from app.models import Case, Institution, Union, User

    first_case = db.session.scalars(db.select(Case).order_by(Case.id)).first()
    social_case = db.session.scalars(db.select(Case).where(Case.kind != "legal").order_by(Case.id)).first()
    if role == "member":
        return [f"/portal/cases/{first_case.reference}", f"/portal/cases/{first_case.reference}/withdraw"]
    if role in {"lawyer", "admin"}:
        pages = [f"/desk/cases/{first_case.id}", f"/desk/cases/{first_case.id}/deadlines"]
        if role == "admin":
            pages += [
                f"/admin/users/{db.session.scalar(db.select(User.id).limit(1))}",
                f"/admin/unions/{db.session.scalar(db.select(Union.id).limit(1))}",
                f"/admin/institutions/{db.session.scalar(db.select(Institution.id).limit(1))}",
            ]
        return pages
    if role == "officer":
        return [f"/desk/cases/{social_case.id}"]
    return []


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def _sign_in(client, email: str) -> None:
    token = csrf_token_from(client.get("/login"))
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD, "csrf_token": token})
    assert response.status_code == 302


ROLE_ACCOUNTS = [
    ("anonymous", None),
    ("member", "uye@dayanak.test"),
    ("lawyer", "avukat@dayanak.test"),
    ("officer", "sosyal@dayanak.test"),
    ("admin", "admin@dayanak.test"),
]


@pytest.mark.parametrize(("role", "email"), ROLE_ACCOUNTS)
def test_every_page_labels_its_fields_and_loads_only_local_assets(app, client, demo, db, role, email):
    if email:
        _sign_in(client, email)
    urls = _pages_for(app, role)
    records = _record_pages(db, role)
    urls += records
    assert len(urls) >= 2
    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 or url not in records, url
        if response.status_code != 200 or response.mimetype != "text/html":
            continue  # feeds, downloads and redirects have no form to check
        page = _parse(response)
        remote = [asset for asset in page.assets if "://" in asset or asset.startswith("//")]
        missing = page.unlabelled()
        if remote or missing:
            problems[url] = {"remote assets": remote, "unlabelled fields": missing}
        assert page.assets and all(asset.startswith("/static/") for asset in page.assets), url
    assert problems == {}


@pytest.mark.parametrize(
    ("email", "expected", "absent"),
    [
        ("uye@dayanak.test", {"/portal/", "/portal/new"}, {"/desk/", "/admin/users"}),
        ("avukat@dayanak.test", {"/desk/", "/desk/deadlines"}, {"/portal/", "/admin/users"}),
        ("sosyal@dayanak.test", {"/desk/"}, {"/portal/", "/desk/deadlines", "/admin/users"}),
        ("admin@dayanak.test", {"/admin/", "/admin/users", "/admin/unions", "/admin/institutions"}, {"/portal/"}),
    ],
)
def test_the_navigation_shows_each_role_its_own_places(client, demo, email, expected, absent):
    _sign_in(client, email)
    links = {link.split("?")[0] for link in _parse(client.get("/", follow_redirects=True)).nav_links}
    assert expected <= links
    assert not (absent & links)
