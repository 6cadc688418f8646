"""One text classifier for every assist task that picks a label: the category of a complaint, its
emotion, anger against the rest.

Features, on the normal form of `text.normalise`:
- character 1–2-grams: Chinese needs no segmentation to be read this way, and they survive the
  typos and variant wordings of complaints that a segmenter splits differently each time;
- the first line again, when the text has one: a complaint's title says in a few words what its
  description says in many (citizens' messages: macro-F1 0.805 with it, 0.789 without).
jieba words and word pairs on top of the characters were tried and measured: no better on any of
the three benchmark sets (within 0.005) and, segmentation being the slowest step, half of the
training time; so they serve retrieval, not classification. A linear SVM with balanced class weights reads
the features: logistic regression was no better and slower, ridge as good on the citizens'
messages but worse on anger, naive Bayes and SGD worse on all (docs/benchmarks.md "Intelligent
assist").

Its scores become probabilities by a softmax whose temperature is fitted on complaints held out
from a second, smaller fit (at most `CALIBRATION_SAMPLES` of them, which keeps retraining fast).
The probabilities of all labels sum to 1, so the top three sum to at most 1.
"""

import io
import pickle
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from closeloop.nlp.text import normalise

FORMAT = 2
# Held-out complaints the temperature is fitted on: enough for one number, small enough that the
# second fit costs a fraction of the first on 100,000 complaints.
CALIBRATION_SAMPLES = 20_000
_TEMPERATURES = np.geomspace(0.05, 5.0, 60)
# A word or n-gram seen in one complaint only is noise and, on 100,000 complaints, most of the
# vocabulary (and of the model's size).
MIN_DF_FROM = 50


def _title(text: str) -> str:
    return text.split("\n", 1)[0] if "\n" in text.strip() else ""


