from flask import Blueprint

bp = Blueprint("desk", __name__, url_prefix="/desk")

from app.desk import deadlines, documents, proceedings, routes  # noqa: E402,F401  (they register their routes on bp)
