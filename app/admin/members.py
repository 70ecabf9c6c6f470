"""Admin: members whose membership waits for a hand check, verified or rejected from a list."""

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from app.access import allow
from app.admin import bp
from app.admin.forms import MembershipForm
from app.extensions import db
from app.models import MemberProfile, RollEntry, Union
from app.models.member import MembershipStatus
from app.navigation import referring_page
from app.services.membership import set_membership_status
from cases.text import fold
from cases.vocabulary import Role

STATUSES = (MembershipStatus.PENDING, MembershipStatus.VERIFIED, MembershipStatus.REJECTED)


def _scoped(query):
    """Union admins see their union's members; confederation admins every union's."""
    if current_user.union_id is not None:
        query = query.where(MemberProfile.union_id == current_user.union_id)
    return query


@bp.get("/members")
@allow(Role.ADMIN)
def members():
    status = request.args.get("status", MembershipStatus.PENDING)
    if status not in STATUSES:
        status = MembershipStatus.PENDING
    union_id = request.args.get("union", type=int)
    text = request.args.get("q", "").strip()
    query = _scoped(
        sa.select(MemberProfile)
        .options(joinedload(MemberProfile.user), joinedload(MemberProfile.union), joinedload(MemberProfile.institution))
        .where(MemberProfile.membership_status == status)
        .order_by(MemberProfile.created_at.desc(), MemberProfile.id.desc())
    )
    if union_id:
        query = query.where(MemberProfile.union_id == union_id)
    if text:
        query = query.where(MemberProfile.full_name_folded.contains(fold(text), autoescape=True))
    page = db.paginate(
        query,
        page=max(request.args.get("page", 1, type=int), 1),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    # Whether the roll lists each shown member (one query for the page).
    ids = [p.national_id for p in page.items if p.national_id]
    on_roll = {
        (r.union_id, r.national_id): r.membership_number
        for r in db.session.execute(
            sa.select(RollEntry.union_id, RollEntry.national_id, RollEntry.membership_number).where(
                RollEntry.national_id.in_(ids)
            )
        )
    }
    rows = [(p, on_roll.get((p.union_id, p.national_id))) for p in page.items]
    unions = db.session.scalars(sa.select(Union).order_by(Union.code)).all()
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
    profile = db.session.scalar(_scoped(sa.select(MemberProfile).where(MemberProfile.id == profile_id)))
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