class TextClassifier:
    """fit(texts, labels), then predict_top, explain, dumps/loads."""

    def __init__(self, *, c: float = 0.5, title_weight: float = 1.0) -> None:
        self.c = c
        self.title_weight = title_weight
        self.labels: list[str] = []
        self.temperature = 1.0
        self._chars: TfidfVectorizer | None = None
        self._titles: TfidfVectorizer | None = None
        self._coef: np.ndarray | None = None
        self._intercept: np.ndarray | None = None

    # --- features -------------------------------------------------------------------------------

    def _vectorizers(self, n_texts: int) -> None:
        min_df = 2 if n_texts >= MIN_DF_FROM else 1
        # A gram in more than half the complaints (的, 了, the organisation's name) tells no label apart.
        max_df = 0.5 if n_texts >= MIN_DF_FROM else 1.0
        # The text is normalised already: no second lower-casing pass.
        common = {"analyzer": "char", "ngram_range": (1, 2), "lowercase": False, "sublinear_tf": True}
        self._chars = TfidfVectorizer(min_df=min_df, max_df=max_df, dtype=np.float32, **common)
        self._titles = TfidfVectorizer(dtype=np.float32, **common)

    def _features(self, texts: Sequence[str], *, fit: bool) -> sp.csr_matrix:
        normal = [normalise(t) for t in texts]
        titles = [normalise(_title(t)) for t in texts]
        blocks = []
        for vectorizer, inputs, weight in (
            (self._chars, normal, 1.0),
            (self._titles, titles, self.title_weight),
        ):
            if fit:
                try:
                    block = vectorizer.fit_transform(inputs)
                except ValueError:  # no titles at all (reviews, posts): an empty block
                    vectorizer.fit(["_"])
                    block = vectorizer.transform(inputs)
            else:
                block = vectorizer.transform(inputs)
            blocks.append(block * weight)
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def _feature_names(self) -> np.ndarray:
        return np.concatenate(
            [
                self._chars.get_feature_names_out(),
                np.array([f"[title] {n}" for n in self._titles.get_feature_names_out()], dtype=object),
            ]
        )

    # --- training -------------------------------------------------------------------------------

    def _svm(self, y: np.ndarray, weights: np.ndarray) -> LinearSVC:
        # "balanced" over the complaints as given, duplicates counted: the weighted rows below
        # must weigh what the repeated ones did.
        classes, inverse = np.unique(y, return_inverse=True)
        counts = np.bincount(inverse, weights=weights)
        balanced = dict(zip(classes, counts.sum() / (len(classes) * counts), strict=True))
        return LinearSVC(C=self.c, class_weight=balanced, dual="auto", max_iter=5000, random_state=0)

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "TextClassifier":
        labels = [str(label) for label in labels]
        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        if len(set(labels)) < 2:
            raise ValueError("at least two different labels are needed")
        # The same text with the same label, once with its count as weight: the hinge loss is a sum
        # over complaints, so the model is the same, but an organisation whose complaints repeat
        # (form letters, campaigns, the demo's generator) trains in a fraction of the time.
        repeated = Counter(zip(texts, labels, strict=True))
        texts = [text for text, _label in repeated]
        weights = np.fromiter(repeated.values(), dtype=np.float64, count=len(repeated))
        y = np.asarray([label for _text, label in repeated])
        self._vectorizers(len(texts))
        x = self._features(texts, fit=True)
        svm = self._svm(y, weights).fit(x, y, sample_weight=weights)
        self.labels = [str(label) for label in svm.classes_]
        self._coef, self._intercept = self._weights(svm)
        self.temperature = self._fit_temperature(x, y, weights)
        return self

    @staticmethod
    def _weights(svm: LinearSVC) -> tuple[np.ndarray, np.ndarray]:
        coef = np.asarray(svm.coef_, dtype=np.float32)
        intercept = np.asarray(svm.intercept_, dtype=np.float32)
        if len(svm.classes_) == 2:
            # One score for two labels: the first label's is its negation.
            coef = np.vstack([-coef, coef])
            intercept = np.concatenate([-intercept, intercept])
        return coef, intercept

    def _fit_temperature(self, x: sp.csr_matrix, y: np.ndarray, weights: np.ndarray) -> float:
        rng = np.random.default_rng(20261123)
        order = rng.permutation(len(y))[: CALIBRATION_SAMPLES * 5 // 4]
        held = order[: max(len(order) // 5, 1)]
        train = order[len(held) :]
        if len(held) < 10 or len(set(y[train])) != len(self.labels):
            return 1.0
        svm = self._svm(y[train], weights[train]).fit(x[train], y[train], sample_weight=weights[train])
        coef, intercept = self._weights(svm)
        scores = x[held] @ coef.T + intercept
        truth = np.searchsorted(np.asarray(self.labels), y[held])

        def loss(temperature: float) -> float:
            logp = _log_softmax(scores / temperature)
            return -float(np.average(logp[np.arange(len(held)), truth], weights=weights[held]))

        return float(min(_TEMPERATURES, key=loss))

    # --- use ------------------------------------------------------------------------------------

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per label in `labels`; rows sum to 1."""
        scores = self._features(texts, fit=False) @ self._coef.T + self._intercept
        return np.exp(_log_softmax(np.asarray(scores) / self.temperature))

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [self.labels[i] for i in np.argmax(self.probabilities(texts), axis=1)]

    def predict_top(self, texts: Sequence[str], k: int = 3) -> list[list[tuple[str, float]]]:
        """The k likeliest labels of each text with their probability, likeliest first."""
        found = []
        for row in self.probabilities(texts):
            best = np.argsort(-row, kind="stable")[:k]
            found.append([(self.labels[i], round(float(row[i]), 4)) for i in best])
        return found

    def explain(self, text: str, label: str, n: int = 5) -> list[tuple[str, float]]:
        """The n grams of this text that pushed most toward `label`, with their share of the score."""
        if label not in self.labels:
            return []
        row = self._features([text], fit=False).tocsr()
        weights = self._coef[self.labels.index(label)]
        pushes = row.data * weights[row.indices]
        names = self._feature_names()
        best = np.argsort(-pushes, kind="stable")[:n]
        return [(str(names[row.indices[i]]), round(float(pushes[i]), 4)) for i in best if pushes[i] > 0]

    # --- storage --------------------------------------------------------------------------------

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        pickle.dump((FORMAT, self.__dict__), buffer, protocol=pickle.HIGHEST_PROTOCOL)
        return zlib.compress(buffer.getvalue(), 3)

    @classmethod
    def loads(cls, blob: bytes) -> "TextClassifier":
        # Only blobs this code wrote to our own database are loaded (AssistModel.blob).
        version, state = pickle.loads(zlib.decompress(blob))
        if version != FORMAT:
            raise ValueError(f"classifier format {version}, this code reads {FORMAT}: retrain the model")
        model = cls.__new__(cls)
        model.__dict__.update(state)
        return model


def _log_softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
