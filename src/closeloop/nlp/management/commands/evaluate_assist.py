"""`closeloop evaluate_assist --task category --train a.csv --test b.csv --text-col review --label-col cat`:
train the shipped classifier on one labelled file and print its metrics on another as one JSON
object (accuracy, macro-F1, F1 per class; for `anger`, precision, recall and F1 of the angry class)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from closeloop.nlp.evaluation import TASKS, EvaluationError, evaluate, read_labelled


class Command(BaseCommand):
    help = (
        "Train the shipped assist classifier on a labelled CSV or JSONL file and print one JSON object "
        "of metrics for another file. Tasks: category (any labels), emotion (any labels), anger (the "
        "label 'angry' against all others)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--task", required=True, help=f"One of: {', '.join(TASKS)}.")
        parser.add_argument(
            "--train", required=True, type=Path, help="Labelled training file (.csv or .jsonl)."
        )
        parser.add_argument("--test", required=True, type=Path, help="Labelled test file (.csv or .jsonl).")
        parser.add_argument("--text-col", required=True, help="Column (or JSON key) of the text.")
        parser.add_argument("--label-col", required=True, help="Column (or JSON key) of the label.")

    def handle(self, *args, task: str, train: Path, test: Path, text_col: str, label_col: str, **options):
        if task not in TASKS:
            raise CommandError(f"Unknown task {task!r}: choose one of {', '.join(TASKS)}.")
        try:
            columns = {"text_col": text_col, "label_col": label_col}
            metrics = evaluate(
                task=task, train=read_labelled(train, **columns), test=read_labelled(test, **columns)
            )
        except EvaluationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(metrics, ensure_ascii=False))
