"""Marking of user-facing text in the domain without depending on a translation library.

``N_("...")`` returns its argument unchanged; Babel's extractor is configured to collect
it (``KEYWORDS`` in ``scripts/translations.py``), and the web layer translates the text when it shows it.
Parameters use ``%(name)s`` placeholders, filled after translation.
"""


def N_(message: str) -> str:  # the conventional gettext marker name
    """Mark ``message`` for translation; return it unchanged."""
    return message
