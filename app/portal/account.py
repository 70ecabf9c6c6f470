"""A member's own data: download everything, give or withdraw the explicit consent, or erase the account."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app import clock
from app.access import allow
from app.forms import ConfirmForm
from app.portal import bp
from app.portal.forms import ErasureForm
from app.services import member_data
from cases.vocabulary import Role


@bp.get("/my-data")
@allow(Role.MEMBER)
def my_data():
    return _page(ErasureForm(formdata=None))


def _page(erase_form: ErasureForm) -> str:
    return render_template(
        "portal/my_data.html",
        export_form=ConfirmForm(),
        consent_form=ConfirmForm(),
        erase_form=erase_form,
        consent=member_data.current_consent(current_user.id),
    )


# The routes take no id: a member can only ever see and change their own consent.
@bp.post("/my-data/consent/withdraw")
@allow(Role.MEMBER)
def withdraw_consent():
    return _change_consent(
        lambda: member_data.withdraw_consent(current_user),
        (
            _(
                "You withdrew your explicit consent. We will not share your special-category data with third "
                "parties other than courts and authorities."
            ),
            "info",
        ),
        (_("You had not given your explicit consent."), "info"),
    )


@bp.post("/my-data/consent/give")
@allow(Role.MEMBER)
def give_consent():
    return _change_consent(
        lambda: member_data.give_consent(current_user, ip_address=request.remote_addr),
        (_("Thank you: your explicit consent is recorded. You can withdraw it here at any time."), "success"),
        (_("Your explicit consent was already recorded."), "info"),
    )


def _change_consent(change, changed: tuple[str, str], unchanged: tuple[str, str]):
    """Apply ``change`` (a service call saying whether anything changed) behind the CSRF check."""
    if not ConfirmForm().validate_on_submit():
        flash(_("For your security the form has expired. Please try again."), "warning")
    else:
        flash(*(changed if change() else unchanged))
    return redirect(url_for(".my_data"))


@bp.post("/my-data/export")
@allow(Role.MEMBER)
def export_data():
    if not ConfirmForm().validate_on_submit():
        flash(_("For your security the form has expired. Please try again."), "warning")
        return redirect(url_for(".my_data"))
    content = member_data.export_member_data(current_user)
    filename = f"dayanak-verilerim-{clock.today().isoformat()}.zip"
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
    return _page(form), 400
