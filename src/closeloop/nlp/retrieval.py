"""Similar closed cases: BM25 over jieba words of the normalised text.

Words, not characters, because two complaints about 物业费 share that word and not merely 物 and
费; BM25 rather than TF-IDF cosine because it saturates repeated words and does not punish a long
description for its length as much. The index is one sparse matrix with each document's BM25
weight per word, stored by word (CSC), so a query reads only the columns of its own words: a few
milliseconds over 100,000 cases (docs/benchmarks.md "Intelligent assist"). Written here with
scipy rather than a BM25 package because it is forty lines and the dependency would add nothing.
"""

import pickle
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from closeloop.nlp.text import tokens

FORMAT = 1
# The usual BM25 constants: term frequency saturates around 1.2, length normalisation at 0.75.
K1 = 1.2
B = 0.75


class SimilarIndex:
    """build(ids, texts), then query(text, k, exclude) → [(id, score)], best first."""

    def __init__(self) -> None:
        self.ids: np.ndarray = np.array([], dtype=np.int64)
        self.vocabulary: dict[str, int] = {}
        self.idf = np.array([], dtype=np.float32)
        self._weights = sp.csc_matrix((0, 0), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ids)

    def build(self, ids: Sequence, texts: Iterable[str]) -> "SimilarIndex":
        texts = list(texts)
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        self.ids = np.asarray(list(ids))
        counter = CountVectorizer(analyzer=tokens, dtype=np.float32)
        try:
            counts = counter.fit_transform(texts).tocsr()
        except ValueError:  # no document has a word (empty or punctuation only): an empty index
            self.vocabulary, self.idf = {}, np.array([], dtype=np.float32)
            self._weights = sp.csc_matrix((len(texts), 0), dtype=np.float32)
            return self
        self.vocabulary = {word: int(i) for word, i in counter.vocabulary_.items()}
        n_docs = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        norm = K1 * (1 - B + B * lengths / max(lengths.mean(), 1e-9))
        row_of = np.repeat(np.arange(n_docs), np.diff(counts.indptr))
        tf = counts.data
        counts.data = (self.idf[counts.indices] * tf * (K1 + 1) / (tf + norm[row_of])).astype(np.float32)
        self._weights = counts.tocsc()
        return self

    def query(self, text: str, k: int = 5, exclude: Iterable = ()) -> list[tuple[object, float]]:
        """The k documents most like `text`, with a score from 0 to 1: the share of the most a
        document could score for these words (every word, repeated often, in a short document)."""
        columns = sorted({self.vocabulary[w] for w in tokens(text) if w in self.vocabulary})
        if not columns or not len(self.ids):
            return []
        w = self._weights
        starts, ends = w.indptr[columns], w.indptr[np.asarray(columns) + 1]
        rows = np.concatenate([w.indices[s:e] for s, e in zip(starts, ends, strict=True)])
        weights = np.concatenate([w.data[s:e] for s, e in zip(starts, ends, strict=True)])
        scores = np.bincount(rows, weights=weights, minlength=len(self.ids))
        excluded = set(exclude)
        if excluded:
            scores[np.isin(self.ids, list(excluded))] = 0.0
        ceiling = float(self.idf[columns].sum() * (K1 + 1))
        take = min(k, int(np.count_nonzero(scores)))
        if take <= 0:
            return []
        best = np.argpartition(-scores, take - 1)[:take]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self.ids[i].item(), round(float(scores[i]) / ceiling, 4)) for i in best]

    def dumps(self) -> bytes:
        state = {
            "ids": self.ids,
            "vocabulary": self.vocabulary,
            "idf": self.idf,
            "weights": (self._weights.data, self._weights.indices, self._weights.indptr, self._weights.shape),
        }
        return zlib.compress(pickle.dumps((FORMAT, state), protocol=pickle.HIGHEST_PROTOCOL), 1)

    @classmethod
    def loads(cls, blob: bytes) -> "SimilarIndex":
        # Only blobs this code wrote to our own database are loaded (AssistModel.blob).
        version, state = pickle.loads(zlib.decompress(blob))
        if version != FORMAT:
            raise ValueError(f"index format {version}, this code reads {FORMAT}: rebuild the index")
        index = cls()
        index.ids, index.vocabulary, index.idf = state["ids"], state["vocabulary"], state["idf"]
        data, indices, indptr, shape = state["weights"]
        index._weights = sp.csc_matrix((data, indices, indptr), shape=shape)
        return index


def build(ids: Sequence, texts: Iterable[str]) -> SimilarIndex:
    """A new index of these texts, answering with these ids."""
    return SimilarIndex().build(ids, texts)
