"""The facts of a lawyer-signed petition, drafted in the third person from a case's structured answers.

A petition the lawyer signs speaks of the member as "müvekkil"; the member's own first-person
narrative is source material the lawyer reads beside the form, never text pasted into the
petition. ``draft_facts`` composes numbered-paragraph-ready sentences from what the case records
(post, institution, dates, the per-category answers of the grievance form), one sentence per
known fact, so the lawyer only corrects and completes them. Answers the member typed freely
(reasons, explanations) are left out: they are in the member's voice.
"""

import re
from collections.abc import Callable, Mapping
from datetime import date

from cases.petitions.filters import tarih
from cases.petitions.snapshot import CaseSnapshot
from cases.text import tr_lower
from cases.vocabulary import Category

YES = "yes"
NO = "no"

PENALTY_TR = {
    "uyarma": "uyarma",
    "kinama": "kınama",
    "ayliktan_kesme": "aylıktan kesme",
    "kademe_ilerlemesinin_durdurulmasi": "kademe ilerlemesinin durdurulması",
    "devlet_memurlugundan_cikarma": "devlet memurluğundan çıkarma",
}
FREQUENCY_TR = {
    "daily": "neredeyse her gün",
    "weekly": "her hafta",
    "monthly": "ayda birkaç kez",
    "occasionally": "zaman zaman",
    "once": "bir kez",
}
SELECTION_TR = {
    "written_exam": "yazılı sınav",
    "interview": "sözlü sınav (mülakat)",
    "service_score": "hizmet ve sicil puanlaması",
    "no_exam": "sınavsız atama",
}
PAYMENT_TR = {
    "salary": "aylığı",
    "overtime": "fazla çalışma (ek ders) ücreti",
    "allowance": "tazminatı",
    "travel": "harcırahı",
    "collective_agreement": "toplu sözleşme ödemesi",
}
GROUND_TR = {
    "union": "sendika üyeliği ve sendikal faaliyeti",
    "gender": "cinsiyeti",
    "religion_dress": "dini inancı ve kılık kıyafeti",
    "political": "siyasi düşüncesi",
    "disability": "engelliliği ve sağlık durumu",
    "origin": "kökeni ve dili",
}
VIOLATION_TR = {
    "relocation": "sendikal faaliyeti nedeniyle görev yeri değiştirilmiştir",
    "pressure_to_resign": "sendikasından ayrılması ya da başka bir sendikaya geçmesi yönünde baskıya maruz kalmıştır",
    "activity_blocked": "sendikal faaliyeti (duyuru panosu, toplantı, sendikal izin) engellenmiştir",
    "discipline": "sendikal faaliyeti nedeniyle hakkında soruşturma açılmış ya da ceza verilmiştir",
}
MATERNITY_TR = {
    "maternity_leave": "doğum izni",
    "nursing_leave": "süt izni",
    "part_time": "doğum sonrası yarı zamanlı çalışma hakkı",
    "unpaid_leave": "aylıksız izin",
    "pregnancy_duties": "gebelik süresince gece nöbeti ve ağır görevlerden muafiyet",
    "pregnancy_treatment": "gebelik nedeniyle eşit muamele görme hakkı",
}
TREATMENT_TR = {
    "duties": "kendisine verilen görevler",
    "leave": "izin talebinin reddi",
    "evaluation": "değerlendirme, puan ve sicil kayıtları",
    "schedule": "nöbet, vardiya ve çalışma saatleri",
    "opportunities": "eğitim ve diğer imkânlardan yararlandırılmaması",
    "investigation": "gerekçesiz soruşturma ve baskı",
}

