"""Metrics on labeled letters: the same definitions as the project's evaluate.py.

Sentence tier accuracy and macro-F1 (each labeled sentence matched to the
predicted sentence overlapping it most), per-flag and micro evidence F1, and
letter-level Spearman correlation of score with rating and tier agreement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from .analyzer import Analyzer
from .corpus import LabeledLetter, read_labeled_dir
from .labels import FLAGS, RATING_OF_TIER, TIER_OF_RATING, TIERS


def _f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _average_ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in order[i : j + 1]:
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    ra, rb = _average_ranks(a), _average_ranks(b)
    n = len(ra)
    if n < 2:
        return 0.0
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    sa = sum((x - ma) ** 2 for x in ra) ** 0.5
    sb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (sa * sb) if sa and sb else 0.0


def sentence_metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    per_tier: dict[str, float | None] = {}
    for t in TIERS:
        tp = sum(g == t and p == t for g, p in zip(gold, pred))
        fp = sum(g != t and p == t for g, p in zip(gold, pred))
        fn = sum(g == t and p != t for g, p in zip(gold, pred))
        per_tier[t] = round(_f1(tp, fp, fn), 4) if tp + fp + fn else None
    present = [t for t in TIERS if t in gold]
    return {
        "tier_accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
        "tier_macro_f1": round(sum(per_tier[t] or 0.0 for t in present) / max(1, len(present)), 4),
        "tier_f1": per_tier,
    }


def evidence_metrics(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> dict[str, Any]:
    counts = {f: [0, 0, 0] for f in FLAGS}
    for g, p in zip(gold, pred):
        gs, ps = set(g), set(p)
        for f in FLAGS:
            counts[f][0] += f in gs and f in ps
            counts[f][1] += f in ps and f not in gs
            counts[f][2] += f in gs and f not in ps
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {
        "evidence_f1": {f: round(_f1(*c), 4) if sum(c) else None for f, c in counts.items()},
        "evidence_micro_f1": round(_f1(*total), 4),
    }


def evaluate_records(letters: Sequence[LabeledLetter], records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Metrics for predicted records (``LetterReport.to_dict()``) against their labeled letters."""
    gold_tiers: list[str] = []
    pred_tiers: list[str] = []
    gold_flags: list[tuple[str, ...]] = []
    pred_flags: list[list[str]] = []
    ratings: list[float] = []
    scores: list[float] = []
    exact = within_one = 0
    for letter, record in zip(letters, records):
        ratings.append(letter.rating)
        scores.append(float(record["score"]))
        exact += record["tier"] == TIER_OF_RATING.get(letter.rating)
        within_one += abs(RATING_OF_TIER[record["tier"]] - letter.rating) <= 1
        predicted = record["sentences"]
        for s in letter.sentences:
            best, overlap = None, 0
            for p in predicted:
                o = min(s.end, p["end"]) - max(s.start, p["start"])
                if o > overlap:
                    best, overlap = p, o
            gold_tiers.append(s.tier)
            pred_tiers.append(best["tier"] if best else "none")
            gold_flags.append(s.evidence)
            pred_flags.append(best["evidence"] if best else [])
    n = len(letters)
    return {
        "letters": n,
        "sentences": len(gold_tiers),
        **sentence_metrics(gold_tiers, pred_tiers),
        **evidence_metrics(gold_flags, pred_flags),
        "letter_spearman": round(spearman(scores, ratings), 4) if n > 2 else None,
        "letter_tier_accuracy": round(exact / max(1, n), 4),
        "letter_tier_within_one": round(within_one / max(1, n), 4),
    }


def evaluate_dir(analyzer: Analyzer, folder: Path) -> dict[str, Any]:
    """Score every labeled letter in ``folder`` and compare with its labels."""
    letters = read_labeled_dir(folder)
    records = [r.to_dict() for r in analyzer.analyze_many(l.text for l in letters)]
    return evaluate_records(letters, records)


def format_metrics(metrics: dict[str, Any]) -> str:
    return "\n".join(f"{key:24} {value}" for key, value in metrics.items())
