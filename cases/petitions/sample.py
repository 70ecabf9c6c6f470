"""A realistic sample case for previews of a template, the tests and the benchmark."""

from datetime import date

from cases.petitions.snapshot import (
    AttachmentInfo,
    CaseSnapshot,
    InstitutionInfo,
    LawyerInfo,
    MemberInfo,
    RespondentInfo,
    UnionInfo,
)
from cases.vocabulary import CaseKind, Category, RespondentType

SAMPLE_TODAY = date(2026, 11, 23)


def sample_case(kind: CaseKind = CaseKind.LEGAL, category: Category = Category.RELOCATION) -> CaseSnapshot:
    """A relocation dispute of a teacher (synthetic T.C. Kimlik No), ready for any default template."""
    return CaseSnapshot(
        reference="EBS-2026-000123",
        kind=kind,
        category=category,
        member=MemberInfo(
            full_name="Ayşe Işık Çağlar",
            national_id="10000000146",
            title="Öğretmen",
            institution="Çankaya Şehit Öğretmen İlkokulu",
            address="Kızılay Mah. Atatürk Bulvarı No: 12/4, Çankaya / Ankara",
            phone="0 (532) 000 00 00",
            email="ayse.caglar@example.org",
            membership_number="EBS-0421337",
        ),
        union=UnionInfo(
            name="Eğitim-Bir-Sen", address="Zübeyde Hanım Mah. Kazım Karabekir Cad. No: 7, Altındağ / Ankara"
        ),
        institution=InstitutionInfo(
            name="Ankara Valiliği (İl Millî Eğitim Müdürlüğü)",
            address="Emniyet Mah. Milas Sok. No: 8, Yenimahalle / Ankara",
            province="Ankara",
            legal_entity="Ankara Valiliği",
            legal_entity_address="Ankara Valiliği, Kızılay Mah. Atatürk Bulvarı No: 1, Çankaya / Ankara",
            superior_authority="Millî Eğitim Bakanlığı",
        ),
        respondent=RespondentInfo(type=RespondentType.MANAGER, name="Mehmet Öztürk", title="Okul Müdürü"),
        lawyer=LawyerInfo(full_name="Zeynep Güler", bar="Ankara Barosu", registry_number="41234"),
        incident_date=date(2026, 9, 15),
        notification_date=date(2026, 10, 6),
        narrative=(
            "Müvekkil 2011 yılından bu yana Çankaya ilçesinde sınıf öğretmeni olarak görev yapmaktadır.\n"
            "Davalı idarenin 01.10.2026 tarihli işlemi ile müvekkil, hizmet ihtiyacı gerekçe gösterilerek "
            "Kırşehir İl Millî Eğitim Müdürlüğü emrine atanmıştır.\n"
            "Müvekkilin eşi Ankara'da kamu görevlisidir ve çocuklarından biri düzenli tedavi görmektedir; "
            "atama işleminde aile bütünlüğü ve sağlık durumu hiç değerlendirilmemiştir."
        ),
        requests="Müvekkilin eski görev yeri olan Çankaya Şehit Öğretmen İlkokuluna iadesine,",
        attachments=(
            AttachmentInfo("atama-yazisi.pdf", "01.10.2026 tarihli atama yazısı"),
            AttachmentInfo("teblig.pdf", "Tebliğ tutanağı"),
            AttachmentInfo("es-durumu.pdf", "Eşin görev yeri belgesi"),
            AttachmentInfo("saglik-raporu.pdf", "Çocuğa ait sağlık kurulu raporu"),
        ),
        details={
            "old_post": "Çankaya Şehit Öğretmen İlkokulu",
            "new_post": "Kırşehir İl Millî Eğitim Müdürlüğü",
            "family_unity": "yes",
            "health_reason": "yes",
            "is_union_representative": "no",
        },
    )


def sample_extra() -> dict[str, object]:
    """What a lawyer would type in the generation form for ``sample_case``."""
    return {
        "court.name": "Ankara Nöbetçi İdare Mahkemesi",
        "authority": "Ankara Valiliği İl Millî Eğitim Müdürlüğüne",
        "act.description": "müvekkilin Kırşehir İl Millî Eğitim Müdürlüğü emrine atanmasına ilişkin",
        "act.date": date(2026, 10, 1),
        "act.number": "E-12345678-903.02-98765",
        "stay_of_execution": True,
        "hearing_requested": False,
        "legal_grounds": "Millî Eğitim Bakanlığı Öğretmen Atama ve Yer Değiştirme Yönetmeliği",
        "court.file_number": "2026/1184 E.",
        "decision.court": "Ankara 3. İdare Mahkemesi",
        "decision.date": date(2026, 11, 2),
        "decision.number": "E. 2026/1184, K. 2026/2210",
        "decision.notification_date": date(2026, 11, 9),
        "served.date": date(2026, 11, 12),
    }
