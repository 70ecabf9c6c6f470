"""A member uploading a crafted Word file is told, in Turkish, why it is refused; nothing is stored."""

import sqlalchemy as sa

from app.models import Attachment
from tests.app.test_filing import LEGAL_ANSWERS, member, signed_in, upload, walk  # noqa: F401 - fixtures
from tests.cases.test_upload_xml_safety import BILLION_LAUGHS, _replace
from tests.cases.test_uploads import docx_bytes


def test_a_word_file_declaring_entities_is_refused_with_a_clear_message(client, db, signed_in):  # noqa: F811
    evidence = walk(client, LEGAL_ANSWERS)
    crafted = _replace(docx_bytes(), "word/document.xml", BILLION_LAUGHS)
    response = upload(client, evidence, crafted, "dilekce.docx")
    assert response.status_code == 400
    assert "XML bildirimleri" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_a_word_file_with_a_part_leading_outside_is_refused(client, db, signed_in):  # noqa: F811
    evidence = walk(client, LEGAL_ANSWERS)
    response = upload(client, evidence, docx_bytes(**{"../../evil.sh": b"#!/bin/sh"}), "dilekce.docx")
    assert response.status_code == 400
    assert "belgenin dışına" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_a_name_typed_with_zero_width_characters_is_stored_clean(client, db):
    from tests.app.test_registration import _form, _register  # the registration form, end to end
    from tests.factories import InstitutionFactory, UnionFactory

    union, institution = UnionFactory(), InstitutionFactory(province="Ankara")
    _register(client, _form(union, institution, full_name="\ufeffAy\u200bşe Yıl\u200cmaz\u2060"))
    from app.models import User

    assert db.session.scalar(sa.select(User.full_name)) == "Ayşe Yılmaz"
