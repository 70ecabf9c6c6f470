"""Sending a protected download: always an attachment, never sniffed, sandboxed, never cached."""

import io

from flask import Response, send_file

from app.services.downloads import Download

# A file opened by mistake in the browser runs no script and reaches nothing.
SANDBOX_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


def send_download(download: Download) -> Response:
    """The response for ``download`` (Content-Disposition: attachment) with the sandbox headers."""
    source = download.path if download.path is not None else io.BytesIO(download.content or b"")
    response = send_file(
        source, mimetype=download.mimetype, as_attachment=True, download_name=download.filename, max_age=0
    )
    response.headers.update(SANDBOX_HEADERS)
    return response
