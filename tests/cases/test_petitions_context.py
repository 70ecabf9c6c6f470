"""The petition field catalogue, the context built from a case, Turkish formatting, template specs."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from cases.errors import TemplateError
from cases.petitions import (
    FIELDS,
    FILLABLE_FIELDS,
    FieldKind,
    LawyerInfo,
    TemplateSpec,
    TrDate,
    build_context,
    buyuk,
    manifest_dict,
    parse_manifest,
    sample_case,
    sample_extra,
    tarih,
    templates_for,
    uzun_tarih,
)
from cases.petitions.filters import baslik, kucuk, xml_safe
from cases.vocabulary import CaseKind, Category

TODAY = date(2026, 11, 23)


def test_every_field_is_described_in_turkish_and_english_and_named_once():
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    for field in FIELDS:
        assert field.tr.strip() and field.en.strip() and field.tr != field.en, field.name
    required = {
        "member.full_name", "member.national_id", "member.title", "member.institution", "member.address",
        "union.name", "union.address", "lawyer.full_name", "lawyer.bar", "lawyer.registry_number",
        "respondent.type", "respondent.name", "respondent.title", "institution.name", "institution.address",
        "institution.province", "court.name", "court.file_number", "authority", "act.description", "act.date",
        "act.number", "act.notification_date", "case.reference", "case.category", "case.incident_date", "facts",
        "evidence", "requests", "today", "stay_of_execution", "hearing_requested",
    }  # fmt: skip
    assert required <= set(names)


def test_the_context_holds_every_catalogue_field_with_its_kind_of_value():
    context = build_context(sample_case(), {}, TODAY)
    for field in FIELDS:
        group, _, leaf = field.name.partition(".")
        value = context[group][leaf] if leaf else context[group]
        expected = {
            FieldKind.TEXT: str,
            FieldKind.PARAGRAPHS: list,
            FieldKind.BOOL: bool,
            FieldKind.DATE: (TrDate, type(None)),
        }[field.kind]
        assert isinstance(value, expected), field.name


def test_the_context_is_built_from_the_case():
    context = build_context(sample_case(), {}, TODAY)
    assert context["member"]["full_name"] == "Ayşe Işık Çağlar"
    assert context["member"]["national_id"] == "10000000146"
    assert context["member"]["national_id_masked"] == "100******46"
    assert context["lawyer"]["address"] == context["union"]["address"]  # the lawyer's own is blank
    assert context["respondent"]["type"] == "Yönetici"
    assert context["case"]["category"] == "Görev yeri değişikliği ve atama"
    assert context["case"]["kind"] == "Hukuki destek"
    assert context["act"]["notification_date"] == date(2026, 10, 6)
    assert context["act"]["date"] is None and context["court"]["name"] == ""
    assert context["today"] == TODAY and str(context["today"]) == "23.11.2026"
    assert len(context["facts"]) == 3
    assert context["evidence"][0] == "01.10.2026 tarihli atama yazısı"
    assert context["stay_of_execution"] is False


def test_the_context_holds_everything_the_issue_lists_for_a_petition():
    snapshot = replace(sample_case(), lawyer=LawyerInfo("Av. Zeynep Güler", "Ankara Barosu", "41234"))
    context = build_context(snapshot, sample_extra(), TODAY)
    member, union, lawyer = context["member"], context["union"], context["lawyer"]
    assert (member["full_name"], member["national_id"], member["title"]) == (
        "Ayşe Işık Çağlar",
        "10000000146",
        "Öğretmen",
    )
    assert member["institution"] == "Çankaya Şehit Öğretmen İlkokulu"
    assert member["address"] == "Kızılay Mah. Atatürk Bulvarı No: 12/4, Çankaya / Ankara"
    assert union == {
        "name": "Eğitim-Bir-Sen",
        "address": "Zübeyde Hanım Mah. Kazım Karabekir Cad. No: 7, Altındağ / Ankara",
    }
    # The title the account's name carries is dropped: templates write "Av." themselves.
    assert (lawyer["full_name"], lawyer["bar"], lawyer["registry_number"]) == ("Zeynep Güler", "Ankara Barosu", "41234")
    assert context["respondent"] == {"type": "Yönetici", "name": "Mehmet Öztürk", "title": "Okul Müdürü"}
    assert context["institution"]["name"] == "Ankara Valiliği (İl Millî Eğitim Müdürlüğü)"
    assert context["court"]["name"] == "Ankara Nöbetçi İdare Mahkemesi"
    assert context["authority"] == "Ankara Valiliği İl Millî Eğitim Müdürlüğüne"
    act = context["act"]
    assert act["description"].startswith("müvekkilin Kırşehir") and act["number"] == "E-12345678-903.02-98765"
    assert (str(act["date"]), str(act["notification_date"])) == ("01.10.2026", "06.10.2026")
    assert uzun_tarih(act["notification_date"]) == "6 Ekim 2026" and uzun_tarih(context["today"]) == "23 Kasım 2026"
    assert context["facts"][0].startswith("Müvekkil 2011 yılından") and len(context["facts"]) == 3
    assert context["evidence"] == [a.label for a in snapshot.attachments] and len(context["evidence"]) == 4
    assert context["requests"] == ["Müvekkilin eski görev yeri olan Çankaya Şehit Öğretmen İlkokuluna iadesine,"]
    assert str(context["today"]) == "23.11.2026"


def test_a_case_without_lawyer_respondent_or_institution_gives_blanks():
    snapshot = replace(sample_case(), lawyer=None, respondent=None, institution=None, narrative="", attachments=())
    context = build_context(snapshot, {}, TODAY)
    assert context["lawyer"] == {"full_name": "", "bar": "", "registry_number": "", "address": "", "email": ""}
    assert context["respondent"]["type"] == "" and context["institution"]["name"] == ""
    assert context["facts"] == [] and context["evidence"] == []


def test_an_attachment_without_description_is_listed_by_its_file_name():
    from cases.petitions import AttachmentInfo

    snapshot = replace(sample_case(), attachments=(AttachmentInfo("tutanak.pdf"), AttachmentInfo(" ", " ")))
    assert build_context(snapshot, {}, TODAY)["evidence"] == ["tutanak.pdf"]


def test_the_lawyers_form_fills_and_overrides_fields():
    extra = {
        "court.name": "  Ankara 3. İdare Mahkemesi ",
        "act.date": "2026-10-01",
        "act.notification_date": "07.10.2026",
        "stay_of_execution": "on",
        "hearing_requested": "",
        "facts": "Avukatın yazdığı birinci paragraf.\r\nİkinci paragraf.",
        "evidence": ["Tanık: Hasan Yılmaz", "Bilirkişi raporu\nKeşif"],
        "requests": "",  # blank: the member's request stays
    }
    context = build_context(sample_case(), extra, TODAY)
    assert context["court"]["name"] == "Ankara 3. İdare Mahkemesi"
    assert context["act"]["date"] == date(2026, 10, 1) and isinstance(context["act"]["date"], TrDate)
    assert context["act"]["notification_date"] == date(2026, 10, 7)
    assert context["stay_of_execution"] is True and context["hearing_requested"] is False
    assert context["facts"] == ["Avukatın yazdığı birinci paragraf.", "İkinci paragraf."]
    assert context["evidence"] == ["Tanık: Hasan Yılmaz", "Bilirkişi raporu", "Keşif"]
    assert context["requests"] == ["Müvekkilin eski görev yeri olan Çankaya Şehit Öğretmen İlkokuluna iadesine,"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"court.judge": "x"}, "Unknown petition field: court.judge."),
        ({"member.full_name": "x"}, "The field member.full_name comes from the case and cannot be typed in."),
        ({"act.date": "31.02.2026"}, "act.date is not a date: 31.02.2026 (write it as 23.11.2026)."),
        ({"stay_of_execution": "maybe"}, "stay_of_execution must be yes or no."),
        ({"court.name": ["a"]}, "court.name must be text."),
    ],
)
def test_a_bad_form_value_is_refused_with_its_message(extra, message):
    with pytest.raises(TemplateError) as refused:
        build_context(sample_case(), extra, TODAY)
    assert refused.value.render() == message


def test_only_fillable_fields_may_be_required_of_the_form_in_a_manifest():
    assert {f.name for f in FILLABLE_FIELDS} >= {"court.name", "act.date", "stay_of_execution", "facts"}


def test_turkish_date_and_case_filters():
    assert tarih(date(2026, 3, 5)) == "05.03.2026"
    assert tarih(datetime(2026, 11, 23, 14, 5)) == "23.11.2026"
    assert uzun_tarih(date(2026, 11, 23)) == "23 Kasım 2026"
    assert [uzun_tarih(date(2026, m, 1)).split()[1] for m in (2, 5, 8, 9, 12)] == [
        "Şubat", "Mayıs", "Ağustos", "Eylül", "Aralık",
    ]  # fmt: skip
    assert tarih(None) == uzun_tarih(None) == buyuk(None) == ""
    assert tarih("önceden yazılmış") == "önceden yazılmış"
    assert buyuk("istanbul ılıca çiğdem") == "İSTANBUL ILICA ÇİĞDEM"
    assert kucuk("IŞIK İNCE") == "ışık ince"
    assert baslik("iZMİR ılıca") == "İzmir Ilıca"


def test_printing_strips_characters_xml_forbids_and_blanks_none():
    assert xml_safe(None) == ""
    assert xml_safe("a\x00b\x0bc\td\ne\x0cf") == "ab\nc\td\ne\nf"
    assert xml_safe(5) == 5


SPEC = TemplateSpec(
    name="ornek-dilekce",
    file="ornek-dilekce.docx",
    title_tr="Örnek",
    title_en="Sample",
    description_tr="Açıklama",
    description_en="Description",
    kinds=(CaseKind.LEGAL,),
    categories=(Category.RELOCATION, Category.PROMOTION),
    required_fields=("court.name",),
    optional_fields=("stay_of_execution",),
)


def test_a_manifest_round_trips_and_selects_templates_for_a_case():
    (spec,) = parse_manifest(manifest_dict([SPEC]))
    assert spec == SPEC
    assert [f.name for f, required in spec.form_fields() if required] == ["court.name"]
    assert templates_for([spec], CaseKind.LEGAL, Category.PROMOTION) == [spec]
    assert templates_for([spec], CaseKind.SOCIAL, Category.PROMOTION) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "Örnek Dilekçe"}, "lower-case slug"),
        ({"required_fields": ["member.full_name"]}, "member.full_name, which is not a fillable field"),
        ({"kinds": ["legel"]}, "entry is invalid"),
        ({"title": "x"}, "entry is invalid"),
    ],
)
def test_an_invalid_manifest_entry_is_refused(change, message):
    data = manifest_dict([SPEC])
    data["templates"][0].update(change)
    with pytest.raises(TemplateError, match=message):
        parse_manifest(data)


def test_a_manifest_with_duplicate_names_or_another_version_is_refused():
    with pytest.raises(TemplateError, match="unique: ornek-dilekce"):
        parse_manifest(manifest_dict([SPEC, SPEC]))
    with pytest.raises(TemplateError, match="version"):
        parse_manifest({"version": 2, "templates": []})
