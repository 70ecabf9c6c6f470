"""Input no database can take is refused before it reaches one: huge ids and NUL characters.

An id in a URL beyond the database's integer range used to reach the query and fail there
(PostgreSQL: "integer out of range"; SQLite: an integer too large to bind), answering 500.
The ``int`` URL converter of the app reads such an id as -1, which no row has,
so the route's own lookup answers 404, like any id that names nothing. (Failing the match
instead would answer 405 where a GET and a POST route share the path: Werkzeug counts the
other method's rule as a match before it converts.) PostgreSQL cannot store a NUL character in
text at all, so a query string or form carrying one is refused with 400 here, in one place.
"""

from flask import Flask, request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL's integer; the largest id any table hands out


NO_ROW = -1  # what an id beyond MAX_ID reads as: no table hands out a negative id (and -1 is not falsy)


class DatabaseIdConverter(IntegerConverter):
    """``<int:…>`` whose ids beyond MAX_ID read as NO_ROW, so the lookup finds nothing (404)."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= MAX_ID else NO_ROW


def bounded_int(value: str) -> int:
    """``request.args.get(name, type=bounded_int)``: a whole number a database can take, else the default."""
    number = int(value)
    if not -MAX_ID <= number <= MAX_ID:
        raise ValueError(f"{value!r} is out of range")
    return number


class NulCharacter(BadRequest):
    """A query string or form field carried a NUL character."""


def _has_nul(items) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in items)


def install_request_guards(app: Flask) -> None:
    """Bound the ``int`` converter (before any route is added) and refuse NUL characters."""
    app.url_map.converters["int"] = DatabaseIdConverter

    @app.before_request
    def _refuse_nul_characters():
        if "\x00" in request.path or _has_nul(request.args.lists()):
            raise NulCharacter()
        if request.method in {"POST", "PUT", "PATCH"} and _has_nul(request.form.lists()):
            raise NulCharacter()
