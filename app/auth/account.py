"""The signed-in user's own account: where they are signed in, and signing out everywhere."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.access import ANY_SIGNED_IN, allow
from app.auth import bp
from app.auth.forms import SignOutEverywhereForm
from app.services import sessions


@bp.get("/account")
@allow(*ANY_SIGNED_IN)
def account():
    from app.auth.two_factor import account_context

    return render_template(
        "auth/account.html",
        sign_out_form=SignOutEverywhereForm(),
        open_sessions=sessions.open_sessions(current_user),
        **account_context(),
    )


@bp.post("/account/sign-out-everywhere")
@allow(*ANY_SIGNED_IN)
def sign_out_everywhere():
    if not SignOutEverywhereForm().validate_on_submit():
        flash(_("For your security the form has expired. Please try again."), "warning")
        return redirect(url_for(".account"))
    sessions.sign_out_everywhere(current_user)
    logout_user()
    flash(_("You have signed out on every device. Sign in again to continue."), "info")
    return redirect(url_for(".login"))
