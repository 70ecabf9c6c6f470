"""Sandboxed rendering of petition templates and the checks an uploaded template must pass."""

import io
import re
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from cases.errors import TemplateError
from cases.petitions import (
    AttachmentInfo,
    PdfConversionError,
    build_context,
    check_template,
    convert_to_pdf,
    render_docx,
    sample_case,
    sample_extra,
    soffice_available,
    unknown_fields,
)
from cases.petitions.docx_safety import assert_well_formed

TODAY = date(2026, 11, 23)


def make_docx(*paragraphs: str, footer: str = "", cells: tuple[str, ...] = ()) -> bytes:
    """A small .docx whose body holds ``paragraphs`` (one run each), a table row and a footer."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if cells:
        row = doc.add_table(rows=1, cols=len(cells)).rows[0]
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].add_run(text)
    if footer:
        doc.sections[0].footer.paragraphs[0].add_run(footer)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def texts(docx: bytes) -> list[str]:
    """Every non-blank paragraph's text: body, then table cells, then footers."""
    doc = Document(io.BytesIO(docx))
    found = [p.text for p in doc.paragraphs]
    found += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    found += [p.text for s in doc.sections for p in s.footer.paragraphs]
    return [text for text in found if text]


def context(**extra: object) -> dict[str, object]:
    return build_context(sample_case(), {**sample_extra(), **extra}, TODAY)


def render(*paragraphs: str, **extra: object) -> list[str]:
    return texts(render_docx(make_docx(*paragraphs), context(**extra)))


def test_fields_filters_and_tables_render_in_body_cells_and_footer():
    template = make_docx(
        "{{ member.full_name|buyuk }} – {{ institution.province|buyuk }}",
        "{{ today|tarih }} / {{ today|uzun_tarih }} / {{ act.date }}",
        cells=("{{ case.reference }}", "{{ court.name }}"),
        footer="Dosya {{ case.reference }}",
    )
    found = texts(render_docx(template, context()))
    assert "AYŞE IŞIK ÇAĞLAR – ANKARA" in found
    assert "23.11.2026 / 23 Kasım 2026 / 01.10.2026" in found
    assert {"EBS-2026-000123", "Ankara Nöbetçi İdare Mahkemesi", "Dosya EBS-2026-000123"} <= set(found)


def test_each_fact_becomes_its_own_paragraph_and_long_turkish_text_stays_whole():
    long_line = "Çalışma arkadaşlarımın önünde ağır sözlerle eleştirildim; şikâyetim işleme konmadı. " * 120
    extra = {"facts": f"Birinci olay: ığüşöçİ ĞÜŞÖÇI\n\n  İkinci olay.  \r\n{long_line}"}
    found = render("Önce", "{%p for f in facts %}", "{{ loop.index }}) {{ f }}", "{%p endfor %}", "Sonra", **extra)
    assert found == ["Önce", "1) Birinci olay: ığüşöçİ ĞÜŞÖÇI", "2) İkinci olay.", f"3) {long_line.strip()}", "Sonra"]


def test_member_text_full_of_xml_specials_comes_out_literally():
    nasty = "A & B <w:p> \"quoted\" 'single' ]]> <![CDATA[x]]> &amp; </w:t></w:r> {{ 7*7 }} {% raw %}"
    extra = {"facts": nasty, "act.description": nasty, "court.name": nasty}
    docx = render_docx(
        make_docx("{%p for f in facts %}", "{{ f }}", "{%p endfor %}", "{{ act.description }}"), context(**extra)
    )
    assert_well_formed(docx)
    assert texts(docx) == [nasty, nasty]


def test_characters_xml_cannot_hold_are_dropped_instead_of_corrupting_the_document():
    docx = render_docx(make_docx("{{ act.description }}"), context(**{"act.description": "a\x00b\x07c\x0ed\x1fe"}))
    assert_well_formed(docx)
    assert texts(docx) == ["abcde"]


CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\ud800\udfff\ufffe\uffff"


def test_every_control_character_in_member_text_leaves_every_part_of_the_document_intact():
    text = f"Başı{CONTROLS}Sonu & <b>"
    template = make_docx(
        "{{ act.description }}",
        "{%p for e in evidence %}",
        "{{ e }}",
        "{%p endfor %}",
        cells=("{{ member.full_name }}",),
        footer="{{ court.name }}",
    )
    doc = Document(io.BytesIO(template))
    doc.core_properties.title = "{{ act.description }}"
    buffer = io.BytesIO()
    doc.save(buffer)
    snapshot = replace(
        sample_case(),
        member=replace(sample_case().member, full_name=text),
        attachments=(AttachmentInfo("kanit.pdf", text),),
    )
    extra = {"act.description": text, "court.name": text}
    docx = render_docx(buffer.getvalue(), build_context(snapshot, extra, TODAY))
    assert_well_formed(docx)
    # Word's line tabulation and a form feed become line breaks; the others are dropped.
    expected = "Başı\n\nSonu & <b>"
    assert texts(docx) == [expected] * 4
    assert Document(io.BytesIO(docx)).core_properties.title == expected


