"""Both languages are complete: every extracted string has a Chinese translation."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[1] / "src/closeloop/locale/zh_Hans/LC_MESSAGES/django.po"


def test_chinese_catalogue_has_no_untranslated_or_fuzzy_entries():
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext is missing; `make gettext` installs it.")
        pytest.skip("GNU gettext is not installed")
    report = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "untranslated" not in report and "fuzzy" not in report, (
        f"{report.strip()} — translate them in {CATALOGUE.relative_to(CATALOGUE.parents[5])}"
    )


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "登录"), ("en", "Sign in")])
def test_sign_in_page_follows_accept_language(client, language, expected):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=language)
    assert expected in response.content.decode()


def test_domain_labels_are_translated():
    with translation.override("zh-hans"):
        from closeloop.cases.choices import Status

        assert str(Status.AWAITING_FOLLOW_UP.label) == "待回访"
