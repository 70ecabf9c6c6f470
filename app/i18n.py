"""Language and time zone selection, and a domain-message translator."""

from functools import lru_cache

import flask
from babel import support
from flask import current_app, request, session
from flask.globals import _cv_app
from flask_babel import Domain, get_locale, gettext
from flask_login import current_user
from wtforms.i18n import messages_path

from cases.errors import DomainError


def select_locale() -> str:
    """The signed-in user's language, else the session's choice, else Turkish."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    if request and request.args.get("lang") in languages:
        return request.args["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def domain_message(error: DomainError) -> str:
    """A domain error's message in the user's language."""
    return error.render(gettext)


def translate_marked(message: str, **params: object) -> str:
    """Translate a string the domain marked with N_ and fill in its parameters."""
    text = gettext(message)
    return text % params if params else text


class CachedDomain(Domain):
    """Flask-Babel's message domain, finding the catalogue of the current locale by a dict look-up.

    Every ``_()`` — in a view, a lazy label turned into text, a template — asks the domain for the
    current translations, and Flask-Babel's answer turns the locale into its identifier string
    each time (the costliest step of a translation). The catalogues are the same ones Flask-Babel
    loads and keeps for the process; this only keys them by the locale's parts. ``force_locale``
    (mails in the recipient's language) changes the context's locale, so it is still honoured.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._by_locale: dict[tuple, object] = {}

    def get_translations(self):
        locale = context_locale()
        if locale is None:
            return super().get_translations()
        key = (locale.language, locale.territory, locale.script, locale.variant)
        found = self._by_locale.get(key)
        if found is None:
            found = self._by_locale[key] = super().get_translations()
        return found


def context_locale():
    """Flask-Babel's locale of this context, read from where it keeps it without going through ``g``'s proxy.

    A page translates a few hundred strings; each look-up through ``get_locale()`` resolved the
    ``g`` proxy twice. The first look-up of a request still goes through ``get_locale()``, which
    asks the locale selector and stores the answer; ``force_locale`` replaces the stored one.
    """
    app_context = _cv_app.get(None)
    state = app_context.g.__dict__.get("_flask_babel") if app_context is not None else None
    locale = getattr(state, "babel_locale", None)
    return locale if locale is not None else get_locale()


def install_cached_domain(app) -> None:
    """Use CachedDomain for the app's translations (views, lazy labels and templates alike)."""
    configuration = app.extensions["babel"]
    domain = configuration.instance.domain_instance = CachedDomain(domain=configuration.default_domain)
    # Templates ask the domain directly (Flask-Babel's callables first look the domain up in ``g``).
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: domain.get_translations().ugettext(s),
        ngettext=lambda s, p, n: domain.get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: domain.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: domain.get_translations().unpgettext(c, s, p, n),
    )


@lru_cache(maxsize=16)
def wtforms_catalogue(locale: str) -> support.Translations:
    """WTForms' own messages ("Bu alan zorunludur.") in ``locale``, loaded once per process."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class Request(flask.Request):
    """Flask's request, giving Flask-WTF the WTForms catalogue of the request's language.

    Flask-WTF reads ``request.wtforms_translations`` and, finding none, loads and parses the
    catalogue from disk, on every request that builds a form. Catalogues never change while a
    process runs, so each language's is loaded once.
    """

    @property
    def wtforms_translations(self) -> support.Translations:
        return wtforms_catalogue(str(context_locale()))
