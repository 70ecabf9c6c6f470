"""The lawyer's voice: third-person facts, the request library and its one sentence, grounds, headings."""

import io
import itertools
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from cases.petitions import build_context, parse_manifest, render_docx, sample_case, sample_extra
from cases.petitions.context import PLACEHOLDER, missing_fields
from cases.petitions.facts import draft_facts, first_person_sentences
from cases.petitions.filters import yonelme
from cases.petitions.library import (
    GROUND_BY_KEY,
    REQUEST_BY_KEY,
    Addressee,
    default_grounds,
    references_of,
    request_items,
    request_problems,
    requests_for,
)
from cases.petitions.snapshot import InstitutionInfo
from cases.vocabulary import LEGAL_CATEGORIES, CaseKind, Category

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "app" / "petition_templates"
SPECS = {s.name: s for s in parse_manifest(json.loads((TEMPLATES / "manifest.json").read_text("utf-8")))}
TODAY = date(2026, 11, 23)
# What a member writes (the demo's relocation case): the lawyer's petition must not repeat it.
MEMBER_STORY = (
    "Okulumda 11 yıldır matematik öğretmeni olarak görev yapıyorum. Sendika işyeri temsilcisi seçilmemden iki ay "
    "sonra Polatlı'daki bir okula görevlendirildim. Eşim de Ankara merkezde kamu görevlisi."
)
MEMBER_WISH = "Görevlendirme işleminin iptalini ve eski okuluma dönmeyi istiyorum."
DETAILS = {
    Category.RELOCATION: {
        "old_post": "Çankaya Atatürk Anadolu Lisesi",
        "new_post": "Polatlı Fen Lisesi",
        "family_unity": "yes",
        "health_reason": "no",
        "union_representative": "yes",
        "started_new_post": "no",
    },
    Category.DISCIPLINARY_PENALTY: {
        "penalty": "kinama",
        "act_date": "2026-09-01",
        "defence_requested": "no",
        "objection_made": "yes",
        "objection_date": "2026-10-10",
    },
    Category.HARASSMENT: {
        "started_on": "2026-05-01",
        "frequency": "weekly",
        "has_witnesses": "yes",
        "reported_to_board": "yes",
        "report_date": "2026-09-01",
        "health_effects": "yes",
    },
    Category.PROMOTION: {"position": "Müdür yardımcılığı", "selection_method": "interview"},
    Category.PAY_AND_BENEFITS: {"payment_type": "overtime", "amount_estimate": "12345.50"},
    Category.DISCRIMINATION: {"ground": "religion_dress"},
    Category.UNION_RIGHTS: {"violation": "activity_blocked", "others_affected": "yes"},
    Category.WOMEN_MATERNITY: {"topic": "nursing_leave"},
    Category.ARBITRARY_TREATMENT: {"treatment": "leave", "applied_in_writing": "yes", "application_date": "2026-10-01"},
    Category.OTHER: {"topic": "nöbet ücreti"},
}


def case_of(category: Category, **changes):
    return replace(
        sample_case(CaseKind.LEGAL, category),
        narrative=MEMBER_STORY,
        requests=MEMBER_WISH,
        details=DETAILS[category],
        **changes,
    )


def lines_of(docx: bytes) -> list[str]:
    doc = Document(io.BytesIO(docx))
    found = [p.text for p in doc.paragraphs]
    found += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return [t for t in found if t.strip()]


# Facts --------------------------------------------------------------------------------------


def test_the_members_own_story_reads_as_first_person_and_is_caught():
    assert first_person_sentences([MEMBER_STORY, MEMBER_WISH]) == [MEMBER_STORY, MEMBER_WISH]
    assert first_person_sentences(["Müvekkil görevlendirilmiştir.", "Eğitim-Bir-Sen üyesidir; sosyal yardım."]) == []


@pytest.mark.parametrize("category", LEGAL_CATEGORIES)
def test_the_facts_draft_speaks_of_the_member_in_the_third_person(category):
    facts = draft_facts(case_of(category))
    assert facts[0].startswith("Müvekkil Ayşe Işık Çağlar, Çankaya Şehit Öğretmen İlkokulu bünyesinde öğretmen")
    assert first_person_sentences(facts) == []
    assert facts[-1] == "Dava konusu işlem müvekkile 06.10.2026 tarihinde tebliğ edilmiştir."
    assert all(f.endswith(".") for f in facts)


