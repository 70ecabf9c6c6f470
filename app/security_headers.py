"""Security headers on every response (Flask-Talisman), and no caching of pages.

The Content-Security-Policy allows scripts, styles, fonts and connections from this site only
and no inline script or style attribute anywhere (a test checks the templates); images may also
be data: URIs (Bootstrap's form icons, the enrolment QR code). No page may be framed.
"""

from flask import Flask, request
from flask_talisman import Talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


class SecurityHeaders(Talisman):
    """Talisman that keeps a stricter policy a response already carries (a sandboxed download's)."""

    def _set_content_security_policy_headers(self, headers, options):
        if "Content-Security-Policy" in headers:
            options = {**options, "content_security_policy": None}
        super()._set_content_security_policy_headers(headers, options)


def header_options(**options):
    """Per-view Talisman options (e.g. ``force_https=False``), read by each app's instance."""

    def decorate(view):
        view.talisman_view_options = options
        return view

    return decorate


def init_security_headers(app: Flask) -> None:
    """One Talisman per app: the extension keeps its settings on itself, and tests build many apps."""
    cfg = app.config
    app.extensions["talisman"] = SecurityHeaders(
        app,
        force_https=bool(cfg.get("FORCE_HTTPS")),
        strict_transport_security=bool(cfg.get("FORCE_HTTPS")),
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="same-origin",
        # Talisman would force these on every request; the configuration decides (Secure in production).
        session_cookie_secure=bool(cfg.get("SESSION_COOKIE_SECURE")),
        session_cookie_samesite=cfg.get("SESSION_COOKIE_SAMESITE", "Lax"),
    )

    @app.after_request
    def _no_store(response):
        # Pages show case files and personal data: no browser or proxy may keep a copy.
        # Static assets hold none and stay cacheable.
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response
