"""Translations for one render of a page with many strings (the case page): the catalogue found once.

Flask-Babel looks up the request context, the locale and the domain for every string it
translates: every ``_()`` of a template, every lazy label turned into text. The case page
translates some 300 strings, and that look-up was a sixth of its CPU time. ``catalogue()`` finds
this request's catalogue once (kept on ``g``) and translates with it:

- ``gettext``/``ngettext`` are Jinja's newstyle ones (``jinja2.ext._make_new_gettext``: the
  translation, marked safe under autoescape, always ``%``-formatted with the call's variables)
  bound to the catalogue; a page hands them to its templates, and Jinja's i18n extension
  resolves ``gettext`` from the render context before the environment's globals.
- ``text`` is ``str()`` of a value, a ``lazy_gettext`` string translated with the catalogue.
- ``plain`` is Flask-Babel's ``gettext`` with the catalogue.

A string without variables is translated once per catalogue and process: catalogues never
change while a process runs.
"""

from typing import Any
from weakref import WeakKeyDictionary

import flask_babel
from flask import g
from flask_babel import get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

# Each catalogue's translated strings (as text, and as Jinja gives them: Markup), while it lives.
_TEXTS: WeakKeyDictionary[Any, dict[str, str]] = WeakKeyDictionary()
_MARKUPS: WeakKeyDictionary[Any, dict[str, Markup]] = WeakKeyDictionary()


class Catalogue:
    """This request's translations."""

    def __init__(self) -> None:
        translations = self.translations = get_translations()
        markups = _MARKUPS.setdefault(translations, {})

        @pass_context
        def gettext(context: Context, string: str, **variables: Any) -> str:
            autoescape = context.eval_ctx.autoescape
            if not variables and autoescape:
                found = markups.get(string)
                if found is None:
                    found = markups[string] = Markup(translations.ugettext(string)) % variables  # noqa: S704 - as Jinja
                return found
            text = translations.ugettext(string)
            return (Markup(text) if autoescape else text) % variables  # noqa: S704 - as Jinja

        @pass_context
        def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
            variables.setdefault("num", num)
            text = translations.ungettext(singular, plural, num)
            return (Markup(text) if context.eval_ctx.autoescape else text) % variables  # noqa: S704 - as Jinja

        self.template_context = {"gettext": gettext, "ngettext": ngettext}
        self._known = _TEXTS.setdefault(translations, {})

    def plain(self, string: str, **variables: Any) -> str:
        """Flask-Babel's ``gettext(string, **variables)``."""
        found = self._known.get(string)
        if found is None:
            found = self._known[string] = self.translations.ugettext(string)
        return found % variables if variables else found

    def text(self, value: Any) -> str:
        """``str(value)``; a ``lazy_gettext`` string translated with this catalogue."""
        if type(value) is LazyString and value._func is flask_babel.gettext:
            return self.plain(*value._args, **value._kwargs)
        return str(value)


def catalogue() -> Catalogue:
    """The current request's catalogue (found on its first use)."""
    found = g.get("_desk_catalogue")
    if found is None:
        found = g._desk_catalogue = Catalogue()
    return found
