"""Filling a .docx template with a context: docxtpl in the petition sandbox, errors as TemplateError."""

import functools
import html
import io
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaError
from lxml import etree

from cases.errors import TemplateError
from cases.i18n import N_
from cases.petitions.context import build_context
from cases.petitions.limits import document_budget
from cases.petitions.sandbox import PetitionEnvironment, PolicyViolation
from cases.petitions.snapshot import CaseSnapshot

if TYPE_CHECKING:
    from cases.petitions.manifest import TemplateSpec

ENVIRONMENT = PetitionEnvironment()
_TAGS = re.compile(r"<[^>]+>")
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # what docxtpl renders
_PROPERTY_LIMIT = 255  # python-docx refuses a longer core property


class PetitionDocx(DocxTemplate):
    """docxtpl's template, remembering its cleaned-up XML: the same template renders many times."""

    @staticmethod
    @functools.lru_cache(maxsize=128)
    def _patched(src_xml: str) -> str:
        return DocxTemplate.patch_xml(None, src_xml)  # patch_xml ignores self

    def patch_xml(self, src_xml: str) -> str:
        return self._patched(src_xml)

    def fix_tables(self, xml: str) -> Any:
        # docxtpl parses the rendered body with recover=True, which silently drops what a badly
        # placed tag broke (say an {% if %} opened in a paragraph and closed in a table cell).
        try:
            etree.fromstring(xml, _STRICT)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(
                N_(
                    "The template produces a damaged document: a tag probably opens and closes in "
                    "different paragraphs or cells (%(detail)s)."
                ),
                detail=str(exc),
            ) from exc
        return super().fix_tables(xml)

    def render_properties(self, context: Mapping[str, Any], jinja_env: Any = None) -> None:
        # Properties are plain text that python-docx escapes itself: print member text unescaped.
        properties = self.docx.core_properties
        for prop in PROPERTIES:
            rendered = (jinja_env or ENVIRONMENT).from_string(getattr(properties, prop) or "").render(context)
            setattr(properties, prop, html.unescape(rendered)[:_PROPERTY_LIMIT])


def render_docx(template: bytes, context: Mapping[str, object]) -> bytes:
    """The .docx ``template`` filled with ``context`` (see ``build_context``), as bytes.

    Raises TemplateError when the template breaks a sandbox rule, uses a name the context lacks,
    has a syntax error, or cannot be opened as a Word document.
    """
    doc = PetitionDocx(io.BytesIO(template))
    try:
        with document_budget():  # one budget of time and memory for every part of the document
            doc.render(context, jinja_env=ENVIRONMENT)
    except JinjaError as exc:
        raise template_error(exc, _docxtpl_snippet(exc)) from exc
    except (TemplateError, MemoryError):  # the worker reports a memory overrun as such
        raise
    except Exception as exc:  # python-docx/lxml/zipfile on a damaged file, a filter on odd data…
        raise TemplateError(N_("The template could not be filled in: %(detail)s"), detail=_short(exc)) from exc
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_petition(
    template: bytes,
    snapshot: CaseSnapshot,
    extra: Mapping[str, object] | None = None,
    today: date | None = None,
    required: Iterable[str] = (),
    spec: "TemplateSpec | None" = None,
    lenient: bool = False,
) -> bytes:
    """``build_context`` then a bounded ``render_docx`` (see ``isolation``): the petition, as .docx bytes."""
    from cases.petitions.isolation import render_bounded

    return render_bounded(template, build_context(snapshot, extra, today, required, spec=spec, lenient=lenient))


def template_error(exc: JinjaError, snippet: str = "") -> TemplateError:
    """The TemplateError a user sees for a Jinja error; ``line`` and ``snippet`` say where it is."""
    where = {"line": getattr(exc, "lineno", None) or "?", "snippet": snippet}
    if isinstance(exc, PolicyViolation):
        return TemplateError(exc.template_message, detail=exc.detail, **where)
    if isinstance(exc, TemplateSyntaxError):
        return TemplateError(
            N_("The template has a syntax error on line %(line)s, near “%(snippet)s”: %(detail)s"),
            detail=_short(exc),
            **where,
        )
    if isinstance(exc, SecurityError):
        message = N_("The template tried something that is not allowed: %(detail)s")
    elif isinstance(exc, UndefinedError):
        message = N_("The template uses a field that does not exist: %(detail)s")
    else:
        message = N_("The template could not be filled in: %(detail)s")
    return TemplateError(message, detail=_short(exc), **where)


def snippet_of(line: str, limit: int = 120) -> str:
    """The visible text of one line of template XML, shortened."""
    text = " ".join(_TAGS.sub("", line).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _docxtpl_snippet(exc: JinjaError) -> str:
    # docxtpl attaches up to 7 lines around the error line, which is the 4th (or earlier near the top).
    lines = list(getattr(exc, "docx_context", None) or ())
    lineno = getattr(exc, "lineno", None)
    if not lines or not lineno:
        return ""
    return snippet_of(lines[min(3, lineno - 1, len(lines) - 1)])


def _short(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"
