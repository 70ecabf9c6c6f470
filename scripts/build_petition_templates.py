"""Write Dayanak's default petition templates (.docx) and their manifest with python-docx.

    .venv/bin/python scripts/build_petition_templates.py [--out app/petition_templates]

The output is reproducible: fixed document properties and zip timestamps, so a rebuild of an
unchanged script gives the same files. Placeholders use the fields of ``cases.petitions``;
``{%p … %}`` and ``{%tr … %}`` are docxtpl's paragraph and table-row tags. Numbering is
written out (``1.``, ``{{ loop.index }}.``) rather than left to Word, so every viewer and the
PDF show the same numbers.
"""

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cases.petitions.library import Addressee  # noqa: E402
from cases.petitions.manifest import MEMBER, Proceeding, TemplateSpec, manifest_dict  # noqa: E402
from cases.vocabulary import ASSISTANCE_CATEGORIES, LEGAL_CATEGORIES, CaseKind, Category  # noqa: E402

OUT_DIR = ROOT / "app" / "petition_templates"
FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}

# Sentence pieces shared by several petitions.
ACT = (
    "{{ act.date|tarih }} tarih{% if act.number %} ve {{ act.number }} sayılı{% else %}li{% endif %}"
    "{% if act.description %}, {{ act.description }}{% endif %}"
)
MEMBER_ID = "{{ member.full_name|buyuk }} (T.C. Kimlik No: {{ member.national_id }})"
MEMBER_JOB = "{{ member.title }}{% if member.title and member.institution %}, {% endif %}{{ member.institution }}"
LAWYER = (
    "Av. {{ lawyer.full_name }}{% if lawyer.bar %}, {{ lawyer.bar }}{% endif %}"
    "{% if lawyer.registry_number %} (Sicil No: {{ lawyer.registry_number }}){% endif %}"
)
LAWYER_ROWS = ("{%tr if lawyer.full_name %}", ("VEKİLİ", [LAWYER, "{{ lawyer.address }}"]), "{%tr endif %}")
GROUNDS = "{% for ground in legal_grounds %}, {{ ground }}{% endfor %} ve ilgili diğer mevzuat."
BY_PROXY = "{% if lawyer.full_name %} vekâleten{% endif %}"
_UNUSED_PARTS = frozenset({"stylesWithEffects", "customXml", "webSettings", "numbering"})


def _fix_grid(table, widths: tuple) -> None:
    """Make ``table``'s grid, width and layout agree with ``widths`` (see ``Petition.parties``)."""
    tbl = table._tbl
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(int(width.twips)))
        grid.append(col)
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(int(sum(w.twips for w in widths))))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


