"""Two-factor sign-in pages: the code step after the password, enrolment, and the account's settings."""

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.access import ANY_SIGNED_IN, allow, public
from app.auth import bp
from app.auth.device import remember_device
from app.auth.forms import CodeConfirmForm, EnrolForm, SecondFactorForm
from app.auth.routes import open_session
from app.extensions import db
from app.models import User
from app.services import login_throttle, second_factor

PENDING_SECONDS = 5 * 60
# What a user who must enrol may still open before enrolling.
ENROLMENT_EXEMPT = {"auth.two_factor_setup", "auth.logout", "main.set_language", "main.health", "static"}


def _pending_user() -> tuple[User | None, dict]:
    pending = session.get("second_factor") or {}
    if not isinstance(pending.get("u"), int) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, {}
    user = db.session.get(User, pending["u"])
    return (user, pending) if user is not None and user.active else (None, {})


@bp.route("/login/second-factor", methods=["GET", "POST"])
@public
def second_factor_step():
    user, pending = _pending_user()
    if user is None:
        session.pop("second_factor", None)
        flash(_("Please sign in again: the sign-in took too long."), "warning")
        return redirect(url_for(".login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        key, address = f"second-factor:{user.email}", request.remote_addr or "unknown"
        lockout = login_throttle.check_lockout(key, address)
        if lockout:
            message = ngettext(
                "Too many wrong codes. Please try again in %(num)d minute.",
                "Too many wrong codes. Please try again in %(num)d minutes.",
                lockout.minutes,
            )
            return render_template("auth/second_factor.html", form=form, lockout=message), 429
        if second_factor.verify(user, form.code.data):
            session.pop("second_factor", None)
            login_throttle.clear_pair(key, address)
            response = open_session(user, remember=bool(pending.get("r")), next_url=pending.get("next"))
            if form.remember_device.data:
                remember_device(response, second_factor.trust_device(user))
            return response
        login_throttle.record_failure(key, address)
        form.code.errors.append(_("This code is not right. Please check the time on your phone and try again."))
        return render_template("auth/second_factor.html", form=form), 401
    return render_template("auth/second_factor.html", form=form), 400 if form.is_submitted() else 200


@bp.before_app_request
def _require_enrolment():
    """Staff who must use a second factor and have none are taken to enrolment before any page."""
    if request.endpoint in ENROLMENT_EXEMPT or request.endpoint is None:
        return None
    if not current_user.is_authenticated:
        return None
    if second_factor.required_for(current_user) and not second_factor.enabled(current_user):
        return redirect(url_for("auth.two_factor_setup"))
    return None


@bp.route("/account/two-factor", methods=["GET", "POST"])
@allow(*ANY_SIGNED_IN)
def two_factor_setup():
    if second_factor.enabled(current_user):
        return redirect(url_for(".account"))
    secret = second_factor.unseal(session.get("enrol_secret"))
    if secret is None:
        secret = second_factor.new_secret()
        session["enrol_secret"] = second_factor.seal(secret)  # sealed: the session cookie is only signed
    form = EnrolForm()
    if form.validate_on_submit():
        codes = second_factor.enrol(current_user, secret, form.code.data)
        if codes is not None:
            session.pop("enrol_secret", None)
            flash(_("Two-factor sign-in is on."), "success")
            return render_template("auth/recovery_codes.html", codes=codes)
        form.code.errors.append(_("This code is not right. Please check the time on your phone and try again."))
    uri = second_factor.provisioning_uri(current_user, secret)
    return render_template(
        "auth/two_factor_setup.html",
        form=form,
        qr=second_factor.qr_data_uri(uri),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        required=second_factor.required_for(current_user),
    ), 400 if form.is_submitted() else 200


@bp.post("/account/two-factor/recovery-codes")
@allow(*ANY_SIGNED_IN)
def renew_recovery_codes():
    form = CodeConfirmForm()
    if form.validate_on_submit() and second_factor.enabled(current_user) and _current_code_ok(form.code.data):
        return render_template("auth/recovery_codes.html", codes=second_factor.new_recovery_codes(current_user))
    return redirect(url_for(".account"))


@bp.post("/account/two-factor/off")
@allow(*ANY_SIGNED_IN)
def two_factor_off():
    form = CodeConfirmForm()
    if second_factor.required_for(current_user):
        flash(_("Staff must keep two-factor sign-in on."), "danger")
    elif form.validate_on_submit() and second_factor.enabled(current_user) and _current_code_ok(form.code.data):
        second_factor.disable(current_user)
        flash(_("Two-factor sign-in is off."), "info")
    return redirect(url_for(".account"))


def _current_code_ok(code: str) -> bool:
    key, address = f"second-factor:{current_user.email}", request.remote_addr or "unknown"
    if login_throttle.check_lockout(key, address) is None and second_factor.verify(current_user, code):
        return True
    login_throttle.record_failure(key, address)
    flash(_("This code is not right. Please check the time on your phone and try again."), "danger")
    return False


def account_context() -> dict:
    """What the account page shows about the second factor."""
    on = second_factor.enabled(current_user)
    return {
        "mfa_on": on,
        "mfa_since": current_user.mfa_enabled_at,
        "mfa_required": second_factor.required_for(current_user),
        "mfa_codes_left": second_factor.recovery_codes_left(current_user) if on else 0,
        "code_form": CodeConfirmForm(),
        "staff_mfa": current_app.config.get("STAFF_MFA"),
    }
