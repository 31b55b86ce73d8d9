"""The trained classifier as plain arrays: safe to load, fast to start.

Training produces a scikit-learn :class:`~lorlens.model.SentenceModel`. For
use, its fitted state (vocabularies, IDF weights, linear coefficients and the
Platt-scaling calibrators) is exported to :class:`CompiledModel`, stored as a
NumPy ``.npz`` of numbers and strings and read with ``allow_pickle=False``:
loading a model file can never run code, and scoring a letter does not need
scikit-learn (whose import alone took longer than reading a letter). The
arithmetic is the same as scikit-learn's, and a test holds the two to equal
probabilities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .features import SentenceInput
from .labels import FLAGS

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_WHITESPACE = re.compile(r"\s\s+")


def _word_ngrams(text: str, low: int, high: int) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    grams = list(tokens) if low == 1 else []
    for n in range(max(2, low), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def _char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    grams: list[str] = []
    for word in _WHITESPACE.sub(" ", text.lower()).split():
        w = " " + word + " "
        size = len(w)
        for n in range(low, high + 1):
            if size <= n:  # a word no longer than n yields itself once, as in scikit-learn
                grams.append(w)
                break
            grams.extend(w[i : i + n] for i in range(size - n + 1))
    return grams


@dataclass
class _Tfidf:
    index: dict[str, int]
    idf: np.ndarray
    low: int
    high: int
    analyzer: str

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and sublinear TF-IDF values (L2-normalised) of one text."""
        grams = _word_ngrams(text, self.low, self.high) if self.analyzer == "word" else _char_wb_ngrams(text, self.low, self.high)
        get = self.index.get
        hits = [j for j in map(get, grams) if j is not None]
        if not hits:
            return _EMPTY_INT, _EMPTY_FLOAT
        columns, counts = np.unique(np.array(hits, dtype=np.int64), return_counts=True)
        values = (np.log(counts) + 1.0) * self.idf[columns]
        return columns, values / np.sqrt(values @ values)


_EMPTY_INT = np.zeros(0, dtype=np.int64)
_EMPTY_FLOAT = np.zeros(0, dtype=np.float64)


def _expit_neg(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(x))


