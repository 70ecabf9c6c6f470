"""Turkish-aware text helpers: case folding for search, upper case for documents, sort keys."""

import unicodedata

_LOWER_MAP = str.maketrans({"I": "ı", "İ": "i"})
_UPPER_MAP = str.maketrans({"i": "İ", "ı": "I"})
_ASCII_FOLD = str.maketrans({"ı": "i", "ş": "s", "ğ": "g", "ü": "u", "ö": "o", "ç": "c", "â": "a", "î": "i", "û": "u"})
_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_ALPHABET_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def tr_lower(text: str) -> str:
    """Lower-case by Turkish rules: I→ı, İ→i (Python's str.lower would give i̇ and i)."""
    return unicodedata.normalize("NFC", text).translate(_LOWER_MAP).lower()


def tr_upper(text: str) -> str:
    """Upper-case by Turkish rules: i→İ, ı→I ("istanbul" → "İSTANBUL")."""
    return unicodedata.normalize("NFC", text).translate(_UPPER_MAP).upper()


def fold(text: str | None) -> str:
    """The search form of a text: Turkish lower case, then diacritics folded to ASCII.

    Both stored text and queries go through this, so "ışık", "IŞIK" and "isik" meet, and
    "istanbul" finds "İSTANBUL". Whitespace runs collapse to one space.
    """
    if not text:
        return ""
    return " ".join(tr_lower(text).translate(_ASCII_FOLD).split())


def sort_key(text: str | None) -> tuple[int, ...]:
    """A key that sorts words in Turkish alphabetical order (c < ç < d, ı < i, o < ö …)."""
    lowered = tr_lower(text or "")
    return tuple(_ALPHABET_RANK.get(ch, 100 + ord(ch)) for ch in lowered)