def test_the_facts_draft_tells_each_category_from_its_answers():
    relocation = " ".join(draft_facts(case_of(Category.RELOCATION)))
    assert "Çankaya Atatürk Anadolu Lisesi bünyesinde görev yapmakta iken işlemle Polatlı Fen Lisesi" in relocation
    assert "ailesinden ayrı" in relocation and "işyeri temsilcisi" in relocation and "sağlık" not in relocation
    discipline = " ".join(draft_facts(case_of(Category.DISCIPLINARY_PENALTY)))
    assert "müvekkile kınama cezası verilmiştir" in discipline
    assert "01.09.2026 tarihinde gerçekleştiği" in discipline and "savunması istenmemiştir" in discipline
    assert "cezaya 10.10.2026 tarihinde itiraz etmiştir" in discipline
    harassment = " ".join(draft_facts(case_of(Category.HARASSMENT)))
    assert "01.05.2026 tarihinden bu yana Okul Müdürü, Mehmet Öztürk tarafından her hafta" in harassment
    assert "01.09.2026 tarihinde kurumuna yazılı olarak şikâyette" in harassment
    pay = " ".join(draft_facts(case_of(Category.PAY_AND_BENEFITS)))
    assert "yaklaşık 12.345,50 TL" in pay


def test_facts_for_an_authority_speak_of_no_lawsuit():
    facts = " ".join(draft_facts(case_of(Category.DISCIPLINARY_PENALTY), for_court=False))
    assert "İşlem müvekkile 06.10.2026 tarihinde tebliğ edilmiştir." in facts
    assert "dava" not in facts.lower() and "davalı" not in facts.lower()
    assert "İdarenin 15.09.2026 tarihli işlemiyle müvekkile kınama cezası verilmiştir." in facts


def test_a_lawyer_signed_petition_never_prints_the_members_words_a_member_signed_one_does():
    snapshot = case_of(Category.RELOCATION)
    for name in ("iptal-davasi", "nakle-itiraz", "idareye-basvuru", "kdk-sikayeti"):
        spec = SPECS[name]
        extra = {k: v for k, v in sample_extra().items() if k in spec.required_fields + spec.optional_fields}
        context = build_context(snapshot, extra, TODAY, spec=spec)
        text = "\n".join(lines_of(render_docx((TEMPLATES / spec.file).read_bytes(), context)))
        assert "Okulumda" not in text and "istiyorum" not in text, name
        assert first_person_sentences(text.splitlines()) == [], name
    spec = SPECS["mobbing-sikayeti"]
    context = build_context(snapshot, {"authority": "Valiliğe"}, TODAY, spec=spec)
    assert context["facts"] == [MEMBER_STORY]  # the member signs: their own words


# Requests -----------------------------------------------------------------------------------


def _combinations(items: list[str], most: int = 3):
    for size in range(1, most + 1):
        yield from itertools.permutations(items, size)


@pytest.mark.parametrize("addressee", list(Addressee))
@pytest.mark.parametrize("category", LEGAL_CATEGORIES)
def test_every_combination_of_library_requests_reads_as_one_sentence(addressee, category):
    texts = [r.text for r in requests_for(addressee, category)]
    for chosen in _combinations(texts):
        items = request_items(chosen)
        assert len(items) == len(chosen)
        assert request_problems(chosen, addressee) == []
        for item, text in zip(items, chosen, strict=True):
            assert item == f"{text}," and not item[0].islower()
        if addressee is not Addressee.COURT:
            assert not any("iptal" in item.lower() for item in items)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (["1. iptaline."], ["İptaline,"]),
        (["- yürütmesinin durdurulmasına ve", "  2) iptaline;  "], ["Yürütmesinin durdurulmasına,", "İptaline,"]),
        (["İptaline,", "iptaline", ""], ["İptaline,"]),
    ],
)
def test_typed_requests_are_tidied_into_items(typed, expected):
    assert request_items(typed) == expected


def test_the_library_offers_a_stages_requests_only():
    lawsuit = {r.key for r in requests_for(Addressee.COURT, Category.RELOCATION, ["administrative"])}
    assert {"annul", "stay_after_defence", "costs_with_fee"} <= lawsuit
    assert not lawsuit & {"accept_appeal", "reverse_decision", "accept_suit", "lift_stay_refusal"}
    appeal = {r.key for r in requests_for(Addressee.COURT, Category.RELOCATION, ["appeal"])}
    assert {"accept_appeal", "quash_decision", "annul", "costs_on_appellant"} <= appeal and "accept_suit" not in appeal


def test_requests_that_break_the_sentence_are_named():
    problems = request_problems(
        [MEMBER_WISH, "Hukuka aykırı işlemin iptaline", "İşlemin geri alınmasına"], Addressee.ADMINISTRATION
    )
    assert [item for item, _ in problems] == [MEMBER_WISH[:-1], "Hukuka aykırı işlemin iptaline"]
    assert "withdraw, revoke or change" in problems[1][1] and "%(item)s" in problems[1][1]
    assert request_problems(["Hukuka aykırı işlemin iptaline"], Addressee.COURT) == []