class CompiledModel:
    """Tier and evidence classifier over plain arrays (same predictions as the estimator)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays
        a = arrays
        self._words = _Tfidf({t: i for i, t in enumerate(a["word_vocab"].tolist())}, a["word_idf"],
                             *map(int, a["word_range"]), "word")  # fmt: skip
        self._chars = _Tfidf({t: i for i, t in enumerate(a["char_vocab"].tolist())}, a["char_idf"],
                             *map(int, a["char_range"]), "char_wb")  # fmt: skip
        self._lex = {t: i for i, t in enumerate(a["lex_names"].tolist())}
        self._char_offset = len(self._words.index)
        self._lex_offset = self._char_offset + len(self._chars.index)
        self.classes_ = a["classes"]
        self.flags = tuple(a["flags"].tolist())
        self.thresholds = a["thresholds"].astype(float)
        # (features x outputs), C-contiguous: gathering the rows of a sentence's features is one copy.
        self._tier_coef_t = np.ascontiguousarray(a["tier_coef"].T, dtype=np.float64)
        self._ev_coef_t = np.ascontiguousarray(a["ev_coef"].T, dtype=np.float64)

    @property
    def n_features(self) -> int:
        return self._lex_offset + len(self._lex)

    def _rows(self, X: Sequence[SentenceInput]) -> list[tuple[np.ndarray, np.ndarray]]:
        rows = []
        for x in X:
            word_idx, word_val = self._words.features(x["text"])
            char_idx, char_val = self._chars.features(x["text"])
            lex = [(self._lex_offset + j, float(v)) for j, v in ((self._lex.get(k), v) for k, v in x["lex"].items())
                   if j is not None and v]  # fmt: skip
            lex_idx = np.array([j for j, _ in lex], dtype=np.int64)
            lex_val = np.array([v for _, v in lex], dtype=np.float64)
            rows.append((np.concatenate([word_idx, char_idx + self._char_offset, lex_idx]),
                         np.concatenate([word_val, char_val, lex_val])))  # fmt: skip
        return rows

    @staticmethod
    def _decision(rows: list[tuple[np.ndarray, np.ndarray]], coef_t: np.ndarray, intercept: np.ndarray) -> np.ndarray:
        """Sparse rows times the (features x outputs) coefficients, for the whole batch at once."""
        lengths = np.array([len(idx) for idx, _ in rows])
        out = np.tile(intercept, (len(rows), 1))
        if lengths.sum() == 0:
            return out
        idx = np.concatenate([i for i, _ in rows])
        val = np.concatenate([v for _, v in rows])
        contrib = coef_t[idx] * val[:, None]
        nonempty = lengths > 0
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[nonempty]
        out[nonempty] += np.add.reduceat(contrib, starts, axis=0)
        return out

    def predict_all(self, X: Sequence[SentenceInput]) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """Tier probabilities (columns in ``classes_`` order) and evidence flags."""
        a = self.arrays
        rows = self._rows(X)
        tier = _expit_neg(a["tier_a"] * self._decision(rows, self._tier_coef_t, a["tier_intercept"]) + a["tier_b"])
        total = tier.sum(axis=1, keepdims=True)
        probs = np.divide(tier, total, out=np.full_like(tier, 1 / tier.shape[1]), where=total != 0)
        ev = _expit_neg(a["ev_a"] * self._decision(rows, self._ev_coef_t, a["ev_intercept"]) + a["ev_b"])
        flags = [tuple(f for f, p, t in zip(self.flags, row, self.thresholds) if p >= t) for row in ev]
        return probs, flags

    def predict_proba(self, X: Sequence[SentenceInput]) -> np.ndarray:
        return self.predict_all(X)[0]

    def predict(self, X: Sequence[SentenceInput]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def save(self, path: Path) -> None:
        with path.open("wb") as handle:
            np.savez_compressed(handle, **self.arrays)

    @classmethod
    def load(cls, path: Path) -> "CompiledModel":
        with np.load(path, allow_pickle=False) as data:
            return cls({k: data[k] for k in data.files})

    @classmethod
    def from_estimator(cls, model: Any) -> "CompiledModel":
        """Export a fitted :class:`~lorlens.model.SentenceModel` (word, char, lexicon features; calibrated SVMs)."""
        union = dict(model.features_.transformer_list)
        words, chars = union["words"].named_steps["tfidf"], union["chars"].named_steps["tfidf"]
        lex = union["lexicon"].named_steps["vec"]
        for vec, analyzer in ((words, "word"), (chars, "char_wb")):
            if vec.analyzer != analyzer or not vec.lowercase or not vec.sublinear_tf or vec.norm != "l2":
                raise ValueError(f"cannot export a {vec.analyzer} vectorizer with these settings")

        def vocab(vec: Any) -> np.ndarray:
            terms = np.empty(len(vec.vocabulary_), dtype=object)
            for term, j in vec.vocabulary_.items():
                terms[j] = term
            return terms.astype(str)

        def head(calibrated: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
            (inner,) = calibrated.calibrated_classifiers_
            svm = inner.estimator
            a = np.array([c.a_ for c in inner.calibrators], dtype=float)
            b = np.array([c.b_ for c in inner.calibrators], dtype=float)
            return np.asarray(svm.coef_, dtype=np.float32), np.asarray(svm.intercept_, dtype=float), a, b

        tier_coef, tier_intercept, tier_a, tier_b = head(model.tier_)
        if len(tier_a) != len(model.classes_):
            raise ValueError("tier head must be multi-class")
        parts = [head(est) for est in model.evidence_.estimators_]
        thresholds = np.array([model._threshold(f) for f in FLAGS], dtype=float)
        arrays = {
            "word_vocab": vocab(words), "word_idf": words.idf_.astype(float), "word_range": np.array(words.ngram_range),
            "char_vocab": vocab(chars), "char_idf": chars.idf_.astype(float), "char_range": np.array(chars.ngram_range),
            "lex_names": np.array(lex.feature_names_, dtype=str),
            "classes": np.asarray(model.classes_).astype(str),
            "tier_coef": tier_coef, "tier_intercept": tier_intercept, "tier_a": tier_a, "tier_b": tier_b,
            "flags": np.array(FLAGS, dtype=str),
            "ev_coef": np.vstack([p[0] for p in parts]), "ev_intercept": np.concatenate([p[1] for p in parts]),
            "ev_a": np.concatenate([p[2] for p in parts]), "ev_b": np.concatenate([p[3] for p in parts]),
            "thresholds": thresholds,
        }  # fmt: skip
        return cls(arrays)
