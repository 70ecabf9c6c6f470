"""The public statistics: anonymised figures admins published, for anyone to read."""

from flask import Blueprint

bp = Blueprint("statistics", __name__, url_prefix="/statistics")

from app.statistics import routes  # noqa: E402,F401
