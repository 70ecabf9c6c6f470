"""The member portal: a member's own cases."""

import sqlalchemy as sa
from flask import render_template
from flask_login import current_user

from app.access import allow
from app.extensions import db
from app.models import Case, MemberProfile
from app.portal import bp
from app.queries.scope import case_scope
from cases.vocabulary import Role


@bp.get("/")
@allow(Role.MEMBER)
def home():
    profile = db.session.scalar(sa.select(MemberProfile).where(MemberProfile.user_id == current_user.id))
    cases = db.session.scalars(
        sa.select(Case).where(case_scope(current_user)).order_by(Case.last_activity_at.desc()).limit(100)
    ).all()
    return render_template("portal/home.html", profile=profile, cases=cases)


@bp.get("/new")
@allow(Role.MEMBER)
def new_case():
    return render_template("portal/new_case.html")
