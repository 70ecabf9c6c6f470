"""The text of a template as an admin reads it, and a line diff of two templates' texts."""

import difflib
import io

from docx import Document


def template_lines(docx: bytes) -> list[str]:
    """Every non-blank paragraph of a .docx, body then table cells, placeholders as written."""
    doc = Document(io.BytesIO(docx))
    lines = [p.text for p in doc.paragraphs]
    lines += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return [line for line in lines if line.strip()]


def text_diff(old: bytes, new: bytes, old_name: str = "installed", new_name: str = "new default") -> list[str]:
    """The unified diff (``-`` removed, ``+`` added) between two templates' texts; empty when equal."""
    diff = difflib.unified_diff(template_lines(old), template_lines(new), old_name, new_name, lineterm="", n=1)
    return list(diff)
