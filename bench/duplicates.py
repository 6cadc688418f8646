"""Duplicate detection: precision and recall of the product's text similarity, and intake search time.

    python bench/duplicates.py quality                    # labelled pairs from ../shared/data
    python bench/duplicates.py search --runs 200          # per-intake search on the configured database
    python bench/duplicates.py demo --cases 2100          # demo load on an empty database, screening share

`quality` builds a labelled set from real complaint texts (negative shopping reviews and citizens'
messages, see ../shared/data/README.md): a positive pair is a text and a reworded copy of it
(synonym swaps, other punctuation, an inserted filler phrase, two clauses swapped) cut to 60–90 %
of its length; a negative pair is two different texts of the same product line or message class,
the hard case. It scores them with `closeloop.cases.duplicates` — the code intake runs — counting a
pair as found only when the two texts share an LSH bucket (the index lookup) and their similarity
reaches the threshold.

`search` times `duplicate_matches` (bucket lookup joined with open cases, exact similarity on the
candidates) for real texts against the database in DATABASE_URL, inside a transaction rolled back.
`demo` runs the demo loader and reports how much of its time intake screening took.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeloop.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from closeloop.cases import duplicates  # noqa: E402
from closeloop.policy.models import DuplicatePolicy  # noqa: E402

DATA = Path(settings.SHARED_DATA_DIR)

# Words a complainant says one way on the phone and another way in writing.
SYNONYMS = [
    ("非常", "特别"),
    ("质量", "品质"),
    ("客服", "售后"),
    ("退款", "退钱"),
    ("商家", "卖家"),
    ("快递", "物流"),
    ("收到", "拿到"),
    ("购买", "买了"),
    ("一直", "始终"),
    ("没有", "没"),
    ("问题", "毛病"),
    ("希望", "请"),
    ("要求", "请求"),
    ("不好", "很差"),
    ("而且", "并且"),
    ("但是", "可是"),
    ("已经", "早已"),
    ("怎么", "为何"),
    ("还是", "依然"),
    ("东西", "商品"),
    ("房间", "客房"),
    ("服务", "服务态度"),
    ("反映", "投诉"),
    ("相关部门", "有关部门"),
    ("小区", "社区"),
    ("居民", "住户"),
]
FILLERS = [
    "说实话，",
    "我想反映一下，",
    "麻烦尽快处理，",
    "您好，",
    "再说一遍，",
    "真的很无奈，",
    "之前也打过电话，",
    "请给个说法，",
]
CLAUSE = "，。！？；,.!?;"


def reword(text: str, rng: random.Random) -> str:
    for a, b in rng.sample(SYNONYMS, len(SYNONYMS)):
        if rng.random() < 0.6:
            text = text.replace(a, b) if a in text else text.replace(b, a)
    clauses, current = [], ""
    for ch in text:
        current += ch
        if ch in CLAUSE:
            clauses.append(current)
            current = ""
    if current:
        clauses.append(current)
    if len(clauses) >= 3 and rng.random() < 0.5:
        i = rng.randrange(len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    if rng.random() < 0.7:
        clauses.insert(rng.randrange(len(clauses) + 1), rng.choice(FILLERS))
    text = "".join(clauses)
    # Punctuation typed differently: full-width to half-width, some marks dropped or doubled.
    marks = {"，": rng.choice([",", " ", "，", "、"]), "。": rng.choice([".", "！", "。", " "]), "！": "!!"}
    text = "".join(marks.get(ch, ch) if rng.random() < 0.5 else ch for ch in text)
    keep = rng.uniform(0.6, 0.9)
    return text[: max(8, int(len(text) * keep))]


def load_texts() -> list[tuple[str, str, str]]:
    """(group, title, description) of complaint-like texts, one per distinct normalised text."""
    texts: list[tuple[str, str, str]] = []
    with (DATA / "reviews" / "online_shopping_10_cats.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            review = row["review"].strip()
            if row["label"] == "0" and 30 <= len(review) <= 400:
                texts.append((f"shop:{row['cat']}", f"{row['cat']}：{review[:18]}", review))
    with (DATA / "gov_messages" / "messages_labeled.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if row["留言详情"].strip():
                texts.append((f"gov:{row['一级分类']}", row["留言主题"].strip(), row["留言详情"].strip()))
    seen, distinct = set(), []
    for group, title, body in texts:
        key = duplicates.normalise(body)
        if key not in seen:
            seen.add(key)
            distinct.append((group, title, body))
    return distinct


def pairs(texts, positives: int, negatives: int, rng: random.Random):
    by_group: dict[str, list] = {}
    for t in texts:
        by_group.setdefault(t[0], []).append(t)
    gov = [t for t in texts if t[0].startswith("gov:")]
    shop = [t for t in texts if t[0].startswith("shop:")]
    # All the citizens' messages (long texts) and the rest from reviews (short ones).
    chosen = gov + rng.sample(shop, positives - len(gov))
    made = []
    for group, title, body in chosen:
        new_body = reword(body, rng)
        new_title = reword(title, rng) if group.startswith("gov:") else f"{group[5:]}：{new_body[:18]}"
        made.append((1, group, (title, body), (new_title, new_body)))
    groups = [g for g, items in by_group.items() if len(items) >= 2]
    while len(made) < positives + negatives:
        group = rng.choice(groups)
        (_, t1, b1), (_, t2, b2) = rng.sample(by_group[group], 2)
        made.append((0, group, (t1, b1), (t2, b2)))
    return made


def quality(args) -> None:
    rng = random.Random(args.seed)
    texts = load_texts()
    labelled = pairs(texts, args.positives, args.negatives, rng)
    started = time.perf_counter()
    scored = []
    for label, group, (ta, da), (tb, db) in labelled:
        a = duplicates.shingles(duplicates.case_text(ta, da))
        b = duplicates.shingles(duplicates.case_text(tb, db))
        shared = bool(set(duplicates.buckets(a)) & set(duplicates.buckets(b)))
        scored.append((label, group, duplicates.similarity(a, b), shared))
    per_pair_ms = (time.perf_counter() - started) / len(labelled) * 1000
    shipped = float(DuplicatePolicy().text_threshold)  # the shipped default, not this database's
    n_pos = sum(1 for s in scored if s[0])
    print(f"texts {len(texts)}, pairs {len(scored)}: {n_pos} positive, {len(scored) - n_pos} negative")
    print(f"shingles + MinHash + similarity of both texts: {per_pair_ms:.2f} ms per pair")
    print(f"positives sharing a bucket (LSH recall): {sum(1 for s in scored if s[0] and s[3]) / n_pos:.3f}")
    print()
    print("| threshold | precision | recall | F1 | recall without LSH | false positives |")
    print("|---:|---:|---:|---:|---:|---:|")
    for threshold in sorted({0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, shipped}):
        tp = sum(1 for lab, _, sim, shared in scored if lab and shared and sim >= threshold)
        fp = sum(1 for lab, _, sim, shared in scored if not lab and shared and sim >= threshold)
        exact = sum(1 for lab, _, sim, _ in scored if lab and sim >= threshold)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / n_pos
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        mark = " (shipped)" if threshold == shipped else ""
        cells = [f"{threshold:.2f}{mark}", f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}"]
        print("| " + " | ".join([*cells, f"{exact / n_pos:.3f}", str(fp)]) + " |")
    print()
    for kind in ("shop:", "gov:"):
        pos = [s for s in scored if s[0] and s[1].startswith(kind)]
        neg = [s for s in scored if not s[0] and s[1].startswith(kind)]
        found = sum(1 for s in pos if s[3] and s[2] >= shipped)
        false = sum(1 for s in neg if s[3] and s[2] >= shipped)
        print(
            f"{kind[:-1]}: recall {found / len(pos):.3f} of {len(pos)}, false positives {false} of {len(neg)}"
        )
    worst = max((s for s in scored if not s[0]), key=lambda s: s[2])
    print(f"most similar negative pair: {worst[2]:.3f} ({worst[1]})")


def search(args) -> None:
    from closeloop.cases.models import Case, CaseSignature

    rng = random.Random(args.seed)
    cases = Case.objects.count()
    rows = CaseSignature.objects.count()
    texts = load_texts()
    probes = [rng.choice(texts) for _ in range(args.runs)]
    # Half new texts, half reworded copies of texts already in the database.
    existing = list(Case.objects.order_by("?").values_list("title", "description")[: args.runs // 2])
    probes = probes[: args.runs - len(existing)] + [("db", t, reword(d, rng)) for t, d in existing]
    template = Case.objects.select_related("customer").order_by("-registered_at").first()
    timings, found = [], []
    for _, title, body in probes:
        with transaction.atomic():
            probe = Case(
                title=title,
                description=body,
                customer=template.customer,
                customer_id=template.customer_id,
                registered_at=template.registered_at,
                complainant_phone="",
                complainant_email="",
            )
            started = time.perf_counter()
            matches = duplicates.duplicate_matches(probe)
            timings.append((time.perf_counter() - started) * 1000)
            found.append(len(matches))
            transaction.set_rollback(True)
    timings.sort()
    print(
        f"{connection.vendor}: {cases} cases, {rows} signature rows; {len(timings)} searches: "
        f"median {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95)]:.1f} ms, "
        f"max {timings[-1]:.1f} ms; suggestions per search: mean {statistics.mean(found):.2f}"
    )


def demo(args) -> None:
    from closeloop.demo.services import demo_load

    spent = [0.0, 0]
    screen = duplicates.case_screen

    def timed(case_id: int) -> bool:
        started = time.perf_counter()
        try:
            return screen(case_id)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += 1

    # Measured by wrapping the function the screening task calls; the product is unchanged.
    duplicates.case_screen = timed
    started = time.perf_counter()
    result = demo_load(cases=args.cases)
    total = time.perf_counter() - started
    from closeloop.cases.models import Case, DuplicateSuggestion

    print(
        f"{connection.vendor}: demo load {result['cases']} cases in {total:.1f} s; intake screening "
        f"{spent[0]:.1f} s over {spent[1]} registrations ({spent[0] / max(spent[1], 1) * 1000:.1f} ms each); "
        f"{DuplicateSuggestion.objects.count()} suggestions, "
        f"{Case.objects.filter(repeat_of__isnull=False).count()} repeats"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=20261123)
    sub = parser.add_subparsers(dest="command", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--positives", type=int, default=1500)
    q.add_argument("--negatives", type=int, default=3000)
    s = sub.add_parser("search")
    s.add_argument("--runs", type=int, default=200)
    d = sub.add_parser("demo")
    d.add_argument("--cases", type=int, default=2100)
    args = parser.parse_args()
    if not DATA.exists() and args.command != "demo":
        sys.exit(f"{DATA} is missing: the labelled pairs are built from ../shared/data.")
    {"quality": quality, "search": search, "demo": demo}[args.command](args)


if __name__ == "__main__":
    main()
