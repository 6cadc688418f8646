"""Speed of the assist at 100,000 closed cases: retraining, and all suggestions for one complaint.

    python bench/assist_speed.py --cases 100000 --queries 300

Builds synthetic closed cases from the review texts in ../shared/data/reviews (online shopping
with its 10 product lines, hotel reviews joining its 酒店 line and food delivery as an 11th): a title cut from
one review's first clause, a description of that review plus, for half of them, another review of
the same line, so no two cases are the same text. Emotions are drawn at random (negative reviews:
angry, anxious or disappointed; positive ones: calm) — they exist to time the training, not to
measure quality. Queries are fresh combinations that are not in the index.

Times, in this process, with no database: training the category classifier, the emotion
classifier and the similar-case index on all cases (what `closeloop train_assist` runs for each
task after reading the cases), their stored size and load time, and per complaint the whole
suggestion: category top 3, risk signals and grade, emotion with the trained model, and the 5
most similar closed cases.
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

from closeloop.nlp.classifier import TextClassifier  # noqa: E402
from closeloop.nlp.retrieval import SimilarIndex  # noqa: E402
from closeloop.nlp.signals import emotion, suggest_grade  # noqa: E402
from closeloop.nlp.text import tokenizer  # noqa: E402

DATA = Path(settings.SHARED_DATA_DIR)
SEED = 20261123


def reviews() -> list[tuple[str, str, bool]]:
    """(text, product line, negative) of every review in the three review files."""
    found = []
    sources = [
        ("online_shopping_10_cats.csv", lambda row: row["cat"]),
        ("waimai_10k.csv", lambda row: "外卖"),
        ("ChnSentiCorp_htl_all.csv", lambda row: "酒店"),
    ]
    for name, line_of in sources:
        with (DATA / "reviews" / name).open(encoding="utf-8-sig") as source:
            for row in csv.DictReader(source):
                text = (row.get("review") or "").strip()
                if len(text) >= 4:
                    found.append((text, line_of(row), row["label"] == "0"))
    return found


def complaints(
    pool: list[tuple[str, str, bool]], count: int, rng: random.Random
) -> list[tuple[str, str, str]]:
    """(title + line break + description, product line, emotion)."""
    by_line: dict[str, list[str]] = {}
    for text, line, _negative in pool:
        by_line.setdefault(line, []).append(text)
    made = []
    for _ in range(count):
        text, line, negative = rng.choice(pool)
        title = text.replace("，", ",").split(",")[0][:20]
        description = text if rng.random() < 0.5 else f"{text} {rng.choice(by_line[line])}"
        feeling = rng.choice(["angry", "anxious", "disappointed"]) if negative else "calm"
        made.append((f"{title}\n{description}", line, feeling))
    return made


def timed(label: str, work):
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f} s", flush=True)
    return result, seconds


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"No data folder at {DATA}: set CLOSELOOP_SHARED_DATA (see its README.md).")
    rng = random.Random(SEED)
    pool = reviews()
    cases = complaints(pool, args.cases, rng)
    queries = complaints(pool, args.queries, random.Random(SEED + 1))
    texts = [text for text, _, _ in cases]
    print(f"{len(cases):,} cases, {len({t for t in texts}):,} distinct texts, {len(queries)} queries")
    tokenizer()  # the once-per-process dictionary load is not part of a retraining

    category, category_s = timed(
        "train category", lambda: TextClassifier().fit(texts, [c for _, c, _ in cases])
    )
    feelings, emotion_s = timed(
        "train emotion", lambda: TextClassifier().fit(texts, [e for _, _, e in cases])
    )
    index, index_s = timed(
        "build similar index", lambda: SimilarIndex().build(list(range(1, len(texts) + 1)), texts)
    )
    print(f"retrain all three: {category_s + emotion_s + index_s:.1f} s")
    for name, model, kind in (
        ("category", category, TextClassifier),
        ("emotion", feelings, TextClassifier),
        ("similar", index, SimilarIndex),
    ):
        blob = model.dumps()
        _, seconds = timed(f"load {name} ({len(blob) / 2**20:.1f} MiB)", lambda b=blob, k=kind: k.loads(b))

    parts: dict[str, list[float]] = {"category": [], "grade": [], "emotion": [], "similar": [], "total": []}
    for text, _, _ in queries[:5]:  # warm-up: first calls allocate
        category.predict_top([text])
        index.query(text)
    for text, _, _ in queries:
        started = time.perf_counter()
        category.predict_top([text], k=3)
        after_category = time.perf_counter()
        suggest_grade(text)
        after_grade = time.perf_counter()
        emotion(text, model=feelings)
        after_emotion = time.perf_counter()
        index.query(text, k=5)
        done = time.perf_counter()
        for name, seconds in (
            ("category", after_category - started),
            ("grade", after_grade - after_category),
            ("emotion", after_emotion - after_grade),
            ("similar", done - after_emotion),
            ("total", done - started),
        ):
            parts[name].append(seconds * 1000)
    print()
    print("| step | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    for name, values in parts.items():
        median, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"| {name} | {median:.2f} | {p95:.2f} | {max(values):.2f} |")


if __name__ == "__main__":
    main()
