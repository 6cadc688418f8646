"""Export of a million cases to CSV and Excel: time and memory (issue 5).

    closeloop migrate && closeloop load_demo && python bench/seed_cases.py --total 1000000
    python bench/export.py

Each export goes through the API view (`GET /api/v1/complaints/export.<fmt>`) with Django's test
client, as an auditor (every case in scope). The streamed body is read chunk by chunk and thrown
away, as a network client would, so the peak memory is the server's. Results are printed as a
Markdown table for docs/benchmarks.md.
"""

import os
import platform
import resource
import sys
import time
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from closeloop.cases.models import Case  # noqa: E402
from closeloop.org.models import User  # noqa: E402


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    auditor = User.objects.filter(memberships__role="auditor").first()
    if auditor is None:
        sys.exit("Load the demo first (it has an auditor): closeloop load_demo")
    client = Client()
    client.force_login(auditor)
    total = Case.objects.count()
    rows = []
    for fmt in ("csv", "xlsx"):
        before = peak_mib()
        started = time.perf_counter()
        response = client.get(f"/api/v1/complaints/export.{fmt}")
        assert response.status_code == 200, response.status_code
        first_byte = None
        size = 0
        for chunk in response.streaming_content:
            if first_byte is None:
                first_byte = time.perf_counter() - started
            size += len(chunk)
        elapsed = time.perf_counter() - started
        rows.append((fmt, elapsed, first_byte or elapsed, size, peak_mib() - before, peak_mib()))
        print(f"{fmt}: {elapsed:.1f} s", file=sys.stderr)
    print(
        f"\n{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, {datetime.now(UTC):%Y-%m-%d}; {total:,} cases\n"
    )
    print("| format | total s | first byte s | rows/s | file MiB | peak RSS growth MiB | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fmt, elapsed, first, size, growth, peak in rows:
        print(
            f"| {fmt} | {elapsed:.1f} | {first:.2f} | {total / elapsed:,.0f} | {size / 2**20:.0f} | "
            f"{growth:.0f} | {peak:.0f} |"
        )


if __name__ == "__main__":
    main()
