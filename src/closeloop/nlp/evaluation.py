"""Measure the shipped classifier on labelled files: what `closeloop evaluate_assist` and
`bench/assist_quality.py` run. Train on one file, score another, return the metrics as one dict."""

import csv
import io
import json
import time
from collections.abc import Sequence
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

from closeloop.nlp.classifier import TextClassifier

TASKS = ("category", "anger", "emotion")
ANGRY = "angry"
OTHER = "other"


class EvaluationError(ValueError):
    """A file or option that cannot be evaluated; the message says what to fix."""


def read_labelled(path: Path, *, text_col: str, label_col: str) -> tuple[list[str], list[str]]:
    """Texts and labels from a CSV (UTF-8 with or without BOM, or GB18030 as Chinese Excel saves
    it) or JSONL file (one object a line; `.jsonl` or `.json`). Rows with an empty text or label are
    left out."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationError(f"No file {path}.")
    if path.suffix.lower() in {".jsonl", ".json", ".ndjson"}:
        rows = _jsonl_rows(path)
    elif path.suffix.lower() in {".csv", ".txt", ".tsv"}:
        rows = _csv_rows(path)
    else:
        raise EvaluationError(f"{path}: give a .csv or .jsonl file.")
    texts, labels = [], []
    for number, row in enumerate(rows, start=1):
        for column in (text_col, label_col):
            if column not in row:
                raise EvaluationError(
                    f"{path}: no column {column!r} (row {number} has {', '.join(map(repr, row))})."
                )
        text, label = str(row[text_col] or "").strip(), str(row[label_col] or "").strip()
        if text and label:
            texts.append(text)
            labels.append(label)
    if not texts:
        raise EvaluationError(f"{path}: no row with both {text_col!r} and {label_col!r}.")
    return texts, labels


def _jsonl_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvaluationError(f"{path}, line {number}: not JSON ({error.msg}).") from error
            if not isinstance(row, dict):
                raise EvaluationError(f"{path}, line {number}: expected an object.")
            rows.append(row)
    return rows


def _csv_rows(path: Path) -> list[dict]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise EvaluationError(f"{path}: neither UTF-8 nor GB18030.")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    # Not splitlines(): a quoted field may hold a line break (a title above its description).
    return list(csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter))


def task_labels(task: str, labels: Sequence[str]) -> list[str]:
    """`anger` asks one question, angry or not: every other label becomes `other`."""
    if task == "anger":
        return [ANGRY if label == ANGRY else OTHER for label in labels]
    return list(labels)


def evaluate(
    *,
    task: str,
    train: tuple[Sequence[str], Sequence[str]],
    test: tuple[Sequence[str], Sequence[str]],
    **classifier_options,
) -> dict:
    """Train the shipped classifier on `train` and score it on `test`: accuracy, macro-F1, F1 per
    class and, for `anger`, precision, recall and F1 of the angry class."""
    if task not in TASKS:
        raise EvaluationError(f"Unknown task {task!r}: choose one of {', '.join(TASKS)}.")
    train_texts, train_labels = train[0], task_labels(task, train[1])
    test_texts, test_labels = test[0], task_labels(task, test[1])
    if task == "anger" and ANGRY not in train_labels:
        raise EvaluationError(f"The training file has no {ANGRY!r} label.")
    if len(set(train_labels)) < 2:
        found = len(set(train_labels))
        raise EvaluationError(f"The training file has {found} label(s); at least 2 are needed.")
    started = time.perf_counter()
    model = TextClassifier(**classifier_options).fit(train_texts, train_labels)
    trained = time.perf_counter() - started
    started = time.perf_counter()
    predicted = model.predict(test_texts)
    predicted_in = time.perf_counter() - started
    classes = sorted(set(test_labels) | set(train_labels))
    per_class = f1_score(test_labels, predicted, labels=classes, average=None, zero_division=0)
    metrics = {
        "task": task,
        "train_rows": len(train_texts),
        "test_rows": len(test_texts),
        "accuracy": round(float(accuracy_score(test_labels, predicted)), 4),
        "macro_f1": round(
            float(f1_score(test_labels, predicted, labels=sorted(set(test_labels)), average="macro")), 4
        ),
        "per_class_f1": {label: round(float(f), 4) for label, f in zip(classes, per_class, strict=True)},
        "train_seconds": round(trained, 2),
        "predict_ms_per_text": round(predicted_in * 1000 / max(len(test_texts), 1), 3),
    }
    if task == "anger":
        options = {"labels": [ANGRY], "average": "micro", "zero_division": 0}
        metrics["angry_f1"] = round(float(f1_score(test_labels, predicted, **options)), 4)
        metrics["angry_precision"] = round(float(precision_score(test_labels, predicted, **options)), 4)
        metrics["angry_recall"] = round(float(recall_score(test_labels, predicted, **options)), 4)
    return metrics
