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

from cases.petitions.manifest import TemplateSpec, manifest_dict  # noqa: E402
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

    def p(self, text: str = "", bold: bool = False, align: str = "justify", indent: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = ALIGN[align]
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        if text:
            paragraph.add_run(text).bold = bold

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl ``{%p … %}`` tag; it vanishes from the output."""
        self.doc.add_paragraph().add_run(text)

    def heading(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(10)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(text).bold = True

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
        """A borderless table: label, colon, value lines; a plain string is a ``{%tr %}`` row."""
        table = self.doc.add_table(rows=0, cols=3)
        table.autofit = False
        widths = (Cm(4.2), Cm(0.5), Cm(11.3))
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
        self.p()
        self.p("{{ today|tarih }}", align="right")
        self.p(signer, bold=True, align="right")
        self.p("{{ member.full_name }}", align="right")
        self.p("İmza", align="right")

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


def annulment(doc: Petition) -> None:
    doc.title(
        "{{ court.name|buyuk }} BAŞKANLIĞI'NA",
    )
    doc.tag("{%p if stay_of_execution %}")
    doc.p("YÜRÜTMENİN DURDURULMASI TALEPLİDİR", bold=True, align="right")
    doc.tag("{%p endif %}")
    doc.tag("{%p if hearing_requested %}")
    doc.p("DURUŞMA İSTEKLİDİR", bold=True, align="right")
    doc.tag("{%p endif %}")
    doc.parties(
        ("DAVACI", [MEMBER_ID, "{{ member.address }}"]),
        *LAWYER_ROWS,
        ("DAVALI", ["{{ institution.name }}", "{{ institution.address }}"]),
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
    doc.heading("AÇIKLAMALAR :")
    doc.loop("{%p for paragraph in facts %}", "{{ loop.index }}. {{ paragraph }}")
    doc.item(
        "{{ facts|length + 1 }}. İdari işlemlerin yetki, şekil, sebep, konu ve maksat unsurları yönünden "
        "hukuka uygun olması zorunludur. Dava konusu işlem somut, objektif ve denetlenebilir bir sebebe "
        "dayanmamakta; kamu yararı ve hizmet gerekleriyle bağdaşmamaktadır. İşlem bu nedenle özellikle "
        "sebep ve maksat unsurları yönünden hukuka aykırıdır."
    )
    doc.item(
        "{{ facts|length + 2 }}. Anayasa'nın 2. maddesinde ifadesini bulan hukuk devleti ilkesi, idarenin "
        "işlemlerinde hukuki güvenliği ve öngörülebilirliği gözetmesini gerektirir; Anayasa'nın 125. "
        "maddesi uyarınca idarenin her türlü eylem ve işlemine karşı yargı yolu açıktır. Müvekkilin "
        "hakları gözetilmeksizin tesis edilen işlem hukuka ve hakkaniyete aykırı olup iptali gerekmektedir."
    )
    doc.tag("{%p if stay_of_execution %}")
    doc.item(
        "{{ facts|length + 3 }}. Dava konusu işlem açıkça hukuka aykırıdır ve uygulanması hâlinde müvekkil "
        "yönünden telafisi güç veya imkânsız zararlar doğacaktır. 2577 sayılı İdari Yargılama Usulü "
        "Kanunu'nun 27. maddesinde öngörülen koşullar birlikte gerçekleştiğinden işlemin yürütmesinin "
        "teminatsız olarak durdurulmasına karar verilmesi gerekmektedir."
    )
    doc.tag("{%p endif %}")
    doc.heading("HUKUKİ NEDENLER :")
    doc.p(
        "Anayasa, 2577 sayılı İdari Yargılama Usulü Kanunu, 657 sayılı Devlet Memurları Kanunu, 4688 sayılı "
        "Kamu Görevlileri Sendikaları ve Toplu Sözleşme Kanunu" + GROUNDS,
        indent=True,
    )
    doc.heading("DELİLLER :")
    doc.item("1. Dava konusu işlem ve tebliğ belgesi")
    doc.item("2. Müvekkilin özlük dosyası ile davalı idare nezdindeki ilgili tüm bilgi ve belgeler")
    doc.loop("{%p for item in evidence %}", "{{ loop.index + 2 }}. {{ item }}")
    doc.item("{{ evidence|length + 3 }}. Tanık beyanı, bilirkişi incelemesi, keşif ve her türlü yasal delil")
    doc.heading("SONUÇ VE İSTEM :")
    doc.p("Yukarıda açıklanan ve Mahkemenizce resen gözetilecek nedenlerle;", indent=True)
    doc.tag("{%p if stay_of_execution %}")
    doc.item("1. Dava konusu işlemin teminatsız olarak yürütmesinin durdurulmasına,")
    doc.tag("{%p endif %}")
    doc.item("{% if stay_of_execution %}2{% else %}1{% endif %}. Hukuka aykırı dava konusu işlemin iptaline,")
    doc.loop("{%p for request in requests %}", "{{ loop.index + (2 if stay_of_execution else 1) }}. {{ request }}")
    doc.item(
        "{{ requests|length + (3 if stay_of_execution else 2) }}. Yargılama giderleri"
        "{% if lawyer.full_name %} ile vekâlet ücretinin{% else %}nin{% endif %} davalı idareye yükletilmesine"
    )
    # A lawyer writes for the union's legal office ("we"); a member suing alone writes "I".
    doc.p(
        "karar verilmesini{% if lawyer.full_name %} vekâleten saygılarımızla arz ve talep ederiz"
        "{% else %} saygılarımla arz ve talep ederim{% endif %}.",
        indent=True,
    )
    doc.signature("Davacı Vekili", "Davacı", sign_line=False)
    doc.heading("EKLER :")
    doc.item("1. Dava konusu işlem ve tebliğ belgesi örneği")
    doc.loop("{%p for item in evidence %}", "{{ loop.index + 1 }}. {{ item }}")
    doc.tag("{%p if lawyer.full_name %}")
    doc.item("{{ evidence|length + 2 }}. Vekâletname örneği")
    doc.tag("{%p endif %}")


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
    doc.heading("AÇIKLAMALAR :")
    doc.loop("{%p for paragraph in facts %}", "{{ loop.index }}. {{ paragraph }}")
    doc.item(
        "{{ facts|length + 1 }}. Anayasa'nın 129. maddesi ve 657 sayılı Devlet Memurları Kanunu'nun 130. "
        "maddesi uyarınca, memura isnat edilen hususlar hakkında savunması alınmadan disiplin cezası "
        "verilemez; savunma için verilecek süre yedi günden az olamaz. Savunma hakkının gereği gibi "
        "tanınması ve soruşturmanın usulüne uygun yürütülmesi, cezanın hukuka uygunluğunun ön koşuludur."
    )
    doc.item(
        "{{ facts|length + 2 }}. Aynı Kanun'un 127. maddesi uyarınca disiplin amirinin, disiplin cezası "
        "gerektiren eylemi öğrendiği tarihten itibaren bir ay içinde (devlet memurluğundan çıkarma cezasında "
        "altı ay içinde) soruşturmaya başlamaması ya da eylemin işlendiği tarihten itibaren en geç iki yıl "
        "içinde ceza verilmemesi hâlinde disiplin cezası verme yetkisi zamanaşımına uğrar."
    )
    doc.item(
        "{{ facts|length + 3 }}. Disiplin cezası verilebilmesi için isnat edilen eylemin somut ve hukuken "
        "geçerli delillerle sabit olması, Kanun'un 125. maddesinde sayılan fiillerden birine tam olarak "
        "uyması ve ceza ile eylem arasında ölçülülük bulunması gerekir. Yukarıda açıklanan olaylar "
        "karşısında verilen ceza bu ilkelerle bağdaşmamakta olup hukuka aykırıdır."
    )
    doc.heading("HUKUKİ NEDENLER :")
    doc.p(
        "Anayasa'nın 129. maddesi, 657 sayılı Devlet Memurları Kanunu'nun 125 ilâ 136. maddeleri, Disiplin "
        "Kurulları ve Disiplin Amirleri Hakkında Yönetmelik" + GROUNDS,
        indent=True,
    )
    doc.heading("DELİLLER :")
    doc.item("1. Disiplin soruşturması dosyası, soruşturma raporu, savunma istem yazısı ve verilen savunma")
    doc.item("2. Disiplin cezasına ilişkin işlem ve tebliğ belgesi")
    doc.item("3. Özlük dosyası")
    doc.loop("{%p for item in evidence %}", "{{ loop.index + 3 }}. {{ item }}")
    doc.item("{{ evidence|length + 4 }}. Tanık beyanları ve her türlü yasal delil")
    doc.heading("SONUÇ VE İSTEM :")
    doc.p("Yukarıda açıklanan nedenlerle;", indent=True)
    doc.item("1. Süresi içinde yapılan itirazın kabulüne,")
    doc.item("2. {{ act.date|tarih }} tarihli işlemle verilen disiplin cezasının kaldırılmasına,")
    doc.loop("{%p for request in requests %}", "{{ loop.index + 2 }}. {{ request }}")
    doc.p(f"karar verilmesini{BY_PROXY} saygılarımla arz ve talep ederim.", indent=True)
    doc.signature("İtiraz Eden Vekili", "İtiraz Eden")
    doc.heading("EKLER :")
    doc.item("1. Disiplin cezasına ilişkin işlem ve tebliğ belgesi örneği")
    doc.loop("{%p for item in evidence %}", "{{ loop.index + 1 }}. {{ item }}")
    doc.tag("{%p if lawyer.full_name %}")
    doc.item("{{ evidence|length + 2 }}. Vekâletname örneği")
    doc.tag("{%p endif %}")


def application(doc: Petition) -> None:
    doc.title("{{ authority|buyuk }}")
    doc.parties(
        ("BAŞVURAN", [MEMBER_ID, MEMBER_JOB, "{{ member.address }}"]),
        *LAWYER_ROWS,
        "{%tr if act.date %}",
        ("İŞLEM", [f"{ACT} işlem"]),
        "{%tr endif %}",
        "{%tr if act.date and act.notification_date %}",
        ("TEBLİĞ TARİHİ", ["{{ act.notification_date|tarih }}"]),
        "{%tr endif %}",
        (
            "KONU",
            [
                "{% if act.date %}Yukarıda belirtilen işlemin 2577 sayılı İdari Yargılama Usulü Kanunu'nun "
                "11. maddesi uyarınca geri alınması, kaldırılması veya değiştirilmesi istemidir.{% else %}"
                "2577 sayılı İdari Yargılama Usulü Kanunu'nun 10. maddesi uyarınca aşağıda açıklanan "
                "istemler doğrultusunda işlem tesis edilmesi istemidir.{% endif %}"
            ],
        ),
    )
    doc.heading("AÇIKLAMALAR :")
    doc.loop("{%p for paragraph in facts %}", "{{ loop.index }}. {{ paragraph }}")
    doc.item(
        "{{ facts|length + 1 }}. {% if act.date %}İşbu başvuru, 2577 sayılı Kanun'un 11. maddesi uyarınca "
        "dava açma süresi içinde yapılmakta olup işlemeye başlamış olan dava açma süresini durdurur."
        "{% else %}İşbu başvuru, 2577 sayılı Kanun'un 10. maddesi kapsamında yapılmaktadır.{% endif %} "
        "Başvurunun otuz gün içinde cevaplandırılmaması hâlinde istem reddedilmiş sayılacak ve yargı yoluna "
        "başvurulacaktır."
    )
    doc.heading("HUKUKİ NEDENLER :")
    doc.p(
        "Anayasa'nın 74. maddesi, 2577 sayılı İdari Yargılama Usulü Kanunu'nun 10. ve 11. maddeleri, 3071 "
        "sayılı Dilekçe Hakkının Kullanılmasına Dair Kanun, 657 sayılı Devlet Memurları Kanunu" + GROUNDS,
        indent=True,
    )
    doc.heading("SONUÇ VE İSTEM :")
    doc.p("Yukarıda açıklanan nedenlerle;", indent=True)
    doc.tag("{%p if act.date %}")
    doc.item("1. {{ act.date|tarih }} tarihli işlemin geri alınmasına veya kaldırılmasına,")
    doc.tag("{%p endif %}")
    doc.loop("{%p for request in requests %}", "{{ loop.index + (1 if act.date else 0) }}. {{ request }}")
    doc.p(
        "ilişkin gereğinin yapılmasını ve başvurunun sonucundan "
        "{% if lawyer.full_name %}tarafımıza{% else %}tarafıma{% endif %} yazılı olarak bilgi verilmesini"
        f"{BY_PROXY} saygılarımla arz ve talep ederim.",
        indent=True,
    )
    doc.signature("Başvuran Vekili", "Başvuran")
    doc.tag("{%p if evidence or lawyer.full_name %}")
    doc.heading("EKLER :")
    doc.loop("{%p for item in evidence %}", "{{ loop.index }}. {{ item }}")
    doc.tag("{%p if lawyer.full_name %}")
    doc.item("{{ evidence|length + 1 }}. Vekâletname örneği")
    doc.tag("{%p endif %}")
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
        "{% if authority %}{{ authority|buyuk }}{% else %}{{ union.name|buyuk }} GENEL BAŞKANLIĞI'NA{% endif %}",
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
_PARAGRAPH_FIELDS = ("member.address", "facts", "requests", "evidence", "legal_grounds")


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
            required_fields=("court.name", "act.date", "act.description", "act.notification_date"),
            optional_fields=(
                "act.number",
                "claim.amount",
                "stay_of_execution",
                "hearing_requested",
                *_PARAGRAPH_FIELDS,
            ),
        ),
        annulment,
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
            required_fields=("authority", "act.date", "act.description", "act.notification_date"),
            optional_fields=("act.number", *_PARAGRAPH_FIELDS),
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
            required_fields=("authority",),
            optional_fields=("act.date", "act.number", "act.description", "act.notification_date", *_PARAGRAPH_FIELDS),
        ),
        application,
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
        ),
        information_request,
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
            optional_fields=_PARAGRAPH_FIELDS,
        ),
        harassment_complaint,
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