# First-person verb endings and pronouns a member writes with; a lawyer's petition never has them.
# Case-sensitive on purpose: Python folds ı, i and İ together under IGNORECASE (yardım ≠ aldım).
FIRST_PERSON = re.compile(
    r"\b(?:[Bb]en|[Bb]ana|[Bb]eni|[Bb]enim|[Bb]ende|[Bb]enden|[Tt]arafıma|[Ee]şim|[Oo]kulum|[Oo]kulumda|işyerimde"
    r"|amirim|müdürüm)\b"
    r"|\b\w+(?:[ıiuü]yorum|[ıiuü]n(?:dım|dim|dum|düm)|[ıiuü]l(?:dım|dim|dum|düm)|n(?:dım|dim|dum|düm)"
    r"|l(?:dım|dim|dum|düm)|r(?:dum|düm|dim)|(?:tt|pt|kt|şt)(?:ım|im|um|üm)"
    r"|(?:miş|mış|muş|müş)(?:im|ım|um|üm)|(?:eceğ|acağ)ım|(?:ebilir|abilir)im)\b",
)


def first_person_sentences(paragraphs: list[str]) -> list[str]:
    """The paragraphs that read as the member speaking of themselves (``görevlendirildim``, ``istiyorum``)."""
    return [p for p in paragraphs if FIRST_PERSON.search(p)]


# Outside a court there is no lawsuit: "the act", "the administration".
_OUT_OF_COURT = (
    ("Dava konusu işlem", "İşlem"),
    ("dava konusu işlem", "işlem"),
    ("Davalı idarenin", "İdarenin"),
    ("davalı idareye", "idareye"),
)


def draft_facts(snapshot: CaseSnapshot, for_court: bool = True) -> list[str]:
    """Third-person facts for a lawyer-signed petition, from what the case records; one sentence a paragraph.

    ``for_court`` false words them for an authority (no "dava konusu", no "davalı").
    """
    details = snapshot.details or {}
    facts = [_post(snapshot)]
    facts += _CATEGORY.get(snapshot.category, _nothing)(snapshot, details)
    facts += _application(details)
    if snapshot.notification_date:
        facts.append(f"Dava konusu işlem müvekkile {tarih(snapshot.notification_date)} tarihinde tebliğ edilmiştir.")
    facts = [f for f in facts if f]
    if not for_court:
        for court_word, plain in _OUT_OF_COURT:
            facts = [f.replace(court_word, plain) for f in facts]
    return facts


def _post(s: CaseSnapshot) -> str:
    member = s.member
    where = member.institution or (s.institution.name if s.institution else "")
    title = tr_lower(member.title)
    if where and title:
        return f"Müvekkil {member.full_name}, {where} bünyesinde {title} olarak görev yapmaktadır."
    if where:
        return f"Müvekkil {member.full_name}, {where} bünyesinde görev yapmaktadır."
    if title:
        return f"Müvekkil {member.full_name}, {title} olarak görev yapmaktadır."
    return f"Müvekkil {member.full_name} kamu görevlisidir."


def _yes(details: Mapping[str, object], *keys: str) -> bool:
    return any(str(details.get(k, "")).strip().lower() in {YES, "evet", "true", "1"} for k in keys)


def _no(details: Mapping[str, object], key: str) -> bool:
    return str(details.get(key, "")).strip().lower() in {NO, "hayır", "false", "0"}


def _text(details: Mapping[str, object], key: str) -> str:
    value = details.get(key)
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _day(details: Mapping[str, object], key: str) -> str:
    value = details.get(key)
    if isinstance(value, date):
        return tarih(value)
    try:
        return tarih(date.fromisoformat(str(value))) if value else ""
    except ValueError:
        return ""


