"""From sentence readings to a 0-100 letter score and tier, with reasons.

A pure function of its inputs (sentence reports, writer context, weights), so
it can be property-tested: adding a doubt raiser never raises the score, and
adding a top-10% placement never lowers it. All numbers live in
``data/score_weights.toml`` with the reasoning beside them.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .errors import DataFileError
from .labels import FLAGS, LETTER_TIERS, TIERS
from .report import Reason, SentenceReport, WriterContext
from .resources import data_path


@dataclass(frozen=True)
class ScoreWeights:
    """The contents of ``score_weights.toml``, validated."""

    base: float
    min_full_confidence: float
    tier_points: dict[str, float]
    repeat_decay: dict[str, float]
    evidence_points: dict[str, float]
    evidence_decay: float
    dilution_free_share: float
    dilution_points: float
    role_multiplier: dict[str, float]
    short_contact_points: float
    long_contact_points: float
    close_contact_points: float
    cap_min_confidence: float
    cap_one_concern: str
    cap_serious: str
    serious_signals: frozenset[str]
    cap_many: int
    cap_many_tier: str
    thresholds: dict[str, float]
    recommendation: re.Pattern[str]
    missing_recommendation_points: float

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ScoreWeights":
        path = Path(path) if path else data_path("score_weights.toml")
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise DataFileError(path, None, f"cannot read score weights ({exc.strerror or exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise DataFileError(path, None, f"not valid TOML ({exc})") from None
        try:
            return cls._from_dict(raw)
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise DataFileError(path, None, f"missing or bad entry {exc}") from None

    @classmethod
    def _from_dict(cls, raw: dict[str, Any]) -> "ScoreWeights":
        ctx, caps, ev = raw["context"], raw["caps"], raw["evidence_points"]
        weights = cls(
            base=float(raw["base"]),
            min_full_confidence=float(raw["min_full_confidence"]),
            tier_points={t: float(raw["tier_points"][t]) for t in TIERS},
            repeat_decay={t: float(raw["repeat_decay"][t]) for t in LETTER_TIERS},
            evidence_points={f: float(ev[f]) for f in FLAGS},
            evidence_decay=float(ev["decay"]),
            dilution_free_share=float(raw["dilution"]["free_share"]),
            dilution_points=float(raw["dilution"]["points"]),
            role_multiplier={
                r: float(ctx[f"{r}_multiplier"]) for r in ("leadership", "faculty", "community", "unknown")
            },
            short_contact_points=float(ctx["short_contact_points"]),
            long_contact_points=float(ctx["long_contact_points"]),
            close_contact_points=float(ctx["close_contact_points"]),
            cap_min_confidence=float(caps["min_confidence"]),
            cap_one_concern=str(caps["one_concern"]),
            cap_serious=str(caps["serious"]),
            serious_signals=frozenset(caps["serious_signals"]),
            cap_many=int(caps["many"]),
            cap_many_tier=str(caps["many_tier"]),
            thresholds={t: float(raw["tiers"][t]) for t in LETTER_TIERS[:-1]},
            recommendation=re.compile(str(raw["recommendation"]["pattern"]), re.IGNORECASE),
            missing_recommendation_points=float(raw["recommendation"]["missing_points"]),
        )
        for tier in (weights.cap_one_concern, weights.cap_serious, weights.cap_many_tier):
            if tier not in LETTER_TIERS:
                raise ValueError(f"caps: unknown tier '{tier}'")
        if weights.missing_recommendation_points > 0:
            raise ValueError("recommendation.missing_points must not be positive")
        if weights.tier_points["concern"] > 0:
            raise ValueError("tier_points.concern must not be positive")
        if min(weights.role_multiplier.values()) <= 0:
            raise ValueError("context multipliers must be positive")
        return weights


@dataclass(frozen=True)
class LetterScore:
    score: float
    tier: str
    reasons: tuple[Reason, ...]


def _weight(sentence: SentenceReport, weights: ScoreWeights) -> float:
    return min(1.0, sentence.confidence / weights.min_full_confidence)


def _decayed(values: list[float], decay: float) -> float:
    """Sum of values (largest first) with the k-th multiplied by decay^(k-1)."""
    return sum(v * decay**k for k, v in enumerate(sorted(values, reverse=True)))


def tier_for_score(score: float, weights: ScoreWeights) -> str:
    for tier in LETTER_TIERS[:-1]:
        if score >= weights.thresholds[tier]:
            return tier
    return "concern"


def score_letter(
    sentences: Sequence[SentenceReport], context: WriterContext, weights: ScoreWeights
) -> LetterScore:
    """Combine sentence readings into a score in [0, 100], a tier and the reasons."""
    reasons: list[Reason] = []
    positive = 0.0
    for tier in ("standout", "strong", "solid", "generic"):
        idx = [i for i, s in enumerate(sentences) if s.tier == tier]
        if not idx:
            continue
        pts = [weights.tier_points[tier] * _weight(sentences[i], weights) for i in idx]
        gained = _decayed(pts, weights.repeat_decay[tier])
        positive += gained
        reasons.append(Reason("tier", f"{len(idx)} {tier} sentence(s)", tuple(idx), round(gained, 2)))
    for flag in FLAGS:
        idx = [i for i, s in enumerate(sentences) if flag in s.evidence and s.tier not in ("concern",)]
        if idx:
            pts = [weights.evidence_points[flag] * _weight(sentences[i], weights) for i in idx]
            gained = _decayed(pts, weights.evidence_decay)
            positive += gained
            reasons.append(Reason("evidence", f"{flag} evidence", tuple(idx), round(gained, 2)))
    positive *= weights.role_multiplier.get(context.role, 1.0)

    penalty = 0.0
    concern_idx = [i for i, s in enumerate(sentences) if s.tier == "concern"]
    if concern_idx:
        pts = [-weights.tier_points["concern"] * _weight(sentences[i], weights) for i in concern_idx]
        lost = _decayed(pts, weights.repeat_decay["concern"])
        penalty += lost
        reasons.append(Reason("doubt", f"{len(concern_idx)} doubt raiser(s)", tuple(concern_idx), -round(lost, 2)))
    evaluative = [s for s in sentences if s.tier in ("standout", "strong", "solid", "generic")]
    if evaluative:
        share = sum(s.tier == "generic" for s in evaluative) / len(evaluative)
        dilution = weights.dilution_points * max(0.0, share - weights.dilution_free_share)
        if dilution > 0:
            penalty += dilution
            reasons.append(Reason("dilution", f"{share:.0%} of the praise is stock praise", (), -round(dilution, 2)))

    adjust = 0.0
    if context.contact == "short":
        adjust += weights.short_contact_points
    elif context.contact == "long":
        adjust += weights.long_contact_points
    if context.close:
        adjust += weights.close_contact_points
    if adjust:
        reasons.append(Reason("context", "length and closeness of contact", context.cues, round(adjust, 2)))
    if not recommends(sentences, weights):
        adjust += weights.missing_recommendation_points
        reasons.append(Reason("missing", "no explicit recommendation", (), weights.missing_recommendation_points))

    score = max(0.0, min(100.0, weights.base + positive - penalty + adjust))
    tier = tier_for_score(score, weights)
    cap = _cap(sentences, weights)
    if cap is not None and LETTER_TIERS.index(tier) < LETTER_TIERS.index(cap):
        ceiling = _ceiling(cap, weights)
        reasons.append(Reason("cap", f"doubt raisers cap the letter at '{cap}'", tuple(concern_idx), 0.0))
        score, tier = min(score, ceiling), cap
    # Rounded down to 0.1, so a rounded score never crosses a tier threshold.
    return LetterScore(math.floor(score * 10 + 1e-9) / 10, tier, tuple(reasons))


def recommends(sentences: Sequence[SentenceReport], weights: ScoreWeights) -> bool:
    """Whether a positive sentence recommends or endorses the applicant."""
    return any(
        s.tier in ("standout", "strong", "solid") and weights.recommendation.search(s.text) for s in sentences
    )


def _cap(sentences: Sequence[SentenceReport], weights: ScoreWeights) -> str | None:
    sure = [s for s in sentences if s.tier == "concern" and s.confidence >= weights.cap_min_confidence]
    if not sure:
        return None
    if len(sure) >= weights.cap_many:
        return weights.cap_many_tier
    if len(sure) >= 2 or any(set(s.doubts) & weights.serious_signals for s in sure):
        return weights.cap_serious
    return weights.cap_one_concern


def _ceiling(tier: str, weights: ScoreWeights) -> float:
    """Highest score still inside ``tier`` (just under the next tier up)."""
    i = LETTER_TIERS.index(tier)
    return 100.0 if i == 0 else weights.thresholds[LETTER_TIERS[i - 1]] - 1e-6
