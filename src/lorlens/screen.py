"""Which of many regexes can match a text, found in one pass.

The lexicon holds a few hundred regex rules and a letter a few thousand
characters. Python's regex engine scans the text once per rule; even with the
necessary-literal prefilter (:mod:`lorlens.prefilter`) about fifty rules per
letter had to be scanned, of which about ten matched, and that scanning was
the largest cost of reading a letter.

:class:`RegexScreen` asks RE2 (``google-re2``), whose ``RE2::Set`` runs many
patterns as one automaton, which rules match somewhere in the text; only those
are then run with Python's ``re`` for their exact matches. RE2 has no
look-arounds and ASCII-only ``\\b``, ``\\w``, ``\\s`` and ``\\d``, so each rule is
given to it in a *looser* form: look-arounds and word boundaries dropped,
classes widened to cover every Unicode character Python's would. A looser
pattern matches wherever the rule does, so the screen can only let extra rules
through, never hide a match (a test holds it to that on the corpus and on
random Unicode text). If RE2 is not installed, cannot take a pattern, or runs
out of memory on a text (an always-matching sentinel pattern tells), the
necessary-literal prefilter decides instead.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from .prefilter import necessary_literals, satisfied

try:
    import re2 as _re2
except ImportError:  # pragma: no cover - the wheel exists for the usual platforms
    _re2 = None

# Python's \s, \w, \d (str patterns) are Unicode-wide; RE2's are ASCII. These cover Python's.
_SPACE = r"\s\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{0B}\x{1C}-\x{1F}"
_WORD = r"\w\x{80}-\x{10FFFF}"
_DIGIT = r"\d\p{Nd}"
_WIDER = {"w": _WORD, "s": _SPACE, "d": _DIGIT}
_LOOK_AROUND = ("(?=", "(?!", "(?<=", "(?<!")
_RE2_MEMORY = 32 << 20


def loosen_for_re2(pattern: str) -> str:
    """An RE2 pattern (case-insensitive) that matches wherever the Python ``pattern`` matches.

    Look-around groups and ``\\b``/``\\B`` are dropped (each only narrows a match),
    ``\\w``/``\\s``/``\\d`` widened to Unicode, ``\\Z`` spelled ``\\z``. Raises
    ``ValueError`` on unbalanced groups.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escape = pattern[i + 1 : i + 2]
            if escape in _WIDER:
                out.append(_WIDER[escape] if in_class else "[" + _WIDER[escape] + "]")
            elif escape in ("b", "B") and not in_class:
                pass
            elif escape == "Z":
                out.append(r"\z")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            out.append(char)
            in_class = char != "]"
            i += 1
            continue
        if char == "[":
            in_class = True
            out.append(char)
            i += 1
            if pattern[i : i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i : i + 1] == "]":  # a literal ] first in a class
                out.append(r"\]")
                i += 1
            continue
        if pattern.startswith(_LOOK_AROUND, i):
            i = _end_of_group(pattern, i)
            continue
        out.append(char)
        i += 1
    return "(?i)" + "".join(out)


def _end_of_group(pattern: str, start: int) -> int:
    """The index just past the ``)`` that closes the group opened at ``pattern[start]``."""
    depth, in_class, i = 0, False, start
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            if pattern[i : i + 1] == "]":
                i += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced parentheses")


class RegexScreen:
    """The indices of the patterns (of those given) that can match a text.

    ``patterns`` are Python regexes compiled with ``re.IGNORECASE``.
    """

    def __init__(self, patterns: Sequence[str], use_re2: bool = True) -> None:
        self._patterns = list(patterns)
        self._needs_cache: list[Any] | None = None  # necessary literals, read only if needed
        self._set: Any = None
        self._sentinel = -1
        self._from_set: dict[int, int] = {}  # RE2 set index -> pattern index
        self._outside: list[int] = []  # patterns RE2 could not take: prefilter only
        if _re2 is None or not use_re2 or not patterns:
            self._outside = list(range(len(patterns)))
            return
        options = _re2.Options()
        options.log_errors = False  # never write anything about a text to stderr
        # The set's DFA is built lazily as texts arrive; with RE2's default 8 MB budget it
        # kept discarding its states (1 ms a letter); 32 MB keeps them (0.02 ms a letter).
        options.max_mem = _RE2_MEMORY
        regex_set = _re2.Set.SearchSet(options)
        self._sentinel = regex_set.Add("")  # matches every text: missing from a result = RE2 failed
        for i, pattern in enumerate(patterns):
            try:
                self._from_set[regex_set.Add(loosen_for_re2(pattern))] = i
            except (ValueError, _re2.error):
                self._outside.append(i)
        regex_set.Compile()
        self._set = regex_set

    @property
    def _needs(self) -> list[Any]:
        if self._needs_cache is None:
            self._needs_cache = [necessary_literals(p) for p in self._patterns]
        return self._needs_cache

    @property
    def uses_re2(self) -> bool:
        return self._set is not None

    def candidates(self, text: str) -> list[int]:
        """Indices, ascending, of every pattern that may match ``text`` (no false misses)."""
        if self._set is not None:
            hits = self._set.Match(text)
            if self._sentinel in hits:
                found = [self._from_set[h] for h in hits if h != self._sentinel]
                if self._outside:  # only these need the literal prefilter (and a lower-cased copy)
                    found += self._by_literals(text, self._outside)
                return sorted(found)
        return self._by_literals(text, range(len(self._patterns)))

    def _by_literals(self, text: str, indices: Iterable[int]) -> list[int]:
        lowered, seen = text.lower(), {}
        return [i for i in indices if satisfied(self._needs[i], lowered, seen)]
