"""Ledger migration (台账迁移) at volume: 100,000 historical complaints from .xlsx and .csv.

    .venv/bin/python bench/ledger_import.py --rows 100000
    .venv/bin/python bench/ledger_import.py --rows 100000 --postgres postgres://postgres@127.0.0.1:5432/postgres

The script writes a ledger of realistic Chinese complaint rows (texts: negative reviews from
../shared/data/reviews, read at run time and not committed), once as .xlsx and once as a GB18030
.csv, the way a Chinese Excel saves it. Then, for each file and database, it runs a child process on
a fresh database (a new SQLite file; with --postgres, a database created and dropped on that server
when it is reachable): migrate, load the shipped defaults, save an import source with the ledger's
column mapping, and time `imports.services.import_file` — reading the file, checking every row,
matching customers and writing cases, audit events, tickets, feedback and follow-ups in batches of
1,000. It prints the wall time and rows per second as Markdown rows for docs/benchmarks.md.
"""

import argparse
import csv
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve()
DATA = HERE.parents[2] / "shared" / "data"
HEADERS = [
    "台账编号",
    "受理渠道",
    "来电时间",
    "登记时间",
    "投诉人",
    "联系电话",
    "电子邮箱",
    "投诉事项",
    "投诉内容",
    "诉求",
    "问题分类",
    "承办部门",
    "办理状态",
    "办结时间",
    "处理结果",
    "满意度",
]
# Their category words (the review corpus's product lines) → our leaf categories.
CATEGORIES = {
    "热水器": "PRODUCT-DEFECT-FAULT",
    "手机": "PRODUCT-DEFECT-PERF",
    "平板": "PRODUCT-DEFECT-DOA",
    "计算机": "SERVICE-AFTERSALES-REPAIR",
    "衣服": "SERVICE-AFTERSALES-RETURN",
    "水果": "PRODUCT-FOOD-SPOILED",
    "蒙牛": "PRODUCT-FOOD-EXPIRED",
    "洗发水": "PRODUCT-AUTH-COUNTERFEIT",
    "书籍": "LOGISTICS-PARCEL-BROKEN",
    "酒店": "SERVICE-ATTITUDE-RUDE",
    "外卖": "LOGISTICS-DELIVERY-LATE",
}
DEPARTMENTS = ["售后服务部", "售后服务部", "客户服务中心", "热线组"]
CHANNELS = {
    "电话": "phone",
    "网站": "web",
    "APP": "app",
    "来信": "letter",
    "来访": "walk_in",
    "邮件": "email",
}
STATUSES = {"已办结": "closed", "已归档": "archived", "办理中": "open"}
DEMANDS = ["退货退款", "更换商品", "赔偿损失", "道歉并改进", "尽快处理", "维修"]
RESULTS = [
    "已为客户办理退款，客户表示认可。",
    "上门检修后恢复正常，客户满意。",
    "核实属实，已更换新品并致歉。",
    "经调查不属实，已向客户解释说明。",
    "协商一致，给予部分补偿。",
]
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)


def _texts() -> list[tuple[str, str]]:
    """(category word, complaint text) from the negative reviews; a fixed sentence if the data is absent."""
    found = []
    reviews = DATA / "reviews" / "online_shopping_10_cats.csv"
    waimai = DATA / "reviews" / "waimai_10k.csv"
    if reviews.exists():
        with reviews.open(encoding="utf-8") as handle:
            found += [(r["cat"], r["review"].strip()) for r in csv.DictReader(handle) if r["label"] == "0"]
    if waimai.exists():
        with waimai.open(encoding="utf-8") as handle:
            found += [("外卖", r["review"].strip()) for r in csv.DictReader(handle) if r["label"] == "0"]
    # Control characters cannot be stored in a worksheet.
    found = [(cat, ILLEGAL.sub("", text)) for cat, text in found if text and cat in CATEGORIES]
    return found or [("热水器", "热水器安装后无法点火，多次联系客服未解决，要求退货。")]


