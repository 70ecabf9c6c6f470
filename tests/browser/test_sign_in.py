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


@pytest.mark.parametrize("javascript", [True, False])
def test_a_member_on_a_phone_reaches_the_menu_with_or_without_javascript(demo, live_server, browser, javascript):
    context = browser.new_context(
        locale="tr-TR", viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=javascript
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, live_server, "uye@dayanak.test", DEMO_PASSWORD)
        page.wait_for_url(f"{live_server}/portal/")
        menu_link = page.locator("#nav").get_by_role("link", name="Yeni başvuru", exact=True)
        if javascript:
            assert not menu_link.is_visible()  # folded behind the menu button on a narrow screen
            page.get_by_role("button", name="Menüyü aç/kapat").click()
        menu_link.wait_for(state="visible")
        page.keyboard.press("Tab")  # the first stop is the skip link, which appears when focused
        assert page.get_by_role("link", name="İçeriğe geç").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"phone-menu-{'js' if javascript else 'nojs'}.png"), full_page=True)
    finally:
        context.close()
