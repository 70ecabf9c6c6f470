"""Helpers shared by the petition and document tests (no tests of its own)."""

import io
import re
from datetime import date

from docx import Document

from app.extensions import db
from app.services.petitions import load_default_templates
from tests.factories import InstitutionFactory, MemberFactory, UserFactory, make_case

NOTIFIED = date(2026, 10, 6)


def make_docx(*paragraphs: str) -> bytes:
    """A small .docx whose body holds ``paragraphs``, one each."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def read_back(docx: bytes) -> str:
    """All the text of a .docx: body paragraphs and table cells, one a line."""
    doc = Document(io.BytesIO(docx))
    lines = [p.text for p in doc.paragraphs]
    lines += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(line for line in lines if line.strip())


def assert_no_tags(text: str) -> None:
    assert not re.search(r"\{\{|\}\}|\{%|%\}", text), "a Jinja tag was left in the document"


def load_defaults() -> None:
    load_default_templates()
    db.session.commit()


def legal_case(**fields):
    """A relocation case of a member with a union lawyer, as (case, member, lawyer)."""
    member = MemberFactory(address="Kızılay Mah. Atatürk Blv. No: 12, Çankaya / Ankara")
    institution = InstitutionFactory(name="Ankara İl Millî Eğitim Müdürlüğü", address="Emniyet Mah. No: 8")
    lawyer = UserFactory(
        role="lawyer", union_id=member.union_id, full_name="Zeynep Güler", bar="Ankara Barosu", registry_number="41234"
    )
    values = dict(
        narrative="Müvekkil Çankaya'da öğretmendir.\nİdare, hizmet ihtiyacı diyerek Kırşehir'e atadı.",
        requests="Eski görev yerine iadesine,",
        notification_date=NOTIFIED,
        institution_id=institution.id,
        respondent_type="administration",
    )
    values.update(fields)
    case = make_case(member, **values)
    return case, member, lawyer
