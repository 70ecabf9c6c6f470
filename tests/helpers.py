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
