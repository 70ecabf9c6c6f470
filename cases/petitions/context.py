"""The context a petition template is filled with, built from a case snapshot and the lawyer's form.

Values are plain: text as ``str`` (blank when unknown), dates as ``TrDate`` (a ``date`` that
prints ``23.11.2026``) or None when unknown, flags as ``bool``, paragraph lists as ``list[str]``.
Templates format dates with the ``tarih`` and ``uzun_tarih`` filters.
"""

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from cases.errors import TemplateError
from cases.i18n import N_
from cases.national_id import mask_national_id
from cases.petitions.fields import FIELD_BY_NAME, FIELDS, FieldKind
from cases.petitions.filters import TrDate
from cases.petitions.snapshot import CaseSnapshot
from cases.vocabulary import CaseKind, Category, RespondentType

# Documents are always Turkish, whatever language the user interface speaks.
KIND_LABELS_TR = {
    CaseKind.LEGAL: "Hukuki destek",
    CaseKind.SOCIAL: "Sosyal yardım",
    CaseKind.MATERIAL: "Maddi yardım",
}
CATEGORY_LABELS_TR = {
    Category.ARBITRARY_TREATMENT: "Keyfî uygulama",
    Category.HARASSMENT: "Psikolojik taciz (mobbing)",
    Category.DISCIPLINARY_PENALTY: "Disiplin cezası",
    Category.RELOCATION: "Görev yeri değişikliği ve atama",
    Category.PROMOTION: "Görevde yükselme ve yönetici ataması",
    Category.PAY_AND_BENEFITS: "Aylık ve özlük hakları",
    Category.DISCRIMINATION: "Ayrımcılık",
    Category.UNION_RIGHTS: "Sendikal hakların ihlali",
    Category.WOMEN_MATERNITY: "Kadın ve annelik hakları",
    Category.RETIREMENT_SUPPORT: "Emeklilik desteği",
    Category.BEREAVEMENT: "Vefat yardımı",
    Category.DISABILITY: "Engellilik yardımı",
    Category.DISASTER: "Afet yardımı",
    Category.OTHER: "Diğer",
}
RESPONDENT_LABELS_TR = {
    RespondentType.ADMINISTRATION: "İdare",
    RespondentType.MANAGER: "Yönetici",
    RespondentType.SUPERVISOR: "Amir",
    RespondentType.COWORKER: "Çalışma arkadaşı",
}
# Accounts often carry the title in the name ("Av. Zeynep Güler"); templates write "Av." themselves.
_LAWYER_TITLE = re.compile(r"^\s*(?:av\.|avukat)\s+", re.IGNORECASE)
_TRUE_WORDS = frozenset({"1", "true", "on", "yes", "y", "evet", "e"})
_FALSE_WORDS = frozenset({"", "0", "false", "off", "no", "n", "hayır", "hayir", "h"})


def build_context(
    snapshot: CaseSnapshot,
    extra: Mapping[str, object] | None = None,
    today: date | None = None,
    required: Iterable[str] = (),
) -> dict[str, object]:
    """The nested dict of every catalogue field for ``snapshot``; ``extra`` (by field name) wins.

    Raises TemplateError when ``extra`` names an unknown or non-fillable field or holds a value
    of the wrong shape, or when a field in ``required`` ends up blank.
    """
    flat = _from_snapshot(snapshot, today or date.today())
    for name, raw in (extra or {}).items():
        value = _coerce_extra(name, raw)
        if _is_blank(value) and FIELD_BY_NAME[name].kind is not FieldKind.BOOL:
            continue  # a blank form field keeps what the case says
        flat[name] = value
    missing = [name for name in required if _required_blank(name, flat)]
    if missing:
        raise TemplateError(N_("Fill in the fields this template needs: %(fields)s."), fields=", ".join(missing))
    return nest(flat)


def nest(flat: Mapping[str, object]) -> dict[str, object]:
    """``{"member.full_name": x}`` → ``{"member": {"full_name": x}}``."""
    context: dict[str, object] = {}
    for name, value in flat.items():
        group, _, leaf = name.partition(".")
        if leaf:
            context.setdefault(group, {})[leaf] = value  # type: ignore[index]
        else:
            context[name] = value
    return context


