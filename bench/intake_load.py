"""Sustained API intake under load, against django-helpdesk on the same machine (issue 5).

    python bench/intake_load.py                      # both systems, 16 clients, 60 s each
    python bench/intake_load.py --only closeloop --duration 20 --worker during

Both systems run the same way: PostgreSQL at 127.0.0.1:5432 (a fresh database each), gunicorn with
2 workers on 127.0.0.1, persistent database connections (CONN_MAX_AGE=60), DEBUG off. The same
client (16 threads, one keep-alive connection each) posts new complaints / tickets with real
complaint texts for a fixed time and counts every answer that is not 201 as an error.

Closeloop answers an intake once the case, its audit event and the customer's acknowledgement are
committed; duplicate screening and the assist follow on a Celery worker (Redis 127.0.0.1:6379,
db 14). In production that worker runs on its own machine, so by default it starts when the load
ends and the script times how long one worker takes to read the backlog; `--worker during` runs it
on the same two cores throughout. django-helpdesk does all its work, its e-mails included (to a
dummy backend), inside the request.

django-helpdesk is installed from PyPI into its own virtualenv under var/bench/ (never vendored);
its REST API (`POST /api/tickets/`, token auth, a superuser as the API requires) is the ticket path.

Results are printed as a Markdown table for docs/benchmarks.md. Every loop is bounded by the
duration and by --max-requests (the backlog wait by --drain-timeout); servers bind to 127.0.0.1 only
and are stopped at the end.
"""

import argparse
import csv
import http.client
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
DATA = ROOT.parent / "shared" / "data"
PG = "postgres://postgres@127.0.0.1:5432"
HELPDESK_PINS = ["django-helpdesk==2.6.1", "gunicorn==27.0.1", "psycopg[binary]==3.2.10"]


def texts(limit: int = 20000) -> list[tuple[str, str]]:
    """(title, description) pairs from real negative reviews; a fixed sample when the data is absent."""
    source = DATA / "reviews" / "online_shopping_10_cats.csv"
    if not source.exists():
        return [("热水器无法启动", "上周三收到热水器，安装后无法点火，客服一直推诿。")] * 10
    rows = []
    with source.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            review = row["review"].strip()
            if row["label"] == "0" and 15 <= len(review) <= 400:
                rows.append((f"{row['cat']}：{review[:24]}", review))
            if len(rows) >= limit:
                break
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database(name: str) -> str:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def run(cmd: list[str], env: dict, cwd: Path | None = None) -> str:
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_for(port: int, path: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"server on port {port} did not answer in {timeout:.0f} s")


