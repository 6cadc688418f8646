"""Relevance of knowledge articles to a complaint text.

`closeloop.nlp.retrieval` (jieba-segmented BM25 / TF-IDF) ranks when it is installed; until then,
and wherever its API differs, a BM25 over character bigrams stands in. Bigrams need no
dictionary and still match Chinese well: 退货 / 七日 / 三倍 / 赔偿 are shared bigrams.
"""

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

# BM25's usual constants: term frequency saturates at about k1, length normalised by b.
K1 = 1.2
B = 0.75

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")


class Index(Protocol):
    def query(self, text: str, k: int = 5, exclude: Sequence[Any] = ()) -> list[tuple[Any, float]]: ...


def bigrams(text: str) -> list[str]:
    """Character bigrams of every run of Chinese characters (a lone character stands for itself),
    plus lower-cased Latin words and numbers."""
    terms: list[str] = []
    for run in _CJK.findall(text):
        terms.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    terms.extend(_WORD.findall(text.lower()))
    return terms


class BigramIndex:
    """BM25 over character bigrams; the same `query` as the nlp index."""

    def __init__(self, ids: Sequence[Any], texts: Sequence[str]) -> None:
        self.ids = list(ids)
        self.docs = [Counter(bigrams(text)) for text in texts]
        self.lengths = [sum(doc.values()) for doc in self.docs]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        frequency: Counter[str] = Counter()
        for doc in self.docs:
            frequency.update(doc.keys())
        n = len(self.docs)
        self.idf = {term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df in frequency.items()}

    def query(self, text: str, k: int = 5, exclude: Sequence[Any] = ()) -> list[tuple[Any, float]]:
        terms = [t for t in set(bigrams(text)) if t in self.idf]
        excluded = set(exclude)
        scored = []
        for doc_id, doc, length in zip(self.ids, self.docs, self.lengths, strict=True):
            if doc_id in excluded:
                continue
            norm = K1 * (1 - B + B * length / (self.average or 1))
            score = sum(self.idf[t] * doc[t] * (K1 + 1) / (doc[t] + norm) for t in terms if t in doc)
            if score > 0:
                scored.append((doc_id, score))
        scored.sort(key=lambda item: (-item[1], str(item[0])))
        return scored[:k]


def _nlp_build():
    try:
        from closeloop.nlp import retrieval
    except ImportError:
        return None
    build = getattr(retrieval, "build", None)
    return build if callable(build) else None


def build(ids: Sequence[Any], texts: Sequence[str]) -> Index:
    nlp_build = _nlp_build()
    if nlp_build is not None and ids:
        index = nlp_build(list(ids), list(texts))
        if callable(getattr(index, "query", None)):
            return index
    return BigramIndex(ids, texts)
