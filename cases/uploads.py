"""Checks on evidence files: type decided from the content, size and count limits, safe names.

``inspect_upload`` reads the file once, in chunks, computing its size and SHA-256; it decides
the type from the first bytes (and, for a ZIP, from its central directory, never extracting),
and refuses anything else with a message fit for the member. The stored file gets a random
name (``new_storage_name``); the name the member gave is kept only for display.
"""

import hashlib
import io
import os
import re
import secrets
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO, cast

from defusedxml import ElementTree as DefusedElementTree
from defusedxml.common import DefusedXmlException

from cases.errors import InvalidUpload
from cases.i18n import N_

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MB
DEFAULT_MAX_FILES = 20
CHUNK_SIZE = 64 * 1024
DISPLAY_NAME_LENGTH = 120
# Real DOCX/ODT files have tens of members and a few MB uncompressed; far beyond that is a
# zip bomb or not an office document at all.
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_UNCOMPRESSED = 200 * MB
MAX_SMALL_MEMBER = 1 * MB

WRONG_TYPE = N_("This file is not a PDF, JPEG, PNG, Word or OpenDocument file, so it cannot be accepted.")
DAMAGED = N_("This file seems to be damaged and cannot be opened. Please save it again and retry.")
NAMED_LIKE = N_(
    "This file is named like a %(type)s file, but its content is not one: it may be a program or another "
    "kind of file, so it cannot be accepted. Only PDF, JPEG, PNG, Word (.docx) and OpenDocument (.odt) "
    "files are accepted."
)
MACROS = N_(
    "This document contains macros, which can be harmful, so it cannot be accepted. "
    "Please save it without macros or as a PDF."
)
XML_DECLARATIONS = N_(
    "This document contains XML declarations (a DTD or entities) that word processors never write and that can "
    "be used to attack the server, so it cannot be accepted. Please save it again from your word processor or as "
    "a PDF."
)
UNSAFE_PART_NAMES = N_(
    "This document contains parts whose names lead outside the document, which can be used to attack the "
    "server, so it cannot be accepted. Please save it again from your word processor or as a PDF."
)


class FileKind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    DOCX = "docx"
    ODT = "odt"


@dataclass(frozen=True)
class FileType:
    kind: FileKind
    mime: str
    extensions: tuple[str, ...]  # the first is the one given to display names

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def label(self) -> str:
        """The name people know the type by (not translated: these are product names)."""
        return _LABELS[self.kind]


_LABELS = {
    FileKind.PDF: "PDF",
    FileKind.JPEG: "JPEG",
    FileKind.PNG: "PNG",
    FileKind.DOCX: "Word (.docx)",
    FileKind.ODT: "OpenDocument (.odt)",
}


