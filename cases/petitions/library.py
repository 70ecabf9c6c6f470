"""The legal library of petitions: request items and grounds paragraphs, per addressee and category.

SONUÇ VE İSTEM is one sentence: an introduction, the numbered request items each in the dative
("…iptaline,") and one closing ("karar verilmesini … arz ve talep ederiz."). ``request_items``
normalises what the lawyer chose or typed so every combination reads as that sentence, and
``request_problems`` names the items that cannot (a member's "…istiyorum", an "iptal" asked of
the administration, which can only withdraw, revoke or change its own act).

Grounds are the legal argument of AÇIKLAMALAR: editable paragraphs, each with the provisions it
rests on, which HUKUKİ NEDENLER then cites.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cases.i18n import N_
from cases.petitions.filters import tarih
from cases.text import tr_upper
from cases.vocabulary import Category


class Addressee(StrEnum):
    """Who decides on a petition: it fixes the words its requests may use."""

    COURT = "court"  # a first-instance court, a regional court or the Danıştay
    ADMINISTRATION = "administration"  # the administration, its superior or a board (İYUK 10/11, DMK 135, 4982)
    OMBUDSMAN = "ombudsman"  # Kamu Denetçiliği Kurumu
    EQUALITY = "equality"  # Türkiye İnsan Hakları ve Eşitlik Kurumu
    UNION = "union"  # the member's own union (assistance)


@dataclass(frozen=True)
class RequestItem:
    key: str
    text: str  # in the dative, without the final comma
    to: frozenset[Addressee]
    categories: frozenset[Category] = frozenset()  # empty: every category
    stages: frozenset[str] = frozenset()  # the proceedings (manifest.Proceeding values) it belongs to; empty: any


@dataclass(frozen=True)
class Ground:
    key: str
    title: str  # a short Turkish heading for the list beside the form
    text: str
    references: tuple[str, ...]  # the provisions HUKUKİ NEDENLER cites for it
    categories: frozenset[Category] = frozenset()


_C = frozenset({Addressee.COURT})
_A = frozenset({Addressee.ADMINISTRATION})
_ALL = frozenset(Addressee)
_BEFORE = frozenset({"administrative"})
_PENDING = frozenset({"first_instance"})
_APPEAL = frozenset({"appeal"})

REQUESTS: tuple[RequestItem, ...] = (
    RequestItem("stay", "Dava konusu işlemin teminatsız olarak yürütmesinin durdurulmasına", _C),
    RequestItem(
        "stay_after_defence",
        "Dava konusu işlemin, davalı idarenin savunması alındıktan sonra teminatsız olarak yürütmesinin durdurulmasına",
        _C,
        frozenset({Category.RELOCATION}),
    ),
    RequestItem("annul", "Hukuka aykırı dava konusu işlemin iptaline", _C),
    RequestItem(
        "pay_rights",
        "Dava konusu işlem nedeniyle yoksun kalınan parasal hakların, yoksun kalınan tarihlerden itibaren "
        "işletilecek yasal faiziyle birlikte müvekkile ödenmesine",
        _C,
        frozenset({Category.PAY_AND_BENEFITS, Category.RELOCATION, Category.PROMOTION, Category.DISCIPLINARY_PENALTY}),
    ),
    RequestItem(
        "moral_damages",
        "Müvekkilin uğradığı manevi zarar karşılığı olarak dava değeri bölümünde gösterilen manevi tazminatın, "
        "idareye başvuru tarihinden itibaren işletilecek yasal faiziyle birlikte davalı idareden tahsiline",
        _C,
        frozenset({Category.HARASSMENT, Category.DISCRIMINATION, Category.UNION_RIGHTS}),
    ),
    RequestItem("accept_suit", "Davanın kabulüne", _C, stages=_PENDING),
    RequestItem("accept_objection", "İtirazın kabulüne", _C | _A, stages=_BEFORE | _PENDING),
    RequestItem(
        "lift_stay_refusal",
        "Yürütmenin durdurulması isteminin reddine ilişkin kararın kaldırılmasına",
        _C,
        stages=_PENDING,
    ),
    RequestItem("accept_appeal", "İstinaf başvurusunun kabulüne", _C, stages=_APPEAL),
    RequestItem("quash_decision", "İlk derece mahkemesi kararının kaldırılmasına", _C, stages=_APPEAL),
    RequestItem("accept_cassation", "Temyiz isteminin kabulüne", _C, stages=_APPEAL),
    RequestItem("reverse_decision", "Temyize konu kararın bozulmasına", _C, stages=_APPEAL),
    RequestItem("reject_appeal", "Karşı tarafın kanun yolu başvurusunun reddine", _C, stages=_APPEAL),
    RequestItem("uphold_decision", "Usul ve yasaya uygun olan kararın onanmasına", _C, stages=_APPEAL),
    RequestItem(
        "costs_with_fee",
        "Yargılama giderleri ile vekâlet ücretinin davalı idareye yükletilmesine",
        _C,
    ),
    RequestItem(
        "costs_on_appellant",
        "Yargılama giderleri ile vekâlet ücretinin karşı tarafa yükletilmesine",
        _C,
        stages=_APPEAL,
    ),
    RequestItem("withdraw", "Hukuka aykırı olan işlemin geri alınmasına", _A),
    RequestItem("revoke", "İşlemin kaldırılmasına", _A),
    RequestItem("change", "İşlemin hukuka uygun biçimde değiştirilmesine", _A),
    RequestItem(
        "restore_post",
        "Müvekkilin eski görev yerine iadesine",
        _A,
        frozenset({Category.RELOCATION, Category.UNION_RIGHTS}),
    ),
    RequestItem(
        "lift_penalty",
        "Verilen disiplin cezasının kaldırılmasına",
        _A,
        frozenset({Category.DISCIPLINARY_PENALTY}),
    ),
    RequestItem(
        "rescore",
        "Müvekkilin değerlendirme puanının yeniden ve hukuka uygun biçimde belirlenmesine",
        _A,
        frozenset({Category.PROMOTION, Category.ARBITRARY_TREATMENT}),
    ),
    RequestItem(
        "pay_missing",
        "Eksik ödenen parasal hakların yasal faiziyle birlikte müvekkile ödenmesine",
        _A,
        frozenset({Category.PAY_AND_BENEFITS}),
    ),
    RequestItem(
        "compensate",
        "Müvekkilin uğradığı maddi ve manevi zararların, başvuru tarihinden itibaren işletilecek yasal faiziyle "
        "birlikte ödenmesine",
        _A,
    ),
    RequestItem("give_information", "Talep edilen bilgi ve belgelerin müvekkile verilmesine", _A),
    RequestItem(
        "stop_harassment",
        "Psikolojik taciz niteliğindeki eylemlerin sona erdirilmesine ve müvekkilin korunmasına yönelik "
        "tedbirlerin alınmasına",
        _A | frozenset({Addressee.OMBUDSMAN}),
        frozenset({Category.HARASSMENT, Category.DISCRIMINATION, Category.ARBITRARY_TREATMENT}),
    ),
    RequestItem(
        "investigate",
        "Sorumlular hakkında disiplin soruşturması başlatılmasına",
        _A,
        frozenset({Category.HARASSMENT, Category.DISCRIMINATION, Category.UNION_RIGHTS}),
    ),
    RequestItem("accept_complaint", "Şikâyetin kabulüne", frozenset({Addressee.OMBUDSMAN, Addressee.EQUALITY})),
    RequestItem(
        "recommend",
        "İdareye, hukuka aykırı işlemin geri alınması ve müvekkilin mağduriyetinin giderilmesi yönünde tavsiye "
        "kararı verilmesine",
        frozenset({Addressee.OMBUDSMAN}),
    ),
    RequestItem(
        "find_violation",
        "Ayrımcılık yasağının ihlal edildiğinin tespitine",
        frozenset({Addressee.EQUALITY}),
    ),
    RequestItem(
        "equality_fine",
        "6701 sayılı Kanun'un 25. maddesi uyarınca sorumlular hakkında idari para cezası uygulanmasına",
        frozenset({Addressee.EQUALITY}),
    ),
    RequestItem(
        "end_violation",
        "İhlalin sona erdirilmesi ve tekrarının önlenmesi için gerekli tedbirlerin alınmasına",
        frozenset({Addressee.EQUALITY, Addressee.ADMINISTRATION}),
    ),
)
REQUEST_BY_KEY = {r.key: r for r in REQUESTS}
# What an annulment in a category asks for besides the annulment itself (a full-remedy claim).
AFTER_ANNULMENT: dict[Category, tuple[str, ...]] = {Category.PAY_AND_BENEFITS: ("pay_rights",)}


def default_request_keys(keys: Iterable[str], category: Category) -> list[str]:
    """A template's starting request keys, with the category's own items after an annulment."""
    result: list[str] = []
    for key in keys:
        result.append(key)
        if key == "annul":
            result += [k for k in AFTER_ANNULMENT.get(category, ()) if k not in keys]
    return result


# The dative endings a request item must end with: "…iptaline", "…durdurulmasına", "…iadesine".
_DATIVE = re.compile(r"(?:[nyNY][aeAE]|[ıiuüaeoö]n[ae]|[^\W\d_][ae])$")
_NUMBERING = re.compile(r"^\s*(?:\d+\s*[.)\-–]|[-•*–])\s*")
_TRAILING = re.compile(r"[\s,.;:]+$")
_TRAILING_AND = re.compile(r"\s+(?:ve|ile)$")
_ANNUL = re.compile(r"\biptal", re.IGNORECASE)


def normalise_request(text: str) -> str:
    """One request as an item of the list: no numbering, capitalised, without its final punctuation."""
    item = _NUMBERING.sub("", " ".join(text.split()))
    item = _TRAILING_AND.sub("", _TRAILING.sub("", item))
    return tr_upper(item[:1]) + item[1:] if item else ""


def request_items(lines: Iterable[str]) -> list[str]:
    """The request list as printed: each item normalised and ending with a comma, duplicates dropped."""
    items: list[str] = []
    for line in lines:
        item = normalise_request(line)
        if item and item not in items:
            items.append(item)
    return [f"{item}," for item in items]


def request_problems(lines: Iterable[str], addressee: Addressee | str) -> list[tuple[str, str]]:
    """(item, untranslated message naming ``%(item)s``) for each item that breaks the SONUÇ VE İSTEM sentence."""
    problems = []
    for line in lines:
        item = normalise_request(line)
        if not item:
            continue
        if not _DATIVE.search(item.split()[-1]):
            problems.append(
                (
                    item,
                    N_(
                        "The request “%(item)s” should end like “…iptaline” or “…ödenmesine”, to read "
                        "“… karar verilmesini”."
                    ),
                )
            )
        elif Addressee(addressee) is not Addressee.COURT and _ANNUL.search(item):
            problems.append(
                (
                    item,
                    N_(
                        "The request “%(item)s” asks for an annulment: only a court annuls an act; ask the "
                        "administration to withdraw, revoke or change it."
                    ),
                )
            )
    return problems


def requests_for(
    addressee: Addressee | str, category: Category | None = None, stages: Iterable[str] = ()
) -> list[RequestItem]:
    """The library items a petition to ``addressee`` in ``category``, filed at one of ``stages`` (any when
    empty), may choose from, in library order."""
    to = Addressee(addressee)
    wanted = {str(s) for s in stages}
    return [
        r
        for r in REQUESTS
        if to in r.to
        and (not r.categories or category is None or category in r.categories)
        and (not r.stages or not wanted or r.stages & wanted)
    ]


def request_texts(keys: Iterable[str], *, with_lawyer: bool = True) -> list[str]:
    """The texts of ``keys``; without a lawyer, costs carry no attorney's fee."""
    texts = []
    for key in keys:
        text = REQUEST_BY_KEY[key].text
        if not with_lawyer and key.startswith("costs_"):
            text = text.replace("Yargılama giderleri ile vekâlet ücretinin", "Yargılama giderlerinin")
        texts.append(text)
    return texts


