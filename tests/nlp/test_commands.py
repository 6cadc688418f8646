import csv
import json

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from closeloop.cases.models import Case
from closeloop.nlp import selectors
from closeloop.nlp.models import AssistModel
from tests.conftest import drive

ROWS = [
    ("热水器坏了无法点火", "PRODUCT", "angry"),
    ("热水器漏水严重", "PRODUCT", "calm"),
    ("手机屏幕坏了", "PRODUCT", "angry"),
    ("快递三天没送到", "LOGISTICS", "angry"),
    ("快递员态度差劲", "LOGISTICS", "calm"),
    ("物流信息不更新", "LOGISTICS", "calm"),
] * 4


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "cat", "emotion"])
        writer.writerows(rows)
    return path


def evaluate(capsys, *args) -> dict:
    call_command("evaluate_assist", *args)
    return json.loads(capsys.readouterr().out)


def test_evaluate_prints_one_json_object_of_metrics(tmp_path, capsys):
    train = write_csv(tmp_path / "train.csv", ROWS)
    test = tmp_path / "test.jsonl"
    test.write_text(
        "\n".join(
            json.dumps({"text": t, "cat": c}, ensure_ascii=False)
            for t, c in [("熱水器打不著火", "PRODUCT"), ("快递一直没送到", "LOGISTICS")]
        ),
        encoding="utf-8",
    )
    common = ["--train", str(train), "--test", str(test), "--text-col", "text"]
    metrics = evaluate(capsys, "--task", "category", *common, "--label-col", "cat")
    assert metrics["accuracy"] == 1.0 and metrics["macro_f1"] == 1.0
    assert metrics["per_class_f1"] == {"LOGISTICS": 1.0, "PRODUCT": 1.0}
    assert (metrics["train_rows"], metrics["test_rows"]) == (24, 2)


def test_evaluate_anger_scores_the_angry_class(tmp_path, capsys):
    train = write_csv(tmp_path / "train.csv", ROWS)
    args = ["--task", "anger", "--train", str(train), "--test", str(train), "--text-col", "text"]
    metrics = evaluate(capsys, *args, "--label-col", "emotion")
    assert set(metrics["per_class_f1"]) == {"angry", "other"}
    assert 0 <= metrics["angry_f1"] <= 1 and "angry_recall" in metrics


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--task": "sentiment"}, "Unknown task 'sentiment'"),
        ({"--train": "missing.csv"}, "No file"),
        ({"--label-col": "grade"}, "no column 'grade'"),
        ({"--test": "notes.xlsx"}, "give a .csv or .jsonl file"),
    ],
)
def test_evaluate_refuses_bad_input_with_a_clear_message(tmp_path, change, message):
    write_csv(tmp_path / "train.csv", ROWS)
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    options = {"--task": "category", "--train": "train.csv", "--test": "train.csv", "--label-col": "cat"}
    options.update(change)
    args = ["--text-col", "text"]
    for key, value in options.items():
        args += [key, value if key in ("--task", "--label-col") else str(tmp_path / value)]
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_assist", *args)


def test_evaluate_exits_non_zero_from_the_command_line(tmp_path, capsys):
    missing = str(tmp_path / "none.csv")
    argv = ["closeloop", "evaluate_assist", "--task", "category", "--train", missing, "--test", missing]
    with pytest.raises(SystemExit) as exited:
        ManagementUtility([*argv, "--text-col", "text", "--label-col", "cat"]).execute()
    assert exited.value.code != 0
    captured = capsys.readouterr()
    assert "No file" in captured.err and captured.out == ""


@pytest.fixture
def closed_cases(register, staff):
    """Four complaints through the whole workflow to closure (two after-sales leaves, two emotions),
    and one still open."""
    texts = [
        ("热水器到货无法点火", "安装后一直打不着火", "PRODUCT-DEFECT-DOA", "angry"),
        ("热水器到货不能用", "点火失败，客服推脱", "PRODUCT-DEFECT-DOA", "calm"),
        ("退货申请没人处理", "寄回的商品签收三天了，退货单还是待审核", "SERVICE-AFTERSALES-RETURN", "calm"),
        ("退货运费谁出", "商品质量问题退货，却要我出运费", "SERVICE-AFTERSALES-RETURN", "calm"),
    ]
    cases = [
        drive(register(title=t, description=d, category=c, emotion=e), staff, "closed")
        for t, d, c, e in texts
    ]
    register(title="热水器还在处理中", description="未结案的不参与训练")
    return cases


@pytest.mark.django_db
def test_train_assist_learns_from_the_closed_cases(closed_cases, capsys):
    call_command("train_assist", "--task", "category", "--min-cases", "4", verbosity=0)
    assert "category v1 trained on 4 closed cases" in capsys.readouterr().out
    model = selectors.active_model("category")
    assert set(model.labels) == {"PRODUCT-DEFECT-DOA", "SERVICE-AFTERSALES-RETURN"}
    assert model.predict(["熱水器打不著火"]) == ["PRODUCT-DEFECT-DOA"]

    call_command("train_assist", "--task", "emotion", "--min-cases", "4", verbosity=0)
    assert set(selectors.active_model("emotion").labels) == {"angry", "calm"}

    call_command("train_assist", "--task", "similar", "--min-cases", "4", verbosity=0)
    index = selectors.active_model("similar")
    open_case = Case.objects.get(title="热水器还在处理中")
    found = index.query("退货申请三天了还在审核", k=2)
    assert {case_id for case_id, _ in found} <= {c.pk for c in closed_cases[2:]}
    assert open_case.pk not in index.ids
    assert AssistModel.objects.filter(is_active=True).count() == 3


@pytest.mark.django_db
def test_train_assist_refuses_too_few_cases(register):
    register()  # open: not learnt from
    with pytest.raises(CommandError, match="Only 0 closed cases"):
        call_command("train_assist", "--task", "category", verbosity=0)
    assert not AssistModel.objects.exists()
