"""Language and time zone selection, and a domain-message translator."""

from flask import current_app, request, session
from flask_babel import Domain, get_locale, gettext
from flask_login import current_user

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
        locale = get_locale()
        if locale is None:
            return super().get_translations()
        key = (locale.language, locale.territory, locale.script, locale.variant)
        found = self._by_locale.get(key)
        if found is None:
            found = self._by_locale[key] = super().get_translations()
        return found


def install_cached_domain(app) -> None:
    """Use CachedDomain for the app's translations (views, lazy labels and templates alike)."""
    configuration = app.extensions["babel"]
    configuration.instance.domain_instance = CachedDomain(domain=configuration.default_domain)
