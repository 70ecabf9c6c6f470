"""Admin: import a union's member roll (CSV or .xlsx) and read the per-row report."""

import sqlalchemy as sa
from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user

from app.access import allow
from app.admin import bp
from app.admin.forms import RollForm
from app.extensions import db
from app.i18n import domain_message
from app.models import Union
from app.services.roll_import import import_roll
from cases.member_roll import InvalidRollFile
from cases.text import sort_key
from cases.vocabulary import Role


def _form() -> RollForm:
    form = RollForm()
    query = sa.select(Union).order_by(Union.code)
    if current_user.union_id is not None:
        query = query.where(Union.id == current_user.union_id)
    unions = sorted(((u.id, f"{u.code} — {u.name}") for u in db.session.scalars(query)), key=lambda c: sort_key(c[1]))
    form.union_id.choices = [(0, _("Choose the union")), *unions]
    return form


@bp.route("/roll", methods=["GET", "POST"])
@allow(Role.ADMIN)
def roll_import():
    form = _form()
    if not form.validate_on_submit():
        return render_template("admin/roll.html", form=form), 400 if form.is_submitted() else 200
    union = db.session.get(Union, form.union_id.data)
    upload = form.file.data
    try:
        report = import_roll(upload.stream, filename=upload.filename, union_code=union.code, actor=current_user)
    except InvalidRollFile as error:
        form.file.errors = [domain_message(error), _("Nothing was imported.")]
        return render_template("admin/roll.html", form=form), 400
    messages = [(m.line_no, m.outcome.value, m.render(_)) for m in report.messages]
    return render_template("admin/roll_report.html", report=report, union=union, messages=messages)
