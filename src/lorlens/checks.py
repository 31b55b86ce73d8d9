"""Plausibility checks on a text: is it English, is it a letter at all?

Such texts are still scored (a short letter can trip a heuristic), but the
report carries a warning so a batch of 500 letters shows which results to
distrust. Warnings describe the text's shape only, never its content.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the and of to a in is was he she her his i for with that as on it be this have at by my has an are
    we you they their him our from who not or will been were had would which""".split()
)
_CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \S+ import|#include|function |var |const |let |public |private |return\b"
    r"|if\b.*:$|elif |else:|for \w+ in |while |try:|except\b|with \S.* as \w+:|[}{])|[;{}]\s*$|^\s*[\w.\[\]]+ = \S"
)


def text_warnings(text: str) -> list[str]:
    """Human-readable warnings about a text that may not be an English letter."""
    warnings: list[str] = []
    words = _WORD.findall(text[:20000].lower())
    if len(words) >= 25:
        share = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words)) / len(words)
        if share < 0.12:
            warnings.append("does not look like English text; scored anyway")
    lines = [line for line in text[:20000].splitlines() if line.strip()]
    if len(lines) >= 5:
        tabular = sum(line.count(",") + line.count("\t") + line.count(";") >= 3 and len(line) < 300 for line in lines)
        if tabular / len(lines) >= 0.6:
            warnings.append("looks like a table (CSV/TSV), not a letter; scored anyway")
        elif sum(bool(_CODE_LINE.search(line)) for line in lines) / len(lines) >= 0.3:
            warnings.append("looks like source code, not a letter; scored anyway")
    elif len(words) < 25 and len(words) < 2 * len(lines) + 10:
        warnings.append("very short for a letter; scored anyway")
    return warnings
