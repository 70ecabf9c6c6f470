"""Registration, membership verification against the roll, email confirmation and password reset."""

import re

import pytest
import sqlalchemy as sa

from app.models import Consent, MemberProfile, OutboxMessage, RollEntry, User
from tests.factories import InstitutionFactory, UnionFactory, national_id
from tests.helpers import csrf_token_from


@pytest.fixture
def setting(db):
    union = UnionFactory(code="EBS", name="Eğitim-Bir-Sen")
    institution = InstitutionFactory(name="Çankaya İlkokulu", province="Ankara")
    InstitutionFactory(name="Kadıköy Lisesi", province="İstanbul")
    return union, institution


def _form(union, institution, **changes):
    data = {
        "full_name": "Ayşe Işık",
        "national_id": national_id(),
        "union_id": str(union.id),
        "membership_number": "00123",
        "province": "Ankara",
        "institution_id": str(institution.id),
        "title": "Öğretmen",
        "email": "ayse@example.org",
        "phone": "0532 123 45 67",
        "password": "uzun-bir-parola",
        "password_again": "uzun-bir-parola",
        "notice_read": "y",
        "special_consent": "y",
    }
    data.update(changes)
    return data


def _register(client, data):
    token = csrf_token_from(client.get("/register"))
    return client.post("/register", data={**data, "csrf_token": token})


def _sign_in(client):
    token = csrf_token_from(client.get("/login"))
    data = {"email": "ayse@example.org", "password": "uzun-bir-parola", "csrf_token": token}
    response = client.post("/login", data=data)
    assert response.status_code == 302


def _without_csrf(response) -> str:
    return re.sub(r'name="csrf_token"[^>]*>', "", response.get_data(as_text=True))


def _count(db, model, *where):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_registration_page_shows_the_privacy_notice_and_a_separate_consent(client, setting):
    page = client.get("/register").get_data(as_text=True)
    assert 'data-testid="privacy-text"' in page
    assert "Aydınlatma metni (sürüm 2026-12)" in page
    # What KVKK art. 10 asks of a notice: controller, purposes, recipients, method and legal basis, rights.
    notice = page.split('data-testid="privacy-text"')[1].split("</div>")[0]
    for part in ("veri sorumlusu", "yardım", "avukatları", "elektronik ortamda", "Hukuki sebepler", "md. 11"):
        assert part in notice, part
    # Since Law 7499 special-category data is processed for the union's purposes without consent;
    # explicit consent is asked only for sharing with other third parties, and can be withdrawn.
    assert "yalnızca aşağıda ayrıca istenen açık rızanızla" not in notice
    for part in ("7499", "mahkemelere", "isteğe bağlıdır", "geri alınabilir", "Verilerim"):
        assert part in notice, part
    assert page.index('data-testid="privacy-text"') < page.index('name="special_consent"') < page.index("Kayıt ol</")
    assert 'name="notice_read"' in page and 'name="special_consent"' in page
    consent_input = page.split('name="special_consent"')[1].split(">")[0]
    assert "checked" not in consent_input and "required" not in consent_input
    assert 'name="notice_read" required' in page  # the acknowledgement stays required
    assert "İsteğe bağlı" in page and "işaretlemeseniz de başvurularınız yürütülür" in page


def test_a_member_listed_on_the_roll_is_verified_at_once(client, db, setting):
    union, institution = setting
    data = _form(union, institution)
    db.session.add(RollEntry(union_id=union.id, membership_number="123", national_id=data["national_id"]))
    db.session.commit()
    response = _register(client, data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/register/sent")
    profile = db.session.scalar(sa.select(MemberProfile))
    assert profile.membership_status == "verified" and profile.verified_at is not None
    assert profile.membership_number == "123"  # leading zeros dropped like the roll's
    consents = db.session.scalars(sa.select(Consent).order_by(Consent.item)).all()
    assert sorted(c.item for c in consents) == ["privacy_notice", "special_category_data"]  # one of each
    assert all(c.notice_version == "2026-12" and c.given_at is not None for c in consents)
    assert all(c.ip_address == "127.0.0.1" and c.withdrawn_at is None for c in consents)
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.kind == "email_confirmation"))
    assert mail.recipient == "ayse@example.org" and "/confirm/" in mail.body
    assert "oturum açın" not in mail.body  # not yet confirmed: never told to sign in
    _sign_in(client)
    assert "Ayşe" in client.get("/portal/").get_data(as_text=True)


def test_a_member_missing_from_the_roll_is_pending(client, db, setting):
    union, institution = setting
    assert _register(client, _form(union, institution)).status_code == 302
    assert db.session.scalar(sa.select(MemberProfile.membership_status)) == "pending"
    _sign_in(client)
    assert 'data-testid="membership-pending"' in client.get("/portal/").get_data(as_text=True)


