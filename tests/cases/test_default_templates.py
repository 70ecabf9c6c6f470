"""The default Turkish petition set: each template rendered for a realistic case and read back."""

import importlib.util
import io
import json
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from cases.errors import TemplateError
from cases.petitions import (
    AttachmentInfo,
    InstitutionInfo,
    MemberInfo,
    RespondentInfo,
    UnionInfo,
    assert_well_formed,
    build_context,
    check_template,
    parse_manifest,
    render_docx,
    sample_case,
    sample_extra,
)
from cases.vocabulary import CaseKind, Category, RespondentType

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "app" / "petition_templates"
TODAY = date(2026, 11, 23)
SPECS = {spec.name: spec for spec in parse_manifest(json.loads((TEMPLATES / "manifest.json").read_text("utf-8")))}
TURKISH = "ığüşöçİĞÜŞÖÇI"


def read_back(docx: bytes) -> list[str]:
    """The text of every paragraph: body, table cells, headers and footers (blank ones dropped)."""
    doc = Document(io.BytesIO(docx))
    found = [p.text for p in doc.paragraphs]
    found += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    for section in doc.sections:
        found += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return [text for text in found if text.strip()]


def generate(name: str, snapshot=None, **extra: object) -> list[str]:
    spec = SPECS[name]
    context = build_context(snapshot or sample_case(), extra, TODAY, required=spec.required_fields, spec=spec)
    docx = render_docx((TEMPLATES / spec.file).read_bytes(), context)
    assert_well_formed(docx)
    return read_back(docx)


