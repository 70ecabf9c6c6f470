"""Turkish-aware text helpers: case folding for search, upper case for documents, sort keys."""

import unicodedata

_LOWER_MAP = str.maketrans({"I": "ı", "İ": "i"})
_UPPER_MAP = str.maketrans({"i": "İ", "ı": "I"})
_ASCII_FOLD = str.maketrans({"ı": "i", "ş": "s", "ğ": "g", "ü": "u", "ö": "o", "ç": "c", "â": "a", "î": "i", "û": "u"})
_CIRCUMFLEX = str.maketrans({"â": "a", "î": "i", "û": "u"})
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
