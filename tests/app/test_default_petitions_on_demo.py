"""Every default petition, rendered for every demo case it serves, read back as a lawyer would.

The PDF part renders each default once through LibreOffice (PDF/A-2b), keeps page images in
test-artifacts/petitions/ for a person to look at, and reads the text positions back with
poppler's ``pdftotext -bbox``: the party table's values start in the left half of the page and
the closing paragraph shares its page with the signature.
"""

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from lxml import etree

from app.extensions import db
from app.models import Case, PetitionTemplate, User
from app.services import petition_documents as documents_service
from app.services import petitions as service
from cases.petitions import assert_well_formed, convert_to_pdf, render_petition, sample_extra, soffice_available
from cases.petitions.context import PLACEHOLDER
from cases.petitions.facts import first_person_sentences
from cases.petitions.library import request_problems
from tests.app.test_petition_support import read_back

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "petitions"
TODAY = date(2026, 11, 23)
# What a lawyer types for fields no demo case records (the court above, the decision…).
TYPED = {
    **sample_extra(),
    "authority": "Ankara Valiliğine",
    "claim.amount": "25.000,00 TL",
    "act.notification_date": date(2026, 10, 6),
    "member.iban": "TR33 0006 1005 1978 6457 8413 26",
}


@pytest.fixture
def demo(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return db.session.scalars(sa.select(Case).order_by(Case.id)).all()


def filled(case: Case, template: PetitionTemplate) -> tuple[bytes, object]:
    """The petition with everything a lawyer would give: the form's start values, then typed ones."""
    spec = service.spec_of(template)
    lawyer = db.session.scalar(sa.select(User).where(User.email == "konfed.avukat@dayanak.test"))
    snapshot = documents_service.snapshot_of(case, lawyer)  # the lawyer generating it, when none is assigned
    wanted = set(spec.required_fields) | set(spec.optional_fields)
    extra = {k: v for k, v in documents_service.initial_values(case, template, snapshot).items() if k in wanted}
    extra.update({k: v for k, v in TYPED.items() if k in wanted and extra.get(k) in (None, "", [])})
    version = service.current_version(template.id)
    docx = render_petition(version.content, snapshot, extra, TODAY, spec.required_fields, spec=spec)
    return docx, spec


def test_every_default_petition_reads_right_for_every_demo_case_it_serves(demo):
    rendered = set()
    for case in demo:
        for template in service.templates_for_case(case):
            docx, spec = filled(case, template)
            assert_well_formed(docx)
            text = read_back(docx)
            where = f"{template.slug} for {case.reference}"
            assert PLACEHOLDER not in text, where
            assert not re.search(r"\{\{|\}\}|\{%|%\}", text), where
            lines = text.splitlines()
            if spec.lawyer_signed:
                assert first_person_sentences(lines) == [], where
                assert case.narrative.splitlines()[0] not in text, where
                start = next(i for i, line in enumerate(lines) if line.startswith("Yukarıda açıklanan"))
                end = next(i for i, line in enumerate(lines) if line.startswith("karar verilmesini"))
                items = lines[start + 1 : end]
                assert items and [item.split(". ", 1)[0] for item in items] == [
                    str(n) for n in range(1, len(items) + 1)
                ], where
                assert all(item.endswith(",") for item in items), where
                assert request_problems([i.split(". ", 1)[1] for i in items], spec.addressee) == [], where
            assert "BAŞKANLIĞI'NA" not in text, where
            rendered.add(template.slug)
    # Every default serves at least one demo case, so none goes untested.
    assert rendered >= {"iptal-davasi", "savunmaya-cevap", "disiplin-cezasina-itiraz", "sosyal-yardim-basvurusu"}


def test_a_case_at_the_lawsuit_stage_is_offered_that_stages_petitions(demo):
    filed = next(c for c in demo if c.status == "lawsuit_filed")
    slugs = {t.slug for t in service.templates_for_case(filed)}
    assert {"savunmaya-cevap", "yd-kararina-itiraz"} <= slugs
    assert "iptal-davasi" not in slugs and "istinaf" not in slugs
    fresh = next(c for c in demo if c.category == "relocation" and c.kind == "legal")
    assert {"iptal-davasi", "nakle-itiraz"} <= {t.slug for t in service.templates_for_case(fresh)}


# PDF ----------------------------------------------------------------------------------------

needs_pdf_tools = pytest.mark.skipif(
    not soffice_available() or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed: PDF layout not tested",
)


def words_by_page(pdf: bytes) -> tuple[float, list[list[tuple[float, float, str]]]]:
    """The page width and, per page, (x, y, word) of every word, from ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    tree = etree.fromstring(out, etree.XMLParser(recover=True))
    pages = tree.findall(".//{*}page")
    width = float(pages[0].get("width"))
    return width, [
        [(float(w.get("xMin")), float(w.get("yMin")), w.text or "") for w in page.findall(".//{*}word")]
        for page in pages
    ]


def page_of(pages, pattern: str) -> int:
    """The index of the last page holding a word that matches ``pattern``."""
    hits = [i for i, words in enumerate(pages) if any(re.fullmatch(pattern, w) for _, _, w in words)]
    assert hits, pattern
    return hits[-1]


@needs_pdf_tools
def test_each_default_renders_to_pdf_a_with_its_values_in_the_left_half(demo):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    done = set()
    for case in demo:
        for template in service.templates_for_case(case):
            if template.slug in done:
                continue
            done.add(template.slug)
            docx, spec = filled(case, template)
            pdf = convert_to_pdf(docx, timeout=180)
            assert pdf.startswith(b"%PDF") and b"pdfaid:part>2<" in pdf, template.slug
            (ARTIFACTS / f"{template.slug}.pdf").write_bytes(pdf)
            if shutil.which("pdftoppm"):
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "50", "-", str(ARTIFACTS / template.slug)],
                    input=pdf,
                    check=True,
                )
                assert list(ARTIFACTS.glob(f"{template.slug}-*1.png")), template.slug
            width, pages = words_by_page(pdf)
            first = pages[0]
            colons = sorted((y, x) for x, y, w in first if w == ":")
            assert colons, f"{template.slug}: no party table"
            y, colon_x = colons[0]
            values = [x for x, wy, w in first if abs(wy - y) < 2 and x > colon_x]
            assert values and min(values) < width / 2, f"{template.slug}: values start at {values} of {width}"
            assert colon_x < width / 3
            if spec.lawyer_signed:  # the closing paragraph never leaves its signature alone on a page
                assert page_of(pages, "verilmesini") == page_of(pages, r"Vekili|Davacı|Başvuran|İtiraz|Şikâyetçi")
    assert len(done) >= 10
