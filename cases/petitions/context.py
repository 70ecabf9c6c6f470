"""The context a petition template is filled with, built from a case snapshot and the lawyer's form.

Values are plain: text as ``str`` (blank when unknown), dates as ``TrDate`` (a ``date`` that
prints ``23.11.2026``) or None when unknown, flags as ``bool``, paragraph lists as ``list[str]``.
Templates format dates with the ``tarih`` and ``uzun_tarih`` filters.
"""

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from cases.errors import TemplateError
from cases.grievance.answers import AnswerError, parse_amount
from cases.i18n import N_
from cases.national_id import mask_national_id
from cases.petitions.facts import draft_facts
from cases.petitions.fields import FIELD_BY_NAME, FIELDS, FieldKind
from cases.petitions.filters import TrDate, yonelme
from cases.petitions.library import (
    REQUEST_BY_KEY,
    Addressee,
    default_grounds,
    default_request_keys,
    references_of,
    request_items,
    request_texts,
)
from cases.petitions.snapshot import CaseSnapshot, InstitutionInfo
from cases.vocabulary import CaseKind, Category, RespondentType

if TYPE_CHECKING:
    from cases.petitions.manifest import TemplateSpec

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
# What a blank field a petition cannot do without prints, so nothing disappears silently.
PLACEHOLDER = "……………"
ESSENTIAL_FIELDS = ("member.full_name", "member.national_id", "member.address")
STAY_WORDS = "yürütmesinin durdurulmasına"
AMOUNT_FIELDS = frozenset({"claim.amount"})
# Accounts often carry the title in the name ("Av. Zeynep Güler"); templates write "Av." themselves.
_LAWYER_TITLE = re.compile(r"^\s*(?:av\.|avukat)\s+", re.IGNORECASE)
_TRUE_WORDS = frozenset({"1", "true", "on", "yes", "y", "evet", "e"})
_FALSE_WORDS = frozenset({"", "0", "false", "off", "no", "n", "hayır", "hayir", "h"})


def build_context(
    snapshot: CaseSnapshot,
    extra: Mapping[str, object] | None = None,
    today: date | None = None,
    required: Iterable[str] = (),
    spec: "TemplateSpec | None" = None,
    lenient: bool = False,
) -> dict[str, object]:
    """The nested dict of every catalogue field for ``snapshot``; ``extra`` (by field name) wins.

    With ``spec`` the defaults follow the petition: one the lawyer signs starts from third-person
    facts, the library's requests and the category's grounds (never the member's own words), its
    requests read as one SONUÇ VE İSTEM sentence, and fields it cannot do without print
    ``PLACEHOLDER`` when blank. Raises TemplateError when ``extra`` names an unknown or
    non-fillable field or holds a value of the wrong shape, or when a field in ``required`` ends
    up blank (unless ``lenient``: then it prints ``PLACEHOLDER`` too, for a draft).
    """
    flat = _from_snapshot(snapshot, today or date.today())
    if spec is not None:
        flat.update(petition_defaults(snapshot, spec))
    for name, raw in (extra or {}).items():
        value = _coerce_extra(name, raw)
        if _is_blank(value) and FIELD_BY_NAME[name].kind is not FieldKind.BOOL:
            continue  # a blank form field keeps what the case says
        flat[name] = value
    required = tuple(required) or (spec.required_fields if spec is not None else ())
    missing = [name for name in required if _required_blank(name, flat)]
    if missing and not lenient:
        raise TemplateError(N_("Fill in the fields this template needs: %(fields)s."), fields=", ".join(missing))
    if spec is not None:
        _finish(flat, spec, snapshot)
        for name in (*missing, *ESSENTIAL_FIELDS):
            if _required_blank(name, flat) and FIELD_BY_NAME[name].kind is not FieldKind.PARAGRAPHS:
                flat[name] = PLACEHOLDER
    return nest(flat)