def _title(text: str) -> str:
    for stop in "，。！？,.!?；;":
        text = text.split(stop)[0]
    return text[:30] or "投诉"


def generate(rows: int, out: Path, seed: int = 7) -> tuple[Path, Path, float]:
    from openpyxl import Workbook

    started = time.monotonic()
    rng = random.Random(seed)
    texts = _texts()
    customers = [
        (
            rng.choice(SURNAMES) + rng.choice(["先生", "女士"]),
            f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            f"user{n}@example.com" if rng.random() < 0.2 else "",
        )
        for n in range(max(1, int(rows * 0.7)))
    ]
    start = datetime(2024, 1, 1, 8, 0)  # noqa: DTZ001 - wall-clock times as a ledger holds them
    span_minutes = int((datetime(2026, 10, 31) - start).total_seconds() // 60)  # noqa: DTZ001
    moments = sorted(rng.randrange(span_minutes) for _ in range(rows))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(HEADERS)
    csv_path = out / "ledger.csv"
    with csv_path.open("w", encoding="gb18030", errors="replace", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n, minute in enumerate(moments, start=1):
            contacted = start + timedelta(minutes=minute)
            registered = contacted + timedelta(minutes=rng.randrange(5, 240))
            status = rng.choices(list(STATUSES), weights=[85, 10, 5])[0]
            closed = registered + timedelta(hours=rng.randrange(2, 24 * 10)) if status != "办理中" else None
            name, phone, email = rng.choice(customers)
            cat, text = rng.choice(texts)
            row = [
                f"TZ{contacted:%Y%m}-{n:06d}",
                rng.choices(list(CHANNELS), weights=[50, 15, 20, 3, 5, 7])[0],
                f"{contacted:%Y-%m-%d %H:%M}",
                f"{registered:%Y-%m-%d %H:%M}",
                name,
                phone,
                email,
                _title(text),
                text,
                rng.choice(DEMANDS),
                cat,
                rng.choice(DEPARTMENTS),
                status,
                f"{closed:%Y-%m-%d %H:%M}" if closed else "",
                rng.choice(RESULTS) if closed else "",
                rng.choice([None, *range(5, 11), 3, 8, 9, 10]) if closed else None,
            ]
            sheet.append(row)
            writer.writerow(["" if v is None else v for v in row])
    xlsx_path = out / "ledger.xlsx"
    book.save(xlsx_path)
    return xlsx_path, csv_path, time.monotonic() - started


# --- the child: one import on one fresh database ------------------------------------------------


def child(database_url: str, path: Path, batch_size: int) -> None:
    var = Path(tempfile.mkdtemp(prefix="ledger-bench-var-"))
    os.environ["DATABASE_URL"] = database_url
    os.environ["CLOSELOOP_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from closeloop.imports.models import ImportKind, ImportSource
    from closeloop.imports.services import import_file
    from closeloop.org.models import User
    from closeloop.policy.services import defaults_load

    call_command("migrate", verbosity=0)
    defaults_load()
    actor = User.objects.create_superuser("bench-importer", password=None)
    source = ImportSource.objects.create(
        name="旧台账（基准）",
        kind=ImportKind.LEDGER,
        column_map=dict(
            zip(
                [
                    "external_ref",
                    "channel",
                    "contacted_at",
                    "registered_at",
                    "name",
                    "phone",
                    "email",
                    "title",
                    "description",
                    "demand",
                    "category",
                    "department",
                    "status",
                    "closed_at",
                    "result",
                    "satisfaction",
                ],
                HEADERS,
                strict=True,
            )
        ),
        value_maps={"channel": CHANNELS, "status": STATUSES, "category": CATEGORIES},
        date_formats=["%Y-%m-%d %H:%M"],
    )
    from tqdm import tqdm

    bar = tqdm(unit="rows", file=sys.stderr, mininterval=2)
    started = time.monotonic()
    job = import_file(
        actor=actor,
        source=source,
        path=path,
        batch_size=batch_size,
        progress=bar.update,
        on_start=lambda j: bar.reset(total=j.total_rows),
    )
    wall = time.monotonic() - started
    bar.close()
    from closeloop.cases.models import Case, Event

    print(
        json.dumps(
            {
                "database": f"{connection.vendor} {connection.Database.sqlite_version}"
                if connection.vendor == "sqlite"
                else f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}",
                "file": path.name,
                "rows": job.processed_rows,
                "created": job.created_count,
                "failed_rows": job.failed_rows,
                "status": job.status,
                "wall_s": round(wall, 1),
                "rows_per_s": round(job.processed_rows / wall),
                "cases": Case.objects.count(),
                "events": Event.objects.filter(action="imported").count(),
            }
        )
    )


def _run_child(database_url: str, path: Path, batch_size: int) -> dict | None:
    done = subprocess.run(
        [
            sys.executable,
            str(HERE),
            "--child",
            database_url,
            "--file",
            str(path),
            "--batch-size",
            str(batch_size),
        ],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"  import on {database_url.split('@')[-1]} failed (exit {done.returncode})", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres_database(server_url: str) -> tuple[str, object] | None:
    """A fresh database on the server, and how to drop it; None when the server is not reachable."""
    try:
        import psycopg

        admin = psycopg.connect(server_url, autocommit=True, connect_timeout=3)
    except Exception as error:  # any connection problem means: skip PostgreSQL
        print(f"PostgreSQL not reachable ({type(error).__name__}): skipped.", file=sys.stderr)
        return None
    name = "closeloop_ledger_bench"
    admin.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.execute(f"CREATE DATABASE {name}")
    base = server_url.rsplit("/", 1)[0]
    return f"{base}/{name}", lambda: admin.execute(f"DROP DATABASE IF EXISTS {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument(
        "--out", type=Path, help="Directory for the generated files (default: a temporary one)."
    )
    parser.add_argument("--postgres", help="A PostgreSQL server URL; a fresh database is made on it.")
    parser.add_argument("--formats", default="xlsx,csv", help="Which files to import (xlsx, csv or both).")
    parser.add_argument("--reuse", action="store_true", help="Import the files already in --out.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.file, args.batch_size)
        return

    out = args.out or Path(tempfile.mkdtemp(prefix="ledger-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.reuse and (out / "ledger.xlsx").exists() and (out / "ledger.csv").exists():
        xlsx, csv_file = out / "ledger.xlsx", out / "ledger.csv"
        print(f"reusing {xlsx} and {csv_file}")
    else:
        xlsx, csv_file, took = generate(args.rows, out)
        size = xlsx.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows in {took:.1f} s: {xlsx} ({size:.1f} MB), {csv_file}")
    files = {"xlsx": xlsx, "csv": csv_file}
    wanted = [files[f.strip()] for f in args.formats.split(",") if f.strip() in files]
    results = []
    for path in wanted:
        database = out / f"bench-{path.suffix[1:]}.sqlite3"
        database.unlink(missing_ok=True)
        results.append(_run_child(f"sqlite:///{database}", path, args.batch_size))
    if args.postgres:
        made = _postgres_database(args.postgres)
        if made:
            url, drop = made
            try:
                for path in wanted:
                    results.append(_run_child(url, path, args.batch_size))
                    drop()
                    made = _postgres_database(args.postgres)
                    url, drop = made
            finally:
                drop()
    print(f"\nMachine: {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| database | file | rows | cases created | wall s | rows/s |")
    print("|---|---|---|---|---|---|")
    for r in filter(None, results):
        cells = [
            r["database"],
            r["file"],
            f"{r['rows']:,}",
            f"{r['created']:,}",
            r["wall_s"],
            f"{r['rows_per_s']:,}",
        ]
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main()
