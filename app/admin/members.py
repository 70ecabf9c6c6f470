"""Admin: members whose membership waits for a hand check, verified or rejected from a list."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import allow
from app.admin import bp
from app.admin.forms import MembershipForm
from app.models.member import MembershipStatus
from app.navigation import referring_page
from app.queries import admin as admin_queries
from app.request_guards import bounded_int
from app.services.membership import set_membership_status
from cases.vocabulary import Role

STATUSES = (MembershipStatus.PENDING, MembershipStatus.VERIFIED, MembershipStatus.REJECTED)


@bp.get("/members")
@allow(Role.ADMIN)
def members():
    status = request.args.get("status", MembershipStatus.PENDING)
    if status not in STATUSES:
        status = MembershipStatus.PENDING
    union_id = request.args.get("union", type=bounded_int)
    text = request.args.get("q", "").strip()
    result = admin_queries.members_page(
        current_user,
        status,
        union_id,
        text,
        page=max(request.args.get("page", 1, type=bounded_int), 1),
        per_page=current_app.config["PAGE_SIZE"],
    )
    page, rows = result.page, result.rows
    unions = admin_queries.unions_in_order()
    return render_template(
        "admin/members.html",
        page=page,
        rows=rows,
        status=status,
        unions=unions,
        union_id=union_id,
        q=text,
        form=MembershipForm(formdata=None),
    )


@bp.post("/members/<int:profile_id>/<decision>")
@allow(Role.ADMIN)
def member_decide(profile_id: int, decision: str):
    target = {"verify": MembershipStatus.VERIFIED, "reject": MembershipStatus.REJECTED}.get(decision)
    if target is None:
        abort(404)
    profile = admin_queries.member_for_admin(current_user, profile_id)
    if profile is None:
        abort(404)
    form = MembershipForm()
    if not form.validate_on_submit():
        abort(400)
    set_membership_status(profile, target, expected_status=form.expected_status.data or None, actor=current_user)
    if target == MembershipStatus.VERIFIED:
        flash(_("The membership was verified."), "success")
    else:
        flash(_("The membership was rejected."), "info")
    return redirect(referring_page(url_for(".members")))