def petition_defaults(snapshot: CaseSnapshot, spec: "TemplateSpec") -> dict[str, object]:
    """What a petition of ``spec`` starts with for ``snapshot``, by field name (the form shows these)."""
    values: dict[str, object] = {}
    if spec.lawyer_signed:
        values["facts"] = draft_facts(snapshot, for_court=spec.addressee is Addressee.COURT)
        keys = default_request_keys(spec.requests, snapshot.category)
        values["requests"] = request_texts(keys, with_lawyer=snapshot.lawyer is not None)
        values["grounds"] = default_grounds(snapshot.category, dict(snapshot.details), snapshot.incident_date)
    inst = snapshot.institution
    if inst is not None:
        values["defendant.name"] = inst.legal_entity or inst.name
        values["defendant.address"] = inst.legal_entity_address or inst.address
        if authority := authority_default(spec.authority, inst):
            values["authority"] = authority
    return values


def authority_default(rule: str, inst: InstitutionInfo) -> str:
    """The heading of a petition to an authority, in the dative, by the template's rule.

    ``superior``: an İYUK 11 application goes to the superior authority (the legal entity when
    none is recorded); ``entity``: the legal person answerable for the act; ``board``: its
    disciplinary board; ``institution``: the member's own office.
    """
    entity = inst.legal_entity or inst.name
    names = {
        "superior": inst.superior_authority or entity,
        "entity": entity,
        "board": f"{entity} Disiplin Kurulu Başkanlığı" if entity else "",
        "institution": inst.name,
    }
    return yonelme(names.get(rule, ""))


def missing_fields(spec: "TemplateSpec", values: Mapping[str, object]) -> list[str]:
    """The required and essential fields of ``spec`` still blank in ``values`` (by field name), in order."""
    names = [*spec.required_fields, *(n for n in ESSENTIAL_FIELDS if n not in spec.required_fields)]
    return [n for n in names if _is_blank(values.get(n))]


def _finish(flat: dict[str, object], spec: "TemplateSpec", snapshot: CaseSnapshot) -> None:
    """Derived values: the request sentence, the stay flag and the provisions the grounds cite."""
    if not spec.lawyer_signed:
        return
    lines = list(flat.get("requests") or [])  # type: ignore[call-overload]
    has_stay = any(STAY_WORDS in line for line in lines)
    if flat.get("stay_of_execution") and not has_stay and spec.addressee is Addressee.COURT:
        key = "stay_after_defence" if snapshot.category is Category.RELOCATION else "stay"
        lines.insert(0, REQUEST_BY_KEY[key].text)
    flat["stay_of_execution"] = bool(flat.get("stay_of_execution")) or (has_stay and spec.addressee is Addressee.COURT)
    flat["requests"] = request_items(lines)
    cited = references_of(flat.get("grounds") or [])  # type: ignore[arg-type]
    own = [g for g in flat.get("legal_grounds") or [] if g not in cited]  # type: ignore[attr-defined]
    flat["legal_grounds"] = cited + own


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
        "defendant.name": _text(inst.legal_entity or inst.name) if inst else "",
        "defendant.address": _text(inst.legal_entity_address or inst.address) if inst else "",
        "act.notification_date": _date(s.notification_date),
        "case.reference": _text(s.reference),
        "case.kind": KIND_LABELS_TR.get(s.kind, ""),
        "case.category": CATEGORY_LABELS_TR.get(s.category, ""),
        "case.incident_date": _date(s.incident_date),
        "facts": paragraphs(s.narrative),
        "evidence": [a.label for a in s.attachments if a.label],
        "requests": paragraphs(s.requests),
        "legal_grounds": [],
        "grounds": [],
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
    if name in AMOUNT_FIELDS:
        return turkish_amount(_text(str(raw)))
    return _text(str(raw))


def turkish_amount(text: str) -> str:
    """An amount as Turkish courts write it, ``50.000,00 TL``; text that is no plain amount stays as typed."""
    try:
        amount = parse_amount(text)
    except AnswerError:
        return text
    whole, _, cents = f"{amount:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{cents} TL"


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
