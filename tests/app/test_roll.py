"""Member roll import: per-row report, idempotent re-import, one transaction, CSV and .xlsx, CLI, web."""

import io

import pytest
import sqlalchemy as sa

from app.models import Case, MemberProfile, RollEntry
from app.services.roll_import import import_roll
from cases.member_roll import InvalidRollFile
from tests.factories import MemberFactory, UnionFactory, UserFactory, make_case, national_id
from tests.helpers import csrf_token_from


@pytest.fixture
def unions(db):
    return UnionFactory(code="EBS"), UnionFactory(code="SGS")


def _csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    lines = ["sendika;üye no;T.C. Kimlik No;ad soyad"] + [";".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_the_report_says_what_each_row_did_and_why(db, unions):
    a, b = national_id(), national_id()
    content = _csv(
        [
            ("EBS", "001", a, "Ayşe Yılmaz"),
            ("EBS", "002", "12345678901", "Bozuk Numara"),
            ("XYZ", "003", national_id(), "Bilinmeyen Sendika"),
            ("SGS", "004", a, "Aynı Kimlik"),
            ("SGS", "005", b, "Ahmet Demir"),
        ]
    )
    report = import_roll(content)
    assert (report.added, report.updated, report.unchanged, report.refused) == (2, 0, 0, 3)
    reasons = {m.line_no: m.render() for m in report.messages}
    assert "check digits" in reasons[3]
    assert "Unknown union code" in reasons[4]
    assert "line 2" in reasons[5]
    assert db.session.scalar(sa.select(sa.func.count(RollEntry.id))) == 2
    assert db.session.scalar(sa.select(RollEntry.membership_number).where(RollEntry.national_id == a)) == "1"


def test_reimporting_the_same_file_changes_nothing_and_a_change_is_an_update(db, unions):
    a = national_id()
    content = _csv([("EBS", "10", a, "Ayşe Yılmaz")])
    import_roll(content)
    stamp = db.session.scalar(sa.select(RollEntry.updated_at))
    again = import_roll(content)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert db.session.scalar(sa.select(RollEntry.updated_at)) == stamp
    changed = import_roll(_csv([("EBS", "10", a, "Ayşe Yılmaz Kaya")]))
    assert changed.updated == 1 and "full_name" in changed.messages[0].render()
    assert db.session.scalar(sa.select(RollEntry.full_name)) == "Ayşe Yılmaz Kaya"


def test_a_bad_file_changes_nothing(db, unions):
    import_roll(_csv([("EBS", "1", national_id(), "Bir")]))
    with pytest.raises(InvalidRollFile):
        import_roll(b"isim;telefon\nAli;0532\n")
    with pytest.raises(InvalidRollFile):
        import_roll(b"\x00\x01binary junk")
    assert db.session.scalar(sa.select(sa.func.count(RollEntry.id))) == 1


def test_a_failure_half_way_rolls_the_whole_import_back(db, unions, monkeypatch):
    from app.services import roll_import

    calls = {"n": 0}
    real = roll_import._write_batch

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(roll_import, "_write_batch", failing)
    content = _csv([("EBS", str(n), national_id(), f"Üye {n}") for n in range(1, 6)])
    with pytest.raises(RuntimeError):
        import_roll(content, batch_size=2)
    assert db.session.scalar(sa.select(sa.func.count(RollEntry.id))) == 0


def test_an_xlsx_roll_is_read_too(db, unions):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Sendika", "Üye No", "TC Kimlik No", "Ad Soyad", "Durum"])
    sheet.append(["EBS", 77, int(national_id()), "Fatma Şahin", "aktif"])
    sheet.append(["EBS", 78, national_id(), "Ismail İnce", "pasif"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_roll(buffer.getvalue(), filename="liste.xlsx")
    assert report.added == 2 and report.refused == 0
    assert sorted(db.session.scalars(sa.select(RollEntry.status))) == ["active", "inactive"]


def test_importing_verifies_pending_members_the_roll_lists(db, unions):
    union = unions[0]
    pending = MemberFactory(union=union, membership_status="pending", membership_number="55")
    other = MemberFactory(union=union, membership_status="pending", membership_number="56")
    listed_case, unlisted_case = make_case(pending), make_case(other)
    assert listed_case.membership_pending and unlisted_case.membership_pending
    report = import_roll(_csv([("EBS", "55", pending.national_id, ""), ("EBS", "99", other.national_id, "")]))
    assert report.verified_members == 1
    db.session.expire_all()
    assert db.session.get(MemberProfile, pending.id).membership_status == "verified"
    assert db.session.get(MemberProfile, other.id).membership_status == "pending"
    # The lawyers' queue stops marking the verified member's case.
    assert db.session.get(Case, listed_case.id).membership_pending is False
    assert db.session.get(Case, unlisted_case.id).membership_pending is True


def test_the_union_option_refuses_other_unions_rows(db, unions):
    rows = [("EBS", "1", national_id(), ""), ("SGS", "2", national_id(), ""), ("XYZ", "3", national_id(), "")]
    report = import_roll(_csv(rows), union_code="ebs")
    assert (report.added, report.refused) == (1, 2)
    reasons = [m.render() for m in report.messages]
    assert "The union code “SGS” belongs to another union than the one being imported." in reasons
    assert "Unknown union code “XYZ”." in reasons  # a code no union has is still unknown


def test_the_roll_form_chooses_no_union_in_advance(client, db, login, unions):
    login(UserFactory(role="admin", union_id=None))
    page = client.get("/admin/roll").get_data(as_text=True)
    select = page.split('name="union_id"')[1].split("</select>")[0]
    assert "selected" not in select
    response = client.post(
        "/admin/roll",
        data={
            "union_id": "0",
            "file": (io.BytesIO(b"x"), "liste.csv"),
            "csrf_token": csrf_token_from(client.get("/admin/roll")),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "Lütfen üye listesinin ait olduğu sendikayı seçin" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(sa.select(sa.func.count(RollEntry.id))) == 0


def test_the_cli_shows_progress_and_the_report(db, unions, runner, tmp_path):
    path = tmp_path / "roll.csv"
    path.write_bytes(_csv([("EBS", str(n), national_id(), f"Üye {n}") for n in range(1, 4)] + [("EBS", "9", "1", "")]))
    result = runner.invoke(args=["members", "import", str(path), "--union", "EBS"])
    assert result.exit_code == 0, result.output
    assert "4/4 rows (100%)" in result.output
    assert "3 added, 0 updated, 0 unchanged, 1 refused" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("isim\nAli\n")
    result = runner.invoke(args=["members", "import", str(bad)])
    assert result.exit_code != 0 and "Nothing was imported" in result.output


def test_admins_upload_a_roll_and_read_the_report(client, db, login, unions):
    login(UserFactory(role="admin", union_id=None))
    page = client.get("/admin/roll")
    content = _csv([("EBS", "1", national_id(), "Ayşe"), ("EBS", "2", "11111111111", "Bozuk")])
    response = client.post(
        "/admin/roll",
        data={
            "union_id": unions[0].id,
            "file": (io.BytesIO(content), "liste.csv"),
            "csrf_token": csrf_token_from(page),
        },
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-count="added">1<' in html and 'data-count="refused">1<' in html
    assert "T.C. Kimlik No" in html  # the refusal reason, translated


def test_a_bad_upload_is_explained_and_changes_nothing(client, db, login, unions):
    login(UserFactory(role="admin", union_id=None))
    page = client.get("/admin/roll")
    response = client.post(
        "/admin/roll",
        data={
            "union_id": unions[0].id,
            "file": (io.BytesIO(b"isim\nAli\n"), "x.csv"),
            "csrf_token": csrf_token_from(page),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Hiçbir şey içe aktarılmadı" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(RollEntry.id))) == 0


@pytest.mark.parametrize("role", ["member", "lawyer", "officer"])
def test_only_admins_import_rolls(client, login, role, unions):
    user = UserFactory(role=role)
    login(user)
    assert client.get("/admin/roll").status_code == 403
    assert client.get("/admin/members").status_code == 403