# Grounds -------------------------------------------------------------------------------------

_ELEMENTS = Ground(
    "elements",
    "İdari işlemin unsurları",
    "İdari işlemlerin yetki, şekil, sebep, konu ve maksat unsurları yönünden hukuka uygun olması zorunludur. "
    "Dava konusu işlem somut, objektif ve denetlenebilir bir sebebe dayanmamakta; kamu yararı ve hizmet "
    "gerekleriyle bağdaşmamaktadır. İşlem bu nedenle özellikle sebep ve maksat unsurları yönünden hukuka aykırıdır.",
    ("Anayasa'nın 2. ve 125. maddeleri",),
)
GROUNDS: tuple[Ground, ...] = (
    _ELEMENTS,
    Ground(
        "family_unity",
        "Aile birliği",
        "Anayasa'nın 41. maddesi uyarınca aile Türk toplumunun temelidir ve devlet ailenin huzur ve refahı ile "
        "korunması için gerekli tedbirleri alır. 657 sayılı Devlet Memurları Kanunu'nun 72. maddesi ve ilgili "
        "yer değiştirme mevzuatı, eşi kamu görevlisi olan memurların aile birliğinin gözetilmesini öngörmektedir. "
        "Dava konusu işlem müvekkili ailesinden ayırmakta olup aile birliğini korunması ilkesine aykırıdır.",
        ("Anayasa'nın 41. maddesi", "657 sayılı Devlet Memurları Kanunu'nun 72. maddesi"),
        frozenset({Category.RELOCATION}),
    ),
    Ground(
        "health",
        "Sağlık durumu",
        "Müvekkilin ve ailesinin belgelenmiş sağlık durumu, yer değiştirme işlemlerinde idarenin gözetmek zorunda "
        "olduğu bir mazerettir. Anayasa'nın 17. ve 56. maddeleri herkesin maddi ve manevi varlığını koruma ve "
        "sağlıklı bir hayat sürdürme hakkını güvence altına almaktadır. Sağlık durumu hiç değerlendirilmeden tesis "
        "edilen işlem sebep unsuru yönünden hukuka aykırıdır.",
        ("Anayasa'nın 17. ve 56. maddeleri",),
        frozenset({Category.RELOCATION}),
    ),
    Ground(
        "service_need",
        "Hizmet gereği",
        "İdarenin görev yeri değişikliği konusundaki takdir yetkisi sınırsız değildir; kamu yararı ve hizmet "
        "gerekleriyle sınırlıdır. İşlemde somut bir hizmet ihtiyacı gösterilmemiş, müvekkilin yerine kimin hangi "
        "ihtiyaçla görevlendirildiği ortaya konulmamıştır. Hizmet gereği soyut biçimde gerekçe yapılarak tesis "
        "edilen ve örtülü bir cezalandırma niteliği taşıyan işlem maksat unsuru yönünden hukuka aykırıdır.",
        ("657 sayılı Devlet Memurları Kanunu'nun 76. maddesi",),
        frozenset({Category.RELOCATION, Category.UNION_RIGHTS}),
    ),
    Ground(
        "union_protection",
        "Sendika temsilcisinin güvencesi (4688 m. 18)",
        "4688 sayılı Kamu Görevlileri Sendikaları ve Toplu Sözleşme Kanunu'nun 18. maddesi uyarınca sendika "
        "işyeri temsilcilerinin ve yöneticilerinin görev yerleri, açık ve somut bir gerekçe gösterilmedikçe "
        "değiştirilemez; kamu görevlileri sendika üyeliği ve sendikal faaliyetleri nedeniyle farklı işleme tabi "
        "tutulamaz. Müvekkilin görev yeri bu güvenceye aykırı olarak değiştirilmiştir.",
        ("4688 sayılı Kamu Görevlileri Sendikaları ve Toplu Sözleşme Kanunu'nun 18. maddesi",),
        frozenset({Category.RELOCATION, Category.UNION_RIGHTS, Category.DISCRIMINATION}),
    ),
    Ground(
        "defence",
        "Savunma hakkı",
        "Anayasa'nın 129. maddesi ve 657 sayılı Devlet Memurları Kanunu'nun 130. maddesi uyarınca memura isnat "
        "edilen hususlar hakkında savunması alınmadan disiplin cezası verilemez; savunma için verilecek süre yedi "
        "günden az olamaz. Savunma hakkı gereği gibi tanınmadan verilen ceza şekil unsuru yönünden hukuka aykırıdır.",
        ("Anayasa'nın 129. maddesi", "657 sayılı Devlet Memurları Kanunu'nun 130. maddesi"),
        frozenset({Category.DISCIPLINARY_PENALTY}),
    ),
    Ground(
        "limitation",
        "Zamanaşımı (DMK m. 127)",
        "657 sayılı Devlet Memurları Kanunu'nun 127. maddesi uyarınca disiplin amiri, disiplin cezası gerektiren "
        "eylemi öğrendiği tarihten itibaren bir ay içinde (devlet memurluğundan çıkarma cezasında altı ay içinde) "
        "soruşturmaya başlamazsa ya da eylemin işlendiği tarihten itibaren en geç iki yıl içinde ceza verilmezse "
        "disiplin cezası verme yetkisi zamanaşımına uğrar.",
        ("657 sayılı Devlet Memurları Kanunu'nun 127. maddesi",),
        frozenset({Category.DISCIPLINARY_PENALTY}),
    ),
    Ground(
        "proportionality",
        "Ölçülülük",
        "Disiplin cezası verilebilmesi için isnat edilen eylemin somut ve hukuken geçerli delillerle sabit olması, "
        "Kanun'un 125. maddesinde sayılan fiillerden birine tam olarak uyması ve ceza ile eylem arasında ölçülülük "
        "bulunması gerekir. Verilen ceza bu ilkelerle bağdaşmamaktadır.",
        ("Anayasa'nın 13. maddesi", "657 sayılı Devlet Memurları Kanunu'nun 125. maddesi"),
        frozenset({Category.DISCIPLINARY_PENALTY}),
    ),
    Ground(
        "criteria",
        "Ölçütler ve puanlama",
        "Görevde yükselme ve yönetici atamalarında idare, önceden ilan ettiği nesnel ölçütlere ve puanlamaya bağlıdır. "
        "Sözlü sınav ya da mülakat puanlarının gerekçesiz, tutanağa bağlanmadan ve denetlenemez biçimde verilmesi; "
        "liyakat ve eşitlik ilkeleri ile Anayasa'nın 70. maddesine aykırıdır. Müvekkilin puanlaması ve sıralaması "
        "bu ilkelere aykırı biçimde yapılmıştır.",
        (
            "Anayasa'nın 10. ve 70. maddeleri",
            "Kamu Kurum ve Kuruluşlarında Görevde Yükselme ve Unvan Değişikliği Esaslarına Dair Genel Yönetmelik",
        ),
        frozenset({Category.PROMOTION}),
    ),
    Ground(
        "mobbing",
        "Psikolojik taciz (Genelge 2025/3)",
        "06.03.2025 tarihli Resmî Gazete'de yayımlanan 2025/3 sayılı Cumhurbaşkanlığı Genelgesi, kamu kurum ve "
        "kuruluşlarını işyerinde psikolojik tacizi önlemek, başvuruları etkin biçimde incelemek ve mağduru korumakla "
        "yükümlü kılmaktadır. Anayasa'nın 17. maddesi herkesin maddi ve manevi varlığını koruma hakkını güvence "
        "altına almaktadır. İdare bu yükümlülüklerini yerine getirmemiş, hizmet kusuru işlemiştir.",
        ("Anayasa'nın 17. maddesi", "2025/3 sayılı Cumhurbaşkanlığı Genelgesi"),
        frozenset({Category.HARASSMENT, Category.DISCRIMINATION, Category.ARBITRARY_TREATMENT}),
    ),
    Ground(
        "equality",
        "Eşitlik ve ayrımcılık yasağı",
        "Anayasa'nın 10. maddesi ve 6701 sayılı Türkiye İnsan Hakları ve Eşitlik Kurumu Kanunu uyarınca kamu "
        "görevlileri arasında cinsiyet, din, inanç, siyasi düşünce ve sendika üyeliği gibi nedenlerle ayrım "
        "yapılamaz. Müvekkile aynı durumdaki diğer personelden farklı uygulama yapılması eşitlik ilkesine aykırıdır.",
        ("Anayasa'nın 10. maddesi", "6701 sayılı Türkiye İnsan Hakları ve Eşitlik Kurumu Kanunu"),
        frozenset({Category.DISCRIMINATION, Category.UNION_RIGHTS, Category.WOMEN_MATERNITY}),
    ),
    Ground(
        "pay",
        "Mali haklar",
        "Kamu görevlilerinin aylık, ödenek ve tazminatları kanunla belirlenir; idare mevzuatın öngördüğü parasal "
        "hakları eksiksiz ödemekle yükümlüdür. Hukuka aykırı kesinti ve eksik ödemeler, yoksun kalınan tarihlerden "
        "itibaren yasal faiziyle birlikte ödenmelidir.",
        ("Anayasa'nın 128. maddesi", "657 sayılı Devlet Memurları Kanunu'nun 146. ve devamı maddeleri"),
        frozenset({Category.PAY_AND_BENEFITS}),
    ),
)
GROUND_BY_KEY = {g.key: g for g in GROUNDS}

