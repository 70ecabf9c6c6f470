"""WSGI entry point: ``gunicorn wsgi:app`` and ``flask --app wsgi``."""

from app import create_app
from app.templating import warm_templates

app = create_app()
warm_templates(app)  # each worker compiles its templates at start, not on its first requests
