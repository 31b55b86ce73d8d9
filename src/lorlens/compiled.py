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
from itertools import chain
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .features import SentenceInput
from .labels import FLAGS

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


def _word_ngrams(text: str, low: int, high: int) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    grams = list(tokens) if low == 1 else []
    for n in range(max(2, low), min(high, len(tokens)) + 1):
        grams.extend(map(" ".join, zip(*(tokens[i:] for i in range(n)))))
    return grams


def _char_wb_grams_of_word(word: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of one (lower-cased) whitespace-delimited word."""
    grams: list[str] = []
    w = " " + word + " "
    size = len(w)
    for n in range(low, high + 1):
        if size <= n:  # a word no longer than n yields itself once, as in scikit-learn
            grams.append(w)
            break
        grams.extend(w[i : i + n] for i in range(size - n + 1))
    return grams


_EMPTY_INT = np.zeros(0, dtype=np.int64)
_EMPTY_FLOAT = np.zeros(0, dtype=np.float64)
_WORD_CACHE_LIMIT = 200_000  # distinct words remembered per vectorizer (bounded memory)
_SCIPY_FROM_NONZEROS = 20_000  # about five letters of features


@dataclass
class _Rows:
    """A batch of sparse rows in coordinate form: row number, column, value."""

    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray


@dataclass
class _Tfidf:
    index: dict[str, int]
    idf: np.ndarray
    low: int
    high: int
    analyzer: str

    def __post_init__(self) -> None:
        # char_wb n-grams never cross a word, so a word's columns are computed once and reused:
        # letters repeat most of their words.
        self._word_columns: dict[str, tuple[int, ...]] = {}

    def _columns_char_wb(self, text: str) -> list[int]:
        words = text.lower().split()  # the same words as scikit-learn's whitespace squeeze + split
        found = list(map(self._word_columns.get, words))
        if None in found:
            for k, word in enumerate(words):
                if found[k] is None:
                    found[k] = self._remember(word)
        return list(chain.from_iterable(found))

    def _remember(self, word: str) -> tuple[int, ...]:
        get = self.index.get
        columns = tuple(j for j in map(get, _char_wb_grams_of_word(word, self.low, self.high)) if j is not None)
        if len(self._word_columns) >= _WORD_CACHE_LIMIT:
            self._word_columns.clear()
        self._word_columns[word] = columns
        return columns

    def _columns_word(self, text: str) -> list[int]:
        get = self.index.get
        return [j for j in map(get, _word_ngrams(text, self.low, self.high)) if j is not None]

    def transform(self, texts: Sequence[str]) -> _Rows:
        """Sublinear TF-IDF rows (L2-normalised) of a batch of texts, as scikit-learn computes them."""
        columns_of = self._columns_word if self.analyzer == "word" else self._columns_char_wb
        flat: list[int] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for i, text in enumerate(texts):
            cols = columns_of(text)
            lengths[i] = len(cols)
            flat.extend(cols)
        if not flat:
            return _Rows(_EMPTY_INT, _EMPTY_INT, _EMPTY_FLOAT)
        width = len(self.index)
        keys = np.repeat(np.arange(len(texts), dtype=np.int64), lengths) * width + np.array(flat, dtype=np.int64)
        keys, counts = np.unique(keys, return_counts=True)
        rows, columns = np.divmod(keys, width)
        values = (np.log(counts) + 1.0) * self.idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(texts)))
        return _Rows(rows, columns, values / norms[rows])


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
        # Both heads side by side as (features x outputs), C-contiguous: gathering the rows of a
        # batch's features is one copy, and one product serves tier and evidence.
        self._coef_t = np.ascontiguousarray(np.vstack([a["tier_coef"], a["ev_coef"]]).T, dtype=np.float64)
        self._intercept = np.concatenate([a["tier_intercept"], a["ev_intercept"]]).astype(np.float64)

    @property
    def n_features(self) -> int:
        return self._lex_offset + len(self._lex)

    def _rows(self, X: Sequence[SentenceInput]) -> _Rows:
        """All features of a batch (words, characters, lexicon) as one coordinate list."""
        texts = [x["text"] for x in X]
        words = self._words.transform(texts)
        chars = self._chars.transform(texts)
        lex_rows: list[int] = []
        lex_cols: list[int] = []
        lex_vals: list[float] = []
        get = self._lex.get
        for i, x in enumerate(X):
            for key, value in x["lex"].items():
                j = get(key)
                if j is not None and value:
                    lex_rows.append(i)
                    lex_cols.append(self._lex_offset + j)
                    lex_vals.append(float(value))
        return _Rows(
            np.concatenate([words.rows, chars.rows, np.array(lex_rows, dtype=np.int64)]),
            np.concatenate([words.columns, chars.columns + self._char_offset, np.array(lex_cols, dtype=np.int64)]),
            np.concatenate([words.values, chars.values, np.array(lex_vals, dtype=np.float64)]),
        )

    def _decision(self, batch: _Rows, n: int) -> np.ndarray:
        """Sparse rows times the (features x outputs) coefficients of both heads, for the batch at once.

        Large batches use SciPy's sparse product (six times faster); a letter or
        two uses NumPy alone, so that scoring one file does not pay SciPy's
        import (0.16 s). Both sum the same products.
        """
        if len(batch.rows) >= _SCIPY_FROM_NONZEROS:
            from scipy.sparse import csr_matrix

            matrix = csr_matrix((batch.values, (batch.rows, batch.columns)), shape=(n, self._coef_t.shape[0]))
            return np.asarray(matrix @ self._coef_t) + self._intercept
        out = np.tile(self._intercept, (n, 1))
        if len(batch.rows):
            contrib = self._coef_t[batch.columns] * batch.values[:, None]
            for k in range(out.shape[1]):
                out[:, k] += np.bincount(batch.rows, weights=contrib[:, k], minlength=n)
        return out

    def predict_all(self, X: Sequence[SentenceInput]) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """Tier probabilities (columns in ``classes_`` order) and evidence flags."""
        a = self.arrays
        decision = self._decision(self._rows(X), len(X))
        n_tiers = len(self.classes_)
        tier = _expit_neg(a["tier_a"] * decision[:, :n_tiers] + a["tier_b"])
        total = tier.sum(axis=1, keepdims=True)
        probs = np.divide(tier, total, out=np.full_like(tier, 1 / tier.shape[1]), where=total != 0)
        ev = _expit_neg(a["ev_a"] * decision[:, n_tiers:] + a["ev_b"])
        flags = [tuple(f for f, p, t in zip(self.flags, row, self.thresholds) if p >= t) for row in ev.tolist()]
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
