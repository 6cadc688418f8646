import numpy as np
import pytest
from sklearn.svm import LinearSVC

from closeloop.nlp.classifier import TextClassifier

TEXTS = [
    ("热水器到货无法点火\n安装后一直打不着火", "PRODUCT"),
    ("热水器漏水", "PRODUCT"),
    ("手机屏幕有坏点，开机就死机", "PRODUCT"),
    ("买的洗发水是假货", "PRODUCT"),
    ("快递三天没送到\n包裹显示已到站点", "LOGISTICS"),
    ("快递员态度差劲，把包裹扔在门口", "LOGISTICS"),
    ("物流信息一直不更新", "LOGISTICS"),
    ("派送员不送货上门", "LOGISTICS"),
    ("物业乱收费\n物业费涨了一倍", "PROPERTY"),
    ("小区物业不管垃圾", "PROPERTY"),
    ("物业公司停车费太贵", "PROPERTY"),
    ("电梯坏了物业不修", "PROPERTY"),
] * 3


@pytest.fixture(scope="module")
def model():
    return TextClassifier().fit([t for t, _ in TEXTS], [label for _, label in TEXTS])


def test_top_three_labels_with_probabilities(model):
    (top,) = model.predict_top(["熱水器打不著火"], k=3)
    assert top[0][0] == "PRODUCT"
    assert len(top) == 3 and len({label for label, _ in top}) == 3
    confidences = [c for _, c in top]
    assert confidences == sorted(confidences, reverse=True)
    assert 0 < sum(confidences) <= 1.0001


def test_predictions_follow_the_words(model):
    assert model.predict(["快递员把包裹弄丢了", "物业费乱收", "Ｐhone屏幕坏了手机"]) == [
        "LOGISTICS",
        "PROPERTY",
        "PRODUCT",
    ]


def test_explain_names_the_grams_that_pushed_toward_the_label(model):
    reasons = model.explain("物业又乱收费", "PROPERTY", n=3)
    assert 1 <= len(reasons) <= 3
    assert any("物业" in gram for gram, _ in reasons)
    assert all(weight > 0 for _, weight in reasons)
    assert model.explain("物业又乱收费", "NO-SUCH-LABEL") == []


def test_dumps_and_loads_give_the_same_answers(model):
    again = TextClassifier.loads(model.dumps())
    texts = ["快递没送到", "物业不修电梯", "热水器坏了"]
    assert again.predict_top(texts) == model.predict_top(texts)
    assert again.labels == model.labels


def test_two_labels_work_and_need_two():
    binary = TextClassifier().fit(
        ["气死了", "太过分了", "谢谢", "很好"] * 4, ["angry", "angry", "other", "other"] * 4
    )
    (top,) = binary.predict_top(["真是气死了"], k=3)
    assert top[0][0] == "angry" and len(top) == 2
    with pytest.raises(ValueError):
        TextClassifier().fit(["a", "b"], ["x", "x"])


def test_repeated_complaints_weigh_as_often_as_they_were_made():
    """Each distinct (text, label) is fitted once with its count as weight: the model is the one a
    linear SVM fits on every repeat as its own row (the loss is a sum over complaints)."""
    distinct = list(dict.fromkeys(TEXTS))
    repeats = [1 + i % 4 for i in range(len(distinct))]
    texts = [t for (t, _label), n in zip(distinct, repeats, strict=True) for _ in range(n)]
    labels = [lab for (_text, lab), n in zip(distinct, repeats, strict=True) for _ in range(n)]

    model = TextClassifier().fit(texts, labels)

    reference = LinearSVC(C=model.c, class_weight="balanced", dual="auto", max_iter=5000, random_state=0)
    reference.fit(model._features(texts, fit=False), np.asarray(labels))
    np.testing.assert_allclose(model._coef, reference.coef_, atol=2e-3)
    np.testing.assert_allclose(model._intercept, reference.intercept_, atol=2e-3)
