"""A lawyer generates a lawsuit petition from a demo case in a real browser, then downloads it."""

from pathlib import Path

import sqlalchemy as sa

from app.demo_data import DEMO_PASSWORD
from app.models import Case, User
from tests.app.test_petition_support import assert_no_tags, read_back
from tests.browser.conftest import ARTIFACTS, sign_in


def test_a_lawyer_generates_and_downloads_a_petition(runner, db, live_server, page):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    lawyer = db.session.scalar(sa.select(User).where(User.email == "avukat@dayanak.test"))
    case = db.session.scalar(
        sa.select(Case)
        .where(Case.kind == "legal", Case.union_id == lawyer.union_id, Case.category == "relocation")
        .order_by(Case.id)
        .limit(1)
    )
    sign_in(page, live_server, "avukat@dayanak.test", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server}/desk/")
    page.goto(f"{live_server}/desk/cases/{case.id}")
    page.locator('[data-panel="documents"] [data-template="iptal-davasi"]').click()
    page.get_by_label("Mahkemenin adı", exact=False).fill("Ankara 2. İdare Mahkemesi")
    page.get_by_label("İşlemin tarihi").fill("2026-10-01")
    page.get_by_label("İşlemin konusu", exact=False).fill("müvekkilin atanmasına ilişkin")
    page.get_by_label("İşlemin tebliğ tarihi", exact=False).fill("2026-10-06")
    page.get_by_label("Yürütmenin durdurulması talep edilsin mi").check()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "petition-generate.png"), full_page=True)
    page.get_by_role("button", name="Belgeyi oluştur").click()
    page.wait_for_url(f"{live_server}/desk/cases/{case.id}")
    assert "oluşturuldu" in page.get_by_role("alert").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "petition-panel.png"), full_page=True)
    with page.expect_download() as download:
        page.locator('[data-panel="documents"]').get_by_role("link", name=".docx indir").click()
    text = read_back(Path(download.value.path()).read_bytes())
    assert_no_tags(text)
    assert "ANKARA 2. İDARE MAHKEMESİ" in text and "YÜRÜTMENİN DURDURULMASI" in text


def test_an_admin_sees_an_upload_refused_in_turkish_then_accepted(runner, db, live_server, page, tmp_path):
    from tests.app.test_petition_support import make_docx

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    bad, good = tmp_path / "kotu.docx", tmp_path / "iyi.docx"
    bad.write_bytes(make_docx("{{ member.full_name }} {{ member.maas }}"))
    good.write_bytes(make_docx("{{ authority }}", "{{ member.full_name|buyuk }}"))
    sign_in(page, live_server, "admin@dayanak.test", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server}/admin/")
    page.get_by_role("link", name="Dilekçe şablonları").first.click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "petition-templates.png"), full_page=True)
    page.get_by_role("link", name="Yeni şablon").click()
    page.get_by_label("Şablon dosyası (.docx)").set_input_files(str(bad))
    page.get_by_label("Kısa ad").fill("ornek")
    page.get_by_label("Başlık (Türkçe)").fill("Örnek dilekçe")
    page.get_by_label("Hukuki destek").check()
    page.get_by_role("button", name="Denetle ve şablonu ekle").click()
    assert "Şablon bilinmeyen alanlar kullanıyor: member.maas." in page.locator(".invalid-feedback").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "petition-template-refused.png"), full_page=True)
    assert page.get_by_label("Başlık (Türkçe)").input_value() == "Örnek dilekçe"
    page.get_by_label("Şablon dosyası (.docx)").set_input_files(str(good))
    page.get_by_role("button", name="Denetle ve şablonu ekle").click()
    assert "Örnek dilekçe şablonu eklendi." in page.get_by_role("alert").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "petition-template.png"), full_page=True)
