import subprocess
import sys

import pytest

from closeloop.nlp import text
from closeloop.nlp.text import normalise, normalised, tokens


def test_traditional_full_width_and_latin_are_normalised():
    assert (
        normalise("我要投訴，退款還沒到賬！ＡＢＣ  Refund\n\t１２３１５")
        == "我要投诉,退款还没到账!abc refund 12315"
    )


@pytest.mark.parametrize(
    "raw", ["我要投訴，退款還沒到賬", "  ＡＢＣ\t\n１２３ 物業費 ", "İstanbul ﬁle ㈱", "", "\u3000"]
)
def test_both_normal_forms_agree(raw):
    assert normalise(raw) == normalised(raw).text


def test_normalised_text_knows_where_each_character_came_from():
    text = "  我要投訴，　退款還沒到賬"
    normal = normalised(text)
    at = normal.text.index("退款")
    start, end = normal.span(at, at + 2)
    assert text[start:end] == "退款"
    assert normal.origin[0] == 2  # leading spaces are dropped


def test_an_expanding_character_maps_back_to_itself():
    text = "㈱公司退款"
    normal = normalised(text)
    assert normal.text.startswith("(株)")
    at = normal.text.index("退款")
    assert text[slice(*normal.span(at, at + 2))] == "退款"
    assert normal.span(0, 3) == (0, 1)


def test_domain_words_stay_whole():
    words = tokens("物業亂收費太差勁了，我要去消協和12315投訴，物业费也不退款")
    for word in ("物业", "乱收费", "消协", "12315", "投诉", "物业费", "不退款"):
        assert word in words
    assert "," not in words


def test_mixed_english_is_segmented_in_lower_case():
    assert tokens("iPhone 退款 Refund please") == ["iphone", "退款", "refund", "please"]


def test_segmenter_is_quiet_in_a_fresh_process_whose_var_directory_is_unusable(tmp_path):
    """The cache cannot go under var/ (a file stands where its folder would): words still come
    and nothing is printed, neither jieba's loading messages nor a warning."""
    var = tmp_path / "var"
    var.mkdir()
    (var / "cache").write_text("not a folder")
    script = (
        "import django; django.setup(); from closeloop.nlp.text import tokens; "
        "print('|'.join(tokens('物业乱收费')))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "closeloop.settings", "CLOSELOOP_VAR_DIR": str(var), "PATH": "/usr/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "物业|乱收费"
    assert done.stderr == ""


def test_a_cache_that_cannot_be_written_costs_only_the_cache(tmp_path, monkeypatch, capfd):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("x")
    monkeypatch.setattr(text, "_tokenizer", None)
    monkeypatch.setattr(text, "_cache_dir", lambda: str(not_a_folder))
    assert text.tokens("我要投诉物业乱收费") == ["我", "要", "投诉", "物业", "乱收费"]
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""
