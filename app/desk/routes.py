"""The staff desk: the queue of cases in the user's scope."""

import sqlalchemy as sa
from flask import render_template
from flask_login import current_user

from app.access import STAFF, allow
from app.desk import bp
from app.extensions import db
from app.models import Case
from app.queries.scope import case_scope


@bp.get("/")
@allow(*STAFF)
def queue():
    cases = db.session.scalars(
        sa.select(Case).where(case_scope(current_user)).order_by(Case.last_activity_at.desc()).limit(25)
    ).all()
    return render_template("desk/queue.html", cases=cases)
