from flask import Blueprint

bp = Blueprint("desk", __name__, url_prefix="/desk")

from app.desk import deadlines, documents, routes  # noqa: E402,F401
