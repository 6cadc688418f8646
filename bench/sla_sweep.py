"""SLA sweep at volume: one pass over N open complaints of which D are due.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/closeloop_sweep \\
        .venv/bin/python bench/sla_sweep.py --open 100000 1000000 --due 1000

For each size in --open, the script grows the table to that many open complaints (bulk SQL, not
the services: a million cases through the workflow would take a day), marks --due of them as 49 h
past their resolution deadline, and times one `sla_sweep()` pass
(the e-mails it queues are left to workers). Each due case gets the full
treatment of seed 002: breach event, notices to handler and first-contact owner, a supervision order
to the supervisor with its audit event. The notices (inbox rows and e-mails to handler,
first-contact owner and supervisor) are queued after commit for workers; the script times them
too, separately. Results are printed as a Markdown table row
for docs/benchmarks.md. Every loop is bounded; the database is the one DATABASE_URL names.
"""

import argparse
import os
import platform
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from closeloop.cases import services  # noqa: E402
from closeloop.cases.models import Case  # noqa: E402
from closeloop.celery import app  # noqa: E402
from closeloop.notify.models import Notification  # noqa: E402
from closeloop.org.choices import Role  # noqa: E402
from closeloop.org.models import Department, Membership, User  # noqa: E402
from closeloop.policy.services import defaults_load  # noqa: E402
from closeloop.sla.models import SlaStep  # noqa: E402
from closeloop.sla.services import sla_step_notices, sla_sweep  # noqa: E402
from closeloop.supervision.models import SupervisionOrder  # noqa: E402
from closeloop.supervision.services import order_notices  # noqa: E402

LEAF = "PRODUCT-DEFECT-DOA"
CHUNK = 100_000


def _staff() -> dict[str, User]:
    people = {}
    for username, role, dept in [
        ("bench-agent", Role.AGENT, "CS-HOTLINE"),
        ("bench-handler", Role.HANDLER, "AS"),
        ("bench-supervisor", Role.SUPERVISOR, "AS"),
        ("bench-head", Role.HEAD, "AS"),
        ("bench-executive", Role.EXECUTIVE, "HQ"),
    ]:
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
        Membership.objects.get_or_create(user=user, department=Department.objects.get(code=dept), role=role)
        people[role] = user
    return people


def _template(people: dict[str, User]) -> Case:
    found = Case.objects.filter(number__startswith="TS").order_by("id").first()
    if found:
        return found
    case = services.case_register(
        actor=people[Role.AGENT],
        channel="phone",
        contacted_at=timezone.now(),
        complainant={"name": "王先生", "phone": "13800000000"},
        title="基准测试投诉",
        description="用于时限扫描基准测试的投诉。",
        category=LEAF,
    )
    return services.case_assign(case=case, actor=people[Role.AGENT], department="AS", handler="bench-handler")


def grow(template: Case, total: int) -> None:
    """Copy the template with SQL until `total` open cases exist, none of them due for weeks."""
    columns = [f.column for f in Case._meta.concrete_fields if not f.primary_key]
    varying = {
        "number": "'SW' || lpad(g::text, 12, '0')",
        "version": "1",
        "sla_next_check_at": "now() + interval '7 days' + (g %% 20000) * interval '1 minute'",
        "resolution_due_at": "now() + interval '9 days'",
    }
    select = ", ".join(varying.get(c, f'"{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM cases_case WHERE number LIKE 'SW%%'")
        have = cursor.fetchone()[0]
        started = time.monotonic()
        while have < total:
            upto = min(total, have + CHUNK)
            cursor.execute(
                f"INSERT INTO cases_case ({names}) SELECT {select} FROM cases_case, "
                f"generate_series(%s, %s) AS g WHERE cases_case.id = %s",
                [have + 1, upto, template.pk],
            )
            have = upto
            print(
                f"\r  {have:,}/{total:,} open cases ({time.monotonic() - started:.0f} s)", end="", flush=True
            )
        print()
        cursor.execute("ANALYZE cases_case")


def mark_due(count: int, offset: int) -> None:
    """Make `count` cases 49 h past their resolution deadline, due for the sweep now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case SET resolution_due_at = now() - interval '49 hours', "
            "sla_started_at = now() - interval '5 days', sla_next_check_at = now() - interval '1 minute' "
            "WHERE id IN (SELECT id FROM cases_case WHERE number LIKE 'SW%%' ORDER BY id OFFSET %s LIMIT %s)",
            [offset, count],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="passes per size (fresh due cases each)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The sweep benchmark is for PostgreSQL: set DATABASE_URL.")
    # In production the e-mails the sweep queues are sent by workers; here they are only queued
    # (in memory), so the timing is the sweep pass itself, as the issue asks.
    app.conf.update(task_always_eager=False, broker_url="memory://")
    call_command("migrate", verbosity=0)
    defaults_load()
    people = _staff()
    template = _template(people)
    rows = []
    used = 0
    for total in sorted(args.open):
        grow(template, total)
        timings, queries, notice_timings = [], [], []
        for _ in range(args.repeat):
            mark_due(args.due, used)
            used += args.due
            orders_before = SupervisionOrder.objects.count()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                result = sla_sweep()
                timings.append(time.perf_counter() - started)
            queries.append(len(captured))
            assert result.escalations == args.due, result
            new_orders = list(
                SupervisionOrder.objects.order_by("id").values_list("id", flat=True)[orders_before:]
            )
            assert len(new_orders) == args.due
            # What the workers do next: render and queue the notices (inbox and e-mail).
            notes_before = Notification.objects.count()
            step_ids = list(
                SlaStep.objects.filter(fired_at=SlaStep.objects.latest("id").fired_at).values_list(
                    "id", flat=True
                )
            )
            started = time.perf_counter()
            sla_step_notices(step_ids=step_ids)
            order_notices(order_ids=new_orders, kind="escalated")
            notice_timings.append(time.perf_counter() - started)
            print(
                f"  {total:,} open, {args.due} due: sweep {timings[-1]:.2f} s, {queries[-1]} queries; "
                f"notices {notice_timings[-1]:.2f} s "
                f"({Notification.objects.count() - notes_before} inbox rows); {result.as_dict()}"
            )
        rows.append(
            (
                total,
                args.due,
                statistics.median(timings),
                max(timings),
                statistics.median(queries),
                statistics.median(notice_timings),
            )
        )
    print()
    print(
        f"Machine: {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores"
    )
    print(f"Date: {timezone.localdate()} · PostgreSQL {connection.pg_version // 10000}")
    print(
        "| open complaints | due | median sweep pass (s) | slowest pass (s) | queries per pass "
        "| notices after commit, median (s) |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for total, due, median, worst, q, notices in rows:
        print(f"| {total:,} | {due:,} | {median:.2f} | {worst:.2f} | {q:.0f} | {notices:.2f} |")


if __name__ == "__main__":
    main()
