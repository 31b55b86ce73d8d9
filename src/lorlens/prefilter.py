"""Skip regex rules that cannot match: necessary literals from the regex parse tree.

A letter has a few thousand characters and the lexicon a few hundred regex
rules; scanning every rule over every letter dominated run time. Most rules
need some words to be present ("\\btop\\s+\\d+\\s*%" needs "top", "(?:sought|
asked for) feedback" needs "sought" or "asked for", and "feedback").
:func:`necessary_literals` reads the pattern's parse tree and returns sets of
lower-cased strings such that every match contains a member of each set; a
rule is only run on a text that satisfies them all, which plain substring
searches decide far faster than the regex engine.
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
Requirement = tuple[frozenset[str], ...]  # every set must have a member in the text
_MIN_USEFUL = 3  # shorter literals ("a", "of") occur everywhere and filter nothing


def necessary_literals(pattern: str, flags: int = re.IGNORECASE) -> Requirement | None:
    """Sets of lower-cased strings; every match contains a member of each set. ``None`` if unknown."""
    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return None
    found = tuple(s for s in _all_of(list(tree)) if _useful(s))
    return found or None


def satisfied(requirement: Requirement | None, lowered_text: str, seen: dict[str, bool] | None = None) -> bool:
    """Whether a (lower-cased) text could contain a match; ``None`` always could.

    ``seen`` memoises substring tests across the rules checked against one text:
    the same literal ("student", "recommend") is needed by many rules.
    """
    if requirement is None:
        return True
    if seen is None:
        return all(any(word in lowered_text for word in group) for group in requirement)
    for group in requirement:
        for word in group:
            found = seen.get(word)
            if found is None:
                found = seen[word] = word in lowered_text
            if found:
                break
        else:
            return False
    return True


def first_characters(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Characters one of which starts every match (after zero-width ``\\b``/``^``); ``None`` if unknown."""
    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return None
    return _first(list(tree))


def compile_fast(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with a one-character look-ahead when the first character is known.

    Python's regex engine tries every alternative of ``\\b(?:led|founded|...)``
    at every position of the text; a leading ``(?=[lf...])`` rejects most
    positions with one set test. A match must start with one of those
    characters, so the matches found are exactly the same (a test checks).
    """
    first = first_characters(pattern, flags)
    if first:
        try:
            return re.compile("(?=[" + "".join(map(_in_class, sorted(first))) + "])(?:" + pattern + ")", flags)
        except re.error:  # e.g. a pattern that opens with global inline flags
            pass
    return re.compile(pattern, flags)


def _in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def _first(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars, may_be_empty = _first_of_sequence(items)
    return None if chars is None or may_be_empty or not chars else frozenset(chars)


_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)  # \b, ^, look-ahead and look-behind consume nothing


def _first_of_sequence(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters a sequence can start with (``None``: unknown) and whether it can match empty."""
    found: set[str] = set()
    for op, arg in items:
        chars, may_be_empty = _first_of_element(op, arg)
        if chars is None:
            return None, False
        found |= chars
        if not may_be_empty:
            return found, False
    return found, True


def _first_of_element(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    if op in _ZERO_WIDTH:
        return set(), True
    if op is _c.LITERAL:
        return {chr(arg)}, False
    if op is _c.SUBPATTERN:
        return _first_of_sequence(list(arg[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first_of_sequence(list(arg))
    if op is _c.BRANCH:
        union: set[str] = set()
        any_empty = False
        for branch in arg[1]:
            chars, may_be_empty = _first_of_sequence(list(branch))
            if chars is None:
                return None, False
            union |= chars
            any_empty = any_empty or may_be_empty
        return union, any_empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        chars, may_be_empty = _first_of_sequence(list(body))
        return chars, may_be_empty or low == 0
    return None, False  # a character class, a back-reference...: not worth reading


def _useful(group: frozenset[str]) -> bool:
    return bool(group) and all(len(word) >= _MIN_USEFUL for word in group)


def _all_of(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Every requirement of a sequence: its literal runs and its elements' requirements."""
    found: list[frozenset[str]] = []
    run = ""
    for op, arg in items + [(None, None)]:
        if op is _c.LITERAL:
            run += chr(arg).lower()
            continue
        if run:
            found.append(frozenset({run}))
            run = ""
        if op is None:
            break
        found.extend(_element(op, arg))
    return found


def _one_of(items: list[tuple[Any, Any]]) -> Literals:
    """The single most selective requirement of a sequence (for use inside an alternation)."""
    useful = [group for group in _all_of(items) if _useful(group)]
    return max(useful, key=lambda g: min(map(len, g))) if useful else None


def _element(op: Any, arg: Any) -> list[frozenset[str]]:
    if op is _c.SUBPATTERN:
        return _all_of(list(arg[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _one_of(list(branch))
            if not found:
                return []
            union |= found
        return [frozenset(union)]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        return _all_of(list(body)) if low >= 1 else []
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _all_of(list(arg))
    return []
