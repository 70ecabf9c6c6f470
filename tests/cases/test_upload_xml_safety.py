"""Evidence documents whose XML declares a DTD or entities, or whose parts lead outside, are refused."""

import io
import zipfile

import pytest

from cases.errors import InvalidUpload
from cases.text import clean_line, strip_unseen
from cases.uploads import UNSAFE_PART_NAMES, XML_DECLARATIONS, FileKind, inspect_upload
from tests.cases.test_uploads import docx_bytes, odt_bytes

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>&lol3;</w:body></w:document>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&xxe;</Types>"""
# A DTD may hide behind a long prolog of comments: the parser reads up to the root, however far.
LATE_DOCTYPE = b'<?xml version="1.0"?>' + b"<!-- padding -->" * 5000 + b'<!DOCTYPE r SYSTEM "http://x/">\n<r/>'


def _replace(data: bytes, name: str, content: bytes) -> bytes:
    """The archive ``data`` with member ``name`` replaced by ``content`` (order kept)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return buffer.getvalue()


def _refusal(data: bytes, filename: str) -> str:
    with pytest.raises(InvalidUpload) as caught:
        inspect_upload(data, filename)
    return str(caught.value.message)


@pytest.mark.parametrize(
    ("member", "content"),
    [
        ("word/document.xml", BILLION_LAUGHS),
        ("[Content_Types].xml", EXTERNAL_ENTITY),
        ("word/styles.xml", LATE_DOCTYPE),
        ("_rels/.rels", b'<?xml version="1.0"?><!DOCTYPE Relationships [<!ENTITY a "b">]><Relationships/>'),
    ],
)
def test_a_word_file_whose_xml_declares_a_dtd_is_refused(member, content):
    assert _refusal(_replace(docx_bytes(), member, content), "dilekce.docx") == XML_DECLARATIONS


def test_an_opendocument_file_whose_xml_declares_a_dtd_is_refused():
    assert _refusal(_replace(odt_bytes(), "content.xml", BILLION_LAUGHS), "dilekce.odt") == XML_DECLARATIONS


def test_a_dtd_in_an_extra_xml_part_is_refused_too():
    crafted = docx_bytes(**{"customXml/item1.xml": EXTERNAL_ENTITY})
    assert _refusal(crafted, "dilekce.docx") == XML_DECLARATIONS


@pytest.mark.parametrize(
    "name", ["../../etc/cron.d/evil", "/etc/passwd", "word/../../outside.xml", "C:/Windows/evil.dll", "..\\evil.txt"]
)
def test_a_file_with_parts_leading_outside_is_refused(name):
    crafted = docx_bytes(**{name: b"x"})
    assert _refusal(crafted, "dilekce.docx") == UNSAFE_PART_NAMES


def test_a_mangled_declaration_that_does_not_parse_is_refused_too():
    crafted = _replace(docx_bytes(), "word/document.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b"')
    assert _refusal(crafted, "dilekce.docx") == XML_DECLARATIONS


def test_xml_that_merely_does_not_parse_is_left_to_the_other_checks():
    crafted = _replace(docx_bytes(), "word/document.xml", b"<w:document><unclosed")
    assert inspect_upload(crafted, "dilekce.docx").kind is FileKind.DOCX


def test_ordinary_word_and_opendocument_files_are_still_accepted():
    assert inspect_upload(docx_bytes(), "dilekce.docx").kind is FileKind.DOCX
    assert inspect_upload(odt_bytes(), "dilekce.odt").kind is FileKind.ODT


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\ufeffAyşe Yılmaz", "Ayşe Yılmaz"),
        ("Ay\u200bşe\u200c Yıl\u200dmaz", "Ayşe Yılmaz"),
        ("Ahmet\u2060 \u00adDemir\u200e\u200f", "Ahmet Demir"),
        ("Fatma\u202e Şahin\x07", "Fatma Şahin"),
        ("İsmail   İnce", "İsmail İnce"),
    ],
)
def test_names_lose_invisible_and_control_characters(typed, kept):
    assert clean_line(typed) == kept


def test_narratives_keep_their_line_breaks_but_lose_invisible_characters():
    from cases.grievance import clean_text

    typed = "\ufeffMüdür\u200b beni\ttoplantıya\r\nçağırmadı.\n\nTanıklar\u2063 var."
    assert clean_text(typed, multiline=True) == "Müdür beni toplantıya\nçağırmadı.\n\nTanıklar var."
    assert strip_unseen("a\u200b\nb") == "a\nb"


def test_workflow_texts_lose_invisible_characters():
    from cases.workflows.inputs import _CONTROL

    assert _CONTROL.sub("", "Ret\u200b gerekçesi\ufeff\n") == "Ret gerekçesi\n"
