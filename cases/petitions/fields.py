"""The catalogue of fields a petition template may use, with descriptions for the admin pages.

A template reaches a field by its dotted name (``{{ member.full_name }}``); the context built by
``build_context`` holds exactly these names, nested by their first part. Fields marked
``fillable`` are the ones a lawyer may type in the generation form: a value given there replaces
the one taken from the case.
"""

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    TEXT = "text"  # one line (a line break typed inside becomes a line break in the document)
    DATE = "date"  # a date (prints as 23.11.2026; filters tarih / uzun_tarih) or None
    BOOL = "bool"  # a flag that switches an optional section on
    PARAGRAPHS = "paragraphs"  # a list of paragraphs (one per line in a form's text area)


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    tr: str  # description shown to Turkish-speaking admins and lawyers
    en: str
    fillable: bool = False  # the lawyer may fill or override it in the generation form

    @property
    def group(self) -> str:
        """The first part of the name (``member`` for ``member.full_name``); the name itself if flat."""
        return self.name.split(".", 1)[0]


_T, _D, _B, _P = FieldKind.TEXT, FieldKind.DATE, FieldKind.BOOL, FieldKind.PARAGRAPHS

FIELDS: tuple[Field, ...] = (
    Field("member.full_name", _T, "Üyenin adı soyadı", "The member's full name"),
    Field("member.national_id", _T, "Üyenin T.C. Kimlik No'su (açık)", "The member's T.C. Kimlik No (unmasked)"),
    Field(
        "member.national_id_masked",
        _T,
        "Üyenin maskelenmiş T.C. Kimlik No'su (123******50)",
        "The member's masked T.C. Kimlik No (123******50)",
    ),
    Field("member.title", _T, "Üyenin unvanı (kadro unvanı)", "The member's title (position)"),
    Field("member.institution", _T, "Üyenin görev yaptığı kurum", "The institution the member works at"),
    Field("member.address", _T, "Üyenin tebligat adresi", "The member's address for service", fillable=True),
    Field("member.phone", _T, "Üyenin telefon numarası", "The member's telephone number"),
    Field("member.email", _T, "Üyenin e-posta adresi", "The member's e-mail address"),
    Field("member.membership_number", _T, "Sendika üye numarası", "The member's union membership number"),
    Field("member.iban", _T, "Yardımın ödeneceği IBAN", "The IBAN an assistance payment goes to", fillable=True),
    Field("union.name", _T, "Sendikanın adı", "The union's name"),
    Field("union.address", _T, "Sendikanın adresi", "The union's address"),
    Field(
        "lawyer.full_name",
        _T,
        "Vekil avukatın adı soyadı ('Av.' unvanı olmadan)",
        "The representing lawyer's full name (without the title 'Av.')",
    ),
    Field("lawyer.bar", _T, "Avukatın kayıtlı olduğu baro", "The bar the lawyer is registered with"),
    Field("lawyer.registry_number", _T, "Avukatın baro sicil numarası", "The lawyer's bar registry number"),
    Field(
        "lawyer.address",
        _T,
        "Avukatın tebligat adresi (boşsa sendikanın adresi)",
        "The lawyer's address for service (the union's when blank)",
    ),
    Field("lawyer.email", _T, "Avukatın e-posta adresi", "The lawyer's e-mail address"),
    Field(
        "respondent.type",
        _T,
        "Şikâyet edilen tarafın türü (İdare, Yönetici, Amir, Çalışma arkadaşı)",
        "The kind of respondent (administration, manager, supervisor, coworker), in Turkish",
    ),
    Field("respondent.name", _T, "Şikâyet edilen kişinin adı soyadı", "The respondent's name"),
    Field("respondent.title", _T, "Şikâyet edilen kişinin unvanı", "The respondent's title"),
    Field(
        "institution.name",
        _T,
        "Karşı taraf kurumun (davalı idarenin) adı",
        "The institution (the defendant administration)",
    ),
    Field("institution.address", _T, "Kurumun adresi", "The institution's address"),
    Field("institution.province", _T, "Kurumun bulunduğu il", "The institution's province"),
    Field(
        "defendant.name",
        _T,
        "Davalı (karşı taraf) tüzel kişi: bakanlık, valilik, rektörlük, belediye başkanlığı…",
        "The defendant legal person: a ministry, governorship, rectorate, municipality…",
        fillable=True,
    ),
    Field("defendant.address", _T, "Davalının tebligat adresi", "The defendant's address for service", fillable=True),
    Field(
        "court.name",
        _T,
        "Mahkemenin adı, 'Başkanlığı' sözcüğü olmadan (örn. Ankara 3. İdare Mahkemesi, Ankara Nöbetçi İdare Mahkemesi)",
        "The court's name without 'Başkanlığı' (e.g. Ankara 3. İdare Mahkemesi)",
        fillable=True,
    ),
    Field(
        "court.file_number",
        _T,
        "Mahkeme esas numarası (örn. 2026/1234 E.)",
        "The court's file number (esas no)",
        fillable=True,
    ),
    Field(
        "authority",
        _T,
        "Dilekçenin sunulduğu makam, başlıkta yazılacağı gibi ve yönelme ekiyle "
        "(örn. Ankara Valiliği İl Disiplin Kurulu Başkanlığına)",
        "The authority addressed, as its heading reads, with the dative ending (e.g. … Başkanlığına)",
        fillable=True,
    ),
    Field(
        "act.description",
        _T,
        "İşlemin konusu, 'tarih ve sayılı işlem' ifadesinden önce gelecek biçimde "
        "(örn. müvekkilin Kırşehir'e atanmasına ilişkin)",
        "What the contested act is about, phrased to precede 'işlem' (e.g. müvekkilin Kırşehir'e atanmasına ilişkin)",
        fillable=True,
    ),
    Field("act.date", _D, "İşlemin tarihi", "The date of the contested act", fillable=True),
    Field("act.number", _T, "İşlemin sayısı", "The number of the contested act", fillable=True),
    Field(
        "act.notification_date",
        _D,
        "İşlemin tebliğ tarihi (boşsa dosyadaki tebliğ tarihi)",
        "The date the act was notified (the case's when blank)",
        fillable=True,
    ),
    Field(
        "decision.court",
        _T,
        "Kararı veren mahkeme (örn. Ankara 3. İdare Mahkemesi)",
        "The court that gave the decision (e.g. Ankara 3. İdare Mahkemesi)",
        fillable=True,
    ),
    Field("decision.date", _D, "Kararın tarihi", "The date of the decision", fillable=True),
    Field(
        "decision.number",
        _T,
        "Kararın esas ve karar numarası (örn. E. 2026/1184, K. 2026/2210)",
        "The decision's file and decision number (e.g. E. 2026/1184, K. 2026/2210)",
        fillable=True,
    ),
    Field(
        "decision.notification_date", _D, "Kararın tebliğ tarihi", "The date the decision was notified", fillable=True
    ),
    Field(
        "served.date",
        _D,
        "Cevap verilen dilekçenin (savunma, istinaf/temyiz dilekçesi) tebliğ tarihi",
        "The date the paper answered (the defence, an appeal petition) was served",
        fillable=True,
    ),
    Field(
        "claim.amount",
        _T,
        "Dava değeri ya da talep edilen tutar (örn. 25.000,00 TL)",
        "The amount claimed or requested (e.g. 25.000,00 TL)",
        fillable=True,
    ),
    Field("case.reference", _T, "Dosya numarası (örn. EBS-2026-000123)", "The case reference (e.g. EBS-2026-000123)"),
    Field("case.kind", _T, "Dosya türü (Hukuki, Sosyal, Ayni/Maddi)", "The case kind, in Turkish"),
    Field("case.category", _T, "Başvuru konusu (örn. Disiplin cezası)", "The case category, in Turkish"),
    Field("case.incident_date", _D, "Olay tarihi", "The date of the incident"),
    Field(
        "facts",
        _P,
        "Olaylar: her biri ayrı paragraf (avukat imzalı dilekçede üçüncü kişi ağzından taslak)",
        "The facts, one paragraph each (a third-person draft in a petition the lawyer signs)",
        fillable=True,
    ),
    Field(
        "evidence",
        _P,
        "Deliller: dosyadaki eklerin açıklamaları ya da avukatın yazdığı liste",
        "The evidence: descriptions of the case's attachments, or the lawyer's own list",
        fillable=True,
    ),
    Field(
        "requests",
        _P,
        "Talepler: her biri ayrı satırda, '…iptaline' gibi yönelme hâlinde; sırası dilekçedeki sıradır",
        "The requests, one a line, each phrased like '…iptaline'; their order is the petition's",
        fillable=True,
    ),
    Field(
        "grounds",
        _P,
        "Hukuka aykırılık gerekçeleri: her biri ayrı paragraf (kütüphaneden seçilip düzenlenebilir)",
        "Why the act is unlawful, one paragraph each (chosen from the library, editable)",
        fillable=True,
    ),
    Field(
        "legal_grounds",
        _P,
        "Ek hukuki nedenler (ilgili yönetmelik vb.), her biri ayrı satır",
        "Further legal grounds (the specific regulation…), one per line",
        fillable=True,
    ),
    Field("today", _D, "Dilekçe tarihi (bugün)", "The petition's date (today)"),
    Field(
        "stay_of_execution",
        _B,
        "Yürütmenin durdurulması talep edilsin mi",
        "Whether a stay of execution is requested",
        fillable=True,
    ),
    Field("hearing_requested", _B, "Duruşma istensin mi", "Whether a hearing is requested", fillable=True),
)

FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
FIELD_NAMES: frozenset[str] = frozenset(FIELD_BY_NAME)
FILLABLE_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.fillable)
GROUPS: frozenset[str] = frozenset(f.group for f in FIELDS if "." in f.name)


def is_known_path(path: str) -> bool:
    """True when a template may use ``path``: a field, or a group of fields (``member``)."""
    return path in FIELD_NAMES or path in GROUPS
