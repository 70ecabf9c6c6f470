"""Sign in and sign out."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from app.access import ANY_SIGNED_IN, allow, public, role_home_endpoint
from app.auth import bp
from app.auth.forms import LoginForm
from app.services import accounts, login_throttle


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for(role_home_endpoint(current_user.role)))
    form = LoginForm()
    if form.validate_on_submit():
        email = accounts.normalize_email(form.email.data)
        address = request.remote_addr or "unknown"
        lockout = login_throttle.check_lockout(email, address)
        if lockout:
            message = ngettext(
                "Too many failed attempts. Please try again in %(num)d minute.",
                "Too many failed attempts. Please try again in %(num)d minutes.",
                lockout.minutes,
            )
            return render_template("auth/login.html", form=form, lockout=message), 429
        user = accounts.authenticate(email, form.password.data)
        if user is None:
            login_throttle.record_failure(email, address)
            # One message whatever went wrong, so nobody learns which addresses have accounts.
            flash(_("The email address or password is incorrect."), "danger")
            return render_template("auth/login.html", form=form), 401
        login_throttle.clear_account(email, address)
        login_user(user, remember=form.remember.data)
        accounts.record_login(user)
        return redirect(_safe_next() or url_for(role_home_endpoint(user.role)))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@allow(*ANY_SIGNED_IN)
def logout():
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


def _safe_next() -> str | None:
    target = request.args.get("next")
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return None
