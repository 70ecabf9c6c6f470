"""Turkish formatting for petitions: dates (``tarih``, ``uzun_tarih``) and case (``buyuk``…)."""

import re
from datetime import date, datetime

from markupsafe import Markup, escape

from cases.text import tr_lower, tr_upper

MONTHS: tuple[str, ...] = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran")
MONTHS += ("Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık")

# Characters XML 1.0 forbids (tab and line feed stay: docxtpl turns them into a tab and a line
# break); \x07 and \x0c would also be turned into paragraph and page breaks by docxtpl.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's manual line break (pasted text carries it as \x0b) and a form feed become line breaks.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# docxtpl turns {_{ }_} {_% %_} in its output into {{ }} {% %}: member text keeps them as typed.
_DOCXTPL_ESCAPES = re.compile(r"\{_|_\}")
_BRACE_REFERENCES = {"{_": "&#123;_", "_}": "_&#125;"}


class TrDate(date):
    """A date that prints the Turkish way, ``23.11.2026``, even without a filter."""

    __slots__ = ()

    @classmethod
    def of(cls, value: date) -> "TrDate":
        """The same day as ``value`` (a date or a datetime)."""
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        return f"{self.day:02d}.{self.month:02d}.{self.year}"


def tarih(value: object) -> str:
    """``23.11.2026``; blank for None; text passes through unchanged."""
    if isinstance(value, date | datetime):
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return "" if value is None else str(value)


def uzun_tarih(value: object) -> str:
    """``23 Kasım 2026``; blank for None; text passes through unchanged."""
    if isinstance(value, date | datetime):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return "" if value is None else str(value)


def buyuk(value: object) -> str:
    """Upper case by Turkish rules: ``istanbul`` → ``İSTANBUL``."""
    return "" if value is None else tr_upper(str(value))


def kucuk(value: object) -> str:
    """Lower case by Turkish rules: ``IŞIK`` → ``ışık``."""
    return "" if value is None else tr_lower(str(value))


def baslik(value: object) -> str:
    """Each word capitalised by Turkish rules: ``iZMİR ılıca`` → ``İzmir Ilıca``."""
    if value is None:
        return ""
    return " ".join(tr_upper(w[:1]) + tr_lower(w[1:]) for w in str(value).split(" "))


_BACK = set("aıouAIOU")
_VOWELS = set("aeıioöuüAEIİOÖUÜ")


def yonelme(value: object) -> str:
    """The dative of an authority's name, as a heading or a request writes it.

    A title ending in the possessive (``Bakanlığı``, ``Valiliği``, ``Rektörlüğü``, ``Kurulu``,
    ``Belediyesi``) takes ``-na/-ne`` (``Valiliğine``); another ending in a vowel ``-ya/-ye``; a
    consonant ``-a/-e``. Vowel harmony follows the last vowel. Blank stays blank.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    last_vowel = next((ch for ch in reversed(text) if ch in _VOWELS), "e")
    a = "a" if last_vowel in _BACK else "e"
    word = text.split()[-1]
    if word[-1] in "ıiuü" and len(word) > 2 and word[-2] not in _VOWELS:
        return f"{text}n{a}"
    if word[-1] in _VOWELS:
        return f"{text}y{a}"
    return f"{text}{a}"


def xml_safe(value: object) -> object:
    """What a ``{{ … }}`` prints: None as blank, text without characters XML forbids.

    Line tabulations and form feeds become line breaks; ``{_`` and ``_}`` are written as
    character references so docxtpl's own unescaping leaves them as they were typed.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    cleaned = value
    if _XML_ILLEGAL.search(cleaned):
        cleaned = _XML_ILLEGAL.sub("", cleaned.translate(_LINE_BREAKS))
    if _DOCXTPL_ESCAPES.search(cleaned):
        escaped = cleaned if isinstance(value, Markup) else escape(cleaned)
        return Markup(_DOCXTPL_ESCAPES.sub(lambda m: _BRACE_REFERENCES[m.group()], escaped))  # noqa: S704
    if cleaned is value:
        return value
    # Already-escaped text stays escaped: removing characters cannot make it unsafe.
    return Markup(cleaned) if isinstance(value, Markup) else cleaned  # noqa: S704


PETITION_FILTERS = {
    "tarih": tarih,
    "uzun_tarih": uzun_tarih,
    "buyuk": buyuk,
    "kucuk": kucuk,
    "baslik": baslik,
    "yonelme": yonelme,
}
