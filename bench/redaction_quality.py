"""Redaction engine quality and speed (issue 7): recall and precision per kind, texts per second.

    python bench/redaction_quality.py                  # everything below; reads ../shared/data
    python bench/redaction_quality.py --generated 20000

CLUENER (`ner/cluener_train.jsonl`, see ../shared/data/README.md), span level: a gold `name` span is
found when every character of it lies inside a redacted name span; precision is the share of
redacted name spans that overlap a gold name. CLUENER also labels companies, organisations, games,
books, positions …: a redacted span overlapping one of those is counted apart ("other label") and
as wrong in the precision. The name rules were tuned on the even lines, so the odd lines are the
check. Addresses: the engine keeps the district level (杭州市西湖区) by design, so recall is counted
over the gold addresses that go below it (a road, number, village, building, shop … in the span);
a found one is covered by the address span, whose replacement keeps the district prefix.

Generated data: the complaints of tests/disclosure/personal_data.py (the property tests' generator)
with one to four items each; an item is found when none of its strings survives.

Throughput: `redact` with the public policy over the CLUENER texts and over negative shopping
reviews (complaint-like), single process, after the word lists are loaded. Names flagged per 1,000
reviews shows what the recall-first rules cost on complaint text, where names are rare.
"""

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")

from django.conf import settings  # noqa: E402

from closeloop.disclosure.policies import Kind, policy_get  # noqa: E402
from closeloop.disclosure.redact import redact  # noqa: E402
from tests.disclosure.personal_data import complaint, leaks  # noqa: E402

DATA = Path(settings.SHARED_DATA_DIR)
PUBLIC = policy_get("public")
BELOW_DISTRICT = re.compile(
    r"[0-9]|路|街|号|村|镇|乡|小区|大厦|广场|店|中心|园|苑|楼|室|栋|巷|弄|胡同|社区|花园|公寓|市场|商场|酒店|宾馆|大道"
)


def cluener(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for label, kind in (("name", Kind.NAME), ("address", Kind.ADDRESS)):
        print(f"\n{label}: half | gold | found | recall | redacted | precision | other label | no label")
        totals = Counter()
        for half in (0, 1):
            count = Counter()
            for row in rows[half::2]:
                text = row["text"]
                spans = [s for s in redact(text, PUBLIC).spans if s.kind is kind]
                covered = {i for s in spans for i in range(s.start, s.end)}
                gold = [(a, b + 1) for places in row["label"].get(label, {}).values() for a, b in places]
                if label == "address":
                    gold = [(a, b) for a, b in gold if BELOW_DISTRICT.search(text[a:b])]
                others = [
                    (a, b + 1)
                    for other, entities in row["label"].items()
                    if other != label
                    for places in entities.values()
                    for a, b in places
                ]
                count["gold"] += len(gold)
                count["found"] += sum(all(i in covered for i in range(a, b)) for a, b in gold)
                for s in spans:
                    count["redacted"] += 1
                    if any(s.start < b and a < s.end for a, b in gold):
                        count["right"] += 1
                    elif any(s.start < b and a < s.end for a, b in others):
                        count["other"] += 1
                    else:
                        count["none"] += 1
            totals.update(count)
            _row(["even (tuning)", "odd (check)"][half], count)
        _row("all", totals)


def _row(name: str, c: Counter) -> None:
    print(
        f"{name} | {c['gold']} | {c['found']} | {c['found'] / max(c['gold'], 1):.3f} | {c['redacted']} | "
        f"{c['right'] / max(c['redacted'], 1):.3f} | {c['other'] / max(c['redacted'], 1):.3f} | "
        f"{c['none'] / max(c['redacted'], 1):.3f}"
    )


def generated(examples: int) -> None:
    rng = random.Random(20261123)
    seen, found = Counter(), Counter()
    for _ in range(examples):
        text, items = complaint(rng, count=rng.randint(1, 4))
        redacted = redact(text, PUBLIC).text
        for item in items:
            seen[item.kind] += 1
            found[item.kind] += not leaks(redacted, [item])
    print(f"\ngenerated ({examples} complaints): kind | items | found | recall")
    for kind in sorted(seen):
        print(f"{kind} | {seen[kind]} | {found[kind]} | {found[kind] / seen[kind]:.4f}")


def throughput(cluener_path: Path, reviews_path: Path) -> None:
    texts = [json.loads(line)["text"] for line in cluener_path.read_text(encoding="utf-8").splitlines()]
    with reviews_path.open(encoding="utf-8") as handle:
        reviews = [row["review"] for row in csv.DictReader(handle) if row["label"] == "0" and row["review"]]
    reviews = reviews[:10000]
    print("\nthroughput: corpus | texts | mean characters | texts/s | names flagged per 1,000 texts")
    for name, corpus in (("CLUENER", texts), ("negative reviews", reviews)):
        started = time.perf_counter()
        flagged = sum(1 for text in corpus for s in redact(text, PUBLIC).spans if s.kind is Kind.NAME)
        elapsed = time.perf_counter() - started
        mean = sum(map(len, corpus)) / len(corpus)
        rate = len(corpus) / elapsed
        print(f"{name} | {len(corpus)} | {mean:.0f} | {rate:.0f} | {1000 * flagged / len(corpus):.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generated", type=int, default=10000, help="Generated complaints to score.")
    args = parser.parse_args()
    cluener_path = DATA / "ner" / "cluener_train.jsonl"
    reviews_path = DATA / "reviews" / "online_shopping_10_cats.csv"
    if not cluener_path.is_file():
        sys.exit(f"{cluener_path} is missing: the shared data sets are needed (../shared/data/README.md).")
    started = time.perf_counter()
    redact("加载词典", PUBLIC)
    print(f"first call (jieba and word lists loaded): {time.perf_counter() - started:.2f} s")
    cluener(cluener_path)
    generated(args.generated)
    throughput(cluener_path, reviews_path)


if __name__ == "__main__":
    main()
