"""Admins publish anonymised statistics for a period, and withdraw them."""

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError

from app import clock
from app.access import allow
from app.extensions import db
from app.i18n import domain_message
from app.models import PublishedStatistics, Union
from app.reports import bp
from app.services.statistics import PublicationRefused, publish_statistics, withdraw_statistics
from cases.vocabulary import Role


def _unions() -> list[tuple[int, str]]:
    query = sa.select(Union.id, Union.code, Union.name).order_by(Union.code)
    if current_user.union_id is not None:
        query = query.where(Union.id == current_user.union_id)
    return [(i, f"{code} — {name}") for i, code, name in db.session.execute(query)]


def _page(values: dict, errors: list[str], status: int = 200):
    query = sa.select(PublishedStatistics).order_by(PublishedStatistics.published_at.desc()).limit(50)
    if current_user.union_id is not None:
        query = query.where(PublishedStatistics.union_id == current_user.union_id)
    return (
        render_template(
            "reports/statistics.html",
            snapshots=db.session.scalars(query).all(),
            unions=dict(_unions()),
            values=values,
            errors=errors,
            confederation=current_user.union_id is None,
        ),
        status,
    )


@bp.get("/statistics")
@allow(Role.ADMIN)
def statistics():
    today = clock.today()
    values = {"date_from": date(today.year - 1, 1, 1).isoformat(), "date_to": date(today.year - 1, 12, 31).isoformat(),
              "threshold": "20", "union": str(current_user.union_id or "")}  # fmt: skip
    return _page(values, [])


@bp.post("/statistics")
@allow(Role.ADMIN)
def publish():
    values = {key: request.form.get(key, "").strip() for key in ("date_from", "date_to", "threshold", "union")}
    errors = []
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return _page(values, [_("The form expired; please try again.")], 400)
    try:
        start, end = date.fromisoformat(values["date_from"]), date.fromisoformat(values["date_to"])
    except ValueError:
        errors.append(_("Please enter the period as two valid dates."))
    threshold = int(values["threshold"]) if values["threshold"].isdigit() else None
    if threshold is None:
        errors.append(_("Please enter the institution threshold as a whole number."))
    union = values["union"]
    if union and not union.isdigit():
        errors.append(_("Please choose a union from the list."))
    if errors:
        return _page(values, errors, 400)
    try:
        snapshot = publish_statistics(current_user, int(union) if union else None, start, end, threshold)
    except PublicationRefused as error:
        return _page(values, [domain_message(error)], 400)
    flash(_("The statistics were published."), "success")
    return redirect(url_for("statistics.show", snapshot_id=snapshot.id), 303)


@bp.post("/statistics/<int:snapshot_id>/withdraw")
@allow(Role.ADMIN)
def withdraw(snapshot_id: int):
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        abort(400)
    snapshot = db.session.get(PublishedStatistics, snapshot_id)
    if snapshot is None:
        abort(404)
    try:
        withdraw_statistics(current_user, snapshot)
        flash(_("The statistics were withdrawn from the public site."), "success")
    except PublicationRefused as error:
        flash(domain_message(error), "warning")
    return redirect(url_for(".statistics"), 303)
