"""What lorlens says about a letter: plain dataclasses, JSON-safe.

Every claim carries character offsets into the letter as given, so a reader
can check it against the text. ``LetterReport.to_dict()`` is exactly the
record the CLI writes; ``explain()`` is the human-readable reading and
``_repr_html_`` the notebook view.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class MatchReport:
    """A lexicon rule found in a sentence."""

    pattern: str
    tier: str
    start: int
    end: int
    evidence: tuple[str, ...] = ()
    competency: str | None = None
    signal: str | None = None
    negated: bool = False
    hedged: bool = False
    origin: str = ""


@dataclass(frozen=True)
class SentenceReport:
    """One sentence (or layout line) and how a program director reads it.

    ``kind`` is the segment kind (``sentence``, ``bullet``, ``line``,
    ``salutation``, ``closing``). ``confidence`` is the probability of
    ``tier`` (the classifier's, or the lexicon rule weight without a model).
    ``doubts`` lists the doubt-raiser signals found (``doubt:hedge`` ...).
    """

    start: int
    end: int
    text: str
    tier: str
    evidence: tuple[str, ...] = ()
    confidence: float = 1.0
    kind: str = "sentence"
    doubts: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    matches: tuple[MatchReport, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["evidence"] = list(self.evidence)
        record["doubts"] = list(self.doubts)
        record["competencies"] = list(self.competencies)
        record["matches"] = [
            {**asdict(m), "evidence": list(m.evidence)} for m in self.matches
        ]
        record["confidence"] = round(self.confidence, 4)
        return record


@dataclass(frozen=True)
class WriterContext:
    """Who wrote the letter and how well they know the applicant, as stated in it.

    ``role`` is ``leadership``, ``faculty``, ``community`` or ``unknown``;
    ``contact`` is ``long``, ``short`` or ``unknown``; ``close`` says whether
    the writer describes direct, daily work. ``cues`` are the sentence indices
    the context was read from.
    """

    role: str = "unknown"
    contact: str = "unknown"
    close: bool = False
    cues: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reason:
    """One line of an explanation, pointing at the sentences behind it."""

    kind: str  # "carried", "doubt", "missing", "context"
    message: str
    sentences: tuple[int, ...] = ()
    points: float = 0.0


@dataclass
class LetterReport:
    """The reading of one letter."""

    score: float
    tier: str
    sentences: list[SentenceReport]
    context: WriterContext = field(default_factory=WriterContext)
    reasons: list[Reason] = field(default_factory=list)
    competencies: dict[str, int] = field(default_factory=dict)
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    text: str = field(default="", repr=False)

    @property
    def rating(self) -> int:
        """The letter tier as LABELING.md's 1..5 rating."""
        from .labels import RATING_OF_TIER

        return RATING_OF_TIER[self.tier]

    def counts(self) -> dict[str, int]:
        """Number of sentences per tier and per evidence flag."""
        from .labels import FLAGS, TIERS

        out = {tier: 0 for tier in TIERS}
        out.update({flag: 0 for flag in FLAGS})
        for s in self.sentences:
            out[s.tier] += 1
            for flag in s.evidence:
                out[flag] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe record; the same one ``lorlens score --format jsonl`` writes."""
        return {
            "file": self.source,
            "warnings": list(self.warnings),
            "score": self.score,
            "tier": self.tier,
            "rating": self.rating,
            "counts": self.counts(),
            "context": asdict(self.context) | {"cues": list(self.context.cues)},
            "competencies": dict(self.competencies),
            "reasons": [asdict(r) | {"sentences": list(r.sentences)} for r in self.reasons],
            "sentences": [s.to_dict() for s in self.sentences],
        }

    def explain(self, suggest: bool = False) -> str:
        """A reading a person can check: what carried the letter, what hurt it, what is missing."""
        from .explain import explain_text

        return explain_text(self, suggest=suggest)

    def _repr_html_(self) -> str:
        from .render import render_html

        return render_html(self)