def _nothing(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    return []


def _relocation(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    old, new = _text(d, "old_post"), _text(d, "new_post")
    facts = []
    if s.incident_date:
        facts.append(
            f"Davalı idarenin {tarih(s.incident_date)} tarihli işlemiyle müvekkilin görev yeri değiştirilmiştir."
        )
    if old and new:
        facts.append(
            f"Müvekkil, işlemden önce {old} bünyesinde görev yapmakta iken işlemle {new} bünyesinde "
            "görevlendirilmiştir."
        )
    elif new:
        facts.append(f"Müvekkil, dava konusu işlemle {new} bünyesinde görevlendirilmiştir.")
    if _yes(d, "started_new_post"):
        facts.append("Müvekkil, işlemin gereği olarak yeni görev yerinde göreve başlamıştır.")
    elif _no(d, "started_new_post"):
        facts.append("Müvekkil henüz yeni görev yerinde göreve başlamamıştır.")
    if _yes(d, "family_unity"):
        facts.append(
            "Müvekkilin eşi ve çocukları mevcut görev yerinin bulunduğu yerleşim yerinde yaşamakta olup işlem, "
            "müvekkili ailesinden ayrı yaşamak zorunda bırakmaktadır."
        )
    if _yes(d, "health_reason"):
        facts.append(
            "Müvekkilin ve ailesinin sağlık durumu yeni görev yerinde çalışmayı güçleştirmektedir; buna ilişkin "
            "sağlık belgeleri dosyaya sunulmuştur."
        )
    if _yes(d, "is_union_representative", "union_representative"):
        facts.append(f"Müvekkil, {s.union.name} sendikasının işyeri temsilcisi (yöneticisi) olarak görev yapmaktadır.")
    return facts


def _discipline(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    penalty = PENALTY_TR.get(_text(d, "penalty"), "")
    facts = []
    when = f"{tarih(s.incident_date)} tarihli " if s.incident_date else ""
    if penalty:
        facts.append(f"Davalı idarenin {when}işlemiyle müvekkile {penalty} cezası verilmiştir.")
    else:
        facts.append(f"Davalı idarenin {when}işlemiyle müvekkile disiplin cezası verilmiştir.")
    if act_day := _day(d, "act_date"):
        facts.append(f"Müvekkile isnat edilen eylemin {act_day} tarihinde gerçekleştiği ileri sürülmüştür.")
    if _no(d, "defence_requested"):
        facts.append("Ceza verilmeden önce müvekkilden yazılı savunması istenmemiştir.")
    elif _yes(d, "defence_requested"):
        facts.append("Soruşturma sırasında müvekkilden yazılı savunması istenmiştir.")
    if _yes(d, "objection_made"):
        objected = _day(d, "objection_date")
        facts.append(
            f"Müvekkil, cezaya {objected} tarihinde itiraz etmiştir."
            if objected
            else "Müvekkil, cezaya disiplin kurulu nezdinde itiraz etmiştir."
        )
        if _yes(d, "objection_answered"):
            facts.append("Disiplin kurulu itirazı karara bağlamıştır.")
        elif _no(d, "objection_answered"):
            facts.append("İtiraz henüz sonuçlandırılmamıştır.")
    return facts


def _harassment(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    who = _respondent(s)
    since = _day(d, "started_on")
    how_often = FREQUENCY_TR.get(_text(d, "frequency"), "")
    opening = f"{since} tarihinden bu yana " if since else ""
    often = f"{how_often} " if how_often and how_often != "bir kez" else ""
    facts = [
        f"Müvekkil, {opening}{who}{often}sistematik biçimde yıldırma, aşağılama ve dışlama niteliğindeki "
        "davranışlara maruz kalmaktadır."
    ]
    if _yes(d, "has_witnesses") or _text(d, "witnesses"):
        facts.append("Yaşanan olayların tanıkları bulunmakta olup tanıkların bilgileri delil listesinde sunulmuştur.")
    if _yes(d, "reported_to_board"):
        reported = _day(d, "report_date")
        facts.append(
            f"Müvekkil, {reported} tarihinde kurumuna yazılı olarak şikâyette bulunmuştur."
            if reported
            else "Müvekkil, kurumuna yazılı olarak şikâyette bulunmuştur."
        )
    if _yes(d, "health_effects"):
        facts.append("Yaşananlar müvekkilin sağlığını olumsuz etkilemiş olup buna ilişkin sağlık kayıtları mevcuttur.")
    return facts


def _promotion(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    position = _text(d, "position")
    method = SELECTION_TR.get(_text(d, "selection_method"), "")
    facts = []
    if position:
        facts.append(f"Müvekkil, {position} görevine atama (görevde yükselme) sürecine katılmıştır.")
    else:
        facts.append("Müvekkil, davalı idarenin yürüttüğü görevde yükselme ve atama sürecine katılmıştır.")
    if method:
        facts.append(f"Adaylar arasındaki seçim {method} yoluyla yapılmıştır.")
    if s.incident_date:
        facts.append(f"Süreç sonunda {tarih(s.incident_date)} tarihinde açıklanan sonuçla müvekkil atanmamıştır.")
    return facts


def _pay(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    payment = PAYMENT_TR.get(_text(d, "payment_type"), "mali hakları")
    since = f"{tarih(s.incident_date)} tarihinden itibaren " if s.incident_date else ""
    facts = [f"Müvekkilin {payment} {since}eksik ödenmektedir."]
    amount = _text(d, "amount_estimate")
    if amount:
        facts.append(f"Müvekkilin eksik ödenen alacağı yaklaşık {format_amount(amount)} tutarındadır.")
    return facts


def _discrimination(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    ground = GROUND_TR.get(_text(d, "ground"), "")
    reason = f"{ground} nedeniyle " if ground else ""
    return [
        f"Müvekkil, {reason}aynı durumdaki diğer personelden farklı muameleye maruz bırakılmıştır.",
        (f"Ayrımcı muamele {tarih(s.incident_date)} tarihinde de tekrarlanmıştır." if s.incident_date else ""),
    ]


def _union_rights(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    facts = [f"Müvekkil, {s.union.name} üyesidir."]
    if _yes(d, "is_union_representative", "union_representative"):
        facts.append("Müvekkil aynı zamanda sendikanın işyeri temsilcisi (yöneticisi) olarak görev yapmaktadır.")
    if violation := VIOLATION_TR.get(_text(d, "violation"), ""):
        facts.append(f"Müvekkil, {violation}.")
    if _yes(d, "others_affected"):
        facts.append("Aynı uygulama sendika üyesi diğer kamu görevlilerine de yöneltilmiştir.")
    return facts


def _maternity(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    topic = MATERNITY_TR.get(_text(d, "topic"), "")
    return [f"Uyuşmazlık, müvekkilin {topic} hakkının kullandırılmasına ilişkindir."] if topic else []


def _arbitrary(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    topic = TREATMENT_TR.get(_text(d, "treatment"), "")
    facts = [f"Uyuşmazlık, müvekkile yönelik {topic} konusundaki keyfî uygulamaya ilişkindir."] if topic else []
    if _yes(d, "others_affected"):
        facts.append("Aynı durumdaki diğer personele farklı uygulama yapılmıştır.")
    return facts


def _other(s: CaseSnapshot, d: Mapping[str, object]) -> list[str]:
    topic = _text(d, "topic")
    return [f"Uyuşmazlığın konusu: {topic}."] if topic else []


def _application(d: Mapping[str, object]) -> list[str]:
    if not _yes(d, "applied_in_writing"):
        return []
    applied = _day(d, "application_date")
    sentence = (
        f"Müvekkil, {applied} tarihinde davalı idareye yazılı olarak başvurmuştur."
        if applied
        else "Müvekkil, davalı idareye yazılı olarak başvurmuştur."
    )
    if _yes(d, "application_answered"):
        sentence += " Başvuru olumsuz cevaplandırılmıştır."
    elif _no(d, "application_answered"):
        sentence += " Başvuru cevapsız bırakılmıştır."
    return [sentence]


def _respondent(s: CaseSnapshot) -> str:
    r = s.respondent
    if r is None or not (r.name or r.title):
        return ""
    named = ", ".join(part for part in (r.title, r.name) if part)
    return f"{named} tarafından "


def format_amount(value: str) -> str:
    """``12345.5`` → ``12.345,50 TL``; text that is not a number passes through."""
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return str(value)
    whole, _, cents = f"{number:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{cents} TL"


_CATEGORY: dict[Category, Callable[[CaseSnapshot, Mapping[str, object]], list[str]]] = {
    Category.RELOCATION: _relocation,
    Category.DISCIPLINARY_PENALTY: _discipline,
    Category.HARASSMENT: _harassment,
    Category.PROMOTION: _promotion,
    Category.PAY_AND_BENEFITS: _pay,
    Category.DISCRIMINATION: _discrimination,
    Category.UNION_RIGHTS: _union_rights,
    Category.WOMEN_MATERNITY: _maternity,
    Category.ARBITRARY_TREATMENT: _arbitrary,
    Category.OTHER: _other,
}
