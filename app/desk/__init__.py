from flask import Blueprint

bp = Blueprint("desk", __name__, url_prefix="/desk")

from app.desk import actions, case_page, deadlines, documents, my_desk, proceedings, queue  # noqa: E402,F401  (they register their routes on bp)