def test_each_default_petition_starts_from_requests_its_addressee_may_grant():
    for spec in SPECS.values():
        offered = {r.key for r in requests_for(spec.addressee, None, spec.proceedings)}
        for key in spec.requests:
            assert spec.addressee in REQUEST_BY_KEY[key].to, (spec.name, key)
            assert key in offered, (spec.name, key)
        if spec.addressee is not Addressee.COURT:
            assert not any("iptal" in REQUEST_BY_KEY[k].text.lower() for k in spec.requests), spec.name


ANNULMENT_LIBRARY = [r.text for r in requests_for(Addressee.COURT, Category.PROMOTION)][:6]


@pytest.mark.parametrize("chosen", list(_combinations(ANNULMENT_LIBRARY, 2))[:40])
def test_the_rendered_request_section_numbers_the_chosen_items_in_order(chosen):
    spec = SPECS["iptal-davasi"]
    extra = {**sample_extra(), "stay_of_execution": False, "requests": "\n".join(chosen)}
    context = build_context(case_of(Category.PROMOTION), extra, TODAY, spec=spec)
    lines = lines_of(render_docx((TEMPLATES / spec.file).read_bytes(), context))
    start = lines.index("Yukarıda açıklanan ve Mahkemenizce re'sen gözetilecek nedenlerle;")
    end = lines.index("karar verilmesini vekâleten saygılarımızla arz ve talep ederiz.")
    assert lines[start + 1 : end] == [f"{i}. {text}," for i, text in enumerate(chosen, start=1)]
    has_stay = any("yürütmesinin durdurulmasına" in c for c in chosen)
    assert ("YÜRÜTMENİN DURDURULMASI TALEPLİDİR" in lines) is has_stay


def test_asking_for_a_stay_adds_its_request_first_once():
    spec = SPECS["iptal-davasi"]
    context = build_context(case_of(Category.RELOCATION), {**sample_extra()}, TODAY, spec=spec)
    assert context["requests"][0] == REQUEST_BY_KEY["stay_after_defence"].text + ","
    assert sum("durdurulmasına" in r for r in context["requests"]) == 1
    context = build_context(case_of(Category.PROMOTION), {**sample_extra()}, TODAY, spec=spec)
    assert context["requests"][0] == REQUEST_BY_KEY["stay"].text + ","


def test_an_annulment_of_a_pay_decision_also_asks_for_the_missing_pay():
    spec = SPECS["iptal-davasi"]
    extra = {**sample_extra(), "stay_of_execution": False}
    context = build_context(case_of(Category.PAY_AND_BENEFITS), extra, TODAY, spec=spec)
    assert context["requests"] == [
        REQUEST_BY_KEY["annul"].text + ",",
        REQUEST_BY_KEY["pay_rights"].text + ",",
        REQUEST_BY_KEY["costs_with_fee"].text + ",",
    ]


def test_without_a_lawyer_the_costs_carry_no_attorneys_fee():
    spec = SPECS["iptal-davasi"]
    context = build_context(case_of(Category.PROMOTION, lawyer=None), sample_extra(), TODAY, spec=spec)
    assert context["requests"][-1] == "Yargılama giderlerinin davalı idareye yükletilmesine,"


# Grounds ------------------------------------------------------------------------------------


def test_relocation_grounds_follow_the_answers_and_are_cited():
    details = DETAILS[Category.RELOCATION]
    grounds = default_grounds(Category.RELOCATION, details)
    assert grounds[0] == GROUND_BY_KEY["family_unity"].text
    assert GROUND_BY_KEY["health"].text not in grounds  # no health reason was given
    assert GROUND_BY_KEY["union_protection"].text in grounds
    refs = references_of(grounds)
    assert "4688 sayılı Kamu Görevlileri Sendikaları ve Toplu Sözleşme Kanunu'nun 18. maddesi" in refs
    spec = SPECS["iptal-davasi"]
    context = build_context(case_of(Category.RELOCATION), sample_extra(), TODAY, spec=spec)
    assert context["legal_grounds"][: len(refs)] == refs
    assert context["legal_grounds"][-1] == "Millî Eğitim Bakanlığı Öğretmen Atama ve Yer Değiştirme Yönetmeliği"