def test_member_text_keeps_what_docxtpl_would_unescape():
    typed = "{_{ x }_} {_% y %_} {{ z }}"
    template = make_docx("{{ act.description }}")
    doc = Document(io.BytesIO(template))
    doc.core_properties.subject = "{{ act.description }}"
    buffer = io.BytesIO()
    doc.save(buffer)
    docx = render_docx(buffer.getvalue(), context(**{"act.description": typed}))
    assert texts(docx) == [typed]
    assert Document(io.BytesIO(docx)).core_properties.subject == typed


def test_document_properties_print_member_text_once_escaped():
    doc = Document(io.BytesIO(make_docx("Dilekçe")))
    doc.core_properties.title = "{{ member.full_name }} – {{ act.description }}"
    buffer = io.BytesIO()
    doc.save(buffer)
    docx = render_docx(buffer.getvalue(), context(**{"act.description": 'A & B <c> "d" ' + "ş" * 400}))
    title = Document(io.BytesIO(docx)).core_properties.title
    assert title.startswith('Ayşe Işık Çağlar – A & B <c> "d" şş')
    assert len(title) == 255  # python-docx's limit; the rest is cut, not refused


def test_a_tag_that_breaks_the_document_structure_is_refused_instead_of_silently_repaired():
    template = make_docx("Önce {% if stay_of_execution %}", cells=("tablo {% endif %} sonra",))
    with pytest.raises(TemplateError, match="damaged document"):
        render_docx(template, context(stay_of_execution=False))
    with pytest.raises(TemplateError, match="damaged document"):
        check_template(template, sample_context=context(stay_of_execution=False))


def test_optional_sections_follow_the_flags():
    template = ("{%p if stay_of_execution %}", "YÜRÜTMENİN DURDURULMASI TALEPLİDİR", "{%p endif %}", "Sonuç")
    assert render(*template, stay_of_execution=True) == ["YÜRÜTMENİN DURDURULMASI TALEPLİDİR", "Sonuç"]
    assert render(*template, stay_of_execution=False) == ["Sonuç"]


@pytest.mark.parametrize(
    "expression",
    [
        "{{ member.__class__ }}",
        "{{ member.full_name.__class__.__mro__ }}",
        "{{ facts.__class__.__base__.__subclasses__() }}",
        "{{ member|attr('__class__') }}",
        "{{ member['__class__'] }}",
        "{{ member.full_name.format.__globals__ }}",
        "{{ self.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ member.full_name.upper() }}",
        "{{ '{0.__class__}'.format(member) }}",
        "{{ member[('__cla' ~ 'ss__')] }}",
        "{% set x = namespace() %}",
        "{{ range(10)|list }}",
        "{% macro m() %}x{% endmacro %}{{ m() }}",
        "{% include 'other.docx' %}",
        "{% autoescape false %}{{ facts }}{% endautoescape %}",
        "{{ facts|first|safe }}",
        "{{ 'x' * 999999999 }}",
        "{{ 2 ** 100000 }}",
        "{{ (2 ** 60) ** 70 }}",
        "{% set n = 2 ** 2000 %}{{ n * n * n }}",
        "{{ member.full_name.center }}",
        "{{ member.items }}",
        "{% set s = 'x' * 900000 %}{{ s + s }}",
        "{{ '%0999999999d' % 1 }}",
        "{{ self }}",
        "{{ self._TemplateReference__context }}",
        "{{ cycler }}",
        "{{ joiner }}",
        "{{ namespace }}",
        "{{ lipsum }}",
        "{{ range(10**9) }}",
        "{% for i in range(10**9) %}{% endfor %}",
        "{{ member.full_name.mro() }}",
        "{{ member.full_name|attr('__class__')|attr('mro') }}",
        "{{ '{0.__class__.__mro__}'|format(member) }}",
        "{{ facts|map('attr', '__class__')|list }}",
        "{{ facts|selectattr('__class__')|list }}",
        "{{ member|_counted }}",
    ],
)
def test_sandbox_escapes_are_refused_with_a_template_error(expression):
    with pytest.raises(TemplateError) as refused:
        render_docx(make_docx("Dilekçe", expression), context())
    assert "could not be filled in" not in refused.value.render()  # recognised, not a stray exception


