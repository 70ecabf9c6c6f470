import pytest
import sqlalchemy as sa

from app.models import AccessLog, Institution, Union, User
from tests.factories import PASSWORD, InstitutionFactory, MemberFactory, UnionFactory, UserFactory, user_of
from tests.helpers import csrf_token_from, post_form


def _admin(login):
    admin = UserFactory(role="admin", union_id=None)
    login(admin)
    return admin


def test_admin_creates_a_lawyer_who_can_then_sign_in(app, client, login, db):
    _admin(login)
    union = UnionFactory(code="EBS")
    response = post_form(
        client,
        "/admin/users/new",
        {
            "full_name": "Av. Derya Uçar",
            "email": "Derya@Example.org",
            "role": "lawyer",
            "union_id": union.id,
            "language": "tr",
            "password": "a strong password",
            "active": "y",
            "bar": "İzmir Barosu",
        },
    )
    assert response.status_code == 302
    lawyer = db.session.scalar(sa.select(User).where(User.email == "derya@example.org"))
    assert lawyer.role == "lawyer" and lawyer.union_id == union.id and lawyer.bar == "İzmir Barosu"
    assert db.session.scalar(sa.select(AccessLog).where(AccessLog.object_id == lawyer.id)).action == "create"
    other = app.test_client()
    token = csrf_token_from(other.get("/login"))
    signed_in = other.post(
        "/login", data={"email": "derya@example.org", "password": "a strong password", "csrf_token": token}
    )
    assert signed_in.headers["Location"] == "/desk/"


