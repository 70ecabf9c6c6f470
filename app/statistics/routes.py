"""Public pages of published statistics: the stored snapshot, never a live query over cases."""

import sqlalchemy as sa
from flask import abort, render_template
from flask_babel import gettext as _

from app import labels
from app.access import public
from app.extensions import db
from app.models import PublishedStatistics
from app.statistics import bp


@bp.get("/")
@public
def index():
    snapshots = db.session.scalars(
        sa.select(PublishedStatistics)
        .where(PublishedStatistics.withdrawn_at.is_(None))
        .order_by(PublishedStatistics.published_at.desc())
        .limit(100)
    ).all()
    return render_template("statistics/index.html", snapshots=snapshots)


@bp.get("/<int:snapshot_id>")
@public
def show(snapshot_id: int):
    snapshot = db.session.get(PublishedStatistics, snapshot_id)
    if snapshot is None or snapshot.withdrawn_at is not None:
        abort(404)
    return render_template(
        "statistics/show.html",
        snapshot=snapshot,
        figures=snapshot.figures,
        category_name=lambda key: labels.label(labels.CATEGORIES, key),
        outcome_name=lambda key: labels.label(labels.OUTCOMES, key),
        province_name=lambda key: key or _("Not recorded"),
    )