DOUBLING = "{% set s = 'a' * 999 %}{% set l0 = [s] %}" + "".join(
    f"{{% set l{i + 1} = [l{i}, l{i}] %}}" for i in range(40)
)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("{% set s = 'a'*999999 %}{% set a = s ~ s %}{% set b = a ~ a %}{{ b ~ b }}", "too long (~)"),
        ("{% set s = 'a'*999999 %}{{ ([s] * 1000)|join }}", "too long"),
        ("{% set s = 'a'*999 %}{{ (s|list)|join(s * 1000) }}", "too long (|join)"),
        ("{% set l = [1] * 999999 %}{{ ([l] * 1000)|sum(start=[]) }}", "too long"),
        (
            "{% set s = 'a'*9999 %}{% set l0 = [s] %}{% set l1 = l0 + l0 %}{% set l2 = l1 + l1 %}"
            + "".join(f"{{% set l{i + 1} = l{i} + l{i} %}}" for i in range(2, 30)),
            "too long (+)",
        ),
        (DOUBLING + "{{ l40 == l40 }}", "too long ([…])"),
        ("{% set s = 'a'*999999 %}{{ s|list|map(attribute='x')|map('default', s)|list }}", "too long (|list)"),
        ("{% set s = 'a'*999999 %}{{ s|e|e }}", "too long (|e)"),
        ("{% set s = 'a'*3000 %}{% for x in s %}{% for y in s %}{% endfor %}{% endfor %}", "loops run too long"),
        ("{% set s = 'a'*40000 %}{% for c in s %}" + "uzun metin " * 300 + "{% endfor %}", "too long (output)"),
        ("{% set s = 'a'*40000 %}{% set b %}{% for c in s %}" + "x" * 3000 + "{% endfor %}{% endset %}", "output"),
        ("{% set s = 'ab' * 499000 %}" + "{{ s|upper|lower|title|trim|length }}" * 20, "filters do too much work"),
    ],
    ids=[
        "concat-doubling",
        "join-of-copies",
        "join-separator",
        "sum-of-lists",
        "list-doubling",
        "nested-literals",
        "map-default",
        "escape-growth",
        "nested-loops",
        "literal-in-loop",
        "block-set-in-loop",
        "filter-chain",
    ],
)
def test_templates_that_would_exhaust_memory_or_time_are_stopped_early(expression, message):
    with pytest.raises(TemplateError, match=re.escape(message)):
        render_docx(make_docx("Dilekçe", expression), context())


def test_everyday_template_constructs_still_work_within_the_limits():
    found = render(
        "{% for f in facts %}{{ loop.index }}/{{ loop.length }} {% endfor %}",
        "{{ evidence|join(', ') }} · {{ facts|length }} · {{ member.full_name ~ ' – ' ~ member.title }}",
        "{% if case.category in ['Disiplin cezası', 'Görev yeri değişikliği ve atama'] %}evet{% endif %}"
        "{{ {'a': 1}['a'] }}{{ (1, 2)|join('-') }}{% filter buyuk %}{{ court.name }}{% endfilter %}",
        "{% for k, v in member|dictsort if k == 'title' %}{{ k }}={{ v }}{% endfor %}{{ '-' * 10 }}",
    )
    assert found == [
        "1/3 2/3 3/3 ",
        "01.10.2026 tarihli atama yazısı, Tebliğ tutanağı, Eşin görev yeri belgesi, Çocuğa ait sağlık kurulu raporu"
        " · 3 · Ayşe Işık Çağlar – Öğretmen",
        "evet11-2ANKARA NÖBETÇİ İDARE MAHKEMESİ",
        "title=Öğretmen----------",
    ]


def test_a_refused_internal_attribute_is_named_in_the_message():
    with pytest.raises(TemplateError, match="Python internals.*__class__"):
        render_docx(make_docx("{{ member.__class__ }}"), context())


def test_an_undefined_name_fails_clearly_at_render():
    with pytest.raises(TemplateError, match="does not exist.*'plaintiff' is undefined"):
        render_docx(make_docx("{{ plaintiff.name }}"), context())


def test_a_required_field_left_blank_is_named():
    with pytest.raises(TemplateError) as refused:
        build_context(sample_case(), {"court.name": " "}, TODAY, required=("court.name", "act.date"))
    assert refused.value.render() == "Fill in the fields this template needs: court.name, act.date."


# --- upload checks -------------------------------------------------------------------------------


def test_a_good_template_passes_and_reports_the_fields_it_uses():
    template = make_docx("{{ member.full_name }} {{ court.name }}", "{%p for f in facts %}", "{{ f }}", "{%p endfor %}")
    check = check_template(template, sample_context=context())
    assert check.fields == ("court.name", "facts", "member.full_name")
    assert check.fillable_fields == ("court.name", "facts")
    assert len(check.sha256) == 64 and check.size == len(template)


