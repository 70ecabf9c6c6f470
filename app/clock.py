"""The application's clock: every "now" and "today" of the app comes from here.

A member in Istanbul lives in Istanbul's day, whatever zone the server's clock is set to:
between 21:00 and 24:00 UTC the date in Istanbul is already tomorrow. So ``today()`` is the
date in the installation's zone (``BABEL_DEFAULT_TIMEZONE``), never the machine's, and tests
take their dates from here too, so they agree with the pages at any hour.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Europe/Istanbul"


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


def zone() -> ZoneInfo:
    """The installation's time zone (Europe/Istanbul unless configured otherwise)."""
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE", DEFAULT_ZONE) if has_app_context() else DEFAULT_ZONE
    return ZoneInfo(name)


def local(value: datetime, in_zone: ZoneInfo | None = None) -> datetime:
    """An instant as the installation's wall clock shows it (naive values are taken as local).

    ``in_zone``: the installation's zone as ``zone()`` gave it, for a page that shows many instants.
    """
    return value.astimezone(in_zone or zone()) if value.tzinfo else value


def today() -> date:
    """Today's date in the installation's zone."""
    return local(now()).date()


def start_of_day(day: date) -> datetime:
    """Midnight of ``day`` in the installation's zone, as a UTC instant."""
    return datetime.combine(day, time.min, tzinfo=zone()).astimezone(UTC)
