import tempfile

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


def test_cache_goes_to_the_temp_directory_when_var_is_unusable(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    (settings.VAR_DIR / "cache").write_text("a file where the folder would be")
    assert text._cache_dir() == tempfile.gettempdir()
    settings.VAR_DIR = tmp_path / "fresh"
    assert text._cache_dir() == str(tmp_path / "fresh" / "cache")


def test_a_cache_that_cannot_be_written_costs_only_the_cache(tmp_path, monkeypatch, capfd):
    """Loading from scratch with nowhere to write the cache: words still come, and nothing is
    printed, neither jieba's loading messages nor its failed cache write."""
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("x")
    monkeypatch.setattr(text, "_tokenizer", None)
    monkeypatch.setattr(text, "_cache_dir", lambda: str(not_a_folder))
    assert text.tokens("我要投诉物业乱收费") == ["我", "要", "投诉", "物业", "乱收费"]
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""
