"""Links that leave the site (mails, calendar feeds) are built from the configured base URL.

``url_for(..., _external=True)`` takes the host from the request, and the request's Host header
is whatever the client sent: a password-reset mail would carry a stranger's host. These helpers
never look at the request.
"""

from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` under ``BASE_URL`` (works in and outside a request)."""
    parts = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)