def test_unknown_fields_are_listed_but_loop_variables_and_sets_are_not():
    template = make_docx(
        "{{ member.full_name }} {{ member.shoe_size }} {{ plaintiff }} {{ court['name'] }}",
        "{% set n = facts|length %}{{ n }} {% for e in evidence %}{{ e }} {{ loop.index }}{% endfor %}",
        "{{ member[member.full_name] }} {{ facts[0] }} {{ act.date|tarih }}",
        footer="{{ footer_text }}",
    )
    assert unknown_fields(template) == ["footer_text", "member.shoe_size", "member[…]", "plaintiff"]
    with pytest.raises(TemplateError) as refused:
        check_template(template)
    assert refused.value.render() == (
        "The template uses unknown fields: footer_text, member.shoe_size, member[…], plaintiff."
    )


def test_a_syntax_error_is_reported_with_its_line_and_text():
    template = make_docx("Giriş", "İkinci paragraf", "Sayın {{ member.full_name }", "Son")
    with pytest.raises(TemplateError) as refused:
        check_template(template)
    message = refused.value.render()
    assert message.startswith("The template has a syntax error on line ")
    assert "Sayın {{ member.full_name }" in message
    assert refused.value.params["line"] == 4  # the document's first line holds no paragraph


def test_an_unclosed_block_is_a_syntax_error():
    with pytest.raises(TemplateError, match="syntax error.*endif"):
        check_template(make_docx("{% if stay_of_execution %}", "Talep"))


def test_a_forbidden_construct_is_refused_at_upload():
    with pytest.raises(TemplateError, match="may not call functions"):
        check_template(make_docx("{{ member.full_name.upper() }}"))
    with pytest.raises(TemplateError, match="filter attr is not allowed"):
        check_template(make_docx("{{ member|attr('full_name') }}"))


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7\n...", b"PK\x03\x04 truncated zip", "Dilekçe metni".encode()],
    ids=["empty", "pdf", "broken-zip", "text"],
)
def test_a_file_that_is_not_a_docx_is_refused(data):
    with pytest.raises(TemplateError, match=r"not a Word document \(\.docx\)"):
        check_template(data)


def test_a_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(TemplateError, match="not a Word document"):
        check_template(out.getvalue())


def test_a_damaged_word_package_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<not-closed>")
    with pytest.raises(TemplateError, match="not a Word document.*damaged"):
        check_template(out.getvalue())


def _bomb(size: int) -> bytes:
    """A genuine zip bomb: ``size`` zero bytes that pack into a few kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
        archive.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_anything_is_unpacked():
    bomb = _bomb(64 * 1024 * 1024)
    assert len(bomb) < 200_000
    with pytest.raises(TemplateError) as refused:
        check_template(bomb)
    assert "looks like a zip bomb" in refused.value.render()


def test_an_archive_declaring_too_much_content_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/big.bin", bytes(3 * 1024 * 1024))
    with pytest.raises(TemplateError) as refused:
        check_template(out.getvalue(), max_size=10 * 1024 * 1024, max_unpacked=2 * 1024 * 1024)
    assert refused.value.render() == "The document would unpack to 3 MB (at most 2 MB)."


def test_a_member_whose_real_size_exceeds_its_declared_size_is_refused_without_inflating_it():
    bomb = bytearray(_bomb(8 * 1024 * 1024))
    # Rewrite the central directory's uncompressed size of word/document.xml to 100 bytes.
    entry = bomb.rfind(b"PK\x01\x02", 0, bomb.rfind(b"PK\x01\x02"))
    bomb[entry + 24 : entry + 28] = (100).to_bytes(4, "little")
    with pytest.raises(TemplateError, match="not a Word document"):
        check_template(bytes(bomb))


def test_an_archive_with_too_many_members_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(400):
            archive.writestr(f"word/media/{i}.xml", "")
    with pytest.raises(TemplateError, match=r"too many parts \(400; at most 300\)"):
        check_template(out.getvalue())


def test_an_oversized_file_is_refused_by_its_size_alone():
    with pytest.raises(TemplateError) as refused:
        check_template(b"PK" + bytes(2 * 1024 * 1024), max_size=1024 * 1024)
    assert refused.value.render() == "The file is too large (2 MB; at most 1 MB)."


def test_an_encrypted_member_is_refused():
    data = bytearray(make_docx("x"))
    entry = data.find(b"PK\x01\x02")
    data[entry + 8] |= 0x1  # the central directory's "encrypted" flag
    with pytest.raises(TemplateError, match="encrypted"):
        check_template(bytes(data))


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_conversion_without_soffice_raises_a_domain_error():
    with pytest.raises(PdfConversionError, match="not installed"):
        convert_to_pdf(b"", binary="soffice-that-does-not-exist")


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) is not installed: PDF path not tested")
def test_a_rendered_petition_converts_to_pdf():
    docx = render_docx(make_docx("{{ member.full_name|buyuk }}", "{{ today|uzun_tarih }}"), context())
    pdf = convert_to_pdf(docx, timeout=120)
    assert pdf.startswith(b"%PDF")
