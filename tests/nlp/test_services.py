import pytest

from closeloop.nlp import selectors
from closeloop.nlp.classifier import TextClassifier
from closeloop.nlp.models import AssistModel
from closeloop.nlp.retrieval import SimilarIndex
from closeloop.nlp.services import model_train

TEXTS = ["热水器坏了", "热水器漏水", "快递没送到", "快递员态度差"] * 3
LABELS = ["PRODUCT", "PRODUCT", "LOGISTICS", "LOGISTICS"] * 3


@pytest.mark.django_db
def test_each_training_is_the_next_version_and_the_only_active_one():
    first = model_train(task="category", texts=TEXTS, labels=LABELS)
    second = model_train(task="category", texts=TEXTS, labels=LABELS)
    index = model_train(task="similar", texts=TEXTS, labels=list(range(1, 13)))
    assert (first.version, second.version, index.version) == (1, 2, 1)
    assert list(
        AssistModel.objects.filter(is_active=True).values_list("task", "version").order_by("task")
    ) == [
        ("category", 2),
        ("similar", 1),
    ]
    assert second.trained_on == 12
    assert second.metrics["labels"] == {"LOGISTICS": 6, "PRODUCT": 6}


@pytest.mark.django_db
def test_active_model_is_loaded_once_and_reloaded_for_a_new_version(django_assert_num_queries):
    assert selectors.active_model("category") is None
    model_train(task="category", texts=TEXTS, labels=LABELS)
    loaded = selectors.active_model("category")
    assert isinstance(loaded, TextClassifier)
    assert loaded.predict(["热水器打不着火"]) == ["PRODUCT"]
    with django_assert_num_queries(0):
        assert selectors.active_model("category") is loaded
    model_train(task="category", texts=TEXTS, labels=list(reversed(LABELS)))
    assert selectors.active_model("category") is not loaded
    assert isinstance(selectors.active_model("similar"), type(None))


@pytest.mark.django_db
def test_other_processes_see_a_new_version_after_the_check_interval(monkeypatch):
    model_train(task="similar", texts=TEXTS, labels=list(range(12)))
    first = selectors.active_model("similar")
    assert isinstance(first, SimilarIndex)
    # Another process trains: this one learns of it only when its check expires.
    newer = model_train(task="similar", texts=TEXTS[:4], labels=[1, 2, 3, 4])
    AssistModel.objects.filter(pk=newer.pk).update(is_active=False)
    AssistModel.objects.filter(task="similar", version=1).update(is_active=True)
    selectors.cache_clear()
    assert len(selectors.active_model("similar")) == 12
    AssistModel.objects.filter(task="similar", version=1).update(is_active=False)
    AssistModel.objects.filter(pk=newer.pk).update(is_active=True)
    assert len(selectors.active_model("similar")) == 12  # still within CHECK_SECONDS
    monkeypatch.setattr(selectors._active["similar"], "_seconds", 0)
    assert len(selectors.active_model("similar")) == 4
