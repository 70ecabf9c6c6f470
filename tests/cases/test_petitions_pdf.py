"""PDF through LibreOffice: a private profile per conversion, a timeout that kills the whole converter."""

import io
import os
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK

from cases.petitions import PdfConversionError, convert_to_pdf, soffice_available

needs_soffice = pytest.mark.skipif(
    not soffice_available(), reason="LibreOffice (soffice) is not installed: PDF path not tested"
)


def docx_with_pages(pages: int, text: str) -> bytes:
    doc = Document()
    for page in range(pages):
        paragraph = doc.add_paragraph(f"{text} – sayfa {page + 1}: İĞÜŞÖÇ ığüşöç")
        if page < pages - 1:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    return pdf.count(b"/Type/Page") - pdf.count(b"/Type/Pages")


def fake_soffice(folder: Path, body: str) -> Path:
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@needs_soffice
def test_two_conversions_at_once_do_not_collide():
    # With one shared profile the second soffice hands its job to the first and returns nothing.
    sources = [docx_with_pages(1, "Birinci dilekçe"), docx_with_pages(3, "İkinci dilekçe")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(lambda docx: convert_to_pdf(docx, timeout=180), sources))
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
    assert [page_count(pdf) for pdf in pdfs] == [1, 3]


def test_a_hung_converter_is_killed_with_its_children_at_the_timeout(tmp_path):
    child_pid = tmp_path / "child.pid"
    binary = fake_soffice(tmp_path, f"sleep 300 &\necho $! > {child_pid}\nwait")
    with pytest.raises(PdfConversionError) as refused:
        convert_to_pdf(b"PK", timeout=1, binary=str(binary))
    assert refused.value.render() == "LibreOffice did not finish the PDF within 1 seconds."
    pid = int(child_pid.read_text())
    for _ in range(50):  # the kill is sent; give the kernel a moment to reap
        if not _alive(pid):
            break
        time.sleep(0.1)
    assert not _alive(pid), "the converter's child process survived the timeout"


def test_a_failing_converter_reports_its_output(tmp_path):
    binary = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1")
    with pytest.raises(PdfConversionError, match="could not make the PDF: Error: source file could not be loaded"):
        convert_to_pdf(b"PK", timeout=30, binary=str(binary))


def test_each_conversion_gets_its_own_profile_and_home(tmp_path):
    seen = tmp_path / "seen"
    binary = fake_soffice(tmp_path, f'echo "$HOME|$1" >> {seen}\nexit 1')
    for _ in range(2):
        with pytest.raises(PdfConversionError):
            convert_to_pdf(b"PK", timeout=30, binary=str(binary))
    first, second = seen.read_text().splitlines()
    assert first != second
    for line in (first, second):
        home, profile = line.split("|")
        assert profile == f"-env:UserInstallation=file://{home}/profile"
        assert not Path(home).exists()  # removed after the conversion


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"
