from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/portal")

from app.portal import account, filing, routes  # noqa: E402,F401
