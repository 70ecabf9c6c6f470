"""Reports for administrators: where the cases stand, what they are about, how they end."""

from flask import render_template
from flask_login import current_user

from app.access import allow
from app.queries.reports import case_report
from app.reports import bp
from cases.vocabulary import Role


@bp.get("/")
@allow(Role.ADMIN)
def overview():
    return render_template("reports/overview.html", report=case_report(current_user))
