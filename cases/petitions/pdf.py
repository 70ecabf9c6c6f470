"""PDF from a rendered .docx through LibreOffice (``soffice``), where it is installed."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from cases.errors import DomainError
from cases.i18n import N_

SOFFICE = "soffice"
# LibreOffice's PDF export filter asked for PDF/A-2b, the archival form courts accept for e-filing.
PDF_A2B = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


class PdfConversionError(DomainError):
    """LibreOffice is missing, failed, or took too long to turn a document into PDF."""


def soffice_available(binary: str = SOFFICE) -> bool:
    """True when LibreOffice's ``soffice`` can be found on PATH (or at ``binary``)."""
    return shutil.which(binary) is not None


def convert_to_pdf(docx: bytes, timeout: float = 60, binary: str = SOFFICE, pdf_a: bool = True) -> bytes:
    """The PDF of ``docx`` (PDF/A-2b unless ``pdf_a`` is false); raises PdfConversionError.

    Each call runs its own soffice with a private profile directory, so conversions running
    at once do not fight over one profile; on timeout the whole process group is killed.
    """
    executable = shutil.which(binary)
    if executable is None:
        raise PdfConversionError(N_("PDF is not available: LibreOffice (soffice) is not installed."))
    with tempfile.TemporaryDirectory(prefix="dayanak-pdf-") as work:
        folder = Path(work)
        source = folder / "petition.docx"
        source.write_bytes(docx)
        command = [
            executable,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDF_A2B if pdf_a else "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill also reaches its children
            env={**os.environ, "HOME": str(folder)},
        )
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise PdfConversionError(
                N_("LibreOffice did not finish the PDF within %(seconds)s seconds."), seconds=timeout
            ) from None
        finally:
            if process.poll() is None:
                _kill_group(process)
        pdf = folder / "petition.pdf"
        if process.returncode != 0 or not pdf.is_file():
            detail = output.decode("utf-8", "replace").strip()[-300:] or f"exit status {process.returncode}"
            raise PdfConversionError(N_("LibreOffice could not make the PDF: %(detail)s"), detail=detail)
        return pdf.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
