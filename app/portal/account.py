"""A member's own data: download everything, or ask for the account to be erased."""

from datetime import date

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.access import allow
from app.portal import bp
from app.portal.forms import ConfirmForm, ErasureForm
from app.services import member_data
from cases.vocabulary import Role


@bp.get("/my-data")
@allow(Role.MEMBER)
def my_data():
    return render_template("portal/my_data.html", export_form=ConfirmForm(), erase_form=ErasureForm(formdata=None))


@bp.post("/my-data/export")
@allow(Role.MEMBER)
def export_data():
    if not ConfirmForm().validate_on_submit():
        flash(_("For your security the form has expired. Please try again."), "warning")
        return redirect(url_for(".my_data"))
    content = member_data.export_member_data(current_user)
    filename = f"dayanak-verilerim-{date.today().isoformat()}.zip"
    return Response(
        content,
        mimetype="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


@bp.post("/my-data/erase")
@allow(Role.MEMBER)
def erase():
    form = ErasureForm()
    if form.validate_on_submit() and not current_user.check_password(form.password.data):
        form.password.errors = [_("The password is not correct.")]
    elif form.validate_on_submit():
        member_data.erase_member(current_user)
        logout_user()
        flash(_("Your account was closed and your personal details were removed. Thank you."), "info")
        return redirect(url_for("main.index"))
    return render_template("portal/my_data.html", export_form=ConfirmForm(), erase_form=form), 400
