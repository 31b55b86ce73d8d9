"""``lorlens train``: fit the sentence classifier on labeled letters, with a model card.

Reproducible by construction: the data are read in sorted order, every
estimator is seeded, cross-validation folds are grouped by letter (no letter
is split across folds) and deterministic, and the card records no
timestamps, only hashes of what went in. Same data and lexicon, same model,
same metrics.

Two choices are learned from the training letters' out-of-fold predictions
(never from the dev set): the probability threshold of each evidence flag,
and the letter-score cut points the card suggests for ``score_weights.toml``
(midpoints between the median scores of adjacent ratings).
"""

from __future__ import annotations

import hashlib
import platform
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import sklearn
import spacy
from joblib import Parallel, delayed
from sklearn.model_selection import GroupKFold

from .analyzer import load
from .component import BODY_KINDS, LorlensComponent, sentence_report
from .context import ContextScoper, read_context_rules
from .corpus import LabeledLetter, read_labeled_dir
from .evaluation import evidence_metrics, evaluate_dir, sentence_metrics, spearman
from .features import SentenceInput, sentence_input
from .labels import FLAGS, TIER_OF_RATING
from .lexicon import Lexicon, LexiconMatch, matches_in
from .model import SentenceModel
from .modelfile import save_model, sha256_file
from .report import SentenceReport
from .resources import data_path
from .score import ScoreWeights, score_letter
from .segment import segment_text
from .writer import read_writer_context


@dataclass
class Dataset:
    """Classifier rows of a labeled corpus, with what letter-level scoring needs."""

    X: list[SentenceInput]
    tiers: list[str]
    evidence: list[tuple[str, ...]]
    groups: list[str]
    matches: list[list[LexiconMatch]]
    letters: list[LabeledLetter]


def letter_rows(
    component: LorlensComponent, nlp: spacy.Language, letter: LabeledLetter
) -> list[tuple[SentenceInput, list[LexiconMatch]]]:
    """Classifier inputs for the labeled sentences of one letter, as at run time.

    The text and labels are the labeled sentence's; its position is that of the
    segment the run-time segmenter finds there, so position features mean the
    same in training and in use.
    """
    all_matches = component.matcher(nlp.make_doc(letter.text))
    body = [seg for seg in segment_text(letter.text) if seg.kind in BODY_KINDS]
    rows = []
    for s in letter.sentences:
        overlaps = [min(s.end, seg.end) - max(s.start, seg.start) for seg in body]
        index = max(range(len(body)), key=overlaps.__getitem__) if body else 0
        scoped = component.scoper.apply(letter.text, s.start, s.end, matches_in(all_matches, s.start, s.end))
        rows.append((sentence_input(letter.text[s.start : s.end], scoped, index, max(1, len(body))), scoped))
    return rows


def build_dataset(letters: Sequence[LabeledLetter], lexicon: Lexicon | None = None) -> Dataset:
    nlp = spacy.blank("en")
    component = LorlensComponent(
        nlp,
        lexicon=lexicon or Lexicon.load(),
        scoper=ContextScoper(read_context_rules()),
        weights=ScoreWeights.load(),
    )
    data = Dataset([], [], [], [], [], list(letters))
    for letter in letters:
        for (row, matches), s in zip(letter_rows(component, nlp, letter), letter.sentences):
            data.X.append(row)
            data.matches.append(matches)
            data.tiers.append(s.tier)
            data.evidence.append(s.evidence)
            data.groups.append(letter.id)
    return data


@dataclass
class OutOfFold:
    """Cross-validated predictions for every training sentence."""

    tier_probs: np.ndarray
    classes: np.ndarray
    flag_probs: np.ndarray  # (n, len(FLAGS))


