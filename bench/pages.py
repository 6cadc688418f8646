"""Server time of every staff and portal page at volume (issue 3: median under 300 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/closeloop_bench python bench/pages.py --runs 15

Requests go through Django's test client in this process, so the time is the server's own
(URL routing, queries, template rendering) without a network or a browser. Results are printed
as a Markdown table for docs/benchmarks.md.
"""

import argparse
import os
import platform
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from closeloop.cases.models import Case  # noqa: E402
from closeloop.org.models import User  # noqa: E402

# A complaint as an agent types it: the assist reads it on the intake form and through the API.
COMPLAINT = "买的热水器用了两个月就坏了，维修三次还是打不着火，客服一直推脱，太过分了，再不退款我就投诉到消协"


def pages(case: Case) -> list[tuple[str, str] | tuple[str, str, dict]]:
    """(user, url) for a GET; (user, url, body) for a POST (JSON to the API, a form elsewhere)."""
    n = case.number
    return [
        ("supervisor", "/"),
        ("supervisor", "/?status=in_progress&grade=urgent"),
        ("supervisor", "/?overdue=true"),
        ("supervisor", "/?q=质量"),
        ("supervisor", "/?ordering=-resolution_due_at&page=3"),
        ("handler", "/"),
        ("agent", "/"),
        ("executive", "/"),
        ("supervisor", f"/cases/{n}/"),
        ("supervisor", "/cases/new/"),
        ("supervisor", "/api/v1/complaints/"),
        ("supervisor", "/api/v1/complaints/?status=in_progress&overdue=true"),
        ("supervisor", f"/api/v1/complaints/{n}/"),
        ("supervisor", "/supervision/?tab=open"),
        ("supervisor", "/inbox/"),
        ("supervisor", "/knowledge/"),
        ("supervisor", "/disclosure/"),
        ("supervisor", "/api/v1/assist/analyze/", {"text": COMPLAINT}),
        ("agent", "/assist/panel/", {"title": "热水器坏了", "description": COMPLAINT}),
        ("", "/portal/new/"),
        ("", "/portal/track/"),
        ("", "/public/"),
        ("", "/public/feed.atom"),
        ("", "/public/report/"),
    ]


def measure(runs: int) -> list[dict]:
    setup_test_environment()
    settings.DEBUG = True  # to count queries
    case = Case.objects.filter(lead_department__code="AS", status="closed").order_by("-id").first()
    clients: dict[str, Client] = {}
    rows = []
    for username, url, *body in pages(case):
        if username not in clients:
            clients[username] = Client()
            if username:
                clients[username].force_login(User.objects.get(username=username))
        client = clients[username]

        def request(client=client, url=url, body=body):
            if not body:
                return client.get(url)
            if url.startswith("/api/"):
                return client.post(url, body[0], content_type="application/json")
            return client.post(url, body[0])

        request()  # warm caches and the session
        times = []
        queries = 0
        for _ in range(runs):
            reset_queries()
            start = time.perf_counter()
            response = request()
            times.append((time.perf_counter() - start) * 1000)
            queries = len(connection.queries)
        rows.append(
            {
                "user": username or "public",
                "url": f"POST {url}" if body else url,
                "status": response.status_code,
                "median_ms": statistics.median(times),
                "p95_ms": sorted(times)[int(len(times) * 0.95) - 1],
                "queries": queries,
            }
        )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    total = Case.objects.count()
    rows = measure(args.runs)
    print(
        f"{total:,} cases on {connection.vendor}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, {args.runs} runs per page"
    )
    print("| page | user | status | median ms | p95 ms | queries |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| `{r['url']}` | {r['user']} | {r['status']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {r['queries']} |"
        )
