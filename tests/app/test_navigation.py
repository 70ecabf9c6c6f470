"""Redirects built from what the browser sends never leave the site."""

import pytest

from app.navigation import local_path, referring_page


@pytest.mark.parametrize(
    ("referrer", "expected"),
    [
        ("http://localhost/desk/cases/7?tab=x", "/desk/cases/7?tab=x"),
        ("http://localhost/admin/members", "/admin/members"),
        ("https://evil.example/desk/", "/fallback"),
        ("http://localhost.evil.example/desk/", "/fallback"),
        ("http://localhost//evil.example/", "/fallback"),
        ("http://localhost/\t/evil.example", "/fallback"),
        ("", "/fallback"),
        (None, "/fallback"),
    ],
)
def test_referring_page_is_a_page_of_this_site_or_the_fallback(app, referrer, expected):
    headers = {} if referrer is None else {"Referer": referrer}
    with app.test_request_context("/anything", headers=headers):
        assert referring_page("/fallback") == expected


@pytest.mark.parametrize(
    "target", ["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/", ""]
)
def test_local_path_refuses_what_a_browser_reads_as_another_site(target):
    assert local_path(target) is None


def test_local_path_keeps_a_path_of_this_site():
    assert local_path("/desk/?status=in_review#top") == "/desk/?status=in_review#top"