FILE_TYPES: dict[FileKind, FileType] = {
    FileKind.PDF: FileType(FileKind.PDF, "application/pdf", ("pdf",)),
    FileKind.JPEG: FileType(FileKind.JPEG, "image/jpeg", ("jpg", "jpeg", "jpe")),
    FileKind.PNG: FileType(FileKind.PNG, "image/png", ("png",)),
    FileKind.DOCX: FileType(
        FileKind.DOCX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
    ),
    FileKind.ODT: FileType(FileKind.ODT, "application/vnd.oasis.opendocument.text", ("odt",)),
}
# For <input type=file accept="…">: a hint to the browser only, the server decides.
ACCEPT_ATTRIBUTE = ",".join(
    [f".{ext}" for t in FILE_TYPES.values() for ext in t.extensions] + [t.mime for t in FILE_TYPES.values()]
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class UploadInfo:
    kind: FileKind
    mime: str
    extension: str
    safe_display_name: str
    size: int
    sha256: str
    storage_name: str


def new_storage_name() -> str:
    """A random, unguessable file name for storage (hex only: safe on every file system)."""
    return secrets.token_hex(16)


def format_megabytes(size: int) -> str:
    """``10`` for 10 MB, ``2.5`` for 2.5 MB: the limit as people say it."""
    value = size / MB
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def inspect_upload(
    source: bytes | BinaryIO,
    filename: str | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    existing_count: int = 0,
    max_files: int = DEFAULT_MAX_FILES,
    copy_to: BinaryIO | None = None,
) -> UploadInfo:
    """Check one uploaded file and describe it; raise InvalidUpload with a member-facing message.

    ``source`` is bytes or a binary stream (a Werkzeug ``FileStorage.stream``); a seekable
    stream is left at the position it started from, so the caller can save it. With
    ``copy_to`` the bytes are also written there while they are read (e.g. to a temporary
    file beside the final one), which saves a second pass; discard it if this raises.
    """
    if existing_count >= max_files:
        raise InvalidUpload(N_("A case can have at most %(limit)s files."), limit=max_files)
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source
    spool: BinaryIO | None = None
    if not _seekable(stream):
        spool = cast(BinaryIO, tempfile.SpooledTemporaryFile(max_size=MB))  # noqa: SIM115 - closed below
    try:
        start = stream.tell() if spool is None else 0
        digest, size = hashlib.sha256(), 0
        for chunk in _chunks(stream, max_bytes + 1):
            size += len(chunk)
            if size > max_bytes:
                raise InvalidUpload(
                    N_("This file is too large: the limit is %(limit)s MB a file."), limit=format_megabytes(max_bytes)
                )
            digest.update(chunk)
            if spool is not None:
                spool.write(chunk)
            if copy_to is not None:
                copy_to.write(chunk)
        if size == 0:
            raise InvalidUpload(N_("This file is empty. Please choose the file again."))
        content = spool if spool is not None else stream
        content.seek(start if spool is None else 0)
        try:
            file_type = sniff(content)
        except InvalidUpload as error:
            claimed = _type_named_by(filename)
            if error.message == WRONG_TYPE and claimed is not None:
                raise InvalidUpload(NAMED_LIKE, type=claimed.label) from None
            raise
        finally:
            if spool is None:
                stream.seek(start)
    finally:
        if spool is not None:
            spool.close()
    return UploadInfo(
        kind=file_type.kind,
        mime=file_type.mime,
        extension=file_type.extension,
        safe_display_name=safe_display_name(filename, file_type),
        size=size,
        sha256=digest.hexdigest(),
        storage_name=new_storage_name(),
    )


def _type_named_by(filename: str | None) -> "FileType | None":
    """The allowed type whose extension ``filename`` ends with, if any."""
    extension = (filename or "").rpartition(".")[2].lower()
    return next((t for t in FILE_TYPES.values() if extension in t.extensions), None)


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _chunks(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """Chunks of ``stream`` until its end or until ``limit`` bytes were read."""
    read = 0
    while read < limit:
        chunk = stream.read(min(CHUNK_SIZE, limit - read))
        if not chunk:
            return
        read += len(chunk)
        yield chunk


def sniff(stream: BinaryIO) -> FileType:
    """The type of the file from its content; raises InvalidUpload for anything not allowed.

    Reads from the current position; the caller restores it.
    """
    head = stream.read(16)
    if head.startswith(PDF_SIGNATURE):
        return FILE_TYPES[FileKind.PDF]
    if head.startswith(PNG_SIGNATURE):
        return FILE_TYPES[FileKind.PNG]
    if head.startswith(JPEG_SIGNATURE):
        return FILE_TYPES[FileKind.JPEG]
    if head.startswith(ZIP_SIGNATURE):
        stream.seek(-len(head), os.SEEK_CUR)
        return _sniff_zip(stream)
    # Everything else (executables "MZ", "\x7fELF", scripts "#!", archives, HTML…) is refused.
    raise InvalidUpload(WRONG_TYPE)


# What a corrupt or exotic archive can raise while its directory or a member is read.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    NotImplementedError,  # unsupported compression method
    RuntimeError,  # encrypted member
    ValueError,
    OSError,
    EOFError,
)


def _sniff_zip(stream: BinaryIO) -> FileType:
    """DOCX or ODT, judged from the central directory; nothing is extracted but tiny manifests.

    The ZIP must start at the stream's current position (it does for an upload).
    """
    start = stream.tell()
    first_header = stream.read(38)
    stream.seek(start)
    try:
        archive = zipfile.ZipFile(stream)
    except _ZIP_ERRORS:
        raise InvalidUpload(DAMAGED) from None
    with archive:
        members = archive.infolist()
        if not members or len(members) > MAX_ZIP_MEMBERS:
            raise InvalidUpload(WRONG_TYPE)
        if sum(m.file_size for m in members) > MAX_ZIP_UNCOMPRESSED:
            raise InvalidUpload(WRONG_TYPE)
        names = {m.filename for m in members}
        if any(_unsafe_part_name(name) for name in names):
            raise InvalidUpload(UNSAFE_PART_NAMES)
        if any(_is_macro(name) for name in names):
            raise InvalidUpload(MACROS)
        _refuse_xml_declarations(archive, members)
        # ODF: the first local header (30 fixed bytes, then the name) must be "mimetype".
        if members[0].filename == "mimetype" and first_header[30:38] == b"mimetype":
            if _read_small(archive, members[0]).strip() == ODT_MIMETYPE:
                return FILE_TYPES[FileKind.ODT]
            raise InvalidUpload(WRONG_TYPE)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            content_types = _read_small(archive, archive.getinfo("[Content_Types].xml"))
            if DOCX_MAIN in content_types:
                return FILE_TYPES[FileKind.DOCX]
    raise InvalidUpload(WRONG_TYPE)


def _unsafe_part_name(name: str) -> bool:
    """A member name that would land outside a folder it was unpacked into (``../x``, ``/etc/x``, ``C:x``)."""
    parts = re.split(r"[/\\]", name)
    return (
        name.startswith(("/", "\\"))
        or bool(re.match(r"[A-Za-z]:", name))
        or ".." in parts
        or any(ord(ch) < 32 for ch in name)
    )


def _refuse_xml_declarations(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse any XML part that declares a DTD or entities (XXE, "billion laughs").

    Office files never carry one. Each part is read only up to its root element (a DTD must come
    before it), by defusedxml's parser, which refuses the declaration before expanding anything.
    """
    for member in members:
        if not member.filename.lower().endswith((".xml", ".rels")) or member.is_dir():
            continue
        if member.flag_bits & 0x1:  # encrypted: it cannot be read, so it cannot be trusted
            raise InvalidUpload(WRONG_TYPE)
        try:
            with archive.open(member) as part:
                for _event in DefusedElementTree.iterparse(part, events=("start",), forbid_dtd=True):
                    break  # the root element: no declaration can follow it
        except DefusedXmlException:
            raise InvalidUpload(XML_DECLARATIONS) from None
        except DefusedElementTree.ParseError:
            # Not well-formed (evidence is stored, never parsed by us): refuse it only when a
            # declaration is what broke the parse, so a mangled DTD cannot slip past.
            if _mentions_declaration(archive, member):
                raise InvalidUpload(XML_DECLARATIONS) from None
        except _ZIP_ERRORS:
            raise InvalidUpload(DAMAGED) from None


def _mentions_declaration(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(member) as part:
            head = part.read(MAX_SMALL_MEMBER).upper()
    except _ZIP_ERRORS:
        return True
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def _is_macro(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith("vbaproject.bin") or lowered.startswith(("basic/", "scripts/"))


def _read_small(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    if member.file_size > MAX_SMALL_MEMBER or member.flag_bits & 0x1:  # too big, or encrypted
        raise InvalidUpload(WRONG_TYPE)
    try:
        with archive.open(member) as fh:
            data = fh.read(MAX_SMALL_MEMBER + 1)
    except _ZIP_ERRORS:
        raise InvalidUpload(DAMAGED) from None
    if len(data) > MAX_SMALL_MEMBER:
        raise InvalidUpload(WRONG_TYPE)
    return data


_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]')


def safe_display_name(filename: str | None, file_type: FileType) -> str:
    """The member's file name, fit to show and to offer as a download name.

    Keeps letters of any alphabet (Turkish ç ğ ı İ ö ş ü), drops folders, control and
    direction-override characters, limits the length, and makes the extension match the
    detected type ("scan.pdf" that is really a PNG becomes "scan.png").
    """
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = " ".join(_UNSAFE_NAME_CHARS.sub(" ", name).split()).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if dot and ext.lower() in file_type.extensions:
        stem, ext = stem.strip(" ."), ext.lower()
    else:
        if dot and re.fullmatch(r"(?=.*[A-Za-z])[A-Za-z0-9]{1,5}", ext):  # a wrong extension: replace it
            name = stem.strip(" .")
        stem, ext = name, file_type.extension
    stem = stem[: DISPLAY_NAME_LENGTH - len(ext) - 1].rstrip(" .") or "document"
    return f"{stem}.{ext}"
