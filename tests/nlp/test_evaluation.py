"""The shipped classifier on real citizens' messages (../shared/data, never copied into the repo)."""

import csv
import random

import pytest
from django.conf import settings

from closeloop.nlp.evaluation import EvaluationError, evaluate, read_labelled

MESSAGES = settings.SHARED_DATA_DIR / "gov_messages" / "messages_labeled.csv"


@pytest.mark.skipif(not MESSAGES.is_file(), reason=f"shared data not found at {MESSAGES}")
def test_citizens_messages_are_classified_well_above_chance():
    with MESSAGES.open(encoding="utf-8-sig") as source:
        rows = [(f"{r['留言主题']}\n{r['留言详情']}", r["一级分类"]) for r in csv.DictReader(source)]
    random.Random(20261123).shuffle(rows)
    train, test = rows[:300], rows[300:]
    metrics = evaluate(
        task="category", train=tuple(zip(*train, strict=True)), test=tuple(zip(*test, strict=True))
    )
    # Seven classes: chance is about 0.14; the 5×2-fold mean is 0.80 (docs/benchmarks.md).
    assert metrics["macro_f1"] > 0.65
    assert len(metrics["per_class_f1"]) == 7


def test_gb18030_csv_as_chinese_excel_saves_it(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes("内容,类别\n热水器坏了,产品\n快递没到,物流\n".encode("gb18030"))
    assert read_labelled(path, text_col="内容", label_col="类别") == (
        ["热水器坏了", "快递没到"],
        ["产品", "物流"],
    )


def test_a_quoted_line_break_stays_in_the_text(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text('text,label\n"物业乱收费\n物业费涨了一倍",PROPERTY\n', encoding="utf-8")
    assert read_labelled(path, text_col="text", label_col="label") == (
        ["物业乱收费\n物业费涨了一倍"],
        ["PROPERTY"],
    )


def test_anger_needs_an_angry_label():
    with pytest.raises(EvaluationError, match="no 'angry' label"):
        evaluate(task="anger", train=(["a", "b"], ["happy", "sad"]), test=(["a"], ["happy"]))
