from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from closeloop.cases.choices import FINAL_STATUSES
from closeloop.cases.duplicates import signatures_build, signatures_prune
from closeloop.cases.models import Case, CaseSignature


class Command(BaseCommand):
    help = (
        "Compute the text signatures duplicate detection looks up, for cases not yet closed that have "
        "none (an existing database, a reopened case after --prune), or for all of them with --all "
        "(after changing the MinHash parameters). Closed, archived, withdrawn and merged cases are "
        "never duplicate candidates; --prune deletes their signatures to keep the table small."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", type=int, default=1000, help="Cases per transaction.")
        parser.add_argument("--all", action="store_true", help="Drop every signature and compute all again.")
        parser.add_argument("--prune", action="store_true", help="Delete the signatures of final cases.")

    def handle(self, *args, batch: int, all: bool, prune: bool, **options) -> None:
        if all:
            CaseSignature.objects.all().delete()
        elif prune:
            pruned = signatures_prune()
            self.stdout.write(f"{pruned} signature rows of final cases deleted.")
        # Read once: the table has no index by case, so asking per batch would scan it each time.
        signed = set() if all else set(CaseSignature.objects.values_list("case_id", flat=True).distinct())
        cases = Case.objects.exclude(status__in=FINAL_STATUSES).only("id", "title", "description")
        cases = cases.order_by("pk")
        total = cases.count()
        last = 0
        done = rows = 0
        with tqdm(total=total, unit="case", disable=total == 0 or options["verbosity"] == 0) as bar:
            while True:
                page = list(cases.filter(pk__gt=last)[:batch])
                if not page:
                    break
                last = page[-1].pk
                todo = [case for case in page if case.pk not in signed]
                if todo:
                    signatures = signatures_build(todo)
                    with transaction.atomic():
                        CaseSignature.objects.bulk_create(signatures, batch_size=2000)
                    rows += len(signatures)
                    done += len(todo)
                bar.update(len(page))
        self.stdout.write(f"{done} cases signed ({rows} signature rows).")
