"""Translation catalogues: English is the source language; Turkish is kept in parts.

The Turkish translations live in ``app/translations/tr/parts/*.po`` (one file per area, so
people can translate different areas at once). ``compile`` merges the parts into
``tr/LC_MESSAGES/messages.po`` and compiles ``messages.mo`` — both generated, not committed.

    python scripts/translations.py compile        # merge the parts and compile (the setup command runs it)
    python scripts/translations.py missing        # list messages in the code without a Turkish translation
    python scripts/translations.py todo AREA [PATH…]  # append the missing ones (used under PATHs) to parts/AREA.po
"""

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
LANGUAGES = ("tr",)
KEYWORDS = {
    "_": None,
    "_l": None,
    "N_": None,
    "gettext": None,
    "lazy_gettext": None,
    "ngettext": (1, 2),
    "lazy_ngettext": (1, 2),
}
METHODS = [("app/**.py", "python"), ("cases/**.py", "python"), ("app/**/templates/**.html", "jinja2")]
JINJA_OPTIONS = {"app/**/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}


def extract() -> Catalog:
    """Every translatable message in app/ and cases/."""
    catalog = Catalog(project="Dayanak")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), METHODS, options_map=JINJA_OPTIONS, keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def merged(language: str) -> Catalog:
    """The language's parts merged into one catalogue; conflicting translations are an error."""
    result = Catalog(locale=language, project="Dayanak")
    for part in sorted((TRANSLATIONS / language / "parts").glob("*.po")):
        with part.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for message in catalog:
            if not message.id or not message.string or (isinstance(message.string, tuple) and not all(message.string)):
                continue
            existing = result.get(message.id, context=message.context)
            if existing is not None and existing.string != message.string:
                raise SystemExit(f"{part.name}: {message.id!r} is translated differently in another part")
            result.add(message.id, message.string, context=message.context)
    return result


def compile_catalogues() -> None:
    for language in LANGUAGES:
        catalog = merged(language)
        target = TRANSLATIONS / language / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        with (target / "messages.po").open("wb") as handle:
            write_po(handle, catalog, width=0)
        with (target / "messages.mo").open("wb") as handle:
            write_mo(handle, catalog)


def missing(language: str = "tr") -> list[str]:
    """Message ids in the code without a translation."""
    catalog = merged(language)
    gaps = []
    for message in extract():
        if message.id and catalog.get(message.id, context=message.context) is None:
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def todo(area: str, prefixes: tuple[str, ...] = (), language: str = "tr") -> int:
    """Append the untranslated messages to parts/AREA.po for a translator; return how many.

    With ``prefixes`` only messages used in files under those paths are taken.
    """
    catalog = merged(language)
    path = TRANSLATIONS / language / "parts" / f"{area}.po"
    if path.exists():
        with path.open("rb") as handle:
            part = read_po(handle, locale=language)
    else:
        part = Catalog(locale=language, project="Dayanak")
    added = 0
    for message in extract():
        wanted = not prefixes or any(path.startswith(prefixes) for path, _line in message.locations)
        if wanted and message.id and catalog.get(message.id) is None and part.get(message.id) is None:
            part.add(message.id, "" if isinstance(message.id, str) else ("", ""), locations=message.locations)
            added += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, part, width=0, omit_header=False, include_lineno=False)
    return added


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    if command == "compile":
        compile_catalogues()
    elif command == "missing":
        gaps = missing()
        print("\n".join(gaps) or "Every message has a Turkish translation.")
        sys.exit(1 if gaps else 0)
    elif command == "todo" and len(sys.argv) >= 3:
        print(f"{todo(sys.argv[2], tuple(sys.argv[3:]))} messages added to parts/{sys.argv[2]}.po")
    else:
        sys.exit(__doc__)