DEFAULT_GROUNDS: dict[Category, tuple[str, ...]] = {
    Category.RELOCATION: ("family_unity", "health", "service_need", "union_protection", "elements"),
    Category.DISCIPLINARY_PENALTY: ("defence", "limitation", "proportionality"),
    Category.PROMOTION: ("criteria", "elements"),
    Category.HARASSMENT: ("mobbing",),
    Category.DISCRIMINATION: ("equality", "mobbing"),
    Category.UNION_RIGHTS: ("union_protection", "equality"),
    Category.PAY_AND_BENEFITS: ("pay", "elements"),
    Category.WOMEN_MATERNITY: ("equality", "elements"),
}


def grounds_for(category: Category | None) -> list[Ground]:
    """The grounds a petition in ``category`` may choose from, in library order."""
    return [g for g in GROUNDS if not g.categories or category is None or category in g.categories]


def default_grounds(category: Category, details: dict | None = None, decided_on: date | None = None) -> list[str]:
    """The grounds paragraphs a petition starts with: those the case's answers support.

    For a disciplinary penalty the limitation paragraph is the computed one when the act's date
    and the penalty's date (``decided_on``) show the two years of DMK 127 ran out, the general
    one when a date is unknown, and left out when the dates show the penalty came in time.
    """
    details = details or {}
    keys = list(DEFAULT_GROUNDS.get(category, ("elements",)))
    if category is Category.RELOCATION:
        wanted = {
            "family_unity": _yes(details, "family_unity"),
            "health": _yes(details, "health_reason"),
            "union_protection": _yes(details, "is_union_representative", "union_representative"),
        }
        keys = [k for k in keys if wanted.get(k, True)]
    paragraphs = [GROUND_BY_KEY[k].text for k in keys]
    if category is Category.DISCIPLINARY_PENALTY:
        act_date = _date(details.get("act_date"))
        general = GROUND_BY_KEY["limitation"].text
        computed = limitation_paragraph(act_date, decided_on)
        if computed:
            paragraphs = [computed if p == general else p for p in paragraphs]
        elif act_date and decided_on:
            paragraphs.remove(general)
    return paragraphs