def test_new_user_form_explains_each_problem_in_turkish(client, login, db):
    admin = _admin(login)
    response = post_form(
        client,
        "/admin/users/new",
        {
            "full_name": "",
            "email": admin.email.upper(),
            "role": "lawyer",
            "union_id": 0,
            "language": "tr",
            "password": "short",
        },
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Lütfen ad soyadı girin." in text
    assert "Parola en az 10 karakter olmalıdır." in text
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_duplicate_email_is_refused_case_insensitively(client, login, db):
    _admin(login)
    UserFactory(email="taken@example.org", role="lawyer")
    response = post_form(
        client,
        "/admin/users/new",
        {
            "full_name": "X Y",
            "email": "TAKEN@example.org",
            "role": "lawyer",
            "union_id": 0,
            "language": "tr",
            "password": "a strong password",
        },
    )
    assert response.status_code == 400
    assert "Bu e-posta adresiyle bir hesap zaten var." in response.get_data(as_text=True)


def test_admin_deactivates_a_user_who_then_cannot_sign_in(app, client, login, db):
    _admin(login)
    lawyer = UserFactory(role="lawyer")
    response = post_form(
        client, f"/admin/users/{lawyer.id}/deactivate", {"version": lawyer.version}, page_url="/admin/users"
    )
    assert response.status_code == 302
    db.session.refresh(lawyer)
    assert lawyer.active is False
    other = app.test_client()
    token = csrf_token_from(other.get("/login"))
    assert (
        other.post("/login", data={"email": lawyer.email, "password": PASSWORD, "csrf_token": token}).status_code == 401
    )


def test_a_deactivated_user_loses_an_open_session(app, client, login, db):
    lawyer = UserFactory(role="lawyer")
    login(lawyer)
    assert client.get("/desk/").status_code == 200
    lawyer.active = False
    db.session.commit()
    assert client.get("/desk/").status_code == 302


def test_concurrent_edit_of_a_user_is_refused_not_overwritten(client, login, db):
    _admin(login)
    lawyer = UserFactory(role="lawyer", full_name="Eski Ad")
    form_page = client.get(f"/admin/users/{lawyer.id}")
    token = csrf_token_from(form_page)
    stale_version = lawyer.version
    lawyer.full_name = "Başkasının Değişikliği"
    db.session.commit()
    response = client.post(
        f"/admin/users/{lawyer.id}",
        data={
            "csrf_token": token,
            "version": stale_version,
            "full_name": "Benim Değişikliğim",
            "email": lawyer.email,
            "role": "lawyer",
            "union_id": 0,
            "language": "tr",
            "active": "y",
        },
        follow_redirects=True,
    )
    db.session.refresh(lawyer)
    assert lawyer.full_name == "Başkasının Değişikliği"
    text = response.get_data(as_text=True)
    assert "Bu kayıt siz işlem yaparken başka biri tarafından değiştirildi" in text
    assert 'value="Başkasının Değişikliği"' in text  # the form now shows the current version


def test_admin_cannot_lock_themselves_out(client, login, db):
    admin = _admin(login)
    response = post_form(
        client,
        f"/admin/users/{admin.id}/deactivate",
        {"version": admin.version},
        page_url="/admin/users",
        follow_redirects=True,
    )
    db.session.refresh(admin)
    assert admin.active
    assert "Kendi hesabınızı" in response.get_data(as_text=True)


def test_the_lockout_rule_holds_in_the_service_too(db):
    from app.services import admin as admin_service

    admin = UserFactory(role="admin")
    data = {"full_name": admin.full_name, "email": admin.email, "role": "lawyer", "language": "tr", "active": True}
    with pytest.raises(admin_service.OwnAccount):
        admin_service.update_user(admin, {**data, "version": admin.version}, actor=admin)
    with pytest.raises(admin_service.OwnAccount):
        admin_service.set_user_active(admin, False, expected_version=admin.version, actor=admin)
    db.session.rollback()
    db.session.refresh(admin)
    assert (admin.role, admin.active) == ("admin", True)


def test_admin_manages_unions(client, login, db):
    _admin(login)
    response = post_form(
        client, "/admin/unions/new", {"code": "EBS", "name": "Eğitim-Bir-Sen", "branch_no": 2, "active": "y"}
    )
    assert response.status_code == 302
    union = db.session.scalar(sa.select(Union).where(Union.code == "EBS"))
    assert union.name == "Eğitim-Bir-Sen"
    bad = post_form(client, "/admin/unions/new", {"code": "ebs", "name": "X"})
    assert "Yalnızca büyük Latin harfleri ve rakam kullanın" in bad.get_data(as_text=True)
    clash = post_form(client, "/admin/unions/new", {"code": "EBS", "name": "Kopya"})
    assert "Bu kodu başka bir sendika kullanıyor." in clash.get_data(as_text=True)
    edit = post_form(
        client,
        f"/admin/unions/{union.id}",
        {"code": "EBS", "name": "Eğitim Bir Sen", "version": union.version, "active": "y"},
    )
    assert edit.status_code == 302
    db.session.refresh(union)
    assert union.name == "Eğitim Bir Sen"


def test_admin_manages_institutions_and_search_is_turkish_aware(client, login, db):
    _admin(login)
    union = UnionFactory()
    response = post_form(
        client,
        "/admin/institutions/new",
        {"name": "IĞDIR DEVLET HASTANESİ", "province": "Iğdır", "union_id": union.id, "active": "y"},
    )
    assert response.status_code == 302
    institution = db.session.scalar(sa.select(Institution))
    assert institution.name_folded == "igdir devlet hastanesi"
    InstitutionFactory(name="Ankara Şehir Hastanesi")
    page = client.get("/admin/institutions?q=ığdır devlet").get_data(as_text=True)
    assert "IĞDIR DEVLET HASTANESİ" in page and "Ankara Şehir" not in page
    missing = post_form(client, "/admin/institutions/new", {"name": "", "province": ""})
    assert "Lütfen adı girin." in missing.get_data(as_text=True)


def test_user_list_paginates(client, login, db):
    _admin(login)
    for n in range(30):
        UserFactory(role="lawyer", full_name=f"Avukat {n:02d}")
    first = client.get("/admin/users").get_data(as_text=True)
    second = client.get("/admin/users?page=2").get_data(as_text=True)
    assert "Sayfa 1 / 2" in first and "Sayfa 2 / 2" in second


def test_the_user_list_shows_staff_unless_members_are_asked_for(client, login, db):
    _admin(login)
    UserFactory(role="lawyer", full_name="Avukat Deniz Kara")
    user_of(MemberFactory(user__full_name="Üye Ece Tan"))
    staff = client.get("/admin/users").get_data(as_text=True)
    assert "Avukat Deniz Kara" in staff and "Üye Ece Tan" not in staff
    members = client.get("/admin/users?role=member").get_data(as_text=True)
    assert "Üye Ece Tan" in members and "Avukat Deniz Kara" not in members


def test_the_user_search_ignores_case_and_treats_wildcards_literally(client, login, db):
    _admin(login)
    UserFactory(role="lawyer", full_name="Deniz Kara", email="deniz.kara@example.org")
    UserFactory(role="officer", full_name="Ali Veli", email="ali_veli@example.org")
    assert "Deniz Kara" in client.get("/admin/users?q=deniz").get_data(as_text=True)
    assert "Deniz Kara" in client.get("/admin/users?q=DENIZ.KARA").get_data(as_text=True)
    underscore = client.get("/admin/users?q=i_v").get_data(as_text=True)
    assert "Ali Veli" in underscore and "Deniz Kara" not in underscore
    assert "Deniz Kara" not in client.get("/admin/users?q=%25").get_data(as_text=True)


def test_an_admin_who_changes_their_own_password_stays_signed_in(client, login, db):
    admin = _admin(login)
    data = {
        "full_name": admin.full_name,
        "email": admin.email,
        "role": "admin",
        "union_id": 0,
        "language": "tr",
        "password": "another long password",
        "active": "y",
        "version": admin.version,
    }
    response = post_form(client, f"/admin/users/{admin.id}", data)
    assert response.status_code == 302
    assert client.get("/admin/users").status_code == 200
    db.session.refresh(admin)
    assert admin.check_password("another long password")
