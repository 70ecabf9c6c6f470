"""A lawyer whose union requires two-factor sign-in enrols with a phone app and signs in with a code."""

import time

import pyotp

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, UserFactory


def test_enrolment_and_sign_in_with_a_generated_code(app, db, live_server, page):
    app.config["STAFF_MFA"] = "required"
    lawyer = UserFactory(role="lawyer", full_name="Zeynep Avukat")
    sign_in(page, live_server, lawyer.email, PASSWORD)
    # Required and not set up: the desk waits until the second factor is on.
    page.wait_for_url(f"{live_server}/account/two-factor")
    assert page.get_by_test_id("totp-qr").is_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)  # the "phone": it reads the key shown beside the QR code
    page.get_by_label("Uygulamadaki kod").fill(totp.now())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "two-factor-setup.png"), full_page=True)
    page.get_by_test_id("enable-mfa").click()
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(codes) == 10
    page.screenshot(path=str(ARTIFACTS / "two-factor-recovery-codes.png"), full_page=True)
    page.get_by_role("link", name="Kaydettim").click()
    page.get_by_role("button", name="Çıkış yap", exact=True).click()
    page.wait_for_url(f"{live_server}/login")

    sign_in(page, live_server, lawyer.email, PASSWORD)
    page.wait_for_url(f"{live_server}/login/second-factor")
    assert page.url.endswith("/login/second-factor")
    page.get_by_label("Kod").fill("000000")
    page.get_by_test_id("confirm-code").click()
    assert "Bu kod doğru değil" in page.content()
    # The code of the next 30 seconds: the one used at enrolment cannot sign in again.
    page.get_by_label("Kod").fill(totp.at(time.time() + totp.interval))
    page.get_by_test_id("confirm-code").click()
    page.wait_for_url(f"{live_server}/desk/")
    page.goto(f"{live_server}/account")
    assert "tarihinden beri açık" in page.get_by_test_id("mfa-status").inner_text()
    page.screenshot(path=str(ARTIFACTS / "two-factor-account.png"), full_page=True)