class Server:
    """gunicorn with 2 workers on 127.0.0.1, stopped on exit."""

    def __init__(self, gunicorn: Path, app: str, env: dict, cwd: Path, workers: int, threads: int) -> None:
        self.port = free_port()
        self.helpers: list[subprocess.Popen] = []
        self.start_worker = None
        self.database = ""
        self.log = (WORK / f"gunicorn-{app.split('.')[0]}.log").open("w")
        self.proc = subprocess.Popen(
            [
                str(gunicorn),
                app,
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=cwd,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        for proc in [self.proc, *self.helpers]:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        self.log.close()


def load(
    port: int, path: str, headers: dict, bodies: list[bytes], clients: int, duration: float, max_requests: int
) -> dict:
    """`clients` threads post bodies for `duration` seconds (at most `max_requests` in all)."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]
    budget = threading.Semaphore(max_requests)
    start_line = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = i
        start_line.wait()
        while time.monotonic() < stop_at[0] and budget.acquire(blocking=False):
            body = bodies[n % len(bodies)]
            n += clients
            began = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                elapsed = time.perf_counter() - began
                if response.status != 201:
                    errors[i].append(f"{response.status} {payload[:200]!r}")
                latencies[i].append(elapsed)
            except (OSError, http.client.HTTPException) as exc:
                errors[i].append(repr(exc))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    began = time.monotonic()
    stop_at[0] = began + duration
    start_line.wait()
    for t in threads:
        t.join(duration + 60)
    wall = time.monotonic() - began
    every = sorted(x for per in latencies for x in per)
    failed = [e for per in errors for e in per]
    if not every:
        sys.exit(f"no request succeeded: {failed[:3]}")
    quantile = statistics.quantiles(every, n=100, method="inclusive")
    return {
        "requests": len(every),
        "rps": len(every) / wall,
        "p50": quantile[49] * 1000,
        "p95": quantile[94] * 1000,
        "p99": quantile[98] * 1000,
        "max": every[-1] * 1000,
        "errors": len(failed),
        "first_errors": failed[:3],
    }


def drain(server: Server, timeout: float) -> dict:
    """Start the worker once the load has ended and time how long it takes to read every case
    registered (screening, the assist, the acknowledgement), at most `timeout` seconds."""
    pending_sql = (
        "SELECT count(*) FROM cases_case c WHERE NOT EXISTS "
        "(SELECT 1 FROM assist_caseinsight i WHERE i.case_id = c.id)"
    )
    with psycopg.connect(server.database, autocommit=True) as conn:
        backlog = conn.execute(pending_sql).fetchone()[0]
        print(f"closeloop: worker started, {backlog:,} cases to screen", file=sys.stderr)
        began = time.monotonic()
        server.start_worker()
        left = backlog
        while left and time.monotonic() - began < timeout:
            time.sleep(1)
            left = conn.execute(pending_sql).fetchone()[0]
    spent = time.monotonic() - began
    return {"backlog": backlog, "left": left, "seconds": spent, "rate": (backlog - left) / spent}


def closeloop_target(
    args: argparse.Namespace, pairs: list[tuple[str, str]]
) -> tuple[Server, str, dict, list]:
    url = fresh_database("closeloop_bench_intake")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "CLOSELOOP_VAR_DIR": str(WORK / "closeloop-var"),
    }
    bin_dir = Path(sys.executable).parent
    run([str(bin_dir / "closeloop"), "migrate", "--noinput"], env)
    run([str(bin_dir / "closeloop"), "load_defaults"], env)
    token = (
        run(
            [str(bin_dir / "closeloop"), "shell", "-c", CLOSELOOP_AGENT],
            env,
        )
        .strip()
        .splitlines()[-1]
    )
    rng = random.Random(5)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    bodies = []
    for i, (title, description) in enumerate(pairs):
        bodies.append(
            json.dumps(
                {
                    "channel": "phone",
                    "contacted_at": now,
                    "complainant": {
                        "name": "王先生",
                        # About one caller in three has called before: a realistic customer match.
                        "phone": f"139{rng.randint(0, len(pairs) * 2):08d}",
                        "preferred_channel": "phone",
                    },
                    "title": title,
                    "description": description,
                    "category": CATEGORIES[i % len(CATEGORIES)],
                    "demand": "尽快处理",
                },
                ensure_ascii=False,
            ).encode()
        )
    # Production runs: the work after intake queues through Redis to a Celery worker (one process).
    redis_url = "redis://127.0.0.1:6379/14"
    subprocess.run(
        [sys.executable, "-c", f"import redis; redis.Redis.from_url('{redis_url}').flushdb()"], check=True
    )
    env["CELERY_BROKER_URL"] = redis_url
    server = Server(bin_dir / "gunicorn", "closeloop.wsgi:application", env, ROOT, args.workers, args.threads)
    worker = [
        str(bin_dir / "celery"),
        "-A",
        "closeloop",
        "worker",
        "--concurrency",
        "1",
        "--loglevel",
        "warning",
    ]
    server.start_worker = lambda: server.helpers.append(
        subprocess.Popen(
            worker, env=env, cwd=ROOT, stdout=server.log, stderr=subprocess.STDOUT, start_new_session=True
        )
    )
    server.database = url
    if args.worker == "during":
        server.start_worker()
    wait_for(server.port, "/api/v1/workflow/")
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    return server, "/api/v1/complaints/", headers, bodies


CATEGORIES = ["PRODUCT-DEFECT-DOA", "SERVICE-ATTITUDE-RUDE", "LOGISTICS-DELIVERY-LATE"]

CLOSELOOP_AGENT = textwrap.dedent(
    """
    from rest_framework.authtoken.models import Token
    from closeloop.org.models import Department, Membership, User
    from closeloop.org.choices import Role
    user = User.objects.create_user("bench-agent", password="bench-only-password")
    Membership.objects.create(user=user, department=Department.objects.get(code="CS"), role=Role.AGENT)
    print(Token.objects.create(user=user).key)
    """
)

HELPDESK_SETTINGS = textwrap.dedent(
    """
    import os
    import dj_database_url
    SECRET_KEY = "benchmark-only"
    DEBUG = False
    ALLOWED_HOSTS = ["127.0.0.1"]
    INSTALLED_APPS = [
        "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
        "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
        "django.contrib.sites", "django.contrib.humanize", "rest_framework",
        "rest_framework.authtoken", "helpdesk",
    ]
    SITE_ID = 1
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ]
    ROOT_URLCONF = "site_urls"
    TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
                  "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                  "django.contrib.auth.context_processors.auth",
                  "django.contrib.messages.context_processors.messages"]}}]
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication"]}
    STATIC_URL = "static/"
    MEDIA_ROOT = os.environ["HELPDESK_MEDIA"]
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    USE_TZ = True
    TIME_ZONE = "Asia/Shanghai"
    DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
    HELPDESK_TEAMS_MODE_ENABLED = False
    """
)

HELPDESK_ADMIN = textwrap.dedent(
    """
    from rest_framework.authtoken.models import Token
    from django.contrib.auth.models import User
    from helpdesk.models import Queue
    user = User.objects.create_superuser("bench-admin", "bench@example.com", "bench-only-password")
    queue = Queue.objects.create(title="Complaints", slug="complaints", email_address="q@example.com")
    print(queue.id, Token.objects.create(user=user).key)
    """
)


def helpdesk_target(args: argparse.Namespace, pairs: list[tuple[str, str]]) -> tuple[Server, str, dict, list]:
    venv = WORK / "helpdesk-venv"
    site = WORK / "helpdesk-site"
    if not (venv / "bin" / "gunicorn").exists():
        print("installing django-helpdesk from PyPI into", venv, file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        run(
            [str(venv / "bin" / "pip"), "install", "--quiet", *HELPDESK_PINS, "dj-database-url==3.0.1"],
            {**os.environ},
        )
    site.mkdir(parents=True, exist_ok=True)
    (site / "site_settings.py").write_text(HELPDESK_SETTINGS)
    (site / "site_urls.py").write_text(
        'from django.urls import include, path\nurlpatterns = [path("", include("helpdesk.urls"))]\n'
    )
    (site / "site_wsgi.py").write_text(
        "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database("helpdesk_bench"),
        "DJANGO_SETTINGS_MODULE": "site_settings",
        "PYTHONPATH": str(site),
        "HELPDESK_MEDIA": str(site / "media"),
    }
    django_admin = str(venv / "bin" / "django-admin")
    run([django_admin, "migrate", "--noinput"], env, cwd=site)
    queue, token = run([django_admin, "shell", "-c", HELPDESK_ADMIN], env, cwd=site).split()[-2:]
    bodies = [
        json.dumps(
            {
                "queue": int(queue),
                "title": title,
                "description": description,
                "submitter_email": f"customer{i % 1000}@example.com",
                "priority": 3,
            },
            ensure_ascii=False,
        ).encode()
        for i, (title, description) in enumerate(pairs)
    ]
    server = Server(venv / "bin" / "gunicorn", "site_wsgi:application", env, site, args.workers, args.threads)
    wait_for(server.port, "/api/tickets/")
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    return server, "/api/tickets/", headers, bodies


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds of measured load per system.")
    parser.add_argument("--warmup", type=float, default=5.0, help="Seconds of unmeasured load first.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=1, help="Threads per worker (gunicorn's gthread worker when above 1)."
    )
    parser.add_argument("--max-requests", type=int, default=200_000, help="Upper bound per run.")
    parser.add_argument(
        "--worker",
        choices=["after", "during"],
        default="after",
        help="Start Closeloop's Celery worker after the load (as on another machine; the backlog's "
        "screening is then timed) or during it, on the same cores as the web workers.",
    )
    parser.add_argument("--drain-timeout", type=float, default=900.0, help="Seconds to wait for the backlog.")
    parser.add_argument("--only", choices=["closeloop", "helpdesk"])
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    pairs = texts()
    targets = {"closeloop": closeloop_target, "helpdesk": helpdesk_target}
    results = {}
    for name, make in targets.items():
        if args.only and name != args.only:
            continue
        print(f"{name}: setting up", file=sys.stderr)
        server, path, headers, bodies = make(args, pairs)
        try:
            load(server.port, path, headers, bodies, args.clients, args.warmup, args.max_requests)
            print(f"{name}: {args.clients} clients for {args.duration:.0f} s", file=sys.stderr)
            results[name] = load(
                server.port, path, headers, bodies, args.clients, args.duration, args.max_requests
            )
            if server.start_worker and args.worker == "after":
                results[name]["drain"] = drain(server, args.drain_timeout)
        finally:
            server.stop()
        if results[name]["errors"]:
            print(f"{name}: first errors: {results[name]['first_errors']}", file=sys.stderr)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    print(
        f"\n{platform.node() or 'this machine'}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{stamp}; {args.clients} clients, {args.duration:.0f} s each, gunicorn {args.workers} workers\n"
    )
    print("| system | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['requests']:,} | {r['rps']:.0f} | {r['p50']:.0f} | {r['p95']:.0f} | "
            f"{r['p99']:.0f} | {r['max']:.0f} | {r['errors']} |"
        )
    for name, r in results.items():
        if "drain" in r:
            d = r["drain"]
            print(
                f"\n{name}: one Celery worker, started after the load, read the {d['backlog']:,} cases "
                f"in {d['seconds']:.0f} s ({d['rate']:.0f} cases/s; {d['left']:,} left)"
            )
    if len(results) == 2:
        ratio = results["closeloop"]["rps"] / results["helpdesk"]["rps"]
        print(f"\nthroughput ratio closeloop / django-helpdesk: {ratio:.1f}×")
    shutil.rmtree(WORK / "helpdesk-site" / "media", ignore_errors=True)


if __name__ == "__main__":
    main()
