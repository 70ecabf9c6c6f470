"""Small helpers for tests that talk to the app through the test client."""

import re

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(response) -> str:
    """The CSRF token of the first form on a page."""
    match = _TOKEN.search(response.get_data(as_text=True))
    assert match, "page has no CSRF token"
    return match.group(1)


def post_form(client, url: str, data: dict, *, page_url: str | None = None, **kwargs):
    """GET the page holding the form (for its CSRF token), then POST ``data`` to ``url``."""
    token = csrf_token_from(client.get(page_url or url))
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def assert_sandboxed_download(response) -> None:
    """A protected download: an attachment, never sniffed, sandboxed if opened, never cached."""
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert "no-store" in response.headers["Cache-Control"]
