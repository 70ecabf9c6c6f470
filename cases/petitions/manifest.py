"""Template specs: which cases a petition template serves and which form fields it needs.

The default set's specs live in ``app/petition_templates/manifest.json``, written by
``scripts/build_petition_templates.py``; ``parse_manifest`` reads and validates that format::

    {"version": 1, "templates": [{"name": "iptal-davasi", "file": "iptal-davasi.docx",
      "title": {"tr": "…", "en": "…"}, "description": {"tr": "…", "en": "…"},
      "kinds": ["legal"], "categories": ["relocation", …],
      "required_fields": ["court.name", …], "optional_fields": ["stay_of_execution", …]}]}
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import cast

from cases.errors import TemplateError
from cases.i18n import N_
from cases.petitions.fields import FIELD_BY_NAME, Field
from cases.petitions.library import REQUEST_BY_KEY, Addressee
from cases.vocabulary import CaseKind, Category

MANIFEST_VERSION = 1
LAWYER, MEMBER = "lawyer", "member"
SIGNERS = (LAWYER, MEMBER)


class Proceeding(StrEnum):
    """The stage of a case a petition is filed in."""

    ADMINISTRATIVE = "administrative"  # before any court: applications, objections, complaints, the lawsuit petition
    FIRST_INSTANCE = "first_instance"  # a lawsuit is pending at the first-instance court
    APPEAL = "appeal"  # a court decision was given: istinaf, temyiz and the answers to them


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class TemplateSpec:
    name: str  # stable slug, e.g. "iptal-davasi"
    file: str
    title_tr: str
    title_en: str
    description_tr: str
    description_en: str
    kinds: tuple[CaseKind, ...]
    categories: tuple[Category, ...]
    required_fields: tuple[str, ...] = ()  # fillable fields the lawyer must fill before generating
    optional_fields: tuple[str, ...] = ()  # fillable fields the form offers
    signer: str = LAWYER  # who signs: "lawyer" (facts in the third person) or "member" (first person)
    addressee: Addressee = Addressee.COURT  # who decides: fixes the words the requests may use
    proceedings: tuple[Proceeding, ...] = ()  # the stages of the case it serves; empty: any
    version: int = 1  # of a default template: a newer number ships a newer text
    requests: tuple[str, ...] = ()  # library keys of the requests the form starts with
    legal_basis: str = ""  # the provisions the petition itself rests on, for lists and reports
    authority: str = ""  # whom its heading addresses by default: superior, entity, board, institution or blank

    def applies_to(self, kind: CaseKind, category: Category, proceeding: "Proceeding | None" = None) -> bool:
        """True when a case of this kind and category (at this stage, when given) may use the template."""
        return self.refusal(kind, category, proceeding) is None

    def refusal(self, kind: CaseKind, category: Category, proceeding: "Proceeding | None" = None) -> str | None:
        """Why a case may not use the template (an untranslated message), or None when it may."""
        if kind not in self.kinds:
            return N_("This template is not for this kind of case.")
        if category not in self.categories:
            return N_("This template is not for this category of case.")
        if proceeding is not None and self.proceedings and proceeding not in self.proceedings:
            return N_("This template is not for the stage the case is at.")
        return None

    @property
    def lawyer_signed(self) -> bool:
        return self.signer == LAWYER

    def form_fields(self) -> tuple[tuple[Field, bool], ...]:
        """The generation form's fields, each with whether it is required, required ones first."""
        return tuple((FIELD_BY_NAME[n], True) for n in self.required_fields) + tuple(
            (FIELD_BY_NAME[n], False) for n in self.optional_fields
        )

    def to_dict(self) -> dict[str, object]:
        """The manifest entry of this spec (JSON-ready)."""
        return {
            "name": self.name,
            "file": self.file,
            "title": {"tr": self.title_tr, "en": self.title_en},
            "description": {"tr": self.description_tr, "en": self.description_en},
            "kinds": [str(k) for k in self.kinds],
            "categories": [str(c) for c in self.categories],
            "required_fields": list(self.required_fields),
            "optional_fields": list(self.optional_fields),
            "signer": self.signer,
            "addressee": str(self.addressee),
            "proceedings": [str(p) for p in self.proceedings],
            "version": self.version,
            "requests": list(self.requests),
            "legal_basis": self.legal_basis,
            "authority": self.authority,
        }


