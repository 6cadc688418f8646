"""The trained parts: category suggestions, similar closed cases, the weekly retraining, and the
live accuracy they feed."""

import pytest
from django.test import Client

from closeloop.assist import analysis
from closeloop.assist.models import CaseInsight, Decision, DecisionKind
from closeloop.assist.services import models_retrain
from closeloop.assist.tasks import models_retrain_task
from closeloop.cases.models import Case
from closeloop.nlp.models import AssistModel
from closeloop.nlp.services import MIN_TRAINING_CASES, model_train
from tests.conftest import drive

pytestmark = pytest.mark.django_db

HEATER = [
    "热水器到货无法启动",
    "热水器安装后不出热水",
    "热水器点不着火",
    "热水器显示故障代码",
    "新热水器漏水",
]
PARCEL = ["快递三天没有更新物流", "包裹一直显示运输中", "快递员没送货就签收", "物流停滞不动", "快递迟迟不到"]


@pytest.fixture
def category_model(db):
    texts = HEATER * 4 + PARCEL * 4
    labels = ["PRODUCT-DEFECT-DOA"] * 20 + ["LOGISTICS-DELIVERY-STALLED"] * 20
    return model_train(task="category", texts=texts, labels=labels)


def test_the_top_three_categories_come_with_confidence(category_model):
    result = analysis.analyze("我买的热水器打不着火，显示故障")
    codes = [h.category.code for h in result.categories]
    assert codes[0] == "PRODUCT-DEFECT-DOA"
    assert 0 < result.categories[0].confidence <= 1
    assert sum(h.confidence for h in result.categories) <= 1.0001
    assert result.models["category"] == category_model.pk
    # Dispatch follows the best suggestion when no category was chosen yet.
    assert result.dispatch.department.code == "AS"


def test_the_category_choice_at_intake_is_counted(
    category_model, register, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(
            title="快递一直不到",
            description="包裹一直显示运输中，物流停滞不动",
            category="PRODUCT-DEFECT-DOA",
        )
    decision = Decision.objects.get(kind=DecisionKind.CATEGORY)
    assert decision.suggested == "LOGISTICS-DELIVERY-STALLED"
    assert decision.chosen == "PRODUCT-DEFECT-DOA"
    assert not decision.accepted
    assert CaseInsight.objects.get(case=decision.case).categories[0]["code"] == "LOGISTICS-DELIVERY-STALLED"


def test_similar_closed_cases_show_their_plan_and_rating(register, staff):
    closed = drive(register(title="热水器无法点火", description="热水器安装后点不着火"), staff, "closed")
    other = drive(register(title="快递延误", description="包裹一直不到"), staff, "closed")
    open_case = register(title="热水器点不着", description="热水器点火失败")
    model_train(
        task="similar",
        texts=["热水器无法点火 热水器安装后点不着火", "快递延误 包裹一直不到"],
        labels=[closed.pk, other.pk],
    )
    result = analysis.analyze("热水器点不着火", user=staff["supervisor"], exclude=(open_case.pk,))
    assert result.similar[0].case.number == closed.number
    shown = result.as_dict()["similar_cases"][0]
    assert shown["plan"] == "退货退款"
    assert shown["satisfaction"] == 9
    client = Client()
    client.force_login(staff["supervisor"])
    page = client.get(f"/cases/{open_case.number}/").content.decode()
    assert closed.number in page and "Satisfaction 9/10" in page and "退货退款" in page
    # Out of the user's scope, a similar case is not shown at all.
    assert analysis.analyze("热水器点不着火", user=staff["other_handler"]).similar == []


def test_the_weekly_job_retrains_from_closed_cases(register, staff):
    assert models_retrain() == {}, "too few closed cases: the current models stay"
    base = drive(register(), staff, "closed")
    rows = [
        Case(**{f.attname: getattr(base, f.attname) for f in Case._meta.concrete_fields if f.name != "id"})
        for _ in range(MIN_TRAINING_CASES)
    ]
    for i, row in enumerate(rows):
        row.number = f"T{i:06d}"
        row.description = f"{HEATER[i % 5]}，第{i}次{PARCEL[i % 5]}"
        if i % 2:
            row.emotion = "calm"
    Case.objects.bulk_create(rows)
    trained = models_retrain_task.apply().get()
    assert trained["similar"] == MIN_TRAINING_CASES + 1
    assert trained["emotion"] == MIN_TRAINING_CASES + 1
    assert "category" not in trained, "one category only: nothing to choose between"
    assert AssistModel.objects.filter(is_active=True).count() == 2
