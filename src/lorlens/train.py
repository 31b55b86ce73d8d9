"""``lorlens train``: fit the sentence classifier on labeled letters, with a model card.

Reproducible by construction: the data are read in sorted order, every
estimator is seeded, cross-validation folds are grouped by letter (no letter
is split across folds) and deterministic, and the card records no
timestamps, only hashes of what went in. Same data and lexicon, same model,
same metrics.
"""

from __future__ import annotations

import hashlib
import platform
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import sklearn
import spacy
from joblib import Parallel, delayed
from sklearn.model_selection import GroupKFold

from .analyzer import load
from .component import BODY_KINDS, LorlensComponent
from .context import ContextScoper, read_context_rules
from .corpus import LabeledLetter, read_labeled_dir
from .evaluation import evaluate_dir, evidence_metrics, sentence_metrics
from .features import SentenceInput, sentence_input
from .lexicon import Lexicon, matches_in
from .model import SentenceModel, save_model, sha256_file
from .resources import data_path
from .score import ScoreWeights
from .segment import segment_text


def letter_inputs(component: LorlensComponent, nlp: spacy.Language, letter: LabeledLetter) -> list[SentenceInput]:
    """Classifier inputs for the labeled sentences of one letter, as at run time.

    The text and labels are the labeled sentence's; its position is that of the
    segment the run-time segmenter finds there, so position features mean the
    same in training and in use.
    """
    doc = nlp.make_doc(letter.text)
    all_matches = component.matcher(doc)
    body = [seg for seg in segment_text(letter.text) if seg.kind in BODY_KINDS]
    rows = []
    for s in letter.sentences:
        overlaps = [min(s.end, seg.end) - max(s.start, seg.start) for seg in body]
        index = max(range(len(body)), key=overlaps.__getitem__) if body else 0
        scoped = component.scoper.apply(letter.text, s.start, s.end, matches_in(all_matches, s.start, s.end))
        rows.append(sentence_input(letter.text[s.start : s.end], scoped, index, max(1, len(body))))
    return rows


def build_dataset(
    letters: Sequence[LabeledLetter], lexicon: Lexicon | None = None
) -> tuple[list[SentenceInput], list[str], list[tuple[str, ...]], list[str]]:
    nlp = spacy.blank("en")
    component = LorlensComponent(
        nlp,
        lexicon=lexicon or Lexicon.load(),
        scoper=ContextScoper(read_context_rules()),
        weights=ScoreWeights.load(),
    )
    X: list[SentenceInput] = []
    tiers: list[str] = []
    evidence: list[tuple[str, ...]] = []
    groups: list[str] = []
    for letter in letters:
        X.extend(letter_inputs(component, nlp, letter))
        tiers.extend(s.tier for s in letter.sentences)
        evidence.extend(s.evidence for s in letter.sentences)
        groups.extend(letter.id for _ in letter.sentences)
    return X, tiers, evidence, groups


def cross_validate(
    X: Sequence[SentenceInput],
    tiers: Sequence[str],
    evidence: Sequence[tuple[str, ...]],
    groups: Sequence[str],
    folds: int,
    seed: int,
    jobs: int = 2,
) -> dict[str, Any]:
    """Letter-grouped out-of-fold metrics for the classifier and the lexicon-only baseline."""
    pred_tiers: list[str] = [""] * len(X)
    pred_flags: list[tuple[str, ...]] = [()] * len(X)
    splits = list(GroupKFold(n_splits=folds).split(X, tiers, groups))

    def run_fold(train_idx, test_idx):  # noqa: ANN001, ANN202
        model = SentenceModel(random_state=seed).fit(
            [X[i] for i in train_idx], [tiers[i] for i in train_idx], [evidence[i] for i in train_idx]
        )
        probs, flags = model.predict_all([X[i] for i in test_idx])
        return test_idx, model.classes_[np.argmax(probs, axis=1)], flags

    for test_idx, best, flags in Parallel(n_jobs=jobs)(delayed(run_fold)(a, b) for a, b in splits):
        for j, i in enumerate(test_idx):
            pred_tiers[i] = str(best[j])
            pred_flags[i] = flags[j]
    return {**sentence_metrics(tiers, pred_tiers), **evidence_metrics(evidence, pred_flags)}


def data_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.json")) + sorted(folder.glob("*.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def train_and_save(
    data_dir: Path, out: Path, dev_dir: Path | None = None, seed: int = 0, folds: int = 5
) -> dict[str, Any]:
    """Train on ``data_dir``, write the model and its card to ``out``, return the card."""
    letters = read_labeled_dir(data_dir)
    X, tiers, evidence, groups = build_dataset(letters)
    cv = cross_validate(X, tiers, evidence, groups, folds=folds, seed=seed)
    lexicon_baseline_cv = sentence_metrics(tiers, [read_sentence_tier(x) for x in X])
    model = SentenceModel(random_state=seed).fit(X, tiers, evidence)
    card: dict[str, Any] = {
        "name": out.name,
        "trained_by": "lorlens train",
        "seed": seed,
        "data": {
            "folder": str(data_dir),
            "sha256": data_hash(data_dir),
            "letters": len(letters),
            "sentences": len(X),
            "ratings": dict(sorted(Counter(str(l.rating) for l in letters).items())),
            "tiers": dict(sorted(Counter(tiers).items())),
            "evidence": dict(sorted(Counter(f for flags in evidence for f in flags).items())),
        },
        "lexicon_sha256": sha256_file(data_path("phrase_tiers.csv")),
        "context_rules_sha256": sha256_file(data_path("context_rules.csv")),
        "model": {
            "features": "word 1-2-grams + char_wb 2-5-grams (TF-IDF) + lexicon readings + position",
            "tier_head": "LinearSVC (class-balanced), sigmoid-calibrated (CalibratedClassifierCV, cv=3)",
            "evidence_head": "one-vs-rest calibrated LinearSVC (class-balanced), threshold 0.5",
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
            "cross_validation_lexicon_only": lexicon_baseline_cv,
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


def read_sentence_tier(x: SentenceInput) -> str:
    """The lexicon-only tier, recovered from the baseline feature of a row."""
    for key in x["lex"]:
        if key.startswith("baseline="):
            return key.split("=", 1)[1]
    return "neutral"

