"""Sign in and out, registration, email confirmation and password reset."""

import time

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.access import ANY_SIGNED_IN, allow, public, role_home_endpoint
from app.auth import bp
from app.auth.device import DEVICE_COOKIE
from app.auth.forms import (
    ForgotPasswordForm,
    LoginForm,
    RegistrationForm,
    ResendConfirmationForm,
    ResetPasswordForm,
    SignInLinkForm,
)
from app.extensions import db
from app.i18n import domain_message
from app.models import Institution, Union
from app.navigation import local_path
from app.services import (
    accounts,
    login_throttle,
    password_reset,
    registration,
    second_factor,
    sessions,
    sign_in_links,
)
from app.services.tokens import InvalidToken
from cases.text import fold, sort_key


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for(role_home_endpoint(current_user.role)))
    form = LoginForm()
    if form.validate_on_submit():
        email = accounts.normalize_email(form.email.data)
        address = request.remote_addr or "unknown"
        known = login_throttle.is_known_address(accounts.find_user(email), address)
        lockout = login_throttle.check_lockout(email, address, known_address=known)
        user = accounts.authenticate(email, form.password.data)
        if lockout:
            # The password is still checked: when it is right its owner gets a link by mail. The page
            # says the same either way, so a guesser learns nothing and the owner is never locked out.
            if user is None:
                login_throttle.record_failure(email, address)
            else:
                sign_in_links.send_sign_in_link(user)
            message = ngettext(
                "Signing in from this connection is paused for %(num)d minute after failed attempts. If the "
                "email address and password are right, we have sent that address a link to finish signing in.",
                "Signing in from this connection is paused for %(num)d minutes after failed attempts. If the "
                "email address and password are right, we have sent that address a link to finish signing in.",
                lockout.minutes,
            )
            return render_template("auth/login.html", form=form, lockout=message), 429
        if user is None:
            login_throttle.record_failure(email, address)
            # One message whatever went wrong, so nobody learns which addresses have accounts.
            flash(_("The email address or password is incorrect."), "danger")
            return render_template("auth/login.html", form=form), 401
        return _password_accepted(user, remember=bool(form.remember.data))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


def _password_accepted(user, *, remember: bool):
    """The first factor is proven (password or mailed link): ask for the second, or open the session."""
    next_url = _safe_next()
    if second_factor.enabled(user) and not second_factor.is_trusted_device(user, request.cookies.get(DEVICE_COOKIE)):
        # Not signed in yet: the second-factor page finishes it within a few minutes.
        session["second_factor"] = {"u": user.id, "r": remember, "at": int(time.time()), "next": next_url}
        return redirect(url_for(".second_factor_step"))
    return open_session(user, remember=remember, next_url=next_url)


def open_session(user, *, remember: bool, next_url: str | None = None):
    """Every factor is proven: sign ``user`` in on this browser."""
    login_throttle.record_success(user, user.email, request.remote_addr or "unknown")
    sessions.start_session(user, remember=remember)
    login_user(user, remember=remember)
    accounts.record_login(user)
    return redirect(local_path(next_url) or url_for(role_home_endpoint(user.role)))


@bp.route("/login/link/<token>", methods=["GET", "POST"])
@public
def sign_in_link(token: str):
    """Finish a paused sign-in from the mailed link; a button (POST), so mail scanners use nothing up."""
    user = sign_in_links.user_for_link(token)
    if user is None:
        message = _("This link has expired or was already used. Please sign in again.")
        return render_template("auth/token_problem.html", message=message), 400
    form = SignInLinkForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            logout_user()
        return _password_accepted(user, remember=False)
    return render_template("auth/sign_in_link.html", form=form, user=user)


@bp.post("/logout")
@allow(*ANY_SIGNED_IN)
def logout():
    sessions.end_session(current_user)
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


def _safe_next() -> str | None:
    return local_path(request.args.get("next"))


# --- Registration ------------------------------------------------------------------------------


def _registration_choices(form: RegistrationForm) -> None:
    """Fill the union, province and institution lists (the institutions of the chosen province)."""
    unions = sorted(db.session.scalars(sa.select(Union).where(Union.active.is_(True))), key=lambda u: sort_key(u.name))
    form.union_id.choices = [(0, _("Choose your union"))] + [(u.id, u.name) for u in unions]
    provinces = db.session.scalars(
        sa.select(Institution.province).where(Institution.active.is_(True)).distinct().order_by(Institution.province)
    ).all()
    form.province.choices = [("", _("Choose your province"))] + [(p, p) for p in sorted(provinces, key=sort_key)]
    province = form.province.data or request.args.get("province") or ""
    institutions = search_institutions(province, form.institution_search.data or "") if province else []
    chosen = form.institution_id.data
    if chosen and chosen not in {i.id for i in institutions}:
        selected = db.session.get(Institution, chosen)
        if selected is not None and selected.active:
            institutions.insert(0, selected)
    form.institution_id.choices = [(0, _("Choose your institution"))] + [(i.id, i.name) for i in institutions]


