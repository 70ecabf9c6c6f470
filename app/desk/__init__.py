from flask import Blueprint

bp = Blueprint("desk", __name__, url_prefix="/desk")

from app.desk import routes  # noqa: E402,F401
from app.desk import deadlines  # noqa: E402,F401
from app.desk import documents  # noqa: E402,F401
