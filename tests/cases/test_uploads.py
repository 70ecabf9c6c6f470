"""Evidence file checks: type from content, limits with clear messages, hash and safe names."""

import hashlib
import io
import struct
import zipfile
import zlib

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import uploads
from cases.errors import InvalidUpload
from cases.uploads import (
    DAMAGED,
    MACROS,
    MB,
    NAMED_LIKE,
    WRONG_TYPE,
    FileKind,
    inspect_upload,
    new_storage_name,
)


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def docx_bytes(**extra_members: bytes) -> bytes:
    document = docx.Document()
    document.add_paragraph("Dilekçe: İşlemin iptali talebidir.")
    buffer = io.BytesIO()
    document.save(buffer)
    if not extra_members:
        return buffer.getvalue()
    with zipfile.ZipFile(buffer, "a") as archive:
        for name, data in extra_members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def odt_bytes(mimetype: bytes = b"application/vnd.oasis.opendocument.text", *, mimetype_first: bool = True) -> bytes:
    buffer = io.BytesIO()
    content = b'<?xml version="1.0"?><office:document-content/>'
    manifest = b'<?xml version="1.0"?><manifest:manifest/>'
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype_first:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        if not mimetype_first:
            archive.writestr("mimetype", mimetype)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


NAMED_DOCX = NAMED_LIKE % {"type": "Word (.docx)"}
NAMED_ODT = NAMED_LIKE % {"type": "OpenDocument (.odt)"}


def refusal(data: bytes, filename: str = "file.pdf", **limits) -> str:
    with pytest.raises(InvalidUpload) as caught:
        inspect_upload(data, filename, **limits)
    return caught.value.render()


# --- Allowed types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "kind", "mime", "extension"),
    [
        (lambda: PDF, FileKind.PDF, "application/pdf", "pdf"),
        (png_bytes, FileKind.PNG, "image/png", "png"),
        (lambda: JPEG, FileKind.JPEG, "image/jpeg", "jpg"),
        (
            docx_bytes,
            FileKind.DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (odt_bytes, FileKind.ODT, "application/vnd.oasis.opendocument.text", "odt"),
    ],
)
def test_allowed_types_are_recognised_by_content(make, kind, mime, extension):
    data = make()
    info = inspect_upload(data, "kanıt", max_bytes=10 * MB, existing_count=0, max_files=20)
    assert (info.kind, info.mime, info.extension) == (kind, mime, extension)
    assert info.size == len(data)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.safe_display_name == f"kanıt.{extension}"


def test_type_comes_from_content_not_from_the_name():
    info = inspect_upload(png_bytes(), "tutanak.pdf")
    assert info.kind == FileKind.PNG
    assert info.safe_display_name == "tutanak.png"


# --- Refused types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ELF,
        MZ,
        b"#!/bin/sh\nrm -rf /\n",
        b"<html><script>alert(1)</script></html>",
        b"GIF89a\x01\x00",
        b"\xca\xfe\xba\xbe",
    ],
    ids=["elf", "exe", "script", "html", "gif", "macho"],
)
def test_executables_and_other_types_renamed_pdf_are_refused(data):
    assert refusal(data, "dilekce.pdf") == (
        "This file is named like a PDF file, but its content is not one: it may be a program or another kind of "
        "file, so it cannot be accepted. Only PDF, JPEG, PNG, Word (.docx) and OpenDocument (.odt) files are accepted."
    )
    # Under its own name it is simply not an accepted type.
    assert refusal(data, "dilekce.exe") == WRONG_TYPE
    assert refusal(data, "dilekce") == WRONG_TYPE


def test_zip_that_is_not_a_document_is_refused():
    assert refusal(zip_bytes({"readme.txt": b"hello", "run.exe": MZ}), "belge.docx") == NAMED_DOCX
    # Word's parts but not a Word document (e.g. a spreadsheet's content type)
    fake = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert refusal(fake, "belge.docx") == NAMED_DOCX