def paragraphs(text: str | None) -> list[str]:
    """One paragraph per non-blank line, stripped."""
    if not text:
        return []
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def _from_snapshot(s: CaseSnapshot, today: date) -> dict[str, object]:
    m, u, law, inst, resp = s.member, s.union, s.lawyer, s.institution, s.respondent
    flat: dict[str, object] = {
        "member.full_name": _text(m.full_name),
        "member.national_id": _text(m.national_id),
        "member.national_id_masked": mask_national_id(m.national_id),
        "member.title": _text(m.title),
        "member.institution": _text(m.institution or (inst.name if inst else "")),
        "member.address": _text(m.address),
        "member.phone": _text(m.phone),
        "member.email": _text(m.email),
        "member.membership_number": _text(m.membership_number),
        "member.iban": "",
        "union.name": _text(u.name),
        "union.address": _text(u.address),
        "lawyer.full_name": _LAWYER_TITLE.sub("", _text(law.full_name)) if law else "",
        "lawyer.bar": _text(law.bar) if law else "",
        "lawyer.registry_number": _text(law.registry_number) if law else "",
        "lawyer.address": _text(law.address or u.address) if law else "",
        "lawyer.email": _text(law.email) if law else "",
        "respondent.type": RESPONDENT_LABELS_TR.get(resp.type, "") if resp else "",
        "respondent.name": _text(resp.name) if resp else "",
        "respondent.title": _text(resp.title) if resp else "",
        "institution.name": _text(inst.name) if inst else "",
        "institution.address": _text(inst.address) if inst else "",
        "institution.province": _text(inst.province) if inst else "",
        "act.notification_date": _date(s.notification_date),
        "case.reference": _text(s.reference),
        "case.kind": KIND_LABELS_TR.get(s.kind, ""),
        "case.category": CATEGORY_LABELS_TR.get(s.category, ""),
        "case.incident_date": _date(s.incident_date),
        "facts": paragraphs(s.narrative),
        "evidence": [a.label for a in s.attachments if a.label],
        "requests": paragraphs(s.requests),
        "legal_grounds": [],
        "today": _date(today),
        "stay_of_execution": False,
        "hearing_requested": False,
    }
    for f in FIELDS:  # fields only a form can fill start blank
        flat.setdefault(f.name, None if f.kind is FieldKind.DATE else "")
    return flat


def _coerce_extra(name: str, raw: object) -> object:
    field = FIELD_BY_NAME.get(name)
    if field is None:
        raise TemplateError(N_("Unknown petition field: %(name)s."), name=name)
    if not field.fillable:
        raise TemplateError(N_("The field %(name)s comes from the case and cannot be typed in."), name=name)
    if field.kind is FieldKind.BOOL:
        return _bool(name, raw)
    if field.kind is FieldKind.DATE:
        return _parse_date(name, raw)
    if field.kind is FieldKind.PARAGRAPHS:
        if raw is None or isinstance(raw, str):
            return paragraphs(raw)
        if isinstance(raw, list | tuple):
            return [p for item in raw for p in paragraphs(str(item))]
        raise TemplateError(N_("%(name)s must be text, one item per line."), name=name)
    if raw is None:
        return ""
    if not isinstance(raw, str | int | float):
        raise TemplateError(N_("%(name)s must be text."), name=name)
    return _text(str(raw))


def _bool(name: str, raw: object) -> bool:
    if raw is None or isinstance(raw, bool):
        return bool(raw)
    word = str(raw).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise TemplateError(N_("%(name)s must be yes or no."), name=name)


def _parse_date(name: str, raw: object) -> TrDate | None:
    if raw is None or isinstance(raw, date):
        return _date(raw)
    text = str(raw).strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return TrDate.of(datetime.strptime(text, fmt))  # a calendar day
        except ValueError:
            continue
    raise TemplateError(N_("%(name)s is not a date: %(value)s (write it as 23.11.2026)."), name=name, value=text)


def _date(value: date | None) -> TrDate | None:
    return None if value is None else TrDate.of(value)


def _text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _is_blank(value: object) -> bool:
    return value is None or value == "" or value == []


def _required_blank(name: str, flat: Mapping[str, object]) -> bool:
    if name not in FIELD_BY_NAME:
        raise TemplateError(N_("Unknown petition field: %(name)s."), name=name)
    return FIELD_BY_NAME[name].kind is not FieldKind.BOOL and _is_blank(flat.get(name))
