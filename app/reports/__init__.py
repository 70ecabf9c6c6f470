from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")

from app.reports import publishing, routes  # noqa: E402,F401


@bp.app_template_filter("cell")
def _cell(value: object) -> str:
    from app.reports.formatting import format_cell

    return format_cell(value)
