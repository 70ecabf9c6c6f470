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
from typing import cast

from cases.errors import TemplateError
from cases.i18n import N_
from cases.petitions.fields import FIELD_BY_NAME, Field
from cases.vocabulary import CaseKind, Category

MANIFEST_VERSION = 1
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

    def applies_to(self, kind: CaseKind, category: Category) -> bool:
        """True when a case of this kind and category may use the template."""
        return kind in self.kinds and category in self.categories

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


def templates_for(specs: Iterable[TemplateSpec], kind: CaseKind, category: Category) -> list[TemplateSpec]:
    """The specs a case of ``kind`` and ``category`` may use, in manifest order."""
    return [s for s in specs if s.applies_to(kind, category)]


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
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(N_("A template manifest entry is invalid: %(detail)s."), detail=repr(exc)) from exc
    if not _SLUG.match(spec.name):
        raise TemplateError(N_("A template name must be a lower-case slug like iptal-davasi: %(name)s."), name=name)
    for field_name in spec.required_fields + spec.optional_fields:
        field = FIELD_BY_NAME.get(field_name)
        if field is None or not field.fillable:
            raise TemplateError(
                N_("Template %(name)s lists %(field)s, which is not a fillable field."), name=name, field=field_name
            )
    return spec