@pytest.mark.parametrize(
    ("act_date", "decided", "expected"),
    [
        ("2024-01-10", date(2026, 3, 1), "süresi 10.01.2026 tarihinde dolmuştur"),
        ("2025-06-01", date(2026, 3, 1), None),
        (None, date(2026, 3, 1), GROUND_BY_KEY["limitation"].text),
    ],
)
def test_the_limitation_ground_is_filled_from_the_dates(act_date, decided, expected):
    grounds = default_grounds(Category.DISCIPLINARY_PENALTY, {"act_date": act_date}, decided)
    limitation = [g for g in grounds if "127" in g]
    if expected is None:
        assert limitation == []
    else:
        assert len(limitation) == 1 and expected in limitation[0]
        assert references_of(limitation) == ["657 sayılı Devlet Memurları Kanunu'nun 127. maddesi"]


# Defendant, headings, placeholders ------------------------------------------------------------


def test_the_defendant_is_the_legal_person_and_the_superior_authority_heads_an_article_11_application():
    snapshot = case_of(Category.RELOCATION)
    context = build_context(snapshot, {}, TODAY, spec=SPECS["idareye-basvuru"])
    assert context["defendant"]["name"] == "Ankara Valiliği"
    assert context["authority"] == "Millî Eğitim Bakanlığına"
    context = build_context(snapshot, {}, TODAY, spec=SPECS["disiplin-cezasina-itiraz"], lenient=True)
    assert context["authority"] == "Ankara Valiliği Disiplin Kurulu Başkanlığına"
    bare = replace(snapshot, institution=InstitutionInfo("Ege Üniversitesi Rektörlüğü", "Bornova / İzmir"))
    context = build_context(bare, {}, TODAY, spec=SPECS["idareye-basvuru"])
    assert (context["defendant"]["name"], context["authority"]) == (
        "Ege Üniversitesi Rektörlüğü",
        "Ege Üniversitesi Rektörlüğüne",
    )


@pytest.mark.parametrize(
    ("name", "dative"),
    [
        ("Ankara Valiliği", "Ankara Valiliğine"),
        ("Millî Eğitim Bakanlığı", "Millî Eğitim Bakanlığına"),
        ("İstanbul Büyükşehir Belediye Başkanlığı", "İstanbul Büyükşehir Belediye Başkanlığına"),
        ("Sosyal Güvenlik Kurumu", "Sosyal Güvenlik Kurumuna"),
        ("Eskişehir Osmangazi Üniversitesi", "Eskişehir Osmangazi Üniversitesine"),
        ("", ""),
    ],
)
def test_the_dative_of_an_authority(name, dative):
    assert yonelme(name) == dative


def test_a_blank_field_prints_a_visible_placeholder_and_is_listed_as_missing():
    spec = SPECS["iptal-davasi"]
    snapshot = replace(case_of(Category.RELOCATION), member=replace(sample_case().member, address=""))
    context = build_context(snapshot, {}, TODAY, spec=spec, lenient=True)
    assert context["court"]["name"] == PLACEHOLDER and context["member"]["address"] == PLACEHOLDER
    assert context["act"]["date"] == PLACEHOLDER
    text = "\n".join(lines_of(render_docx((TEMPLATES / spec.file).read_bytes(), context)))
    assert f"{PLACEHOLDER} BAŞKANLIĞINA" in text
    values = {"court.name": "", "act.date": None, "defendant.name": "Ankara Valiliği", "member.address": ""}
    assert missing_fields(spec, values) == [
        "court.name",
        "act.date",
        "act.description",
        "act.notification_date",
        "defendant.address",
        "requests",
        "member.full_name",
        "member.national_id",
        "member.address",
    ]


def test_a_template_refuses_a_case_of_another_kind_category_or_stage():
    from cases.petitions.manifest import Proceeding

    spec = SPECS["istinaf"]
    assert spec.refusal(CaseKind.LEGAL, Category.RELOCATION, Proceeding.APPEAL) is None
    assert "stage" in spec.refusal(CaseKind.LEGAL, Category.RELOCATION, Proceeding.ADMINISTRATIVE)
    assert "kind" in spec.refusal(CaseKind.SOCIAL, Category.RELOCATION)
    assert "category" in SPECS["nakle-itiraz"].refusal(CaseKind.LEGAL, Category.PROMOTION)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("50000", "50.000,00 TL"),
        ("50.000", "50.000,00 TL"),
        ("50.000,5 TL", "50.000,50 TL"),
        ("1234567.8", "1.234.567,80 TL"),
        ("manevi 10.000 TL, maddi 5.000 TL", "manevi 10.000 TL, maddi 5.000 TL"),
    ],
)
def test_an_amount_prints_the_way_turkish_courts_write_it(typed, printed):
    context = build_context(sample_case(), {"claim.amount": typed}, TODAY)
    assert context["claim"]["amount"] == printed