def test_a_wrong_national_id_checksum_is_explained_and_nothing_typed_is_lost(client, db, setting):
    union, institution = setting
    response = _register(client, _form(union, institution, national_id="12345678901"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kontrol" in page.lower()  # the checksum message, in Turkish
    assert 'value="Ayşe Işık"' in page and 'value="ayse@example.org"' in page
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_registering_without_the_explicit_consent_succeeds_and_records_none(client, db, setting):
    union, institution = setting
    data = _form(union, institution)
    del data["special_consent"]
    response = _register(client, data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/register/sent")
    assert _count(db, User) == 1
    # Reading the notice is acknowledged; no explicit consent is recorded.
    assert db.session.scalars(sa.select(Consent.item)).all() == ["privacy_notice"]


def test_the_privacy_notice_must_still_be_acknowledged(client, db, setting):
    union, institution = setting
    data = _form(union, institution)
    del data["notice_read"]
    assert _register(client, data).status_code == 400
    assert _count(db, User) == 0


@pytest.mark.parametrize("taken", ["email", "national_id"])
def test_a_taken_email_or_national_id_answers_like_a_fresh_registration(app, db, setting, taken):
    union, institution = setting
    first = _form(union, institution)
    fresh_client = app.test_client()
    fresh = _register(fresh_client, first)
    fresh_page = fresh_client.get(fresh.headers["Location"])
    owner = db.session.scalar(sa.select(User))
    db.session.execute(sa.delete(OutboxMessage))
    db.session.commit()

    other = _form(union, institution, email="baska@example.org", full_name="Başka Biri")
    second = {**other, taken: first[taken]}
    stranger = app.test_client()
    response = _register(stranger, second)
    page = stranger.get(response.headers["Location"])
    assert (response.status_code, response.headers["Location"]) == (fresh.status_code, fresh.headers["Location"])
    assert page.status_code == fresh_page.status_code == 200
    assert _without_csrf(page) == _without_csrf(fresh_page)  # the CSRF token is per session
    assert 'data-testid="registration-sent"' in page.get_data(as_text=True)
    assert _count(db, User) == 1 and _count(db, MemberProfile) == 1
    notices = db.session.scalars(sa.select(OutboxMessage)).all()
    assert [(n.kind, n.recipient) for n in notices] == [("registration_attempt", owner.email)]
    body = notices[0].body
    assert "hesabı açılmaya çalışıldı" in body and "/login" in body and "/password/forgot" in body
    assert "sendikanızla iletişime geçin" in body
    # Asking again minutes later does not flood the owner's mailbox.
    _register(stranger, second)
    assert _count(db, OutboxMessage) == 1


def test_a_taken_email_and_national_id_of_one_owner_give_one_notice(client, db, setting):
    union, institution = setting
    data = _form(union, institution)
    _register(client, data)
    db.session.execute(sa.delete(OutboxMessage))
    db.session.commit()
    assert _register(client, {**data, "full_name": "Başkası"}).status_code == 302
    assert _count(db, User) == 1
    assert db.session.scalars(sa.select(OutboxMessage.kind)).all() == ["registration_attempt"]


def test_registration_attempts_are_rate_limited_per_address(app, client, db, setting):
    union, institution = setting
    app.config["REGISTER_LIMIT_PER_ADDRESS"] = "2 per hour"
    # A form sent back for a typo is not an attempt: it uses none of the allowance.
    for _ in range(3):
        typo = _register(client, _form(union, institution, email="yazim@example.org", national_id="10000000145"))
        assert typo.status_code == 400
    for n in range(2):
        assert _register(client, _form(union, institution, email=f"kisi{n}@example.org")).status_code == 302
    response = _register(client, _form(union, institution, email="kisi9@example.org"))
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert re.search(r"çok fazla kayıt denemesi yapıldı. Lütfen \d+ dakika sonra yeniden deneyin", page)
    assert _count(db, User) == 2 and _count(db, User, User.email == "kisi9@example.org") == 0
    # Refreshing the institution list is not a registration attempt.
    token = csrf_token_from(client.get("/register"))
    refresh = client.post("/register", data={"province": "Ankara", "action": "filter", "csrf_token": token})
    assert refresh.status_code == 200


def test_institution_search_folds_turkish_letters(client, setting):
    result = client.get("/portal/institutions/search?province=Ankara&q=cankaya").get_json()
    assert [r["name"] for r in result["results"]] == ["Çankaya İlkokulu"]
    assert client.get("/portal/institutions/search?province=Ankara&q=kadikoy").get_json()["results"] == []


def test_without_javascript_the_institution_list_follows_the_province(client, setting):
    union, institution = setting
    token = csrf_token_from(client.get("/register"))
    response = client.post(
        "/register", data={"province": "İstanbul", "action": "filter", "full_name": "Ali", "csrf_token": token}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ">Kadıköy Lisesi</option>" in page and ">Çankaya İlkokulu</option>" not in page
    assert 'value="Ali"' in page and "invalid-feedback" not in page


def _link(db, kind):
    body = db.session.scalar(sa.select(OutboxMessage.body).where(OutboxMessage.kind == kind))
    return re.search(r"http://[^/]+(/\S+)", body).group(1)


def test_email_confirmation_link_works_once(client, db, setting):
    union, institution = setting
    _register(client, _form(union, institution))
    link = _link(db, "email_confirmation")
    confirmed = client.get(link)
    assert confirmed.status_code == 302 and confirmed.headers["Location"].endswith("/login")
    assert db.session.scalar(sa.select(User.email_confirmed_at)) is not None
    again = client.get(link)
    assert again.status_code == 400 and 'data-testid="token-problem"' in again.get_data(as_text=True)
    assert client.get(link[:-3] + "abc").status_code == 400


def test_password_reset_link_is_single_use_and_expires(client, db, setting, app, monkeypatch):
    union, institution = setting
    _register(client, _form(union, institution))
    token = csrf_token_from(client.get("/password/forgot"))
    response = client.post("/password/forgot", data={"email": "AYSE@example.org", "csrf_token": token})
    assert response.status_code == 302
    link = _link(db, "password_reset")
    token = csrf_token_from(client.get(link))
    response = client.post(
        link, data={"password": "yepyeni-parola", "password_again": "yepyeni-parola", "csrf_token": token}
    )
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User))
    db.session.refresh(user)
    assert user.check_password("yepyeni-parola")
    assert client.get(link).status_code == 400  # the hash it was bound to changed

    from app.services import password_reset

    with app.test_request_context():
        fresh = password_reset.reset_token(user)
    monkeypatch.setattr(password_reset, "RESET_MAX_AGE", -1)
    assert client.get(f"/password/reset/{fresh}").status_code == 400


def test_forgot_password_says_the_same_for_unknown_addresses(client, db, setting):
    token = csrf_token_from(client.get("/password/forgot"))
    response = client.post("/password/forgot", data={"email": "nobody@example.org", "csrf_token": token})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_asking_again_for_a_reset_link_does_not_flood_the_mailbox(client, db, setting):
    union, institution = setting
    _register(client, _form(union, institution))
    for _ in range(3):
        token = csrf_token_from(client.get("/password/forgot"))
        client.post("/password/forgot", data={"email": "ayse@example.org", "csrf_token": token})
    count = sa.select(sa.func.count(OutboxMessage.id)).where(OutboxMessage.kind == "password_reset")
    assert db.session.scalar(count) == 1


def test_asking_again_for_the_confirmation_link_does_not_flood_the_mailbox(client, db, setting):
    from datetime import timedelta

    from app.models.base import utcnow

    union, institution = setting
    _register(client, _form(union, institution))
    _sign_in(client)
    count = sa.select(sa.func.count(OutboxMessage.id)).where(OutboxMessage.kind == "email_confirmation")
    for _ in range(3):
        client.post("/confirm/resend", data={"csrf_token": csrf_token_from(client.get("/portal/"))})
    assert db.session.scalar(count) == 1
    # Minutes later the member may ask again.
    for message in db.session.scalars(sa.select(OutboxMessage)):
        message.created_at = utcnow() - timedelta(minutes=11)
    db.session.commit()
    client.post("/confirm/resend", data={"csrf_token": csrf_token_from(client.get("/portal/"))})
    assert db.session.scalar(count) == 2


def test_a_member_who_registers_after_being_named_as_respondent_is_flagged_at_once(client, db, setting, login):
    from app.models import Case, CaseEvent
    from tests.factories import MemberFactory, UserFactory, make_case

    union, institution = setting
    colleague = MemberFactory(union=union, institution=institution)
    named = make_case(colleague, respondent_type="coworker", respondent_name="AYŞE IŞIK", institution_id=institution.id)
    elsewhere = make_case(
        colleague, respondent_type="coworker", respondent_name="Ayşe Işık", institution_id=InstitutionFactory().id
    )
    new_id = national_id()
    by_number = make_case(colleague, respondent_type="manager", respondent_name="A. Işık", institution_id=None)
    by_number.respondent_national_id = new_id
    db.session.commit()
    other_union = MemberFactory(institution=institution)
    foreign = make_case(
        other_union, respondent_type="coworker", respondent_name="Ayşe Işık", institution_id=institution.id
    )
    assert {c.conflict_status for c in (named, elsewhere, by_number, foreign)} == {"none"}

    _register(client, _form(union, institution, national_id=new_id))

    db.session.expire_all()
    status = {c.id: db.session.get(Case, c.id).conflict_status for c in (named, elsewhere, by_number, foreign)}
    assert status == {named.id: "detected", elsewhere.id: "none", by_number.id: "detected", foreign.id: "none"}
    events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.kind == "conflict")).all()
    assert {e.case_id for e in events} == {named.id, by_number.id}
    assert not any(e.member_visible for e in events)

    lawyer = UserFactory(role="lawyer", union=union)
    login(lawyer)
    queue = client.get("/desk/").get_data(as_text=True)
    assert queue.count('data-testid="conflict-badge"') == 2
