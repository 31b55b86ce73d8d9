"""HTML view of a letter for notebooks, in the manner of displaCy's span view."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import LetterReport

TIER_COLOURS = {
    "standout": "#1a9850",
    "strong": "#91cf60",
    "solid": "#d9ef8b",
    "generic": "#e0e0e0",
    "concern": "#fc8d59",
    "neutral": "transparent",
}


def render_html(report: "LetterReport") -> str:
    """The letter with each sentence highlighted by tier and flags, explanation beside it."""
    text = report.text
    parts: list[str] = []
    pos = 0
    for s in report.sentences:
        parts.append(html.escape(text[pos : s.start]))
        flags = "".join(f'<sup style="font-size:0.7em;margin-left:2px">{f[0].upper()}</sup>' for f in s.evidence)
        title = html.escape(f"{s.tier} ({s.confidence:.2f})" + (f"; {', '.join(s.evidence)}" if s.evidence else ""))
        colour = TIER_COLOURS.get(s.tier, "transparent")
        parts.append(
            f'<span title="{title}" style="background:{colour};border-radius:3px;padding:1px 2px">'
            f"{html.escape(text[s.start:s.end])}{flags}</span>"
        )
        pos = s.end
    parts.append(html.escape(text[pos:]))
    legend = " ".join(
        f'<span style="background:{c};padding:1px 6px;border-radius:3px;border:1px solid #ccc">{t}</span>'
        for t, c in TIER_COLOURS.items()
    )
    letter = "".join(parts)
    explanation = html.escape(report.explain())
    return (
        '<div style="display:flex;gap:16px;align-items:flex-start;font-family:sans-serif">'
        f'<div style="flex:3;white-space:pre-wrap;line-height:1.6;font-size:0.9em">{letter}</div>'
        f'<div style="flex:2"><div style="margin-bottom:8px">{legend}</div>'
        f'<pre style="white-space:pre-wrap;font-size:0.8em">{explanation}</pre></div></div>'
    )
