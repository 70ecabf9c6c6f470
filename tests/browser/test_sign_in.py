"""Each demo role signs in through a real browser and lands on its home page, in Turkish."""

import pytest

from app.demo_data import DEMO_PASSWORD
from tests.browser.conftest import ARTIFACTS, sign_in

ROLE_HOMES = [
    ("uye@dayanak.test", "/portal/", "Başvurularım", "Üye"),
    ("avukat@dayanak.test", "/desk/", "Dosya kuyruğu", "Avukat"),
    ("sosyal@dayanak.test", "/desk/", "Dosya kuyruğu", "Sosyal işler görevlisi"),
    ("admin@dayanak.test", "/admin/", "Yönetim", "Yönetici"),
]


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("email", "path", "heading", "role_label"), ROLE_HOMES)
def test_each_demo_role_signs_in_to_its_turkish_home(demo, live_server, page, email, path, heading, role_label):
    sign_in(page, live_server, email, DEMO_PASSWORD)
    page.wait_for_url(f"{live_server}{path}")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.get_by_test_id("page-heading").inner_text() == heading
    assert role_label in page.get_by_test_id("current-user").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{email.split('@')[0]}.png"), full_page=True)
    page.get_by_role("button", name="Çıkış yap").click()
    page.wait_for_url(f"{live_server}/login")


def test_a_wrong_password_shows_the_generic_message(demo, live_server, page):
    sign_in(page, live_server, "avukat@dayanak.test", "yanlış parola")
    assert page.get_by_role("alert").inner_text() == "E-posta adresi veya parola hatalı."
