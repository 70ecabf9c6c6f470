"""The start page, language switch and health check."""

from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.access import public, role_home_endpoint
from app.extensions import db
from app.main import bp
from app.navigation import local_path, nav_items
from app.security_headers import header_options


@bp.app_context_processor
def _navigation():
    return {"nav_items": nav_items}


@bp.get("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for(role_home_endpoint(current_user.role)))
    return render_template("main/index.html")


@bp.post("/language")
@public
def set_language():
    language = request.form.get("language")
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
        if current_user.is_authenticated:
            current_user.language = language
            db.session.commit()
    # Only ever redirect within this site.
    return redirect(local_path(request.form.get("next")) or url_for("main.index"))


@bp.get("/healthz")
@public
@header_options(force_https=False)  # load balancers check over plain http
def health():
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}
