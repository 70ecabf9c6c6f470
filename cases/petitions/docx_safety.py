"""Checks an uploaded .docx template must pass before it is accepted.

The archive is inspected from its central directory before anything is decompressed, so a zip
bomb or a huge file is refused without using memory; then every part docxtpl renders (body,
headers, footers, footnotes, document properties) must parse, follow the sandbox rules and use
only catalogue fields.
"""

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE
from jinja2 import meta, nodes
from jinja2.exceptions import TemplateError as JinjaError
from lxml import etree

from cases.errors import TemplateError
from cases.i18n import N_
from cases.petitions.fields import FIELD_BY_NAME, is_known_path
from cases.petitions.isolation import render_bounded
from cases.petitions.render import ENVIRONMENT, PROPERTIES, PetitionDocx, snippet_of, template_error

MB = 1024 * 1024
MAX_FILE_SIZE = 10 * MB  # the upload itself
MAX_UNPACKED_SIZE = 50 * MB  # the sum of the sizes the archive declares for its members
MAX_MEMBERS = 300
MAX_RATIO = 200  # a member may not unpack to more than this many times its packed size…
RATIO_FLOOR = MB  # …once it is larger than this (tiny parts compress oddly well)
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass(frozen=True)
class TemplateCheck:
    """What an accepted template is: its hash, size and the catalogue fields it uses."""

    sha256: str
    size: int
    fields: tuple[str, ...]  # every field (or group) the template reads, sorted
    fillable_fields: tuple[str, ...]  # of those, the ones the generation form should offer


def check_template(
    data: bytes,
    max_size: int = MAX_FILE_SIZE,
    max_unpacked: int = MAX_UNPACKED_SIZE,
    max_members: int = MAX_MEMBERS,
    sample_context: Mapping[str, object] | None = None,
) -> TemplateCheck:
    """Accept ``data`` as a petition template or raise TemplateError saying why not.

    With ``sample_context`` (e.g. ``build_context(sample_case(), sample_extra())``) the template
    is also rendered once and its output must be well-formed XML.
    """
    inspect_archive(data, max_size, max_unpacked, max_members)
    paths = _used_paths(data)
    unknown = sorted(p for p in paths if not is_known_path(p))
    if unknown:
        raise TemplateError(N_("The template uses unknown fields: %(fields)s."), fields=", ".join(unknown))
    if sample_context is not None:
        assert_well_formed(render_bounded(data, sample_context))
    fields = tuple(sorted(paths))
    return TemplateCheck(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        fields=fields,
        fillable_fields=tuple(p for p in fields if p in FIELD_BY_NAME and FIELD_BY_NAME[p].fillable),
    )


def unknown_fields(template: bytes) -> list[str]:
    """The names and attribute paths the template uses that the field catalogue lacks, sorted.

    Raises TemplateError when the file is not a safe .docx or its Jinja does not parse.
    """
    inspect_archive(template)
    return sorted(p for p in _used_paths(template) if not is_known_path(p))


def inspect_archive(
    data: bytes,
    max_size: int = MAX_FILE_SIZE,
    max_unpacked: int = MAX_UNPACKED_SIZE,
    max_members: int = MAX_MEMBERS,
) -> None:
    """Refuse a file that is not a zip, too big, too many-parted, encrypted or a zip bomb.

    Only the central directory is read. Python's zipfile never inflates a member past the size
    the directory declares (a lie fails its CRC check), so the declared sizes bound the memory.
    """
    if len(data) > max_size:
        raise TemplateError(
            N_("The file is too large (%(size)s MB; at most %(limit)s MB)."),
            size=megabytes(len(data)),
            limit=megabytes(max_size),
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise TemplateError(N_("This file is not a Word document (.docx).")) from exc
    if len(members) > max_members:
        raise TemplateError(
            N_("The document has too many parts (%(count)s; at most %(limit)s)."), count=len(members), limit=max_members
        )
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise TemplateError(N_("This file is not a Word document (.docx)."))
    unpacked = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise TemplateError(N_("The document is encrypted; save it without a password."))
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TemplateError(N_("The document uses an unsupported compression; save it again from Word."))
        unpacked += member.file_size
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise TemplateError(
                N_("The document is compressed suspiciously well (%(name)s); it looks like a zip bomb."),
                name=member.filename,
            )
    if unpacked > max_unpacked:
        raise TemplateError(
            N_("The document would unpack to %(size)s MB (at most %(limit)s MB)."),
            size=megabytes(unpacked),
            limit=megabytes(max_unpacked),
        )


def assert_well_formed(docx: bytes) -> None:
    """Raise TemplateError unless every XML part of a rendered document parses strictly."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(archive.read(name), _STRICT)
                except etree.XMLSyntaxError as exc:
                    raise TemplateError(
                        N_("The template produces a damaged document (%(name)s: %(detail)s)."),
                        name=name,
                        detail=str(exc),
                    ) from exc


def template_sources(data: bytes) -> Iterator[tuple[str, str]]:
    """(part name, Jinja source) of every piece docxtpl renders, exactly as it will compile it."""
    try:
        tpl = PetitionDocx(io.BytesIO(data))
        docx = tpl.get_docx()
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… on odd packages
        raise TemplateError(N_("This file is not a Word document (.docx), or it is damaged.")) from exc
    yield "document", _as_rendered(tpl.patch_xml(tpl.get_xml()))
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            yield str(part.partname), _as_rendered(tpl.patch_xml(tpl.get_part_xml(part)))
    for part in docx.part.package.parts:
        if part.content_type == CONTENT_TYPE.WML_FOOTNOTES:
            yield str(part.partname), _as_rendered(tpl.patch_xml(part.blob.decode("utf-8")))
    for prop in PROPERTIES:
        yield f"properties/{prop}", getattr(docx.core_properties, prop) or ""


def _used_paths(data: bytes) -> set[str]:
    paths: set[str] = set()
    for part, source in template_sources(data):
        try:
            ENVIRONMENT.from_string(source)  # syntax, sandbox rules, compilation; warms the render cache
            ast = ENVIRONMENT.parse(source)
        except JinjaError as exc:
            lines = source.splitlines()
            lineno = getattr(exc, "lineno", None) or 0
            snippet = snippet_of(lines[lineno - 1]) if 0 < lineno <= len(lines) else ""
            raise template_error(exc, f"{part}: {snippet}" if snippet else part) from exc
        paths |= used_paths(ast)
    return paths


def used_paths(ast: nodes.Template) -> set[str]:
    """Dotted paths of the context the template reads: ``member.full_name``, ``facts``, ``member[…]``."""
    free = meta.find_undeclared_variables(ast)
    found: set[str] = set()

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            chain = _chain(node)
            if chain is not None:
                root, parts, dynamic = chain
                if root in free:
                    found.add(".".join([root, *parts]).replace(".[", "["))
                for expr in dynamic:
                    visit(expr)
                return
        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in free:
            found.add(node.name)
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(ast)
    return found


def _chain(node: nodes.Node) -> tuple[str, list[str], list[nodes.Node]] | None:
    parts: list[str] = []
    dynamic: list[nodes.Node] = []
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            parts.append(node.arg.value)
        elif not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int)):
            parts.append("[…]")  # a computed key: never provably a known field
            dynamic.append(node.arg)
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    return node.name, parts[::-1], dynamic


def _as_rendered(patched_xml: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched_xml)  # what docxtpl's render_xml_part compiles


def megabytes(size: int) -> str:
    """``size`` bytes in MB for messages: 10, 10.5."""
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")
