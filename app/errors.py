"""Domain errors and HTTP errors mapped to responses, in one place."""

from flask import Flask, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.i18n import domain_message
from app.navigation import referring_page
from app.request_guards import NulCharacter
from app.services.concurrency import STALE_MESSAGE
from cases.errors import DomainError, Forbidden, NotFound, StaleCase, TemplateError
from cases.petitions.pdf import PdfConversionError


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(Forbidden)
    @app.errorhandler(403)
    def forbidden(_error):
        return render_template(
            "errors/error.html",
            code=403,
            title=_("Access denied"),
            message=_("You do not have permission to open this page."),
        ), 403

    @app.errorhandler(NotFound)
    @app.errorhandler(404)
    def not_found(_error):
        return render_template(
            "errors/error.html",
            code=404,
            title=_("Page not found"),
            message=_("The page you are looking for does not exist or is not yours to see."),
        ), 404

    @app.errorhandler(413)
    def too_large(_error):
        return render_template(
            "errors/error.html",
            code=413,
            title=_("File too large"),
            message=_("What you sent is larger than we accept. Please send a smaller file."),
        ), 413

    @app.errorhandler(NulCharacter)
    def nul_character(_error):
        return render_template(
            "errors/error.html",
            code=400,
            title=_("Invalid characters"),
            message=_(
                "What you sent contains a character that is not allowed (a NUL character). "
                "Please remove it and try again."
            ),
        ), 400

    @app.errorhandler(CSRFError)
    def csrf_failed(_error):
        return render_template(
            "errors/error.html",
            code=400,
            title=_("The form expired"),
            message=_("For your security the form has expired. Please go back, reload the page and try again."),
        ), 400

    @app.errorhandler(429)
    def rate_limited(error):
        return render_template(
            "errors/error.html",
            code=429,
            title=_("Too many attempts"),
            message=getattr(error, "description", None) or _("Too many attempts. Please try again later."),
        ), 429

    @app.errorhandler(StaleDataError)
    def stale_row(_error):
        # The ORM's version check caught a concurrent change at flush time.
        return stale_case(StaleCase(STALE_MESSAGE))

    @app.errorhandler(StaleCase)
    def stale_case(error: StaleCase):
        db.session.rollback()
        flash(domain_message(error), "warning")
        return redirect(referring_page(request.path)), 303

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        flash(domain_message(error), "danger")
        return redirect(referring_page(request.path)), 303

    @app.errorhandler(TemplateError)
    def template_error(error: TemplateError):
        db.session.rollback()
        return render_template(
            "errors/error.html", code=400, title=_("The template cannot be used"), message=domain_message(error)
        ), 400

    @app.errorhandler(PdfConversionError)
    def pdf_unavailable(error: PdfConversionError):
        db.session.rollback()
        return render_template(
            "errors/error.html", code=503, title=_("PDF is not available"), message=domain_message(error)
        ), 503

    @app.errorhandler(500)
    def server_error(_error):
        db.session.rollback()
        return render_template(
            "errors/error.html",
            code=500,
            title=_("Something went wrong"),
            message=_("An unexpected error occurred. Nothing was saved. Please try again."),
        ), 500
