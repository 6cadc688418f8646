"""`closeloop train_assist --task category|emotion|similar`: train a task on the organisation's own
closed cases and make it the active model."""

from django.core.management.base import BaseCommand, CommandError

from closeloop.nlp.models import AssistTask
from closeloop.nlp.selectors import closed_case_texts
from closeloop.nlp.services import MIN_TRAINING_CASES, model_train


class Command(BaseCommand):
    help = (
        "Train an assist task on the closed and archived cases: category (their leaf category), "
        "emotion (the emotion recorded at intake) or similar (the index of closed cases that "
        "similar-case search reads). The new version becomes active at once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--task", required=True, choices=[t.value for t in AssistTask])
        parser.add_argument(
            "--min-cases", type=int, default=MIN_TRAINING_CASES, help="Refuse to train on fewer closed cases."
        )

    def handle(self, *args, task: str, min_cases: int, **options) -> None:
        progress = options["verbosity"] > 0
        texts, labels = closed_case_texts(task=task, progress=progress)
        if len(texts) < min_cases:
            raise CommandError(
                f"Only {len(texts)} closed cases to train {task} on; at least {min_cases} are needed. "
                "Close more cases first, or lower --min-cases."
            )
        if task != AssistTask.SIMILAR:
            kinds = set(labels)
            if len(kinds) < 2:
                raise CommandError(
                    f"The closed cases have {len(kinds)} distinct {task} value(s); at least 2 are needed."
                )
        if progress:
            self.stderr.write(f"Training {task} on {len(texts)} closed cases …")
        model = model_train(task=task, texts=texts, labels=labels)
        self.stdout.write(
            f"{model.task} v{model.version} trained on {model.trained_on} closed cases in "
            f"{model.metrics['train_seconds']} s and activated."
        )
