"""Administration: users and roles, unions, institutions."""

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.access import allow
from app.admin import bp
from app.admin.forms import InstitutionForm, StaffUserForm, UnionForm
from app.extensions import db
from app.forms import VersionForm
from app.i18n import domain_message
from app.models import Institution, Union, User
from app.queries import admin as admin_queries
from app.request_guards import bounded_int
from app.services import admin as admin_service
from app.services import second_factor
from app.services.accounts import email_taken
from cases.text import fold, sort_key
from cases.vocabulary import Role


def _union_choices(with_confederation: bool) -> list[tuple[int, str]]:
    unions = [(u.id, f"{u.code} — {u.name}") for u in db.session.scalars(sa.select(Union))]
    choices = [(0, _("Confederation (all unions)"))] if with_confederation else []
    return choices + sorted(unions, key=lambda choice: sort_key(choice[1]))


def _page() -> int:
    return max(request.args.get("page", 1, type=bounded_int), 1)


@bp.get("/")
@allow(Role.ADMIN)
def home():
    counts = admin_queries.admin_counts()
    return render_template("admin/home.html", counts=counts)


# Users -------------------------------------------------------------------------------------


@bp.get("/users")
@allow(Role.ADMIN)
def users():
    text = request.args.get("q", "").strip()
    page, role = admin_queries.users_page(
        request.args.get("role"), text, page=_page(), per_page=current_app.config["PAGE_SIZE"]
    )
    unions = admin_queries.unions_by_id()
    return render_template("admin/users.html", page=page, unions=unions, role=role, q=text)


@bp.route("/users/new", methods=["GET", "POST"])
@allow(Role.ADMIN)
def user_new():
    form = StaffUserForm(require_password=True)
    form.union_id.choices = _union_choices(with_confederation=True)
    if form.validate_on_submit():
        if email_taken(form.email.data):
            form.email.errors.append(_("An account with this email address already exists."))
        else:
            user = admin_service.create_staff_user(form.data, actor=current_user)
            flash(_("The account for %(name)s was created.", name=user.full_name), "success")
            return redirect(url_for(".users"))
    return render_template("admin/user_form.html", form=form, user=None), 400 if form.is_submitted() else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@allow(Role.ADMIN)
def user_edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = StaffUserForm(obj=user if request.method == "GET" else None)
    form.union_id.choices = _union_choices(with_confederation=True)
    if user.role == Role.MEMBER:
        form.role.choices = [(Role.MEMBER.value, _("Member"))]
    if request.method == "GET":
        form.union_id.data = user.union_id or 0
        form.version.data = user.version
    if form.validate_on_submit():
        if email_taken(form.email.data, except_user_id=user.id):
            form.email.errors.append(_("An account with this email address already exists."))
        else:
            try:
                admin_service.update_user(user, form.data, actor=current_user)
            except admin_service.OwnAccount as error:
                flash(domain_message(error), "danger")
            else:
                if user.id == current_user.id and form.password.data:
                    login_user(user)  # a new password ends the other sessions; keep this one
                flash(_("The account was saved."), "success")
                return redirect(url_for(".users"))
    return render_template("admin/user_form.html", form=form, user=user), 400 if form.is_submitted() else 200


@bp.post("/users/<int:user_id>/second-factor/reset")
@allow(Role.ADMIN)
def user_reset_second_factor(user_id: int):
    """A lost phone: clear the user's second factor (audited); they enrol again at their next sign-in."""
    user = db.get_or_404(User, user_id)
    if not VersionForm().validate_on_submit():
        abort(400)
    second_factor.reset(user, actor=current_user)
    flash(_("The second factor of %(name)s was reset; they will set it up again.", name=user.full_name), "success")
    return redirect(url_for(".user_edit", user_id=user.id))


@bp.post("/users/<int:user_id>/deactivate")
@allow(Role.ADMIN)
def user_deactivate(user_id: int):
    user = db.get_or_404(User, user_id)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        admin_service.set_user_active(user, False, expected_version=form.version.data, actor=current_user)
    except admin_service.OwnAccount as error:
        flash(domain_message(error), "danger")
    else:
        flash(_("The account of %(name)s was deactivated; they can no longer sign in.", name=user.full_name), "success")
    return redirect(url_for(".users"))


# Unions ------------------------------------------------------------------------------------


@bp.get("/unions")
@allow(Role.ADMIN)
def unions():
    rows = db.session.scalars(sa.select(Union).order_by(Union.branch_no, Union.code)).all()
    return render_template("admin/unions.html", unions=rows)


@bp.route("/unions/new", methods=["GET", "POST"])
@bp.route("/unions/<int:union_id>", methods=["GET", "POST"])
@allow(Role.ADMIN)
def union_edit(union_id: int | None = None):
    union = db.get_or_404(Union, union_id) if union_id else None
    form = UnionForm(obj=union if request.method == "GET" else None)
    if request.method == "GET" and union:
        form.version.data = union.version
    if form.validate_on_submit():
        clash = db.session.scalar(
            sa.select(Union.id).where(Union.code == form.code.data, Union.id != (union.id if union else 0))
        )
        if clash:
            form.code.errors.append(_("Another union already uses this code."))
        else:
            admin_service.save_union(union, form.data, actor=current_user)
            flash(_("The union was saved."), "success")
            return redirect(url_for(".unions"))
    return render_template("admin/union_form.html", form=form, union=union), 400 if form.is_submitted() else 200


# Institutions ------------------------------------------------------------------------------


@bp.get("/institutions")
@allow(Role.ADMIN)
def institutions():
    text = request.args.get("q", "").strip()
    query = sa.select(Institution).order_by(Institution.province, Institution.name_folded)
    if text:
        query = query.where(
            Institution.name_folded.contains(fold(text), autoescape=True) | (Institution.province == text)
        )
    page = db.paginate(query, page=_page(), per_page=current_app.config["PAGE_SIZE"], error_out=False)
    unions = {u.id: u for u in db.session.scalars(sa.select(Union)).all()}
    return render_template("admin/institutions.html", page=page, unions=unions, q=text)


@bp.route("/institutions/new", methods=["GET", "POST"])
@bp.route("/institutions/<int:institution_id>", methods=["GET", "POST"])
@allow(Role.ADMIN)
def institution_edit(institution_id: int | None = None):
    institution = db.get_or_404(Institution, institution_id) if institution_id else None
    form = InstitutionForm(obj=institution if request.method == "GET" else None)
    form.union_id.choices = [(0, _("Not set"))] + _union_choices(with_confederation=False)
    if request.method == "GET" and institution:
        form.union_id.data = institution.union_id or 0
        form.version.data = institution.version
    if form.validate_on_submit():
        admin_service.save_institution(institution, form.data, actor=current_user)
        flash(_("The institution was saved."), "success")
        return redirect(url_for(".institutions"))
    return render_template("admin/institution_form.html", form=form, institution=institution), (
        400 if form.is_submitted() else 200
    )
