"""Turkish-aware text helpers: case folding for search, upper case for documents, sort keys."""

import functools
import re
import unicodedata

# Characters nobody types on purpose that hide or disguise text: zero-width spaces and joiners,
# direction marks, the word joiner and invisible operators, the soft hyphen, the Mongolian vowel
# separator and the byte-order mark. Stripped with the control characters wherever text is cleaned.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff"
# C0 and C1 controls (but tab and line breaks), bidi overrides and isolates, and the invisibles.
_UNSEEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069{INVISIBLE}]")

_LOWER_MAP = str.maketrans({"I": "ı", "İ": "i"})
_UPPER_MAP = str.maketrans({"i": "İ", "ı": "I"})
_ASCII_FOLD = str.maketrans({"ı": "i", "ş": "s", "ğ": "g", "ü": "u", "ö": "o", "ç": "c", "â": "a", "î": "i", "û": "u"})
_CIRCUMFLEX = str.maketrans({"â": "a", "î": "i", "û": "u"})
_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_ALPHABET_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def strip_unseen(text: str) -> str:
    """``text`` without control, direction-override and invisible characters (tab and line breaks kept)."""
    return _UNSEEN.sub("", text)


def clean_line(text: str | None) -> str:
    """One line as a person meant it: NFC, nothing unseen, single spaces, no spaces around."""
    return " ".join(strip_unseen(unicodedata.normalize("NFC", text or "")).split())


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


# Lists of unions, institutions and people are sorted on every page that offers them, with the
# same few hundred names each time: computing a name's key once keeps that off the page's cost.
@functools.lru_cache(maxsize=16384)
def sort_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]:
    """A key that sorts names in Turkish alphabetical order, as ICU's Turkish collation does.

    Primary: letters of the Turkish alphabet (c < ç < d, g < ğ < h, ı < i, o < ö, s < ş, u < ü),
    with spaces and punctuation before digits and digits before letters ("Ab C" < "Abc");
    circumflexed vowels count as their base letter (â as a). Ties are broken by accents (a < â),
    then lower case before upper case (ı < I < i < İ), then the text itself, so the order is total.
    PyICU publishes no wheel, so this stands in for ``icu.Collator.createInstance(Locale("tr"))``.
    """
    text = unicodedata.normalize("NFC", text or "")
    primary: list[int] = []
    accents: list[int] = []
    cases: list[int] = []
    for original in text:
        ch = original.translate(_LOWER_MAP).lower()
        base = ch.translate(_CIRCUMFLEX)
        if base in _ALPHABET_RANK:
            primary.append(200 + _ALPHABET_RANK[base])
        elif ch.isdigit() and ch.isascii():
            primary.append(100 + int(ch))
        elif ch.isspace():
            primary.append(1)
        elif unicodedata.category(ch)[0] in "PS":
            primary.append(2 + ord(ch) % 90)
        else:
            primary.append(1000 + ord(ch))
        accents.append(int(base != ch))
        cases.append(int(original != ch))
    return tuple(primary), tuple(accents), tuple(cases), text
