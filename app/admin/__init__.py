from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from app.admin import routes  # noqa: E402,F401
from app.admin import calendar  # noqa: E402,F401
from app.admin import petition_templates  # noqa: E402,F401
from app.admin import members, roll  # noqa: E402,F401
