from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from closeloop.cases.duplicates import signatures_build
from closeloop.cases.models import Case, CaseSignature


class Command(BaseCommand):
    help = (
        "Compute the text signatures duplicate detection looks up, for cases that have none "
        "(an existing database), or for every case with --all (after changing the MinHash parameters)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", type=int, default=1000, help="Cases per transaction.")
        parser.add_argument("--all", action="store_true", help="Drop every signature and compute all again.")

    def handle(self, *args, batch: int, all: bool, **options) -> None:
        if all:
            CaseSignature.objects.all().delete()
            todo = Case.objects.all()
        else:
            todo = Case.objects.exclude(pk__in=CaseSignature.objects.values("case_id"))
        todo = todo.only("id", "title", "description").order_by("pk")
        total = todo.count()
        last = 0
        made = 0
        with tqdm(total=total, unit="case", disable=total == 0 or options["verbosity"] == 0) as bar:
            while True:
                cases = list(todo.filter(pk__gt=last)[:batch])
                if not cases:
                    break
                with transaction.atomic():
                    made += len(CaseSignature.objects.bulk_create(signatures_build(cases), batch_size=2000))
                last = cases[-1].pk
                bar.update(len(cases))
        self.stdout.write(f"{total} cases signed ({made} signature rows).")