def search_institutions(province: str, text: str, limit: int = 300) -> list[Institution]:
    """Active institutions of a province whose folded name contains ``text`` (Turkish-aware)."""
    query = sa.select(Institution).where(Institution.active.is_(True))
    if province:
        query = query.where(Institution.province == province)
    folded = fold(text)
    if folded:
        query = query.where(Institution.name_folded.contains(folded, autoescape=True))
    return list(db.session.scalars(query.order_by(Institution.name_folded).limit(limit)))


@bp.route("/register", methods=["GET", "POST"])
@public
def register():
    if current_user.is_authenticated:
        return redirect(url_for(role_home_endpoint(current_user.role)))
    form = RegistrationForm()
    _registration_choices(form)
    if request.method == "POST" and request.form.get("action") == "filter":
        form.validate()  # keeps what was typed; errors are not shown for a list refresh
        for field in form:
            field.errors = []
        return render_template("auth/register.html", form=form, notice_version=_notice_version())
    if form.validate_on_submit() and _registration_consistent(form):
        # Only a complete registration counts towards the limit: correcting a typo costs nothing,
        # and colleagues behind one office connection are not locked out by each other's mistakes.
        lockout = login_throttle.registration_lockout(request.remote_addr or "unknown")
        if lockout:
            message = ngettext(
                "Too many registration attempts from your connection. Please try again in %(num)d minute.",
                "Too many registration attempts from your connection. Please try again in %(num)d minutes.",
                lockout.minutes,
            )
            flash(message, "danger")
            return render_template("auth/register.html", form=form, notice_version=_notice_version()), 429
        data = registration.Registration(
            full_name=form.full_name.data,
            national_id=form.national_id.data,
            union_id=form.union_id.data,
            membership_number=form.membership_number.data,
            institution_id=form.institution_id.data,
            title=form.title.data,
            province=form.province.data,
            email=form.email.data,
            phone=form.phone.data,
            password=form.password.data,
            language=str(get_locale() or "tr"),
            special_consent=bool(form.special_consent.data),
        )
        # The same answer whether an account was created or the email or T.C. Kimlik No was
        # already taken (then its owner is told by mail): nobody learns here who is a member.
        registration.register_member(data, ip_address=request.remote_addr)
        return redirect(url_for("auth.registration_sent"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form, notice_version=_notice_version()), status


@bp.get("/register/sent")
@public
def registration_sent():
    return render_template("auth/registration_sent.html")


def _registration_consistent(form: RegistrationForm) -> bool:
    """Checks that need the database: the union and the institution (never accounts already there)."""
    ok = True
    if db.session.get(Union, form.union_id.data) is None:
        form.union_id.errors.append(_("Please choose your union."))
        ok = False
    institution = db.session.get(Institution, form.institution_id.data)
    if institution is None or institution.province != form.province.data:
        form.institution_id.errors.append(_("Please choose your institution from the list of your province."))
        ok = False
    return ok


def _notice_version() -> str:
    return current_app.config["PRIVACY_NOTICE_VERSION"]


@bp.get("/privacy")
@public
def privacy_notice():
    return render_template("auth/privacy.html", notice_version=_notice_version())


@bp.get("/confirm/<token>")
@public
def confirm_email(token: str):
    try:
        registration.confirm_email(token)
    except InvalidToken as error:
        return render_template("auth/token_problem.html", message=domain_message(error)), 400
    flash(_("Thank you: your email address is confirmed."), "success")
    return redirect(url_for("portal.home") if current_user.is_authenticated else url_for("auth.login"))


@bp.post("/confirm/resend")
@allow(*ANY_SIGNED_IN)
def resend_confirmation():
    form = ResendConfirmationForm()
    if form.validate_on_submit() and current_user.email_confirmed_at is None:
        registration.resend_confirmation(current_user)
        flash(_("We sent the confirmation link again. Please look in your inbox."), "info")
    return redirect(url_for(role_home_endpoint(current_user.role)))


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.request_password_reset(form.email.data)
        # The same answer whether or not the address has an account.
        flash(
            _(
                "If an account uses this address, we have sent it a link to choose a new password. "
                "It is valid for 2 hours."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/forgot_password.html", form=form), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    try:
        password_reset.user_for_reset(token)
    except InvalidToken as error:
        return render_template("auth/token_problem.html", message=domain_message(error)), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.password.data)
        except InvalidToken as error:
            return render_template("auth/token_problem.html", message=domain_message(error)), 400
        flash(_("Your new password is saved. You can sign in with it now."), "success")
        return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/reset_password.html", form=form), status
