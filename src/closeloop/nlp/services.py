"""Writes of the assist app: train a model and make it the active one of its task."""

import time
from collections import Counter
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from closeloop.core import clock
from closeloop.nlp import selectors
from closeloop.nlp.classifier import TextClassifier
from closeloop.nlp.models import AssistModel, AssistTask
from closeloop.nlp.retrieval import SimilarIndex

# Fewer closed cases than this teach a classifier nothing worth suggesting: the weekly job skips
# the task, `closeloop train_assist` refuses unless told otherwise.
MIN_TRAINING_CASES = 50


def model_train(*, task: str, texts: Sequence[str], labels: Sequence) -> AssistModel:
    """Train `task` on the texts and save it as the task's next version, active at once.

    For `category` and `emotion` the labels are what to predict (a leaf category code, an emotion);
    for `similar` they are the ids the index returns (case ids). Training runs before the
    transaction: the table is locked only for the short save.
    """
    task = AssistTask(task)
    started = time.perf_counter()
    if task == AssistTask.SIMILAR:
        blob = SimilarIndex().build(list(labels), texts).dumps()
        metrics: dict = {}
    else:
        classifier = TextClassifier().fit(texts, [str(label) for label in labels])
        blob = classifier.dumps()
        metrics = {
            "labels": dict(sorted(Counter(str(label) for label in labels).items())),
            "temperature": round(classifier.temperature, 4),
        }
    metrics["train_seconds"] = round(time.perf_counter() - started, 2)
    metrics["blob_bytes"] = len(blob)
    with transaction.atomic():
        # Locks the task's rows, so two trainings finishing together take versions one after another.
        latest = AssistModel.objects.select_for_update().filter(task=task).values_list("pk", flat=True)
        list(latest)
        version = (AssistModel.objects.filter(task=task).aggregate(v=Max("version"))["v"] or 0) + 1
        AssistModel.objects.filter(task=task, is_active=True).update(is_active=False)
        model = AssistModel.objects.create(
            task=task,
            version=version,
            created_at=clock.now(),
            trained_on=len(texts),
            metrics=metrics,
            blob=blob,
            is_active=True,
        )
        transaction.on_commit(selectors.cache_clear)
    # Also now: inside a caller's transaction this process should already read the new version.
    selectors.cache_clear()
    return model