def out_of_fold(data: Dataset, folds: int, seed: int, jobs: int = 2) -> OutOfFold:
    """Letter-grouped K-fold predictions (deterministic folds, seeded models)."""
    X, tiers, evidence = data.X, data.tiers, data.evidence
    splits = list(GroupKFold(n_splits=folds).split(X, tiers, data.groups))

    def run_fold(train_idx: np.ndarray, test_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        model = SentenceModel(random_state=seed).fit(
            [X[i] for i in train_idx], [tiers[i] for i in train_idx], [evidence[i] for i in train_idx]
        )
        Xf = model.transform([X[i] for i in test_idx])
        flags = model.evidence_.predict_proba(Xf)
        return test_idx, model.tier_.predict_proba(Xf), model.classes_, flags

    results = Parallel(n_jobs=jobs)(delayed(run_fold)(a, b) for a, b in splits)
    classes = results[0][2]
    tier_probs = np.zeros((len(X), len(classes)))
    flag_probs = np.zeros((len(X), len(FLAGS)))
    for test_idx, probs, fold_classes, flags in results:
        assert list(fold_classes) == list(classes)
        tier_probs[test_idx] = probs
        flag_probs[test_idx] = flags
    return OutOfFold(tier_probs, classes, flag_probs)


def choose_flag_thresholds(evidence: Sequence[tuple[str, ...]], flag_probs: np.ndarray) -> dict[str, float]:
    """Per flag, the probability threshold with the best out-of-fold F1."""
    grid = np.round(np.arange(0.2, 0.81, 0.05), 2)
    chosen = {}
    for j, flag in enumerate(FLAGS):
        truth = np.array([flag in e for e in evidence])
        best, best_f1 = 0.5, -1.0
        for t in grid:
            pred = flag_probs[:, j] >= t
            tp, fp, fn = int((pred & truth).sum()), int((pred & ~truth).sum()), int((~pred & truth).sum())
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = float(t), f1
        chosen[flag] = best
    return chosen


def letter_scores(data: Dataset, oof: OutOfFold, thresholds: dict[str, float], weights: ScoreWeights) -> list[float]:
    """Letter scores from out-of-fold sentence predictions, scored as at run time."""
    by_letter: dict[str, list[SentenceReport]] = {}
    best = oof.tier_probs.argmax(axis=1)
    for i, row in enumerate(data.X):
        tier = str(oof.classes[best[i]])
        flags = tuple(f for j, f in enumerate(FLAGS) if oof.flag_probs[i, j] >= thresholds[f])
        by_letter.setdefault(data.groups[i], []).append(
            sentence_report(row["text"], 0, len(row["text"]), "sentence", tier, flags,
                            float(oof.tier_probs[i, best[i]]), data.matches[i])  # fmt: skip
        )
    scores = []
    for letter in data.letters:
        sentences = by_letter.get(letter.id, [])
        scores.append(score_letter(sentences, read_writer_context(sentences), weights).score)
    return scores


def fit_cut_points(scores: Sequence[float], ratings: Sequence[int]) -> dict[str, float]:
    """Score thresholds between adjacent ratings: the midpoint of their median scores.

    Medians of out-of-fold letter scores per rating are robust to the odd
    mis-scored letter, and midpoints keep the tiers in score order; a rating
    with no letters is skipped.
    """
    medians = {r: float(np.median([s for s, q in zip(scores, ratings) if q == r])) for r in sorted(set(ratings))}
    cuts: dict[str, float] = {}
    for rating in range(2, 6):
        lower = [medians[r] for r in medians if r < rating]
        upper = [medians[r] for r in medians if r >= rating]
        if lower and upper:
            cuts[TIER_OF_RATING[rating]] = round((max(lower) + min(upper)) / 2, 1)
    return cuts


def data_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.json")) + sorted(folder.glob("*.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def train_and_save(
    data_dir: Path, out: Path, dev_dir: Path | None = None, seed: int = 0, folds: int = 5, jobs: int = 2
) -> dict[str, Any]:
    """Train on ``data_dir``, write the model and its card to ``out``, return the card."""
    letters = read_labeled_dir(data_dir)
    data = build_dataset(letters)
    oof = out_of_fold(data, folds=folds, seed=seed, jobs=jobs)
    thresholds = choose_flag_thresholds(data.evidence, oof.flag_probs)
    pred_tiers = [str(c) for c in oof.classes[oof.tier_probs.argmax(axis=1)]]
    pred_flags = [tuple(f for j, f in enumerate(FLAGS) if p[j] >= thresholds[f]) for p in oof.flag_probs]
    weights = ScoreWeights.load()
    scores = letter_scores(data, oof, thresholds, weights)
    ratings = [letter.rating for letter in letters]
    cv = {
        **sentence_metrics(data.tiers, pred_tiers),
        **evidence_metrics(data.evidence, pred_flags),
        "letter_spearman": round(spearman(scores, ratings), 4),
    }
    lexicon_cv = sentence_metrics(data.tiers, [baseline_tier(x) for x in data.X])
    model = SentenceModel(random_state=seed, evidence_threshold=thresholds).fit(data.X, data.tiers, data.evidence)
    card: dict[str, Any] = {
        "name": out.name,
        "trained_by": "lorlens train",
        "seed": seed,
        "data": {
            "folder": str(data_dir),
            "sha256": data_hash(data_dir),
            "letters": len(letters),
            "sentences": len(data.X),
            "ratings": dict(sorted(Counter(str(r) for r in ratings).items())),
            "tiers": dict(sorted(Counter(data.tiers).items())),
            "evidence": dict(sorted(Counter(f for flags in data.evidence for f in flags).items())),
        },
        "lexicon_sha256": sha256_file(data_path("phrase_tiers.csv")),
        "context_rules_sha256": sha256_file(data_path("context_rules.csv")),
        "model": {
            "features": "word 1-2-grams + char_wb 3-4-grams (TF-IDF) + lexicon readings + position",
            "tier_head": "LinearSVC (class-balanced), sigmoid-calibrated (CalibratedClassifierCV, cv=3)",
            "evidence_head": "one-vs-rest calibrated LinearSVC (unweighted), per-flag thresholds from CV",
            "params": {k: v for k, v in model.get_params().items() if k != "features"},
        },
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "spacy": spacy.__version__,
            "numpy": np.__version__,
        },
        "metrics": {
            "cross_validation": {"folds": folds, "grouped_by": "letter", **cv},
            "cross_validation_lexicon_only": lexicon_cv,
        },
        "suggested_score_thresholds": {
            "fit_on": "midpoints between median out-of-fold letter scores of adjacent training ratings",
            **fit_cut_points(scores, ratings),
        },
    }
    save_model(model, out, card)
    if dev_dir is not None:
        with_model = evaluate_dir(load(model=out), dev_dir)
        lexicon_only = evaluate_dir(load(model=None), dev_dir)
        card["metrics"]["dev"] = {"folder": str(dev_dir), **with_model}
        card["metrics"]["dev_lexicon_only"] = lexicon_only
        save_model(model, out, card)
    return card


def baseline_tier(x: SentenceInput) -> str:
    """The lexicon-only tier, recovered from the baseline feature of a row."""
    for key in x["lex"]:
        if key.startswith("baseline="):
            return key.split("=", 1)[1]
    return "neutral"