def test_odt_rules_mimetype_first_and_text_only():
    assert refusal(odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"), "tablo.odt") == NAMED_ODT
    assert refusal(odt_bytes(mimetype_first=False), "belge.odt") == NAMED_ODT


def test_documents_with_macros_are_refused():
    assert refusal(docx_bytes(**{"word/vbaProject.bin": b"\x00" * 32}), "belge.docx") == MACROS


def test_damaged_zip_is_refused():
    assert refusal(b"PK\x03\x04" + b"\x00" * 100, "belge.docx") == DAMAGED
    assert refusal(docx_bytes()[:-200], "belge.docx") == DAMAGED


def test_corrupt_member_is_refused_as_damaged():
    data = bytearray(docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("[Content_Types].xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 40] = b"\xff" * 40  # its deflated bytes no longer decompress
    assert refusal(bytes(data), "belge.docx") == DAMAGED


def test_zip_with_absurd_member_count_or_size_is_refused(monkeypatch):
    many = zip_bytes({f"f{i}.xml": b"" for i in range(uploads.MAX_ZIP_MEMBERS + 1)})
    assert refusal(many, "belge.docx", max_bytes=10 * MB) == NAMED_DOCX
    monkeypatch.setattr(uploads, "MAX_ZIP_UNCOMPRESSED", 1000)
    assert refusal(docx_bytes(), "belge.docx") == NAMED_DOCX


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_type_or_a_clear_refusal(tail):
    for data in (b"PK\x03\x04" + tail, tail):
        try:
            info = inspect_upload(data, "x")
        except InvalidUpload as exc:
            assert exc.message in {WRONG_TYPE, DAMAGED, MACROS, "This file is empty. Please choose the file again."}
        else:
            assert info.kind in FileKind


# --- Limits ---------------------------------------------------------------------------------


def test_empty_file_is_refused():
    assert refusal(b"", "bos.pdf") == "This file is empty. Please choose the file again."


def test_too_large_file_names_the_limit_in_mb():
    big = PDF + b"0" * (MB + 1 - len(PDF))
    assert refusal(big, "buyuk.pdf", max_bytes=MB) == "This file is too large: the limit is 1 MB a file."
    assert refusal(big, "buyuk.pdf", max_bytes=MB // 2) == "This file is too large: the limit is 0.5 MB a file."
    assert inspect_upload(big[:-1], "tam.pdf", max_bytes=MB).size == MB


def test_too_large_stream_is_not_read_to_the_end():
    stream = io.BytesIO(PDF + b"0" * (5 * MB))
    with pytest.raises(InvalidUpload):
        inspect_upload(stream, "x.pdf", max_bytes=MB)
    assert stream.tell() <= MB + 1


def test_too_many_files_names_the_limit():
    assert refusal(PDF, "x.pdf", existing_count=20, max_files=20) == "A case can have at most 20 files."
    assert inspect_upload(PDF, "x.pdf", existing_count=19, max_files=20).kind == FileKind.PDF


# --- Streams, hash and names ----------------------------------------------------------------


class OneWayStream(io.RawIOBase):
    """A stream that cannot seek, like a socket."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_seekable_stream_is_left_where_it_started_and_can_be_copied():
    data = docx_bytes()
    stream = io.BytesIO(data)
    copy = io.BytesIO()
    info = inspect_upload(stream, "dilekçe.docx", copy_to=copy)
    assert info.kind == FileKind.DOCX
    assert stream.tell() == 0
    assert copy.getvalue() == data
    assert info.sha256 == hashlib.sha256(data).hexdigest()


def test_large_file_hash_is_computed_in_chunks():
    data = PDF + bytes(range(256)) * 8000  # ~2 MB, many chunks
    info = inspect_upload(io.BufferedReader(OneWayStream(data)), "rapor.pdf")
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.size == len(data)


def test_non_seekable_zip_stream_is_sniffed():
    assert inspect_upload(io.BufferedReader(OneWayStream(odt_bytes())), "a.odt").kind == FileKind.ODT


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("C:\\Users\\ayşe\\Masaüstü\\Dilekçe ŞİKÂYET.pdf", "Dilekçe ŞİKÂYET.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("rapor\u202efdp.exe", "rapor fdp.pdf"),
        ("  tab\tve\nsatır  .PDF", "tab ve satır.pdf"),
        ('a<b>c:"d|e?f*.pdf', "a b c d e f.pdf"),
        ("ıİğĞüÜşŞöÖçÇ.pdf", "ıİğĞüÜşŞöÖçÇ.pdf"),
        ("rapor.v2", "rapor.pdf"),
        ("tutanak 23.11.2026", "tutanak 23.11.2026.pdf"),
        ("", "document.pdf"),
        (None, "document.pdf"),
        ("...", "document.pdf"),
    ],
)
def test_display_name_is_sanitised(filename, expected):
    assert inspect_upload(PDF, filename).safe_display_name == expected


def test_display_name_is_limited_and_keeps_its_extension():
    name = inspect_upload(PDF, "ş" * 500 + ".pdf").safe_display_name
    assert len(name) <= uploads.DISPLAY_NAME_LENGTH
    assert name.endswith("ş.pdf")


def test_storage_names_are_random_hex():
    names = {new_storage_name() for _ in range(100)}
    assert len(names) == 100
    assert all(len(n) == 32 and int(n, 16) >= 0 for n in names)
    first, second = inspect_upload(PDF, "x.pdf"), inspect_upload(PDF, "x.pdf")
    assert first.storage_name != second.storage_name  # never derived from the member's file name
    assert set(first.storage_name) <= set("0123456789abcdef")


def test_accept_attribute_lists_types_for_the_browser():
    assert ".pdf" in uploads.ACCEPT_ATTRIBUTE and "application/vnd.oasis.opendocument.text" in uploads.ACCEPT_ATTRIBUTE
