"""A member downloads all their data, asks for erasure; admins verify memberships by hand."""

import io
import json
import zipfile
from datetime import UTC

import sqlalchemy as sa

from app import clock
from app.models import AccessLog, Attachment, Case, Consent, DataRequest, MemberProfile, User
from tests.factories import MemberFactory, UserFactory, make_case, user_of
from tests.helpers import csrf_token_from


def _stored_file(app, db, member, name: str, content: bytes, **owner) -> None:
    """An uploaded PDF on disk and its row, for a case (case_id=…) or a draft (draft_id=…)."""
    from pathlib import Path

    directory = Path(app.config["UPLOAD_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"stored-{name}").write_bytes(content)
    db.session.add(
        Attachment(
            **owner,
            uploaded_by_id=member.user_id,
            original_name=name,
            storage_name=f"stored-{name}",
            mime_type="application/pdf",
            size=len(content),
            sha256="0" * 64,
        )
    )


def _with_file(app, db, member, case):
    _stored_file(app, db, member, "kanit.pdf", b"%PDF-1.4 kanit", case_id=case.id)
    db.session.add(Consent(user_id=member.user_id, item="special_category_data", notice_version="2026-12"))
    db.session.commit()


def test_the_export_is_a_zip_with_json_and_my_files(app, client, db, login):
    from app.models import Draft

    member = MemberFactory()
    case = make_case(member, narrative="Benim anlatımım")
    _with_file(app, db, member, case)
    draft = Draft(user_id=member.user_id, kind="legal", step="who", answers={"narrative": "Yarım kalan anlatım"})
    db.session.add(draft)
    db.session.flush()
    _stored_file(app, db, member, "taslak.pdf", b"%PDF-1.4 taslak", draft_id=draft.id)
    db.session.commit()
    login(user_of(member))
    response = client.post(
        "/portal/my-data/export", data={"csrf_token": csrf_token_from(client.get("/portal/my-data"))}
    )
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["national_id"] == member.national_id
    assert data["cases"][0]["reference"] == case.reference and data["cases"][0]["narrative"] == "Benim anlatımım"
    assert data["consents"][0]["item"] == "special_category_data"
    file_name = data["cases"][0]["files"][0]
    assert archive.read(file_name) == b"%PDF-1.4 kanit"
    # An application begun and not sent is the member's data too.
    assert data["drafts"][0]["answers"] == {"narrative": "Yarım kalan anlatım"}
    assert archive.read(data["drafts"][0]["files"][0]) == b"%PDF-1.4 taslak"
    assert db.session.scalar(sa.select(DataRequest.kind)) == "export"


def test_erasure_anonymises_the_profile_keeps_the_cases_and_logs_the_request(client, db, login):
    from app.models import Draft, OutboxMessage

    member = MemberFactory()
    case = make_case(member)
    user = user_of(member)
    email, name = user.email, user.full_name
    db.session.add(Draft(user_id=user.id, kind="legal", step="what", answers={"narrative": "taslak"}))
    db.session.add(OutboxMessage(recipient=email, subject="s", body="b", kind="k"))
    db.session.add(Consent(user_id=user.id, item="special_category_data", notice_version="2026-12"))
    db.session.commit()
    login(user)
    page = client.get("/portal/my-data")
    wrong = client.post(
        "/portal/my-data/erase", data={"password": "yanlış", "confirm": "y", "csrf_token": csrf_token_from(page)}
    )
    assert wrong.status_code == 400 and "Parola doğru değil" in wrong.get_data(as_text=True)
    response = client.post(
        "/portal/my-data/erase",
        data={"password": "correct horse battery", "confirm": "y", "csrf_token": csrf_token_from(page)},
    )
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, member.user_id)
    profile = db.session.get(MemberProfile, member.id)
    assert not user.active and user.email != email and user.email.endswith("@erased.invalid")
    assert user.full_name != name and user.phone is None
    assert profile.national_id is None and profile.membership_number is None and profile.anonymised_at
    kept = db.session.get(Case, case.id)
    assert kept is not None and kept.narrative and name.lower() not in kept.search_text
    assert db.session.scalar(sa.select(sa.func.count(Draft.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(OutboxMessage.recipient == email)) == 0
    request = db.session.scalar(sa.select(DataRequest))
    assert request.kind == "erasure" and request.completed_at is not None
    assert db.session.scalar(sa.select(AccessLog.action).where(AccessLog.action == "erase")) == "erase"
    assert db.session.scalar(sa.select(Consent.withdrawn_at)) is not None  # erasure withdraws every consent
    assert client.get("/portal/").status_code == 302  # signed out
    token = csrf_token_from(client.get("/login"))
    again = client.post("/login", data={"email": email, "password": "correct horse battery", "csrf_token": token})
    assert again.status_code == 401


def _consents(db, user_id):
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(Consent)
            .where(Consent.user_id == user_id, Consent.item == "special_category_data")
            .order_by(Consent.id)
        )
    )


def _consent_post(client, action: str, token: str | None = None):
    if token is None:
        token = csrf_token_from(client.get("/portal/my-data"))
    return client.post(f"/portal/my-data/consent/{action}", data={"csrf_token": token})


def test_a_member_withdraws_and_gives_again_the_explicit_consent(client, db, login):
    from datetime import timedelta

    from app.models.base import utcnow

    member = MemberFactory()
    given = utcnow() - timedelta(days=3)
    db.session.add(
        Consent(user_id=member.user_id, item="special_category_data", notice_version="2026-11", given_at=given)
    )
    db.session.commit()
    login(user_of(member))
    page = client.get("/portal/my-data").get_data(as_text=True)
    status = page.split('data-testid="consent-status">')[1].split("</p>")[0]
    assert clock.local(given).strftime("%d.%m.%Y") in status and "2026-11" in status
    assert 'data-testid="withdraw-consent"' in page and 'data-testid="give-consent"' not in page

    response = _consent_post(client, "withdraw")
    assert response.status_code == 302 and response.headers["Location"].endswith("/portal/my-data")
    [old] = _consents(db, member.user_id)
    assert old.withdrawn_at is not None and old.withdrawn_at > old.given_at
    page = client.get("/portal/my-data").get_data(as_text=True)
    assert "Açık rızanızı geri aldınız" in page
    assert 'data-testid="give-consent"' in page and 'data-testid="withdraw-consent"' not in page

    assert _consent_post(client, "give").status_code == 302
    old, new = _consents(db, member.user_id)
    assert old.withdrawn_at is not None  # the withdrawal stays on record
    assert new.withdrawn_at is None and new.notice_version == "2026-12" and new.given_at >= old.withdrawn_at
    assert new.ip_address == "127.0.0.1"
    assert "açık rızanız kaydedildi" in client.get("/portal/my-data").get_data(as_text=True)
    # Giving it twice records it once.
    _consent_post(client, "give")
    assert len(_consents(db, member.user_id)) == 2
    actions = db.session.scalars(sa.select(AccessLog.action).where(AccessLog.user_id == member.user_id)).all()
    assert actions.count("consent_withdraw") == 1 and actions.count("consent_give") == 1


def test_consent_changes_without_a_csrf_token_are_refused(client, db, login):
    member = MemberFactory()
    login(user_of(member))
    for action in ("give", "withdraw"):
        response = _consent_post(client, action, token="forged")
        assert response.status_code in (302, 400)
    assert _consents(db, member.user_id) == []
    db.session.add(Consent(user_id=member.user_id, item="special_category_data", notice_version="2026-12"))
    db.session.commit()
    _consent_post(client, "withdraw", token="forged")
    assert _consents(db, member.user_id)[0].withdrawn_at is None


def test_a_member_only_ever_sees_and_changes_their_own_consent(client, db, login):
    me, other = MemberFactory(), MemberFactory()
    db.session.add(Consent(user_id=other.user_id, item="special_category_data", notice_version="2026-10"))
    db.session.commit()
    login(user_of(me))
    page = client.get("/portal/my-data").get_data(as_text=True)
    assert "2026-10" not in page and 'data-testid="give-consent"' in page
    _consent_post(client, "withdraw")
    assert _consents(db, other.user_id)[0].withdrawn_at is None
    _consent_post(client, "give")
    assert len(_consents(db, other.user_id)) == 1 and len(_consents(db, me.user_id)) == 1


def test_staff_see_whether_the_member_gave_explicit_consent(client, db, login):
    from datetime import datetime

    member = MemberFactory()
    case = make_case(member)
    login(UserFactory(role="lawyer", union_id=member.union_id))

    def line():
        page = client.get(f"/desk/cases/{case.id}").get_data(as_text=True)
        return page.split('data-testid="member-consent">')[1].split("</p>")[0]

    assert "Açık rıza yok" in line() and "mahkemeler ve resmî makamlar dışındaki" in line()
    consent = Consent(
        user_id=member.user_id,
        item="special_category_data",
        notice_version="2026-12",
        given_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
    )
    db.session.add(consent)
    db.session.commit()
    assert line() == "Açık rıza: 20.11.2026 tarihinde verildi (aydınlatma metni sürüm 2026-12)."
    consent.withdrawn_at = datetime(2026, 11, 25, tzinfo=UTC)
    db.session.commit()
    assert "Açık rıza yok" in line()


def test_admins_verify_or_reject_pending_members_by_hand(client, db, login):
    pending = MemberFactory(membership_status="pending")
    case = make_case(pending)
    assert case.membership_pending
    admin = UserFactory(role="admin", union_id=None)
    login(admin)
    page = client.get("/admin/members")
    html = page.get_data(as_text=True)
    assert user_of(pending).full_name in html and pending.national_id not in html  # masked
    token = csrf_token_from(page)
    response = client.post(
        f"/admin/members/{pending.id}/verify", data={"expected_status": "pending", "csrf_token": token}
    )
    assert response.status_code == 302
    db.session.expire_all()
    profile = db.session.get(MemberProfile, pending.id)
    assert profile.membership_status == "verified" and profile.verified_by_id == admin.id
    assert db.session.get(Case, case.id).membership_pending is False  # no longer marked in the queue
    from app.models import OutboxMessage

    notice = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.kind == "membership_verified"))
    assert notice.recipient == user_of(pending).email and "doğruland" in notice.subject
    stale = client.post(
        f"/admin/members/{pending.id}/reject",
        data={"expected_status": "pending", "csrf_token": token},
        headers={"Referer": "/admin/members"},
    )
    assert stale.status_code in (302, 303)
    db.session.expire_all()
    assert db.session.get(MemberProfile, pending.id).membership_status == "verified"


def test_a_union_admin_sees_only_their_unions_members(client, db, login):
    mine = MemberFactory(membership_status="pending")
    other = MemberFactory(membership_status="pending")
    login(UserFactory(role="admin", union_id=mine.union_id))
    html = client.get("/admin/members").get_data(as_text=True)
    assert user_of(mine).full_name in html and user_of(other).full_name not in html
    token = csrf_token_from(client.get("/admin/members"))
    assert client.post(f"/admin/members/{other.id}/verify", data={"csrf_token": token}).status_code == 404
