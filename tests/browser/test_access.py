"""Signing in, language choice and who may reach what, in a real browser."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, username: str, password: str = "pw") -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").or_(page.get_by_role("button", name="Sign in")).click()


def test_public_user_is_sent_to_sign_in_from_staff_pages(page_in):
    page = page_in("zh-Hans")
    page.goto("/")
    assert "/accounts/login/" in page.url
    page.goto("/cases/new/")
    assert "/accounts/login/" in page.url
    screenshot(page, "login-zh")


def test_sign_in_in_english_shows_name_and_roles(page_in, staff):
    page = page_in("en")
    sign_in(page, "handler")
    page.wait_for_url("**/")
    header = page.locator("header").inner_text()
    assert "handler" in header
    assert "Sign out" in header
    screenshot(page, "workbench-en")
