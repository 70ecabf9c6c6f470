"""Evidence: content-typed, size and count limits, random names under instance/, scoped downloads."""

import hashlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from app.models import Attachment
from app.services.evidence import store_upload
from cases.errors import InvalidUpload
from tests.factories import MemberFactory, UserFactory, make_case, user_of
from tests.helpers import assert_sandboxed_download

PDF = b"%PDF-1.4\n%%EOF\n"


def _upload(content=PDF, name="belge.pdf"):
    return FileStorage(stream=io.BytesIO(content), filename=name)


def test_files_are_stored_under_a_random_name_with_their_hash(app, db):
    member = MemberFactory()
    case = make_case(member)
    attachment = store_upload(_upload(), uploaded_by=user_of(member), case=case)
    db.session.commit()
    stored = Path(app.config["UPLOAD_DIR"]) / attachment.storage_name
    assert stored.read_bytes() == PDF and "belge" not in attachment.storage_name
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert "static" not in str(stored)


def test_size_and_count_limits_are_configurable(app, db):
    member = MemberFactory()
    case = make_case(member)
    app.config.update(EVIDENCE_MAX_FILES=1, EVIDENCE_MAX_BYTES=100)
    with pytest.raises(InvalidUpload):
        store_upload(_upload(PDF + b"x" * 200), uploaded_by=user_of(member), case=case)
    store_upload(_upload(), uploaded_by=user_of(member), case=case)
    db.session.commit()
    with pytest.raises(InvalidUpload):
        store_upload(_upload(), uploaded_by=user_of(member), case=case)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 1


def test_a_lawyers_internal_file_is_hidden_from_the_member(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    lawyer = UserFactory(role="lawyer", union_id=case.union_id)
    internal = store_upload(_upload(), uploaded_by=lawyer, case=case, member_visible=False)
    db.session.commit()
    login(user_of(member))
    assert client.get(f"/files/attachments/{internal.id}").status_code == 404
    assert "belge.pdf" not in client.get(f"/portal/cases/{case.reference}").get_data(as_text=True)


def test_staff_in_scope_download_with_safe_headers(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    attachment = store_upload(_upload(), uploaded_by=user_of(member), case=case)
    db.session.commit()
    login(UserFactory(role="lawyer", union_id=case.union_id))
    response = client.get(f"/files/attachments/{attachment.id}")
    assert response.data == PDF
    assert_sandboxed_download(response)


def test_a_lawyer_of_another_union_cannot_download(client, db, login):
    member = MemberFactory()
    case = make_case(member)
    attachment = store_upload(_upload(), uploaded_by=user_of(member), case=case)
    db.session.commit()
    login(UserFactory(role="lawyer", union_id=MemberFactory().union_id))
    assert client.get(f"/files/attachments/{attachment.id}").status_code == 404