class Petition:
    """A document under construction: A4, Times New Roman 12, Turkish proofing language."""

    def __init__(self, spec: TemplateSpec, footer: str = "") -> None:
        self.spec = spec
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2)
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = "Times New Roman", Pt(12)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), "Times New Roman")
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "tr-TR")
        rpr.append(lang)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.15
        props = self.doc.core_properties
        props.title, props.subject = spec.title_tr, spec.description_tr
        props.author = props.last_modified_by = "Dayanak"
        props.comments, props.keywords, props.revision = "", spec.name, 1
        props.created = props.modified = FIXED_TIME
        self._footer(footer)

    keep: bool = False  # while on, every paragraph is kept with the next (the closing block)

    def p(self, text: str = "", bold: bool = False, align: str = "justify", indent: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = ALIGN[align]
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        if self.keep:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.keep_together = True
        if text:
            paragraph.add_run(text).bold = bold

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl ``{%p … %}`` tag; it vanishes from the output."""
        self.doc.add_paragraph().add_run(text)

    def heading(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(10)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
        paragraph.add_run(text).bold = True

    def closing(self) -> None:
        """From here on, paragraphs stay with the next: the closing paragraph, signature and annexes
        move to a new page together rather than leave a lone signature there."""
        self.keep = True

    def item(self, text: str) -> None:
        """A numbered (or bulleted) paragraph of a list: the number is part of ``text``."""
        self.p(text, indent=True)

    def loop(self, head: str, line: str, tail: str = "{%p endfor %}") -> None:
        self.tag(head)
        self.item(line)
        self.tag(tail)

    def title(self, *lines: str) -> None:
        for line in lines:
            self.p(line, bold=True, align="center")
        self.p()

    def parties(self, *rows: object) -> None:
        """A borderless table: label, colon, value lines; a plain string is a ``{%tr %}`` row.

        The grid, the table width and every cell say the same widths, with a fixed layout, so
        Word and LibreOffice both draw the label column narrow and the value across the rest
        (python-docx's own grid splits the page in three equal columns, which LibreOffice obeys).
        """
        table = self.doc.add_table(rows=0, cols=3)
        table.autofit = False
        widths = (Cm(4.2), Cm(0.5), Cm(11.3))
        _fix_grid(table, widths)
        for row in rows:
            cells = table.add_row().cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
            if isinstance(row, str):
                cells[0].paragraphs[0].add_run(row)
                continue
            label, lines = row  # type: ignore[misc]
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].paragraphs[0].add_run(":").bold = True
            for i, line in enumerate(lines):
                paragraph = cells[2].paragraphs[0] if i == 0 else cells[2].add_paragraph()
                paragraph.add_run(line)
        self.p()

    def signature(self, signer_with_lawyer: str, signer_alone: str, sign_line: bool = True) -> None:
        self.closing()
        self.p()
        self.p("{{ today|tarih }}", align="right")
        self.tag("{%p if lawyer.full_name %}")
        self.p(signer_with_lawyer, bold=True, align="right")
        self.p("Av. {{ lawyer.full_name }}", align="right")
        self.tag("{%p else %}")
        self.p(signer_alone, bold=True, align="right")
        self.p("{{ member.full_name }}", align="right")
        self.tag("{%p endif %}")
        if sign_line:
            self.p("İmza", align="right")

    def member_signature(self, signer: str) -> None:
        self.closing()
        self.p()
        self.p("{{ today|tarih }}", align="right")
        self.p(signer, bold=True, align="right")
        self.p("{{ member.full_name }}", align="right")
        self.p("İmza", align="right")

    def annexes(self, fixed: tuple[str, ...], proxy: bool = True, evidence: bool = True) -> None:
        """EKLER: the fixed annexes, the case's evidence, the power of attorney; numbered on."""
        self.heading("EKLER :")
        for i, text in enumerate(fixed, start=1):
            self.item(f"{i}. {text}")
        n = len(fixed)
        if evidence:
            self.loop("{%p for item in evidence %}", f"{{{{ loop.index + {n} }}}}. {{{{ item }}}}")
        if proxy:
            self.tag("{%p if lawyer.full_name %}")
            count = f"evidence|length + {n + 1}" if evidence else str(n + 1)
            self.item(f"{{{{ {count} }}}}. Vekâletname örneği")
            self.tag("{%p endif %}")

    def _footer(self, text: str) -> None:
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            paragraph.add_run(text + " – ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text_el = OxmlElement("w:t")
        text_el.text = "1"
        run.append(text_el)
        field.append(run)
        paragraph._p.append(field)

    def slim(self) -> None:
        """Drop what python-docx's blank document carries and a petition never uses.

        Its 800 kB of style definitions would otherwise be parsed and compressed again on every
        render; the thumbnail would show python-docx's sample page.
        """
        part = self.doc.part
        for rid, rel in list(part.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNUSED_PARTS:
                part.drop_rel(rid)
        package_rels = part.package.rels
        for rid, rel in list(package_rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                package_rels.pop(rid)
        styles = self.doc.styles.element
        styles.remove(styles.find(qn("w:latentStyles")))
        used = {"Normal"}
        for xml in (part.element, *(s.footer._element for s in self.doc.sections)):
            for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
                used.update(el.get(qn("w:val")) for el in xml.iter(qn(tag)))
        by_id = {el.get(qn("w:styleId")): el for el in styles.findall(qn("w:style"))}
        keep = {sid for sid, el in by_id.items() if el.get(qn("w:default")) == "1"}
        todo = [sid for sid in used if sid in by_id]
        while todo:
            sid = todo.pop()
            if sid in keep and sid not in used:
                continue
            keep.add(sid)
            used.discard(sid)
            for tag in ("w:basedOn", "w:link", "w:next"):
                ref = by_id[sid].find(qn(tag))
                if ref is not None and ref.get(qn("w:val")) in by_id and ref.get(qn("w:val")) not in keep:
                    todo.append(ref.get(qn("w:val")))
        for sid, el in by_id.items():
            if sid not in keep:
                styles.remove(el)

    def save(self, path: Path) -> None:
        """Write the .docx with fixed zip timestamps, so rebuilding gives the same file."""
        self.slim()
        raw = io.BytesIO()
        self.doc.save(raw)
        with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = 0o644 << 16
                zout.writestr(fixed, zin.read(info.filename))


# Sections shared by the petitions a lawyer signs ------------------------------------------------

EVIDENCE_TAIL = "Tanık beyanı, bilirkişi incelemesi, keşif ve her türlü yasal delil"
PLAINTIFF = ("DAVACI", [MEMBER_ID, "{{ member.address }}"])
DEFENDANT = ("DAVALI", ["{{ defendant.name }}", "{{ defendant.address }}"])
FILE_ROW = ("DOSYA NO", ["{{ court.file_number }}"])
DECISION = (
    "{{ decision.court }} tarafından verilen {{ decision.date|tarih }} tarihli"
    "{% if decision.number %} ve {{ decision.number }} sayılı{% endif %} karar"
)
CLOSE_WE = (
    "{% if lawyer.full_name %} vekâleten saygılarımızla arz ve talep ederiz"
    "{% else %} saygılarımla arz ve talep ederim{% endif %}."
)


def court_heading(doc: Petition, via_decision_court: bool = False) -> None:
    """``… BAŞKANLIĞINA`` (no apostrophe before the dative of a title); an appeal goes through the
    court that decided."""
    doc.p("{{ court.name|buyuk }} BAŞKANLIĞINA", bold=True, align="center")
    if via_decision_court:
        doc.p("Gönderilmek üzere", align="center")
        doc.p("{{ decision.court|buyuk }} BAŞKANLIĞINA", bold=True, align="center")
    doc.p()


def argument(doc: Petition, *closing_paragraphs: str, conditional: str = "", condition: str = "") -> None:
    """AÇIKLAMALAR: the facts, then the grounds, then fixed paragraphs, numbered on."""
    doc.heading("AÇIKLAMALAR :")
    doc.loop("{%p for paragraph in facts %}", "{{ loop.index }}. {{ paragraph }}")
    doc.loop("{%p for paragraph in grounds %}", "{{ facts|length + loop.index }}. {{ paragraph }}")
    for i, text in enumerate(closing_paragraphs, start=1):
        doc.item(f"{{{{ facts|length + grounds|length + {i} }}}}. {text}")
    if conditional:
        doc.tag(f"{{%p if {condition} %}}")
        n = len(closing_paragraphs) + 1
        doc.item(f"{{{{ facts|length + grounds|length + {n} }}}}. {conditional}")
        doc.tag("{%p endif %}")


def laws(doc: Petition, base: str) -> None:
    """HUKUKİ NEDENLER: the petition's own provisions, then those its grounds cite that it does not name."""
    assert '"' not in base
    doc.heading("HUKUKİ NEDENLER :")
    doc.p(
        base + f'{{% for ground in legal_grounds if ground not in "{base}" %}}, {{{{ ground }}}}{{% endfor %}} '
        "ve ilgili diğer mevzuat.",
        indent=True,
    )


def evidence(doc: Petition, *fixed: str, tail: str = EVIDENCE_TAIL) -> None:
    doc.heading("DELİLLER :")
    for i, text in enumerate(fixed, start=1):
        doc.item(f"{i}. {text}")
    n = len(fixed)
    doc.loop("{%p for item in evidence %}", f"{{{{ loop.index + {n} }}}}. {{{{ item }}}}")
    doc.item(f"{{{{ evidence|length + {n + 1} }}}}. {tail}")


def conclusion(doc: Petition, intro: str, after: str = "") -> None:
    """SONUÇ VE İSTEM: one sentence, the lawyer's chosen request items numbered in its middle."""
    doc.heading("SONUÇ VE İSTEM :")
    doc.p(intro, indent=True)
    doc.loop("{%p for request in requests %}", "{{ loop.index }}. {{ request }}")
    doc.closing()
    doc.p(f"karar verilmesini{after}{CLOSE_WE}", indent=True)


def annulment(doc: Petition) -> None:
    court_heading(doc)
    doc.tag("{%p if stay_of_execution %}")
    doc.p("YÜRÜTMENİN DURDURULMASI TALEPLİDİR", bold=True, align="right")
    doc.tag("{%p endif %}")
    doc.tag("{%p if hearing_requested %}")
    doc.p("DURUŞMA İSTEKLİDİR", bold=True, align="right")
    doc.tag("{%p endif %}")
    doc.parties(
        PLAINTIFF,
        *LAWYER_ROWS,
        DEFENDANT,
        (
            "DAVA KONUSU",
            [
                f"Davalı idarenin {ACT} işleminin{{% if stay_of_execution %}} öncelikle yürütmesinin "
                "durdurulması, akabinde{% endif %} iptali istemidir."
            ],
        ),
        ("TEBLİĞ TARİHİ", ["{{ act.notification_date|tarih }}"]),
        "{%tr if claim.amount %}",
        ("DAVA DEĞERİ", ["{{ claim.amount }}"]),
        "{%tr endif %}",
    )
    argument(
        doc,
        "Anayasa'nın 2. maddesinde ifadesini bulan hukuk devleti ilkesi, idarenin işlemlerinde hukuki güvenliği ve "
        "öngörülebilirliği gözetmesini gerektirir; Anayasa'nın 125. maddesi uyarınca idarenin her türlü eylem ve "
        "işlemine karşı yargı yolu açıktır. Açıklanan nedenlerle hukuka aykırı olan işlemin iptali gerekmektedir.",
        conditional="Dava konusu işlem açıkça hukuka aykırıdır ve uygulanması hâlinde müvekkil yönünden telafisi "
        "güç veya imkânsız zararlar doğacaktır. 2577 sayılı İdari Yargılama Usulü Kanunu'nun 27. maddesinde "
        "öngörülen koşullar birlikte gerçekleştiğinden işlemin yürütmesinin teminatsız olarak durdurulmasına karar "
        "verilmesi gerekmektedir.",
        condition="stay_of_execution",
    )
    laws(
        doc,
        "Anayasa, 2577 sayılı İdari Yargılama Usulü Kanunu, 657 sayılı Devlet Memurları Kanunu, 4688 sayılı Kamu "
        "Görevlileri Sendikaları ve Toplu Sözleşme Kanunu",
    )
    evidence(
        doc,
        "Dava konusu işlem ve tebliğ belgesi",
        "Müvekkilin özlük dosyası ile davalı idare nezdindeki ilgili tüm bilgi ve belgeler",
    )
    conclusion(doc, "Yukarıda açıklanan ve Mahkemenizce re'sen gözetilecek nedenlerle;")
    doc.signature("Davacı Vekili", "Davacı", sign_line=False)
    doc.annexes(("Dava konusu işlem ve tebliğ belgesi örneği",))


def answer_to_defence(doc: Petition) -> None:
    court_heading(doc)
    doc.parties(
        FILE_ROW,
        PLAINTIFF,
        *LAWYER_ROWS,
        DEFENDANT,
        ("KONU", ["Davalı idarenin savunmasına karşı cevaplarımızın sunulmasıdır (İYUK m. 16/3)."]),
        ("TEBLİĞ TARİHİ", ["Savunma dilekçesi: {{ served.date|tarih }}"]),
    )
    doc.heading("AÇIKLAMALAR :")
    doc.item(
        "1. Davalı idarenin savunma dilekçesi tarafımıza {{ served.date|tarih }} tarihinde tebliğ edilmiş olup bu "
        "dilekçe, 2577 sayılı Kanun'un 16. maddesinin 3. fıkrasındaki otuz günlük süre içinde sunulmaktadır."
    )
    doc.item(
        "2. Davalı idare savunmasında dava konusu işlemin hukuka uygun olduğunu ileri sürmüş ise de bu iddialar "
        "somut bilgi ve belgeyle desteklenmemiştir; dava dilekçemizde açıklanan hukuka aykırılıklar savunmada "
        "karşılanmamıştır."
    )
    doc.loop("{%p for paragraph in facts %}", "{{ loop.index + 2 }}. {{ paragraph }}")
    doc.loop("{%p for paragraph in grounds %}", "{{ facts|length + loop.index + 2 }}. {{ paragraph }}")
    doc.item(
        "{{ facts|length + grounds|length + 3 }}. Dava dilekçemizde ileri sürdüğümüz tüm hususları aynen "
        "tekrar ediyor, davalı idarenin savunmasında ileri sürülen hususları kabul etmiyoruz."
    )
    laws(doc, "Anayasa, 2577 sayılı İdari Yargılama Usulü Kanunu")
    evidence(doc, "Dava dosyası kapsamı ve dava dilekçemizde gösterilen deliller")
    conclusion(doc, "Yukarıda açıklanan ve dava dilekçemizde belirtilen nedenlerle;")
    doc.signature("Davacı Vekili", "Davacı", sign_line=False)


def stay_objection(doc: Petition) -> None:
    court_heading(doc, via_decision_court=True)
    doc.parties(
        FILE_ROW,
        ("İTİRAZ EDEN (DAVACI)", [MEMBER_ID, "{{ member.address }}"]),
        *LAWYER_ROWS,
        ("KARŞI TARAF (DAVALI)", ["{{ defendant.name }}", "{{ defendant.address }}"]),
        (
            "İTİRAZ KONUSU",
            [f"{DECISION} ile yürütmenin durdurulması isteminin reddine karar verilmesine itirazımızdır."],
        ),
        ("TEBLİĞ TARİHİ", ["{{ decision.notification_date|tarih }}"]),
    )
    argument(
        doc,
        "Yürütmenin durdurulması isteminin reddine ilişkin karar {{ decision.notification_date|tarih }} tarihinde "
        "tebliğ edilmiş olup işbu itiraz, 2577 sayılı Kanun'un 27. maddesinin 7. fıkrası uyarınca tebliğden "
        "itibaren yedi gün içinde ve bir defaya mahsus olmak üzere yapılmaktadır.",
        "Dava konusu işlem açıkça hukuka aykırı olup uygulanması hâlinde müvekkil yönünden telafisi güç veya "
        "imkânsız zararlar doğacaktır; yürütmenin durdurulmasının koşulları birlikte gerçekleşmiştir.",
    )
    laws(doc, "Anayasa, 2577 sayılı İdari Yargılama Usulü Kanunu'nun 27. maddesi")
    evidence(doc, "Dava dosyası kapsamı", "Yürütmenin durdurulması isteminin reddine ilişkin karar ve tebliğ belgesi")
    conclusion(doc, "Yukarıda açıklanan nedenlerle;")
    doc.signature("İtiraz Eden Vekili", "İtiraz Eden", sign_line=False)


def appeal(doc: Petition, kind: str) -> None:
    """An istinaf (İYUK 45) or temyiz (İYUK 46) petition against a decision, sent through its court."""
    istinaf = kind == "istinaf"
    court_heading(doc, via_decision_court=True)
    role = "İSTİNAF EDEN (DAVACI)" if istinaf else "TEMYİZ EDEN (DAVACI)"
    article = "45" if istinaf else "46"
    doc.parties(
        FILE_ROW,
        (role, [MEMBER_ID, "{{ member.address }}"]),
        *LAWYER_ROWS,
        ("KARŞI TARAF (DAVALI)", ["{{ defendant.name }}", "{{ defendant.address }}"]),
        (
            "KARAR",
            [DECISION],
        ),
        ("TEBLİĞ TARİHİ", ["{{ decision.notification_date|tarih }}"]),
        (
            "KONU",
            [
                "Aleyhimize verilen kararın "
                + ("kaldırılması" if istinaf else "bozulması")
                + f" istemiyle 2577 sayılı Kanun'un {article}. maddesi uyarınca "
                + ("istinaf" if istinaf else "temyiz")
                + " başvurusudur."
            ],
        ),
    )
    argument(
        doc,
        "Karar tarafımıza {{ decision.notification_date|tarih }} tarihinde tebliğ edilmiş olup başvuru, 2577 "
        f"sayılı Kanun'un {article}. maddesindeki otuz günlük süre içinde yapılmaktadır.",
        "İlk derece mahkemesi, dava dilekçemizde ve savunmaya cevabımızda ileri sürdüğümüz hususları "
        "değerlendirmeden, eksik inceleme ile karar vermiştir; karar usul ve hukuka aykırıdır."
        if istinaf
        else "Karar, 2577 sayılı Kanun'un 49. maddesinde sayılan bozma nedenlerinden hukuka aykırı karar "
        "verilmesi ve usul hükümlerine uyulmaması nedenlerini taşımaktadır.",
    )
    laws(doc, f"Anayasa, 2577 sayılı İdari Yargılama Usulü Kanunu'nun {article}. ve devamı maddeleri")
    evidence(doc, "Dava dosyası kapsamı", "Kanun yoluna konu karar ve tebliğ belgesi")
    conclusion(doc, "Yukarıda açıklanan ve re'sen gözetilecek nedenlerle;")
    doc.signature("İstinaf Eden Vekili" if istinaf else "Temyiz Eden Vekili", "Davacı", sign_line=False)


def appeal_answer(doc: Petition) -> None:
    court_heading(doc, via_decision_court=True)
    doc.parties(
        FILE_ROW,
        ("CEVAP VEREN (DAVACI)", [MEMBER_ID, "{{ member.address }}"]),
        *LAWYER_ROWS,
        ("KANUN YOLUNA BAŞVURAN (DAVALI)", ["{{ defendant.name }}", "{{ defendant.address }}"]),
        ("KARAR", [DECISION]),
        ("TEBLİĞ TARİHİ", ["Kanun yolu dilekçesi: {{ served.date|tarih }}"]),
        ("KONU", ["Davalı idarenin kanun yolu başvurusuna karşı cevaplarımızın sunulmasıdır (İYUK m. 48/3)."]),
    )
    argument(
        doc,
        "Davalı idarenin kanun yolu dilekçesi tarafımıza {{ served.date|tarih }} tarihinde tebliğ edilmiş olup "
        "işbu cevap, 2577 sayılı Kanun'un 48. maddesinin 3. fıkrasındaki otuz günlük süre içinde sunulmaktadır.",
        "Karar, dosya kapsamına, usule ve hukuka uygundur; davalı idarenin başvuru dilekçesinde ileri sürdüğü "
        "hususlar ilk derece yargılamasında ileri sürülüp değerlendirilmiş olup kararın kaldırılmasını veya "
        "bozulmasını gerektirecek nitelikte değildir.",
    )
    laws(doc, "Anayasa, 2577 sayılı İdari Yargılama Usulü Kanunu'nun 45 ilâ 50. maddeleri")
    evidence(doc, "Dava dosyası kapsamı")
    conclusion(doc, "Yukarıda açıklanan nedenlerle;")
    doc.signature("Davacı Vekili", "Davacı", sign_line=False)


def disciplinary_objection(doc: Petition) -> None:
    doc.title("{{ authority|buyuk }}")
    doc.parties(
        ("İTİRAZ EDEN", [MEMBER_ID, MEMBER_JOB, "{{ member.address }}"]),
        *LAWYER_ROWS,
        (
            "KONU",
            [
                f"{ACT} işlemle verilen disiplin cezasına 657 sayılı Devlet Memurları Kanunu'nun 135. "
                "maddesi uyarınca itiraz ile cezanın kaldırılması istemidir."
            ],
        ),
        ("TEBLİĞ TARİHİ", ["{{ act.notification_date|tarih }}"]),
    )
    argument(
        doc,
        "İtiraz, 657 sayılı Kanun'un 135. maddesi uyarınca cezanın tebliğinden itibaren yedi gün içinde "
        "yapılmaktadır; itiraz üzerine kurulun otuz gün içinde karar vermesi gerekmektedir.",
    )
    laws(
        doc,
        "Anayasa'nın 129. maddesi, 657 sayılı Devlet Memurları Kanunu'nun 125 ilâ 136. maddeleri, Disiplin "
        "Kurulları ve Disiplin Amirleri Hakkında Yönetmelik",
    )
    evidence(
        doc,
        "Disiplin soruşturması dosyası, soruşturma raporu, savunma istem yazısı ve verilen savunma",
        "Disiplin cezasına ilişkin işlem ve tebliğ belgesi",
        "Özlük dosyası",
        tail="Tanık beyanları ve her türlü yasal delil",
    )
    conclusion(doc, "Yukarıda açıklanan nedenlerle;")
    doc.signature("İtiraz Eden Vekili", "İtiraz Eden")
    doc.annexes(("Disiplin cezasına ilişkin işlem ve tebliğ belgesi örneği",))


def administrative(
    doc: Petition,
    *,
    title: str,
    subject: str,
    paragraphs: tuple[str, ...],
    base_law: str,
    with_act: bool = True,
    defendant_row: str = "",
    after: str = " ve başvurunun sonucundan {% if lawyer.full_name %}tarafımıza{% else %}tarafıma{% endif %} yazılı "
    "olarak bilgi verilmesini",
    role: str = "BAŞVURAN",
    signer: str = "Başvuran",
) -> None:
    """A lawyer-signed petition to an authority: it asks to withdraw, revoke or change, never to annul."""
    doc.title("{{ authority|buyuk }}", *((title,) if title else ()))
    rows: list[object] = [(role, [MEMBER_ID, MEMBER_JOB, "{{ member.address }}"]), *LAWYER_ROWS]
    if defendant_row:
        rows.append((defendant_row, ["{{ defendant.name }}", "{{ defendant.address }}"]))
    if with_act:
        rows += [
            "{%tr if act.date %}",
            ("İŞLEM", [f"{ACT} işlem"]),
            "{%tr endif %}",
            "{%tr if act.notification_date %}",
            ("TEBLİĞ TARİHİ", ["{{ act.notification_date|tarih }}"]),
            "{%tr endif %}",
        ]
    rows.append(("KONU", [subject]))
    doc.parties(*rows)
    argument(doc, *paragraphs)
    laws(doc, base_law)
    conclusion(doc, "Yukarıda açıklanan nedenlerle;", after=after)
    doc.signature(f"{signer} Vekili", signer)
    doc.tag("{%p if evidence or lawyer.full_name %}")
    doc.annexes(())
    doc.tag("{%p endif %}")


def application(doc: Petition) -> None:
    administrative(
        doc,
        title="",
        subject="{% if act.date %}Yukarıda belirtilen işlemin 2577 sayılı İdari Yargılama Usulü Kanunu'nun 11. "
        "maddesi uyarınca geri alınması, kaldırılması veya değiştirilmesi istemidir.{% else %}2577 sayılı İdari "
        "Yargılama Usulü Kanunu'nun 10. maddesi uyarınca aşağıda açıklanan istemler doğrultusunda işlem tesis "
        "edilmesi istemidir.{% endif %}",
        paragraphs=(
            "{% if act.date %}İşbu başvuru, 2577 sayılı Kanun'un 11. maddesi uyarınca dava açma süresi içinde üst "
            "makama yapılmakta olup işlemeye başlamış olan dava açma süresini durdurur.{% else %}İşbu başvuru, "
            "2577 sayılı Kanun'un 10. maddesi kapsamında yapılmaktadır.{% endif %} Başvurunun otuz gün içinde "
            "cevaplandırılmaması hâlinde istem reddedilmiş sayılacak ve yargı yoluna başvurulacaktır.",
        ),
        base_law="Anayasa'nın 74. maddesi, 2577 sayılı İdari Yargılama Usulü Kanunu'nun 10. ve 11. maddeleri, 3071 "
        "sayılı Dilekçe Hakkının Kullanılmasına Dair Kanun, 657 sayılı Devlet Memurları Kanunu",
    )


def relocation_objection(doc: Petition) -> None:
    administrative(
        doc,
        title="GÖREV YERİ DEĞİŞİKLİĞİNE İTİRAZ",
        subject="Müvekkilin görev yerinin değiştirilmesine ilişkin işlemin 2577 sayılı Kanun'un 11. maddesi "
        "uyarınca geri alınması ve müvekkilin eski görev yerine iadesi istemidir.",
        paragraphs=(
            "İşbu itiraz, 2577 sayılı Kanun'un 11. maddesi uyarınca dava açma süresi içinde yapılmakta olup dava "
            "açma süresini durdurur; otuz gün içinde cevap verilmemesi hâlinde istem reddedilmiş sayılacaktır.",
        ),
        base_law="Anayasa'nın 41. ve 74. maddeleri, 2577 sayılı İdari Yargılama Usulü Kanunu'nun 11. maddesi, "
        "657 sayılı Devlet Memurları Kanunu'nun 72. ve 76. maddeleri, 4688 sayılı Kamu Görevlileri Sendikaları ve "
        "Toplu Sözleşme Kanunu'nun 18. maddesi",
        role="İTİRAZ EDEN",
        signer="İtiraz Eden",
    )


def evaluation_objection(doc: Petition) -> None:
    administrative(
        doc,
        title="PERFORMANS DEĞERLENDİRMESİNE İTİRAZ",
        subject="Müvekkil hakkında yapılan değerlendirmenin ve verilen puanın 2577 sayılı Kanun'un 11. maddesi "
        "uyarınca yeniden ve hukuka uygun biçimde yapılması istemidir.",
        paragraphs=(
            "Değerlendirme somut, ölçülebilir ve önceden bildirilmiş ölçütlere dayanmalı; puanların gerekçesi "
            "ilgiliye bildirilmelidir. Müvekkile verilen puanın dayanağı gösterilmemiş, aynı durumdaki personelle "
            "eşit değerlendirme yapılmamıştır.",
            "İşbu itiraz dava açma süresi içinde yapılmakta olup 2577 sayılı Kanun'un 11. maddesi uyarınca dava "
            "açma süresini durdurur.",
        ),
        base_law="Anayasa'nın 10. ve 70. maddeleri, 2577 sayılı İdari Yargılama Usulü Kanunu'nun 11. maddesi, "
        "657 sayılı Devlet Memurları Kanunu, ilgili değerlendirme mevzuatı",
        role="İTİRAZ EDEN",
        signer="İtiraz Eden",
    )


def damages_application(doc: Petition) -> None:
    administrative(
        doc,
        title="TAZMİN BAŞVURUSU (İYUK m. 13)",
        subject="İdari eylem ve işlemler nedeniyle müvekkilin uğradığı zararın 2577 sayılı Kanun'un 13. maddesi "
        "uyarınca ödenmesi istemidir.{% if claim.amount %} Talep edilen tutar: {{ claim.amount }}.{% endif %}",
        paragraphs=(
            "2577 sayılı Kanun'un 13. maddesi uyarınca idari eylemlerden hakları doğrudan muhtel olanlar, eylemi "
            "öğrendikleri tarihten itibaren bir yıl ve her hâlde eylem tarihinden itibaren beş yıl içinde ilgili "
            "idareye başvurarak haklarının yerine getirilmesini isteyebilir. İşbu başvuru bu süreler içinde "
            "yapılmaktadır.",
            "Başvurunun kısmen veya tamamen reddi ya da otuz gün içinde cevap verilmemesi hâlinde dava açma süresi "
            "içinde tam yargı davası açılacaktır.",
        ),
        base_law="Anayasa'nın 125. ve 129. maddeleri, 2577 sayılı İdari Yargılama Usulü Kanunu'nun 12. ve 13. "
        "maddeleri, 657 sayılı Devlet Memurları Kanunu'nun 13. maddesi",
        with_act=False,
    )


def information_objection(doc: Petition) -> None:
    doc.title("BİLGİ EDİNME DEĞERLENDİRME KURULU BAŞKANLIĞINA", "")
    doc.parties(
        ("İTİRAZ EDEN", [MEMBER_ID, "{{ member.address }}"]),
        *LAWYER_ROWS,
        ("KURUM", ["{{ defendant.name }}"]),
        ("RET İŞLEMİ", [f"{ACT} işlem"]),
        ("TEBLİĞ TARİHİ", ["{{ act.notification_date|tarih }}"]),
        (
            "KONU",
            [
                "4982 sayılı Bilgi Edinme Hakkı Kanunu'nun 13. maddesi uyarınca, bilgi edinme başvurusunun "
                "reddine ilişkin işleme itirazdır."
            ],
        ),
    )
    argument(
        doc,
        "Ret kararı {{ act.notification_date|tarih }} tarihinde tebliğ edilmiş olup itiraz, 4982 sayılı Kanun'un "
        "13. maddesindeki on beş günlük süre içinde yapılmaktadır. Kurulun otuz iş günü içinde karar vermesi "
        "gerekmektedir; itiraz dava açma süresini durdurur.",
        "Talep edilen bilgi ve belgeler müvekkilin kendisine ilişkin olup Kanun'un 15 ilâ 28. maddelerinde sayılan "
        "istisnalardan hiçbirinin kapsamına girmemektedir; müvekkilin hak arama özgürlüğünü kullanabilmesi için "
        "gereklidir.",
    )
    laws(doc, "Anayasa'nın 36. ve 74. maddeleri, 4982 sayılı Bilgi Edinme Hakkı Kanunu")
    conclusion(doc, "Yukarıda açıklanan nedenlerle;")
    doc.signature("İtiraz Eden Vekili", "İtiraz Eden")
    doc.annexes(("Bilgi edinme başvurusu ve ret cevabı",))


def ombudsman_complaint(doc: Petition) -> None:
    doc.title("KAMU DENETÇİLİĞİ KURUMU BAŞKANLIĞINA")
    doc.parties(
        ("ŞİKÂYETÇİ", [MEMBER_ID, MEMBER_JOB, "{{ member.address }}"]),
        *LAWYER_ROWS,
        ("ŞİKÂYET EDİLEN İDARE", ["{{ defendant.name }}", "{{ defendant.address }}"]),
        "{%tr if act.date %}",
        ("İŞLEM", [f"{ACT} işlem"]),
        "{%tr endif %}",
        (
            "KONU",
            [
                "İdarenin hukuka ve hakkaniyete aykırı eylem ve işlemleri hakkında 6328 sayılı Kamu Denetçiliği "
                "Kurumu Kanunu uyarınca şikâyettir."
            ],
        ),
    )
    argument(
        doc,
        "6328 sayılı Kanun'un 17. maddesi uyarınca şikâyetten önce idari başvuru yolları tüketilmiş olup işbu "
        "şikâyet, idarenin cevabından ya da cevap verilmemesinden itibaren altı ay içinde yapılmaktadır. Dava açma "
        "süresi içinde yapılan şikâyet, işlemeye başlamış olan dava açma süresini durdurur.",
    )
    laws(doc, "Anayasa'nın 74. maddesi, 6328 sayılı Kamu Denetçiliği Kurumu Kanunu")
    conclusion(doc, "Yukarıda açıklanan nedenlerle;")
    doc.signature("Şikâyetçi Vekili", "Şikâyetçi")
    doc.tag("{%p if evidence or lawyer.full_name %}")
    doc.annexes(())
    doc.tag("{%p endif %}")


def equality_complaint(doc: Petition) -> None:
    doc.title("TÜRKİYE İNSAN HAKLARI VE EŞİTLİK KURUMU BAŞKANLIĞINA")
    doc.parties(
        ("BAŞVURAN", [MEMBER_ID, MEMBER_JOB, "{{ member.address }}"]),
        *LAWYER_ROWS,
        ("HAKKINDA BAŞVURU YAPILAN", ["{{ defendant.name }}", "{{ defendant.address }}"]),
        "{%tr if respondent.name %}",
        ("İLGİLİ KİŞİ", ["{{ respondent.name }}{% if respondent.title %}, {{ respondent.title }}{% endif %}"]),
        "{%tr endif %}",
        (
            "KONU",
            [
                "Ayrımcılık yasağının ihlali iddiasıyla 6701 sayılı Türkiye İnsan Hakları ve Eşitlik Kurumu "
                "Kanunu'nun 17. maddesi uyarınca başvurudur."
            ],
        ),
    )
    argument(
        doc,
        "6701 sayılı Kanun'un 21. maddesi uyarınca başvuran, ayrımcılığın varlığına ilişkin güçlü emareler ortaya "
        "koyduğunda, ayrımcılık yasağını ihlal etmediğini ispat yükü karşı taraftadır.",
    )
    laws(doc, "Anayasa'nın 10. maddesi, 6701 sayılı Türkiye İnsan Hakları ve Eşitlik Kurumu Kanunu")
    conclusion(doc, "Yukarıda açıklanan nedenlerle;")
    doc.signature("Başvuran Vekili", "Başvuran")
    doc.tag("{%p if evidence or lawyer.full_name %}")
    doc.annexes(())
    doc.tag("{%p endif %}")


def information_request(doc: Petition) -> None:
    doc.title("{{ authority|buyuk }}", "BİLGİ EDİNME BAŞVURUSU")
    doc.parties(
        ("BAŞVURU SAHİBİ", ["{{ member.full_name|buyuk }}"]),
        ("T.C. KİMLİK NO", ["{{ member.national_id }}"]),
        "{%tr if member.title or member.institution %}",
        ("UNVANI / KURUMU", [MEMBER_JOB]),
        "{%tr endif %}",
        ("ADRESİ", ["{{ member.address }}"]),
        "{%tr if member.phone or member.email %}",
        (
            "İLETİŞİM",
            ["{{ member.phone }}{% if member.phone and member.email %} – {% endif %}{{ member.email }}"],
        ),
        "{%tr endif %}",
        (
            "KONU",
            [
                "4982 sayılı Bilgi Edinme Hakkı Kanunu uyarınca aşağıda belirtilen bilgi ve belgelerin tarafıma "
                "verilmesi istemidir."
            ],
        ),
    )
    doc.p(
        "4982 sayılı Bilgi Edinme Hakkı Kanunu ile Bilgi Edinme Hakkı Kanununun Uygulanmasına İlişkin Esas "
        "ve Usuller Hakkında Yönetmelik kapsamında, aşağıda belirtilen bilgi ve belgelerin tarafıma "
        "verilmesini talep ediyorum.",
        indent=True,
    )
    doc.heading("TALEP EDİLEN BİLGİ VE BELGELER :")
    doc.loop("{%p for request in requests %}", "{{ loop.index }}. {{ request }}")
    doc.tag("{%p if facts %}")
    doc.heading("AÇIKLAMALAR :")
    doc.loop("{%p for paragraph in facts %}", "{{ paragraph }}")
    doc.tag("{%p endif %}")
    doc.p(
        "Talep ettiğim bilgi ve belgeler, hakkımda tesis edilen işlemlere ilişkin olup hak arama özgürlüğümü "
        "kullanabilmem için gereklidir. Başvurumun 4982 sayılı Kanun'un 11. maddesi uyarınca on beş iş günü "
        "içinde (bilgi veya belgenin başka bir birimden ya da kurumdan sağlanmasının gerektiği hâllerde otuz iş "
        "günü içinde) cevaplandırılmasını; belgelerin onaylı birer örneğinin yukarıdaki adrese gönderilmesini "
        "veya elektronik ortamda iletilmesini; başvurumun reddedilmesi hâlinde ise Kanun'un 13. maddesi "
        "uyarınca ret gerekçesinin ve başvurabileceğim itiraz yollarının tarafıma yazılı olarak bildirilmesini "
        "saygılarımla arz ederim.",
        indent=True,
    )
    doc.member_signature("Başvuru Sahibi")
    doc.tag("{%p if evidence %}")
    doc.heading("EKLER :")
    doc.loop("{%p for item in evidence %}", "{{ loop.index }}. {{ item }}")
    doc.tag("{%p endif %}")


def harassment_complaint(doc: Petition) -> None:
    doc.title("{{ authority|buyuk }}")
    doc.parties(
        ("ŞİKÂYET EDEN", [MEMBER_ID, MEMBER_JOB, "{{ member.address }}"]),
        "{%tr if respondent.name %}",
        (
            "ŞİKÂYET EDİLEN",
            ["{{ respondent.name }}{% if respondent.title %}, {{ respondent.title }}{% endif %}"],
        ),
        "{%tr endif %}",
        "{%tr if case.incident_date %}",
        ("OLAY TARİHİ", ["{{ case.incident_date|tarih }}"]),
        "{%tr endif %}",
        (
            "KONU",
            [
                "Maruz kaldığım psikolojik taciz (mobbing) niteliğindeki eylemler hakkında, 06.03.2025 tarihli "
                "Resmî Gazete'de yayımlanan 2025/3 sayılı Cumhurbaşkanlığı Genelgesi kapsamında inceleme ve "
                "soruşturma yapılması, eylemlerin sona erdirilmesi ve koruyucu tedbirlerin alınması istemidir."
            ],
        ),
    )
    doc.heading("AÇIKLAMALAR :")
    doc.p("Yaşadığım olaylar tarih sırasıyla aşağıda özetlenmiştir:", indent=True)
    doc.loop("{%p for paragraph in facts %}", "{{ loop.index }}. {{ paragraph }}")
    doc.item(
        "{{ facts|length + 1 }}. Açıklanan ve belirli bir süre boyunca sistematik biçimde tekrarlanan "
        "davranışlar; kişiliğimi, onurumu ve mesleki itibarımı zedelemeye, beni yıldırmaya ve işyerinden "
        "uzaklaştırmaya yöneliktir. Bu davranışlar psikolojik taciz (mobbing) niteliğinde olup çalışma "
        "barışını da bozmaktadır."
    )
    doc.item(
        "{{ facts|length + 2 }}. Anayasa'nın 17. maddesi herkesin maddi ve manevi varlığını koruma ve "
        "geliştirme hakkını güvence altına almaktadır. 2025/3 sayılı Cumhurbaşkanlığı Genelgesi ile kamu "
        "kurum ve kuruluşlarının işyerinde psikolojik tacizi önlemek ve bu konudaki başvuruları etkin "
        "biçimde incelemekle yükümlü olduğu açıkça ortaya konulmuştur."
    )
    doc.item(
        "{{ facts|length + 3 }}. Başvurumun ve kişisel verilerimin gizli tutulmasını, bu şikâyetim nedeniyle "
        "hakkımda olumsuz bir işlem tesis edilmemesini talep ediyorum."
    )
    doc.heading("HUKUKİ NEDENLER :")
    doc.p(
        "Anayasa'nın 17. maddesi, 657 sayılı Devlet Memurları Kanunu, 6701 sayılı Türkiye İnsan Hakları ve "
        "Eşitlik Kurumu Kanunu, 2025/3 sayılı Cumhurbaşkanlığı Genelgesi" + GROUNDS,
        indent=True,
    )
    doc.heading("DELİLLER :")
    doc.loop("{%p for item in evidence %}", "{{ loop.index }}. {{ item }}")
    doc.item("{{ evidence|length + 1 }}. Tanık beyanları, yazışmalar, sağlık kayıtları ve her türlü delil")
    doc.heading("SONUÇ VE İSTEM :")
    doc.p("Yukarıda açıklanan nedenlerle;", indent=True)
    doc.item(
        "1. Şikâyetimin gizlilik içinde incelenmesine ve sorumlular hakkında disiplin soruşturması başlatılmasına,"
    )
    doc.item(
        "2. Psikolojik taciz niteliğindeki eylemlerin derhâl sona erdirilmesine ve tarafımın korunmasına "
        "yönelik tedbirlerin alınmasına,"
    )
    doc.loop("{%p for request in requests %}", "{{ loop.index + 2 }}. {{ request }}")
    doc.p(
        "karar verilmesini ve başvurumun sonucundan tarafıma yazılı olarak bilgi verilmesini saygılarımla arz ederim.",
        indent=True,
    )
    doc.member_signature("Şikâyet Eden")
    doc.tag("{%p if evidence %}")
    doc.heading("EKLER :")
    doc.loop("{%p for item in evidence %}", "{{ loop.index }}. {{ item }}")
    doc.tag("{%p endif %}")


def social_assistance(doc: Petition) -> None:
    doc.title(
        "{% if authority %}{{ authority|buyuk }}{% else %}{{ union.name|buyuk }} GENEL BAŞKANLIĞINA{% endif %}",
        "SOSYAL YARDIM BAŞVURUSU",
    )
    doc.parties(
        ("ADI SOYADI", ["{{ member.full_name|buyuk }}"]),
        ("T.C. KİMLİK NO", ["{{ member.national_id }}"]),
        ("ÜYE NO", ["{{ member.membership_number }}"]),
        ("KURUMU / UNVANI", ["{{ member.institution }}{% if member.title %} / {{ member.title }}{% endif %}"]),
        ("ADRESİ", ["{{ member.address }}"]),
        ("TELEFON / E-POSTA", ["{{ member.phone }}{% if member.email %} – {{ member.email }}{% endif %}"]),
        ("BAŞVURU KONUSU", ["{{ case.category }}"]),
        "{%tr if case.incident_date %}",
        ("OLAY TARİHİ", ["{{ case.incident_date|tarih }}"]),
        "{%tr endif %}",
        "{%tr if claim.amount %}",
        ("TALEP EDİLEN TUTAR", ["{{ claim.amount }}"]),
        "{%tr endif %}",
        "{%tr if member.iban %}",
        ("IBAN", ["{{ member.iban }}"]),
        "{%tr endif %}",
    )
    doc.heading("AÇIKLAMALAR :")
    doc.loop("{%p for paragraph in facts %}", "{{ paragraph }}")
    doc.heading("TALEP :")
    doc.loop("{%p for request in requests %}", "{{ loop.index }}. {{ request }}")
    doc.p(
        "Yukarıda açıkladığım durumum nedeniyle başvurumun Sendikamız tüzüğü ve sosyal yardım esasları "
        "çerçevesinde değerlendirilerek tarafıma{% if claim.amount %} {{ claim.amount }} tutarında{% endif %} "
        "sosyal yardım yapılması hususunda gereğini saygılarımla arz ederim.",
        indent=True,
    )
    doc.p(
        "Bu dilekçede ve eklerinde verdiğim bilgilerin doğru olduğunu, başvurumun değerlendirilmesi amacıyla "
        "kişisel verilerimin işlenmesine ilişkin aydınlatma metninin tarafıma sunulduğunu beyan ederim.",
        indent=True,
    )
    doc.member_signature("Başvuran")
    doc.tag("{%p if evidence %}")
    doc.heading("EKLER :")
    doc.loop("{%p for item in evidence %}", "{{ loop.index }}. {{ item }}")
    doc.tag("{%p endif %}")


_ALL_LEGAL = tuple(LEGAL_CATEGORIES)
_LAWYER_TEXT = ("member.address", "facts", "grounds", "evidence", "legal_grounds")
_DEFENDANT = ("defendant.name", "defendant.address")
_DECISION = ("decision.court", "decision.date", "decision.notification_date")
ADM, FIRST, APPEAL = Proceeding.ADMINISTRATIVE, Proceeding.FIRST_INSTANCE, Proceeding.APPEAL
COURT, ADMIN = Addressee.COURT, Addressee.ADMINISTRATION


def _spec(name: str, tr: str, en: str, dtr: str, den: str, **kw: object) -> TemplateSpec:
    return TemplateSpec(name, f"{name}.docx", tr, en, dtr, den, **kw)  # type: ignore[arg-type]


TEMPLATES: tuple[tuple[TemplateSpec, Callable[[Petition], None], str], ...] = (
    (
        _spec(
            "iptal-davasi",
            "İptal davası dilekçesi (yürütmenin durdurulması istemli olabilir)",
            "Annulment lawsuit petition (optionally with a stay of execution)",
            "İdare mahkemesine, bir idari işlemin iptali için; yürütmenin durdurulması ve duruşma istemi seçimlik.",
            "To an administrative court, to annul an administrative act; stay of execution and hearing optional.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=(
                "court.name",
                "act.date",
                "act.description",
                "act.notification_date",
                *_DEFENDANT,
                "requests",
            ),
            optional_fields=("act.number", "claim.amount", "stay_of_execution", "hearing_requested", *_LAWYER_TEXT),
            proceedings=(ADM,),
            version=2,
            requests=("annul", "costs_with_fee"),
            legal_basis="İYUK m. 2/1-a, 3, 7 (60 gün), 27 (yürütmenin durdurulması)",
        ),
        annulment,
        "",
    ),
    (
        _spec(
            "savunmaya-cevap",
            "Savunmaya cevap dilekçesi (İYUK m. 16/3)",
            "Answer to the defence (Law 2577 art. 16/3)",
            "Davalı idarenin savunmasının tebliğinden itibaren 30 gün içinde, davayı gören mahkemeye.",
            "To the court hearing the case, within 30 days of service of the defence.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("court.name", "court.file_number", "served.date", *_DEFENDANT, "requests"),
            optional_fields=_LAWYER_TEXT,
            proceedings=(FIRST,),
            requests=("accept_suit", "annul", "costs_with_fee"),
            legal_basis="İYUK m. 16/3 (30 gün, bir defa en çok 30 gün uzatılabilir)",
        ),
        answer_to_defence,
        "",
    ),
    (
        _spec(
            "yd-kararina-itiraz",
            "Yürütmenin durdurulması kararına itiraz (İYUK m. 27/7)",
            "Objection to a decision on a stay of execution (Law 2577 art. 27/7)",
            "Ret kararının tebliğinden itibaren 7 gün içinde, bir defaya mahsus, bölge idare mahkemesine.",
            "Within 7 days of notification, once, to the regional administrative court.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("court.name", "court.file_number", *_DECISION, *_DEFENDANT, "requests"),
            optional_fields=("decision.number", *_LAWYER_TEXT),
            proceedings=(FIRST,),
            requests=("accept_objection", "lift_stay_refusal", "stay"),
            legal_basis="İYUK m. 27/7 (7 gün, bölge idare mahkemesi)",
        ),
        stay_objection,
        "",
    ),
    (
        _spec(
            "istinaf",
            "İstinaf dilekçesi (İYUK m. 45)",
            "Appeal (istinaf) petition (Law 2577 art. 45)",
            "İlk derece kararının tebliğinden itibaren 30 gün içinde, kararı veren mahkeme aracılığıyla bölge idare "
            "mahkemesine.",
            "Within 30 days of notification, through the deciding court to the regional administrative court.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("court.name", "court.file_number", *_DECISION, *_DEFENDANT, "requests"),
            optional_fields=("decision.number", *_LAWYER_TEXT),
            proceedings=(APPEAL,),
            requests=("accept_appeal", "quash_decision", "annul", "costs_with_fee"),
            legal_basis="İYUK m. 45 (30 gün, bölge idare mahkemesi)",
        ),
        lambda doc: appeal(doc, "istinaf"),
        "",
    ),
    (
        _spec(
            "temyiz",
            "Temyiz dilekçesi (İYUK m. 46)",
            "Appeal on points of law (temyiz) (Law 2577 art. 46)",
            "Kararın tebliğinden itibaren 30 gün içinde, kararı veren mahkeme aracılığıyla Danıştaya.",
            "Within 30 days of notification, through the deciding court to the Council of State.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("court.name", "court.file_number", *_DECISION, *_DEFENDANT, "requests"),
            optional_fields=("decision.number", *_LAWYER_TEXT),
            proceedings=(APPEAL,),
            requests=("accept_cassation", "reverse_decision", "costs_with_fee"),
            legal_basis="İYUK m. 46 ve 49 (30 gün, Danıştay)",
        ),
        lambda doc: appeal(doc, "temyiz"),
        "",
    ),
    (
        _spec(
            "kanun-yoluna-cevap",
            "İstinaf / temyiz dilekçesine cevap (İYUK m. 48/3)",
            "Answer to an appeal petition (Law 2577 art. 48/3)",
            "Karşı tarafın kanun yolu dilekçesinin tebliğinden itibaren 30 gün içinde.",
            "Within 30 days of service of the other side's appeal petition.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=(
                "court.name",
                "court.file_number",
                "served.date",
                "decision.court",
                "decision.date",
                *_DEFENDANT,
                "requests",
            ),
            optional_fields=("decision.number", *_LAWYER_TEXT),
            proceedings=(APPEAL,),
            requests=("reject_appeal", "uphold_decision", "costs_on_appellant"),
            legal_basis="İYUK m. 48/3 (30 gün)",
        ),
        appeal_answer,
        "",
    ),
    (
        _spec(
            "disiplin-cezasina-itiraz",
            "Disiplin cezasına itiraz dilekçesi (DMK m. 135)",
            "Objection to a disciplinary penalty (Law 657 art. 135)",
            "Disiplin kuruluna, tebliğden itibaren 7 gün içinde; uyarma, kınama, aylıktan kesme ve kademe cezaları.",
            "To the disciplinary board, within 7 days of notification of the penalty.",
            kinds=(CaseKind.LEGAL,),
            categories=(Category.DISCIPLINARY_PENALTY,),
            required_fields=("authority", "act.date", "act.description", "act.notification_date", "requests"),
            optional_fields=("act.number", *_LAWYER_TEXT),
            addressee=ADMIN,
            proceedings=(ADM,),
            version=2,
            requests=("accept_objection", "lift_penalty"),
            authority="board",
            legal_basis="DMK m. 135 (7 gün), m. 127 (zamanaşımı), m. 130 (savunma hakkı)",
        ),
        disciplinary_objection,
        "",
    ),
    (
        _spec(
            "idareye-basvuru",
            "İdareye / üst makama başvuru dilekçesi (İYUK m. 10–11)",
            "Application to the administration or the superior authority (Law 2577 arts. 10–11)",
            "Bir işlem yapılması (m. 10) ya da mevcut işlemin geri alınması (m. 11) için; 30 gün cevapsızlık ret.",
            "To ask for an act (art. 10) or for an act to be withdrawn (art. 11); 30 days of silence = rejection.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("authority", "requests"),
            optional_fields=("act.date", "act.number", "act.description", "act.notification_date", *_LAWYER_TEXT),
            addressee=ADMIN,
            version=2,
            requests=("withdraw",),
            authority="superior",
            legal_basis="İYUK m. 10 ve 11 (30 gün cevapsızlık ret; m. 11 dava süresini durdurur)",
        ),
        application,
        "",
    ),
    (
        _spec(
            "nakle-itiraz",
            "Görev yeri değişikliğine itiraz (İYUK m. 11)",
            "Objection to a relocation (Law 2577 art. 11)",
            "Üst makama, dava açma süresi içinde; süreyi durdurur. Aile birliği, sağlık, 4688 m. 18 güvencesi.",
            "To the superior authority within the lawsuit period, which it suspends.",
            kinds=(CaseKind.LEGAL,),
            categories=(Category.RELOCATION, Category.UNION_RIGHTS),
            required_fields=("authority", "requests"),
            optional_fields=("act.date", "act.number", "act.description", "act.notification_date", *_LAWYER_TEXT),
            addressee=ADMIN,
            proceedings=(ADM,),
            requests=("withdraw", "restore_post"),
            authority="superior",
            legal_basis="İYUK m. 11; DMK m. 72 ve 76; 4688 m. 18",
        ),
        relocation_objection,
        "",
    ),
    (
        _spec(
            "performans-itiraz",
            "Performans değerlendirmesine itiraz (İYUK m. 11)",
            "Objection to a performance evaluation (Law 2577 art. 11)",
            "Değerlendirmeyi yapan makamın üstüne, dava açma süresi içinde; puanın yeniden belirlenmesi istemi.",
            "To the superior authority within the lawsuit period, asking for the score to be set again.",
            kinds=(CaseKind.LEGAL,),
            categories=(Category.ARBITRARY_TREATMENT, Category.PROMOTION),
            required_fields=("authority", "requests"),
            optional_fields=("act.date", "act.number", "act.description", "act.notification_date", *_LAWYER_TEXT),
            addressee=ADMIN,
            proceedings=(ADM,),
            requests=("rescore",),
            authority="superior",
            legal_basis="İYUK m. 11; Anayasa m. 10 ve 70; ilgili değerlendirme mevzuatı",
        ),
        evaluation_objection,
        "",
    ),
    (
        _spec(
            "tazmin-basvurusu",
            "Tazmin başvurusu (İYUK m. 13)",
            "Application for damages to the administration (Law 2577 art. 13)",
            "İdari eylemden doğan zarar için, öğrenmeden itibaren 1 yıl, her hâlde 5 yıl içinde idareye.",
            "For damage caused by an action, within 1 year of learning of it and at most 5 years.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("authority", "requests"),
            optional_fields=("claim.amount", *_LAWYER_TEXT),
            addressee=ADMIN,
            requests=("compensate",),
            authority="entity",
            legal_basis="İYUK m. 12 ve 13 (1 yıl / 5 yıl; 30 gün cevapsızlık ret)",
        ),
        damages_application,
        "",
    ),
    (
        _spec(
            "bilgi-edinme",
            "Bilgi edinme başvurusu (4982 sayılı Kanun)",
            "Information request (Law 4982)",
            "Özlük dosyası, soruşturma raporu, puanlar gibi bilgi ve belgeler için; 15 iş günü içinde cevap.",
            "For the personnel file, an investigation report, scores…; answered within 15 working days.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("authority", "requests"),
            optional_fields=("member.address", "facts", "evidence"),
            signer=MEMBER,
            addressee=ADMIN,
            version=2,
            authority="institution",
            legal_basis="4982 sayılı Kanun m. 6, 11 (15 / 30 iş günü)",
        ),
        information_request,
        "",
    ),
    (
        _spec(
            "bilgi-edinme-itiraz",
            "Bilgi Edinme Değerlendirme Kuruluna itiraz (4982 m. 13)",
            "Objection to the Information Review Board (Law 4982 art. 13)",
            "Ret cevabının tebliğinden itibaren 15 gün içinde; Kurul 30 iş günü içinde karar verir.",
            "Within 15 days of the refusal; the Board decides within 30 working days.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=("defendant.name", "act.date", "act.notification_date", "requests"),
            optional_fields=("act.number", "act.description", *_LAWYER_TEXT),
            addressee=ADMIN,
            requests=("accept_objection", "give_information"),
            legal_basis="4982 sayılı Kanun m. 13 (15 gün; dava süresini durdurur)",
        ),
        information_objection,
        "",
    ),
    (
        _spec(
            "mobbing-sikayeti",
            "Psikolojik taciz (mobbing) şikâyet dilekçesi",
            "Psychological harassment (mobbing) complaint to the institution",
            "Üyenin kurumuna, 2025/3 sayılı Cumhurbaşkanlığı Genelgesi kapsamında; olayların tarihli dökümüyle.",
            "To the member's institution, under Presidential Circular 2025/3, with a dated chronology.",
            kinds=(CaseKind.LEGAL,),
            categories=(Category.HARASSMENT, Category.ARBITRARY_TREATMENT, Category.DISCRIMINATION),
            required_fields=("authority",),
            optional_fields=("member.address", "facts", "requests", "evidence", "legal_grounds"),
            signer=MEMBER,
            addressee=ADMIN,
            version=2,
            authority="institution",
            legal_basis="2025/3 sayılı Cumhurbaşkanlığı Genelgesi; Anayasa m. 17; İYUK m. 10",
        ),
        harassment_complaint,
        "",
    ),
    (
        _spec(
            "kdk-sikayeti",
            "Kamu Denetçiliği Kurumuna (Ombudsman) şikâyet",
            "Complaint to the Ombudsman (Kamu Denetçiliği Kurumu)",
            "İdari başvuru yolları tüketildikten sonra 6 ay içinde; dava açma süresini durdurur.",
            "After the administrative remedies, within 6 months; suspends the lawsuit period.",
            kinds=(CaseKind.LEGAL,),
            categories=_ALL_LEGAL,
            required_fields=(*_DEFENDANT, "requests"),
            optional_fields=("act.date", "act.number", "act.description", *_LAWYER_TEXT),
            addressee=Addressee.OMBUDSMAN,
            requests=("accept_complaint", "recommend"),
            legal_basis="6328 sayılı Kanun m. 13 ve 17 (6 ay; dava süresini durdurur)",
        ),
        ombudsman_complaint,
        "",
    ),
    (
        _spec(
            "tihek-basvurusu",
            "Türkiye İnsan Hakları ve Eşitlik Kurumuna başvuru",
            "Complaint to the Human Rights and Equality Institution (TİHEK)",
            "Ayrımcılık yasağının ihlali iddiasıyla; ispat yükü karşı tarafta (6701 m. 21).",
            "On discrimination; the burden of proof shifts to the other side (Law 6701 art. 21).",
            kinds=(CaseKind.LEGAL,),
            categories=(Category.DISCRIMINATION, Category.HARASSMENT, Category.UNION_RIGHTS, Category.WOMEN_MATERNITY),
            required_fields=(*_DEFENDANT, "requests"),
            optional_fields=_LAWYER_TEXT,
            addressee=Addressee.EQUALITY,
            requests=("accept_complaint", "find_violation", "end_violation"),
            legal_basis="6701 sayılı Kanun m. 17, 21 ve 25",
        ),
        equality_complaint,
        "",
    ),
    (
        _spec(
            "sosyal-yardim-basvurusu",
            "Sosyal yardım başvuru dilekçesi (sendikaya)",
            "Social assistance application to the union",
            "Üyenin sendikasına; vefat, engellilik, afet ve emeklilik desteği gibi yardımlar için.",
            "To the member's union, for bereavement, disability, disaster or retirement support.",
            kinds=(CaseKind.SOCIAL, CaseKind.MATERIAL),
            categories=tuple(ASSISTANCE_CATEGORIES),
            optional_fields=(
                "authority",
                "claim.amount",
                "member.iban",
                "member.address",
                "facts",
                "requests",
                "evidence",
            ),
            signer=MEMBER,
            addressee=Addressee.UNION,
            version=2,
            legal_basis="Sendika tüzüğü ve sosyal yardım esasları",
        ),
        social_assistance,
        "Dosya No: {{ case.reference }}",
    ),
)


def build_all(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write every default template and ``manifest.json`` into ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for spec, fill, footer in TEMPLATES:
        doc = Petition(spec, footer)
        fill(doc)
        path = out_dir / spec.file
        doc.save(path)
        written.append(path)
    manifest = out_dir / "manifest.json"
    text = json.dumps(manifest_dict(spec for spec, _, _ in TEMPLATES), ensure_ascii=False, indent=2)
    manifest.write_text(text + "\n", encoding="utf-8")
    return [*written, manifest]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="directory to write into")
    args = parser.parse_args()
    for path in build_all(args.out):
        print(path)


if __name__ == "__main__":
    main()
