"""Skip regex rules that cannot match: necessary literals from the regex parse tree.

A letter has a few thousand characters and the lexicon a few hundred regex
rules; scanning every rule over every letter dominated run time. Most rules
need some word to be present ("\\btop\\s+\\d+\\s*%" needs "top", "(?:sought|
asked for) feedback" needs "feedback"). :func:`necessary_literals` reads the
pattern's parse tree and returns a set of lower-cased strings at least one of
which occurs in every match; a rule is only run on a text containing one of
them, which a plain substring search finds far faster than the regex engine.
When no such set can be proven (the pattern is too open), the rule always
runs: the prefilter never changes results, only skips work.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    import re._constants as _c  # type: ignore[import-not-found]
    import re._parser as _parser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

Literals = frozenset[str] | None  # None: no guarantee
_MIN_USEFUL = 3  # shorter literals ("a", "of") occur everywhere and filter nothing


def necessary_literals(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Lower-cased strings one of which every match contains, or ``None`` if unknown."""
    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return None
    found = _sequence(list(tree))
    if not found or any(len(s) < _MIN_USEFUL for s in found):
        return None
    return found


def _sequence(items: list[tuple[Any, Any]]) -> Literals:
    """Best necessary set of a sequence: its longest run of literals, or its most selective element."""
    best: Literals = None
    run = ""
    for op, arg in items + [(None, None)]:
        if op is _c.LITERAL:
            run += chr(arg).lower()
            continue
        if run:
            best = _better(best, frozenset({run}))
            run = ""
        if op is None:
            break
        best = _better(best, _element(op, arg))
    return best


def _element(op: Any, arg: Any) -> Literals:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _sequence(list(branch))
            if not found:
                return None
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        return _sequence(list(body)) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    return None


def _better(a: Literals, b: Literals) -> Literals:
    """Prefer the set whose shortest member is longest (fewer chance hits)."""
    if not b or any(len(s) < _MIN_USEFUL for s in b):
        return a
    if not a:
        return b
    return b if min(map(len, b)) > min(map(len, a)) else a
