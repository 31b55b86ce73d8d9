"""Explanations a person can check, and suggestions for the letter's writer.

Everything quoted comes from the letter's own sentences, with its position,
so a reader can find it; nothing about the applicant is invented.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from .labels import COMPETENCIES

if TYPE_CHECKING:
    from .report import LetterReport, SentenceReport

DOUBT_WHY = {
    "doubt:hedge": "hedged: success is predicted with qualifiers, not stated",
    "doubt:conditional": "conditional success: praise depends on support or circumstances",
    "doubt:faint_praise": "faint praise: it commends little beyond the basics",
    "doubt:limited_contact": "limited contact: the writer says they saw little of the applicant",
    "doubt:weakness": "names a weakness",
    "doubt:improvement_from_deficit": "improvement from a deficit: it reminds the reader of a weakness",
    "doubt:minimal_assurance": "minimal assurance ('met expectations', 'adequate')",
    "doubt:polite_no": "polite-no language: the writer describes rather than recommends",
    "doubt:low_rank": "places the applicant in the middle or lower part of a group",
    "doubt:negated_praise": "negated praise: the writer declines to say something positive",
}
TIER_ORDER = ("standout", "strong", "solid", "generic")
SUGGESTIONS = {
    "percentile": "Add a ranking against the students or trainees you have supervised "
    "(for example, how they compare with the others you saw this year), if you can honestly give one.",
    "comparison": "Compare the applicant with peers or a training level you know "
    "(for example, whether they worked at the level of a sub-intern).",
    "anecdote": "Describe one specific thing you saw the applicant do (a patient, a night, a project) "
    "instead of adjectives.",
    "contact": "Say how long and how closely you worked with the applicant (weeks, setting, your role).",
    "recommendation": "State your recommendation and its strength explicitly (for example 'I recommend her highly').",
}


def _position(report: "LetterReport", index: int) -> str:
    s = report.sentences[index]
    line = report.text.count("\n", 0, s.start) + 1 if report.text else None
    return f"sentence {index + 1}" + (f", line {line}" if line else "")


def _quote(s: "SentenceReport", width: int = 220) -> str:
    text = " ".join(s.text.split())
    return "“" + (text if len(text) <= width else text[: width - 1] + "…") + "”"


def carried_by(report: "LetterReport", limit: int = 3) -> list[int]:
    """Indices of the sentences that did the most for the letter: strongest tier, then evidence."""
    candidates = [i for i, s in enumerate(report.sentences) if s.tier in TIER_ORDER[:3]]
    candidates.sort(
        key=lambda i: (
            TIER_ORDER.index(report.sentences[i].tier),
            -len(report.sentences[i].evidence),
            -report.sentences[i].confidence,
        )
    )
    return candidates[:limit]


def doubt_raisers(report: "LetterReport") -> list[tuple[int, str]]:
    """Every concern sentence with the reason it reads as one."""
    out = []
    for i, s in enumerate(report.sentences):
        if s.tier != "concern":
            continue
        whys = [DOUBT_WHY[d] for d in s.doubts if d in DOUBT_WHY]
        out.append((i, "; ".join(whys) if whys else "read as a doubt raiser by the classifier"))
    return out


def missing(report: "LetterReport") -> list[str]:
    """Keys of what the letter lacks: evidence flags and a statement of contact."""
    positive = [s for s in report.sentences if s.tier != "concern"]
    gaps = [flag for flag in ("percentile", "comparison", "anecdote") if not any(flag in s.evidence for s in positive)]
    if report.context.contact == "unknown" and not report.context.close:
        gaps.append("contact")
    if any(r.kind == "missing" and r.message == "no explicit recommendation" for r in report.reasons):
        gaps.append("recommendation")
    return gaps


MISSING_TEXT = {
    "percentile": "no percentile or ranking",
    "comparison": "no comparison with peers",
    "anecdote": "no concrete anecdote",
    "contact": "no statement of how long or how closely the writer worked with the applicant",
    "recommendation": "no explicit recommendation",
}


def explain_text(report: "LetterReport", suggest: bool = False) -> str:
    lines = [f"Letter tier: {report.tier} (score {report.score:.0f}/100)"]
    if report.source:
        lines.insert(0, f"File: {report.source}")
    ctx = report.context
    lines.append(
        f"Writer: {ctx.role if ctx.role != 'unknown' else 'role not stated'}; "
        f"contact: {ctx.contact if ctx.contact != 'unknown' else 'not stated'}"
        + ("; worked closely/daily" if ctx.close else "")
    )
    top = carried_by(report)
    lines.append("")
    lines.append("What carried it:" if top else "What carried it: no sentence stronger than stock praise.")
    for i in top:
        s = report.sentences[i]
        flags = f", {', '.join(s.evidence)}" if s.evidence else ""
        lines.append(f"  - [{s.tier}{flags}] {_position(report, i)}: {_quote(s)}")
    doubts = doubt_raisers(report)
    lines.append("")
    lines.append("Doubt raisers:" if doubts else "Doubt raisers: none found.")
    for i, why in doubts:
        lines.append(f"  - {_position(report, i)}: {_quote(report.sentences[i])}")
        lines.append(f"    why: {why}")
    gaps = missing(report)
    lines.append("")
    lines.append("Missing: " + ("; ".join(MISSING_TEXT[g] for g in gaps) if gaps else "nothing of the usual evidence."))
    spoken = [c for c in COMPETENCIES if report.competencies.get(c)]
    silent = [c for c in COMPETENCIES if c not in spoken]
    lines.append("Competencies spoken to: " + (", ".join(c.replace("_", " ") for c in spoken) or "none"))
    lines.append("Silent on: " + (", ".join(c.replace("_", " ") for c in silent) or "nothing"))
    if suggest:
        lines.append("")
        lines.append("Suggestions for the writer (most useful first):")
        for n, tip in enumerate(suggestions(report), 1):
            lines.append(textwrap.fill(f"{n}. {tip}", width=100, subsequent_indent="   "))
    return "\n".join(lines)


def suggestions(report: "LetterReport") -> list[str]:
    """Concrete, ordered edits; they ask for facts only the writer has, never invent them."""
    tips: list[str] = []
    for i, why in doubt_raisers(report):
        tips.append(
            f"Reconsider {_position(report, i)} {_quote(report.sentences[i], 120)}: {why}. "
            "If you do not have this reservation, say plainly what you do think."
        )
    for gap in missing(report):
        tips.append(SUGGESTIONS[gap])
    generic = [i for i, s in enumerate(report.sentences) if s.tier == "generic"]
    for i in generic[:2]:
        tips.append(
            f"Replace the stock praise in {_position(report, i)} {_quote(report.sentences[i], 100)} "
            "with something you saw the applicant do."
        )
    return tips