def manifest_dict(specs: Iterable[TemplateSpec]) -> dict[str, object]:
    """The whole manifest (JSON-ready) for ``specs``."""
    return {"version": MANIFEST_VERSION, "templates": [s.to_dict() for s in specs]}


def parse_manifest(data: Mapping[str, object]) -> tuple[TemplateSpec, ...]:
    """Validated specs from a manifest dict; raises TemplateError naming the first problem."""
    if data.get("version") != MANIFEST_VERSION:
        raise TemplateError(N_("Unsupported template manifest version: %(version)s."), version=data.get("version"))
    entries = cast("Iterable[Mapping[str, object]]", data.get("templates", []))
    specs = tuple(_spec(entry) for entry in entries)
    names = [s.name for s in specs]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise TemplateError(N_("Template names must be unique: %(names)s."), names=", ".join(duplicates))
    return specs


def templates_for(
    specs: Iterable[TemplateSpec], kind: CaseKind, category: Category, proceeding: Proceeding | None = None
) -> list[TemplateSpec]:
    """The specs a case of ``kind`` and ``category`` (at ``proceeding``) may use, in manifest order."""
    return [s for s in specs if s.applies_to(kind, category, proceeding)]


def _spec(entry: Mapping[str, object]) -> TemplateSpec:
    try:
        name = str(entry["name"])
        title, description = entry["title"], entry.get("description", {"tr": "", "en": ""})
        spec = TemplateSpec(
            name=name,
            file=str(entry["file"]),
            title_tr=str(title["tr"]),  # type: ignore[index]
            title_en=str(title["en"]),  # type: ignore[index]
            description_tr=str(description["tr"]),  # type: ignore[index]
            description_en=str(description["en"]),  # type: ignore[index]
            kinds=tuple(CaseKind(k) for k in entry["kinds"]),  # type: ignore[attr-defined]
            categories=tuple(Category(c) for c in entry["categories"]),  # type: ignore[attr-defined]
            required_fields=tuple(entry.get("required_fields", ())),  # type: ignore[arg-type]
            optional_fields=tuple(entry.get("optional_fields", ())),  # type: ignore[arg-type]
            signer=str(entry.get("signer", LAWYER)),
            addressee=Addressee(str(entry.get("addressee", Addressee.COURT))),
            proceedings=tuple(Proceeding(p) for p in entry.get("proceedings", ())),  # type: ignore[attr-defined]
            version=int(entry.get("version", 1)),  # type: ignore[call-overload]
            requests=tuple(entry.get("requests", ())),  # type: ignore[arg-type]
            legal_basis=str(entry.get("legal_basis", "")),
            authority=str(entry.get("authority", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(N_("A template manifest entry is invalid: %(detail)s."), detail=repr(exc)) from exc
    if spec.signer not in SIGNERS:
        raise TemplateError(N_("A template is signed by the lawyer or the member, not %(signer)s."), signer=spec.signer)
    unknown = [key for key in spec.requests if key not in REQUEST_BY_KEY]
    if unknown:
        raise TemplateError(N_("Unknown request items: %(keys)s."), keys=", ".join(unknown))
    if not _SLUG.match(spec.name):
        raise TemplateError(N_("A template name must be a lower-case slug like iptal-davasi: %(name)s."), name=name)
    for field_name in spec.required_fields + spec.optional_fields:
        field = FIELD_BY_NAME.get(field_name)
        if field is None or not field.fillable:
            raise TemplateError(
                N_("Template %(name)s lists %(field)s, which is not a fillable field."), name=name, field=field_name
            )
    return spec
