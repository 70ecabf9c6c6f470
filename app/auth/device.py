"""The cookie of a browser that need not ask for the second factor for 30 days."""

from flask import current_app
from werkzeug.wrappers import Response

from app.services.second_factor import DEVICE_DAYS

DEVICE_COOKIE = "dayanak_device"


def remember_device(response: Response, token: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=DEVICE_DAYS * 24 * 3600,
        httponly=True,
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        samesite="Lax",
    )