def references_of(paragraphs: Iterable[str]) -> list[str]:
    """The provisions the library grounds among ``paragraphs`` rest on, each once, in order."""
    by_text = {g.text: g for g in GROUNDS}
    refs: list[str] = []
    for paragraph in paragraphs:
        ground = by_text.get(paragraph.strip())
        if ground is None and "127. maddesindeki iki yıllık zamanaşımı" in paragraph:
            ground = GROUND_BY_KEY["limitation"]
        for ref in ground.references if ground else ():
            if ref not in refs:
                refs.append(ref)
    return refs


def limitation_paragraph(act_date: date | None, penalty_date: date | None) -> str | None:
    """The paragraph saying the 2-year limitation of DMK 127 ran out, when the dates show it did."""
    if act_date is None or penalty_date is None:
        return None
    try:
        deadline = act_date.replace(year=act_date.year + 2)
    except ValueError:  # 29 February
        deadline = act_date.replace(year=act_date.year + 2, day=28)
    if penalty_date <= deadline:
        return None
    return (
        f"Müvekkile isnat edilen eylem {tarih(act_date)} tarihinde gerçekleştiği ileri sürülmüş olup 657 sayılı "
        f"Kanun'un 127. maddesindeki iki yıllık zamanaşımı süresi {tarih(deadline)} tarihinde dolmuştur. "
        f"{tarih(penalty_date)} tarihinde verilen ceza zamanaşımı nedeniyle hukuka aykırıdır."
    )


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _yes(details: dict, *keys: str) -> bool:
    return any(str(details.get(k, "")).strip().lower() in {"yes", "evet", "true", "1"} for k in keys)
