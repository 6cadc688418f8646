"""Reads of the assist app: the active model of a task, loaded once per process.

Loading a model means reading and unpickling megabytes, so a process keeps the one it loaded and
only asks the database which version is active, at most every `CHECK_SECONDS`: a newly trained
model is picked up by every web process and worker within that time, and at once in the process
that trained it.
"""

import sys
import threading

from tqdm import tqdm

from closeloop.cases.choices import CLOSED_STATUSES
from closeloop.cases.duplicates import case_text
from closeloop.cases.models import Case
from closeloop.core.memo import Expiring
from closeloop.nlp.classifier import TextClassifier
from closeloop.nlp.models import AssistModel, AssistTask
from closeloop.nlp.retrieval import SimilarIndex

CHECK_SECONDS = 30.0
# What the organisation has finished handling: its category and emotion were checked by then.
TRAINING_STATUSES = CLOSED_STATUSES

_LOADERS = {
    AssistTask.CATEGORY: TextClassifier.loads,
    AssistTask.EMOTION: TextClassifier.loads,
    AssistTask.SIMILAR: SimilarIndex.loads,
}
_loaded: dict[str, tuple[int, TextClassifier | SimilarIndex]] = {}
_lock = threading.Lock()


def _active_pk(task: str) -> int | None:
    return AssistModel.objects.filter(task=task, is_active=True).values_list("pk", flat=True).first()


_active = {task: Expiring(lambda task=task: _active_pk(task), seconds=CHECK_SECONDS) for task in AssistTask}


def active_model(task: str) -> TextClassifier | SimilarIndex | None:
    """The active classifier (category, emotion) or index (similar) of `task`; None before the
    first training."""
    task = AssistTask(task)
    pk = active_id(task)
    if pk is None:
        return None
    hit = _loaded.get(task)
    if hit is not None and hit[0] == pk:
        return hit[1]
    with _lock:
        hit = _loaded.get(task)
        if hit is None or hit[0] != pk:
            blob = AssistModel.objects.filter(pk=pk).values_list("blob", flat=True).first()
            if blob is None:  # deleted since the check: look again next time
                _active[task].clear()
                return None
            hit = (pk, _LOADERS[task](bytes(blob)))
            _loaded[task] = hit
    return hit[1]


def cache_clear(*, loaded: bool = False) -> None:
    """Forget which versions are active (after training here), and with `loaded` the models too
    (between tests, whose rolled-back rows give the next model the same primary key)."""
    for expiring in _active.values():
        expiring.clear()
    if loaded:
        _loaded.clear()


def closed_case_texts(*, task: str, progress: bool = False) -> tuple[list[str], list]:
    """Texts (title, a line break, description) of the closed and archived cases, and per task what
    to learn: the leaf category's code, the recorded emotion, or the case id to return."""
    task = AssistTask(task)
    label_field = {
        AssistTask.CATEGORY: "category__code",
        AssistTask.EMOTION: "emotion",
        AssistTask.SIMILAR: "pk",
    }[task]
    cases = Case.objects.filter(status__in=TRAINING_STATUSES).order_by("pk")
    total = cases.count() if progress else None
    texts, labels = [], []
    rows = cases.values_list("title", "description", label_field).iterator(chunk_size=2000)
    bar = tqdm(rows, total=total, unit="case", file=sys.stderr, disable=not progress)
    for title, description, label in bar:
        texts.append(case_text(title, description))
        labels.append(label)
    return texts, labels


def active_id(task: str) -> int | None:
    """The id of the active model of `task` (checked at most every `CHECK_SECONDS`), to record
    which model made a suggestion."""
    return _active[AssistTask(task)].get()