def assert_clean(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert not re.search(r"\{\{|\}\}|\{%|%\}|\{#|#\}", text), "a Jinja tag was left in the document"
    assert "None" not in text and "[]" not in text


def assert_contains(lines: list[str], *expected: str) -> None:
    text = "\n".join(lines)
    missing = [e for e in expected if e not in text]
    assert not missing, f"missing from the document: {missing}"


def numbered(lines: list[str], items: list[str], first: int) -> None:
    """``items`` appear as consecutive numbered paragraphs starting at ``first``."""
    for offset, item in enumerate(items):
        assert f"{first + offset}. {item}" in lines


EVIDENCE = [a.label for a in sample_case().attachments]

HEALTH_MEMBER = MemberInfo(
    full_name="Gülşen Öztürk İnce",
    national_id="31415926562",
    title="Hemşire",
    institution="Ankara Etlik Şehir Hastanesi",
    address="Yeşilöz Mah. Şükrü Saraçoğlu Cad. No: 3/9, Keçiören / Ankara",
    phone="0 (505) 000 00 00",
)
DISCIPLINE_CASE = replace(
    sample_case(),
    reference="SGS-2026-000042",
    category=Category.DISCIPLINARY_PENALTY,
    member=HEALTH_MEMBER,
    union=UnionInfo("Sağlık-Sen", "Mithatpaşa Cad. No: 62, Çankaya / Ankara"),
    institution=InstitutionInfo(
        "Ankara İl Sağlık Müdürlüğü", "Ziraat Mah. Şehit Ömer Halisdemir Cad., Ankara", "Ankara"
    ),
    narrative=(
        "Müvekkil hakkında, 12.08.2026 tarihli nöbet çizelgesine uymadığı iddiasıyla soruşturma açılmıştır.\n"
        "Soruşturmacı müvekkile savunma için yalnızca iki gün süre vermiş, tanık olarak gösterdiği "
        "başhemşire Şükran Işıkçı'yı hiç dinlememiştir."
    ),
    requests="",
    attachments=(
        AttachmentInfo("savunma.pdf", "Savunma istem yazısı ve müvekkilin savunması"),
        AttachmentInfo("cizelge.xlsx", "Ağustos 2026 nöbet çizelgesi"),
    ),
)
DISCIPLINE_EXTRA = {
    "authority": "Ankara İl Sağlık Müdürlüğü İl Disiplin Kurulu Başkanlığına",
    "act.date": "05.11.2026",
    "act.number": "E-2026/7781",
    "act.description": "657 sayılı Kanun'un 125/C-a maddesi uyarınca aylıktan kesme cezası verilmesine ilişkin",
    "act.notification_date": "2026-11-18",
}


def test_manifest_lists_exactly_the_committed_templates():
    files = sorted(p.name for p in TEMPLATES.glob("*.docx"))
    assert sorted(spec.file for spec in SPECS.values()) == files
    assert list(SPECS) == [
        "iptal-davasi",
        "savunmaya-cevap",
        "yd-kararina-itiraz",
        "istinaf",
        "temyiz",
        "kanun-yoluna-cevap",
        "disiplin-cezasina-itiraz",
        "idareye-basvuru",
        "nakle-itiraz",
        "performans-itiraz",
        "tazmin-basvurusu",
        "bilgi-edinme",
        "bilgi-edinme-itiraz",
        "mobbing-sikayeti",
        "kdk-sikayeti",
        "tihek-basvurusu",
        "sosyal-yardim-basvurusu",
    ]
    assert SPECS["disiplin-cezasina-itiraz"].applies_to(CaseKind.LEGAL, Category.DISCIPLINARY_PENALTY)
    assert not SPECS["disiplin-cezasina-itiraz"].applies_to(CaseKind.LEGAL, Category.RELOCATION)
    assert SPECS["sosyal-yardim-basvurusu"].applies_to(CaseKind.MATERIAL, Category.DISASTER)
    assert not SPECS["iptal-davasi"].applies_to(CaseKind.SOCIAL, Category.OTHER)


@pytest.mark.parametrize("name", list(SPECS))
def test_each_template_passes_the_upload_checks_and_its_form_covers_its_fields(name):
    spec = SPECS[name]
    check = check_template(
        (TEMPLATES / spec.file).read_bytes(), sample_context=build_context(sample_case(), sample_extra())
    )
    assert set(spec.required_fields) <= set(check.fields)
    assert set(check.fillable_fields) == set(spec.required_fields + spec.optional_fields)


def test_the_builder_script_reproduces_the_committed_files(tmp_path):
    loader = importlib.util.spec_from_file_location(
        "build_petition_templates", ROOT / "scripts" / "build_petition_templates.py"
    )
    builder = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(builder)
    builder.build_all(tmp_path)
    assert (tmp_path / "manifest.json").read_text("utf-8") == (TEMPLATES / "manifest.json").read_text("utf-8")
    for spec in SPECS.values():
        with zipfile.ZipFile(tmp_path / spec.file) as built, zipfile.ZipFile(TEMPLATES / spec.file) as committed:
            assert built.namelist() == committed.namelist()
            for member in built.namelist():
                assert built.read(member) == committed.read(member), f"{spec.file}: {member} differs; rebuild"


def test_annulment_petition_with_stay_of_execution():
    lines = generate("iptal-davasi", **sample_extra() | {"facts": f"Türkçe harfler: {TURKISH}"})
    assert_clean(lines)
    assert lines[0] == "ANKARA NÖBETÇİ İDARE MAHKEMESİ BAŞKANLIĞINA"
    assert "YÜRÜTMENİN DURDURULMASI TALEPLİDİR" in lines and "DURUŞMA İSTEKLİDİR" not in lines
    assert_contains(
        lines,
        "AYŞE IŞIK ÇAĞLAR (T.C. Kimlik No: 10000000146)",
        "Kızılay Mah. Atatürk Bulvarı No: 12/4, Çankaya / Ankara",
        "Av. Zeynep Güler, Ankara Barosu (Sicil No: 41234)",
        "Ankara Valiliği",  # the legal person sued, not the directorate
        "Davalı idarenin 01.10.2026 tarih ve E-12345678-903.02-98765 sayılı, müvekkilin Kırşehir İl Millî Eğitim "
        "Müdürlüğü emrine atanmasına ilişkin işleminin öncelikle yürütmesinin durdurulması, akabinde iptali istemidir.",
        "06.10.2026",  # TEBLİĞ TARİHİ, from the case
        f"1. Türkçe harfler: {TURKISH}",
        "Millî Eğitim Bakanlığı Öğretmen Atama ve Yer Değiştirme Yönetmeliği ve ilgili diğer mevzuat.",
        "2577 sayılı İdari Yargılama Usulü Kanunu'nun 27. maddesinde",
        "23.11.2026",
        "Davacı Vekili",
    )
    for heading in ("AÇIKLAMALAR :", "HUKUKİ NEDENLER :", "DELİLLER :", "SONUÇ VE İSTEM :", "EKLER :"):
        assert heading in lines
    assert "DAVA DEĞERİ" not in lines
    numbered(lines, EVIDENCE + ["Tanık beyanı, bilirkişi incelemesi, keşif ve her türlü yasal delil"], 3)  # DELİLLER
    numbered(lines, EVIDENCE + ["Vekâletname örneği"], 2)  # EKLER
    numbered(
        lines,
        [  # a relocation gets no stay before the administration's defence (İYUK 27)
            "Dava konusu işlemin, davalı idarenin savunması alındıktan sonra teminatsız olarak yürütmesinin "
            "durdurulmasına,",
            "Hukuka aykırı dava konusu işlemin iptaline,",
            "Yargılama giderleri ile vekâlet ücretinin davalı idareye yükletilmesine,",
        ],
        1,
    )
    assert "karar verilmesini vekâleten saygılarımızla arz ve talep ederiz." in lines
    assert not any("Çankaya Şehit Öğretmen İlkokuluna iadesine" in line for line in lines)  # the member's wish


def test_annulment_petition_without_stay_but_with_hearing_and_claim():
    extra = sample_extra() | {"stay_of_execution": False, "hearing_requested": "on", "claim.amount": "50.000,00 TL"}
    lines = generate("iptal-davasi", **extra)
    assert_clean(lines)
    assert "YÜRÜTMENİN DURDURULMASI TALEPLİDİR" not in lines and "DURUŞMA İSTEKLİDİR" in lines
    assert "DAVA DEĞERİ" in lines and "50.000,00 TL" in lines
    assert not any("yürütmesinin durdurulması" in line for line in lines)
    numbered(lines, ["Hukuka aykırı dava konusu işlemin iptaline,"], 1)
    assert any(line.startswith("2. Yargılama giderleri") for line in lines)


def test_annulment_petition_by_the_member_alone_claims_no_attorney_fee():
    lines = generate("iptal-davasi", replace(sample_case(), lawyer=None), **sample_extra())
    assert_clean(lines)
    assert "VEKİLİ" not in lines and "Davacı Vekili" not in lines and "Davacı" in lines
    assert "3. Yargılama giderlerinin davalı idareye yükletilmesine," in lines
    assert "karar verilmesini saygılarımla arz ve talep ederim." in lines
    assert not any("vekâlet" in line.lower() for line in lines)


def test_annulment_petition_needs_a_court_and_the_act():
    with pytest.raises(TemplateError, match="needs: court.name, act.date, act.description.$"):
        generate("iptal-davasi")


DISCIPLINE_FACTS = (
    "Müvekkil hakkında, 12.08.2026 tarihli nöbet çizelgesine uymadığı iddiasıyla soruşturma açılmıştır.\n"
    "Soruşturmacı müvekkile savunma için yalnızca iki gün süre vermiş, tanık olarak gösterdiği başhemşire "
    "Şükran Işıkçı'yı hiç dinlememiştir."
)


def test_disciplinary_objection():
    lines = generate("disiplin-cezasina-itiraz", DISCIPLINE_CASE, **DISCIPLINE_EXTRA, facts=DISCIPLINE_FACTS)
    assert_clean(lines)
    assert lines[0] == "ANKARA İL SAĞLIK MÜDÜRLÜĞÜ İL DİSİPLİN KURULU BAŞKANLIĞINA"
    assert_contains(
        lines,
        "GÜLŞEN ÖZTÜRK İNCE (T.C. Kimlik No: 31415926562)",
        "Hemşire, Ankara Etlik Şehir Hastanesi",
        "05.11.2026 tarih ve E-2026/7781 sayılı, 657 sayılı Kanun'un 125/C-a maddesi uyarınca aylıktan kesme cezası "
        "verilmesine ilişkin işlemle verilen disiplin cezasına 657 sayılı Devlet Memurları Kanunu'nun 135. maddesi",
        "18.11.2026",
        "başhemşire Şükran Işıkçı'yı hiç dinlememiştir.",
        "Anayasa'nın 129. maddesi ve 657 sayılı Devlet Memurları Kanunu'nun 130. maddesi",
        "1. İtirazın kabulüne,",
        "2. Verilen disiplin cezasının kaldırılmasına,",
        "İtiraz Eden Vekili",
    )
    numbered(lines, [a.label for a in DISCIPLINE_CASE.attachments], 4)  # after the three standard items


def test_disciplinary_objection_by_the_member_alone_has_no_proxy():
    lines = generate("disiplin-cezasina-itiraz", replace(DISCIPLINE_CASE, lawyer=None), **DISCIPLINE_EXTRA)
    assert_clean(lines)
    assert "VEKİLİ" not in lines and "İtiraz Eden Vekili" not in lines
    assert "İtiraz Eden" in lines and "Gülşen Öztürk İnce" in lines
    assert not any("Vekâletname" in line or "vekâleten" in line for line in lines)


def test_application_against_an_act_cites_article_11():
    lines = generate(
        "idareye-basvuru",
        authority="Millî Eğitim Bakanlığı Personel Genel Müdürlüğüne",
        **{"act.date": date(2026, 10, 1), "act.number": "98765", "act.description": "atamaya ilişkin"},
    )
    assert_clean(lines)
    assert lines[0] == "MİLLÎ EĞİTİM BAKANLIĞI PERSONEL GENEL MÜDÜRLÜĞÜNE"
    assert_contains(lines, "İŞLEM", "01.10.2026 tarih ve 98765 sayılı, atamaya ilişkin işlem", "11. maddesi uyarınca")
    assert "1. Hukuka aykırı olan işlemin geri alınmasına," in lines
    assert not any("iptal" in line for line in lines if line[:2] in {"1.", "2.", "3."})
    numbered(lines, EVIDENCE + ["Vekâletname örneği"], 1)


def test_application_without_an_act_cites_article_10():
    snapshot = replace(sample_case(), lawyer=None, attachments=(), notification_date=None)
    lines = generate(
        "idareye-basvuru",
        snapshot,
        authority="Ankara Valiliğine",
        requests="1. müvekkilin eski görev yerine iadesine.",
    )
    assert_clean(lines)
    assert "İŞLEM" not in lines and "TEBLİĞ TARİHİ" not in lines and "EKLER :" not in lines
    assert_contains(lines, "10. maddesi uyarınca aşağıda açıklanan", "tarafıma yazılı olarak bilgi verilmesini")
    assert "1. Müvekkilin eski görev yerine iadesine," in lines  # numbering and full stop tidied


def test_information_request():
    snapshot = replace(
        sample_case(),
        lawyer=None,
        narrative="",
        requests="Hakkımdaki disiplin soruşturma raporunun onaylı bir örneği\n2026 yılı görevde yükselme puan çizelgem",
        attachments=(),
    )
    lines = generate("bilgi-edinme", snapshot, authority="Ankara İl Millî Eğitim Müdürlüğüne")
    assert_clean(lines)
    assert lines[:2] == ["ANKARA İL MİLLÎ EĞİTİM MÜDÜRLÜĞÜNE", "BİLGİ EDİNME BAŞVURUSU"]
    assert_contains(
        lines,
        "10000000146",
        "Öğretmen, Çankaya Şehit Öğretmen İlkokulu",
        "ayse.caglar@example.org",
        "on beş iş günü",
        "Başvuru Sahibi",
    )
    numbered(
        lines,
        ["Hakkımdaki disiplin soruşturma raporunun onaylı bir örneği", "2026 yılı görevde yükselme puan çizelgem"],
        1,
    )
    assert "AÇIKLAMALAR :" not in lines and "EKLER :" not in lines


def test_information_request_needs_the_requested_information():
    with pytest.raises(TemplateError, match="needs: requests.$"):
        generate("bilgi-edinme", replace(sample_case(), requests=""), authority="Valiliğe")


def test_harassment_complaint():
    snapshot = replace(
        sample_case(),
        category=Category.HARASSMENT,
        respondent=RespondentInfo(RespondentType.MANAGER, "Mehmet Öztürk", "Okul Müdürü"),
        narrative="15.09.2026: Öğretmenler odasında herkesin önünde bağırarak aşağılandım.\n"
        "22.09.2026: Ders programım haber verilmeden değiştirildi; itirazım yanıtsız kaldı.",
        requests="Okul müdürüyle aynı kurulda görevlendirilmemem",
    )
    lines = generate("mobbing-sikayeti", snapshot, authority="Ankara Valiliği İl Millî Eğitim Müdürlüğüne")
    assert_clean(lines)
    assert_contains(
        lines,
        "ŞİKÂYET EDİLEN",
        "Mehmet Öztürk, Okul Müdürü",
        "15.09.2026",  # OLAY TARİHİ
        "2025/3 sayılı Cumhurbaşkanlığı Genelgesi",
        "1. 15.09.2026: Öğretmenler odasında herkesin önünde bağırarak aşağılandım.",
        "3. Okul müdürüyle aynı kurulda görevlendirilmemem",
        "Şikâyet Eden",
    )
    numbered(lines, EVIDENCE + ["Tanık beyanları, yazışmalar, sağlık kayıtları ve her türlü delil"], 1)


def test_social_assistance_application():
    snapshot = replace(
        sample_case(CaseKind.MATERIAL, Category.DISASTER),
        reference="EBS-2026-000777",
        lawyer=None,
        narrative="06.02.2026 tarihindeki depremde Malatya'daki evim ağır hasar gördü; ailemle konteyner kentte kalıyorum.",
        requests="",
        attachments=(AttachmentInfo("hasar.pdf", "AFAD ağır hasar tespit belgesi"),),
    )
    lines = generate(
        "sosyal-yardim-basvurusu",
        snapshot,
        **{"claim.amount": "30.000,00 TL", "member.iban": "TR00 0000 0000 0000 0000 0000 00"},
    )
    assert_clean(lines)
    assert lines[:2] == ["EĞİTİM-BİR-SEN GENEL BAŞKANLIĞINA", "SOSYAL YARDIM BAŞVURUSU"]
    assert_contains(
        lines,
        "EBS-0421337",
        "Afet yardımı",
        "30.000,00 TL tutarında sosyal yardım",
        "TR00 0000 0000 0000 0000 0000 00",
        "ailemle konteyner kentte kalıyorum.",
        "1. AFAD ağır hasar tespit belgesi",
        "Dosya No: EBS-2026-000777 –",  # the footer, before its page number field
    )
    assert "Av." not in "\n".join(lines)


def test_social_assistance_application_leaves_out_empty_rows():
    snapshot = replace(sample_case(CaseKind.SOCIAL, Category.BEREAVEMENT), incident_date=None, attachments=())
    lines = generate("sosyal-yardim-basvurusu", snapshot)
    assert_clean(lines)
    for label in ("OLAY TARİHİ", "TALEP EDİLEN TUTAR", "IBAN", "EKLER :"):
        assert label not in lines
    assert "Vefat yardımı" in lines


NASTY_FACTS = [
    f"Türkçe harfler eksiksiz: {TURKISH} – “tırnak” ‘tek’ «çift»",
    'Müdür "A & B <b>bold</b>" dedi; ]]> &amp; </w:t></w:r> {{ member.national_id }} {_{ x }_}',
    "Uzun paragraf: " + "Şikâyetim işleme konmadı, çalışma arkadaşlarımın önünde azarlandım. " * 200,
]
NASTY_EVIDENCE = ('Tutanak & <ek> "1"', "Işıl Ünlü'nün tanık beyanı", "e-posta\x00yazışması\x0bikinci satır")


@pytest.mark.parametrize("name", list(SPECS))
def test_each_template_prints_member_text_literally_and_lists_every_piece_of_evidence(name):
    spec = SPECS[name]
    kind, category = spec.kinds[0], spec.categories[0]
    snapshot = replace(
        sample_case(kind, category),
        attachments=tuple(AttachmentInfo(f"ek-{i}.pdf", label) for i, label in enumerate(NASTY_EVIDENCE)),
    )
    extra = {
        **sample_extra(),
        "authority": "İstanbul Valiliğine",
        "court.name": "İstanbul 1. İdare Mahkemesi",
        "facts": "\n".join(NASTY_FACTS),  # as the lawyer typed them (or the member, in a member's petition)
        "requests": f"İstemim: {TURKISH} & <geri alınmasına>",
    }
    extra = {key: value for key, value in extra.items() if key in spec.required_fields + spec.optional_fields}
    lines = generate(name, snapshot, **extra)
    text = "\n".join(lines)
    for fact in NASTY_FACTS:
        assert fact.strip() in text
    assert f"İstemim: {TURKISH} & <geri alınmasına>" in text
    for label in ('Tutanak & <ek> "1"', "Işıl Ünlü'nün tanık beyanı", "e-postayazışması\nikinci satır"):
        assert label in text, f"{name}: evidence {label!r} missing"
    assert "10000000146" in text
    # The only Jinja-looking text left is what the member typed.
    assert not re.search(r"\{%|%\}|\{#|#\}", text)
    assert text.count("{{") == 1 and "{_{ x }_}" in text
