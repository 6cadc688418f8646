"""Fill a database with many complaints quickly, for benchmarks only.

    closeloop migrate && closeloop load_demo && python bench/seed_cases.py --total 100000

The demo loader drives every case through the workflow services (about 80 ms a case); that is
the right path for data people look at, but 100,000 cases would take hours. This script copies
the shape of the demo cases (states, departments, handlers, deadlines, events) with bulk inserts,
so benchmarks measure reads against a realistic volume. It never runs in the product.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from closeloop.cases.models import Case, Event  # noqa: E402
from closeloop.core.db import statistics_refresh  # noqa: E402

BATCH = 2000


def seed(total: int, seed: int) -> int:
    rng = random.Random(seed)
    templates = list(Case.objects.all()[:2000])
    if not templates:
        sys.exit("Load the demo first: closeloop load_demo")
    existing = Case.objects.count()
    to_make = max(0, total - existing)
    now = timezone.now()
    made = 0
    started = time.monotonic()
    while made < to_make:
        batch = []
        for _ in range(min(BATCH, to_make - made)):
            t = rng.choice(templates)
            shift = timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1440))
            case = Case(
                **{f.attname: getattr(t, f.attname) for f in Case._meta.concrete_fields if not f.primary_key}
            )
            made += 1
            case.number = f"BM{existing + made:012d}"
            case.archive_number = None
            case.merged_into_id = None
            for name in (
                "contacted_at",
                "registered_at",
                "response_due_at",
                "resolution_due_at",
                "follow_up_due_at",
                "responded_at",
                "resolved_at",
                "feedback_at",
                "closed_at",
                "archived_at",
                "extended_at",
                "occurred_at",
                "screened_at",
            ):
                value = getattr(case, name)
                if value is not None:
                    setattr(case, name, min(value - shift, now))
            batch.append(case)
        with transaction.atomic():
            Case.objects.bulk_create(batch)
            Event.objects.bulk_create(
                Event(
                    case=c,
                    action="register",
                    actor_id=c.registered_by_id,
                    created_at=c.registered_at,
                    to_status="registered",
                    data={"channel": c.channel},
                )
                for c in batch
            )
        rate = made / max(time.monotonic() - started, 1e-9)
        print(f"\r  seeded {made}/{to_make} ({rate:,.0f}/s)", end="", flush=True)
    print()
    # Autovacuum (PostgreSQL) or the daily statistics job (SQLite) would analyse the new rows in
    # time; a benchmark right after a bulk load must not measure plans made without statistics.
    if not statistics_refresh():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return made


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=100_000, help="cases wanted in the database")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"made {seed(args.total, args.seed)} cases; total {Case.objects.count()}")
