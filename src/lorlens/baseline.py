"""Reading a sentence from its lexicon matches alone.

This is what lorlens does without a trained model, the baseline the
classifier must beat, and the lexicon's contribution that the classifier sees
as features. It applies the LABELING.md rules that settle doubts:

- praise that is negated ("cannot recommend without reservation") or hedged
  ("with appropriate support ... excellent") reads as ``concern``;
- any doubt raiser in the sentence makes it ``concern`` (the qualification
  wins over the praise it qualifies);
- a percentile or rank decides the tier when present;
- otherwise the most reliable (highest-weight) match wins, ties going to the
  stronger tier; a sentence with no evaluative match is ``neutral``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .labels import POSITIVE_TIERS, TIERS
from .lexicon import LexiconMatch

_RANK = {tier: i for i, tier in enumerate(TIERS)}


@dataclass(frozen=True)
class MatchReading:
    """What one match contributes once negation and hedging are applied."""

    tier: str
    weight: float
    signal: str | None


def read_match(match: LexiconMatch) -> MatchReading:
    rule = match.rule
    if rule.tier in POSITIVE_TIERS and match.negated:
        return MatchReading("concern", rule.weight, "doubt:negated_praise")
    if rule.tier in POSITIVE_TIERS and match.hedged:
        return MatchReading("concern", rule.weight * 0.9, rule.signal or "doubt:hedge")
    if rule.tier == "concern" and match.negated and rule.signal == "doubt:weakness":
        # "never needed reminders": a denied weakness is not a doubt raiser.
        return MatchReading("generic", rule.weight * 0.5, None)
    return MatchReading(rule.tier, rule.weight, rule.signal)


@dataclass(frozen=True)
class BaselineReading:
    tier: str
    evidence: tuple[str, ...]
    confidence: float
    doubts: tuple[str, ...]


def read_sentence(matches: Sequence[LexiconMatch]) -> BaselineReading:
    """Tier, evidence and doubt signals of one sentence from its matches."""
    readings = [read_match(m) for m in matches]
    evidence = tuple(sorted({flag for m in matches for flag in m.rule.evidence}))
    doubts = tuple(sorted({r.signal for r in readings if r.signal and r.signal.startswith("doubt:")}))
    concerns = [r for r in readings if r.tier == "concern"]
    if concerns:
        return BaselineReading("concern", evidence, max(r.weight for r in concerns), doubts)
    ranked = [
        (m, r) for m, r in zip(matches, readings) if "percentile" in m.rule.evidence and r.tier in POSITIVE_TIERS
    ]
    evaluative = ranked or [(m, r) for m, r in zip(matches, readings) if r.tier in POSITIVE_TIERS]
    if evaluative:
        _, best = max(evaluative, key=lambda mr: (mr[1].weight, -_RANK[mr[1].tier]))
        return BaselineReading(best.tier, evidence, best.weight, doubts)
    return BaselineReading("neutral", evidence, 0.5, doubts)
