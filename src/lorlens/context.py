"""Negation and hedge scope for lexicon matches (the ConText idea).

"I recommend her without reservation" and "I cannot recommend her without
reservation" contain the same strong phrase; the second is a doubt raiser. A
context rule is a cue ("cannot", "with appropriate support"), a category
(negation, hedge, pseudo, terminate), a direction and a scope in words. A
lexicon match inside a negation scope is *negated*; inside a hedge scope,
*hedged*. Pseudo cues ("no doubt", "do not hesitate") are phrases that look
like negation but are not; terminators ("but", "however", ";") end a scope at
the clause. Rules are rows of ``data/context_rules.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Sequence

from .errors import DataFileError
from .lexicon import LexiconMatch
from .prefilter import necessary_literals, satisfied
from .resources import data_path
from .screen import RegexScreen

Category = Literal["negation", "hedge", "pseudo", "terminate"]
Direction = Literal["forward", "backward", "both"]
_CATEGORIES = ("negation", "hedge", "pseudo", "terminate")
_DIRECTIONS = ("forward", "backward", "both")
_WORD = re.compile(r"\S+")
_LINE_BREAK = re.compile(r"[\r\n\t\f\v]")


@dataclass(frozen=True)
class ContextRule:
    """A modifier cue and how far its effect reaches."""

    pattern: str
    kind: Literal["phrase", "regex"]
    category: Category
    direction: Direction
    scope: int
    note: str = ""

    def compile(self) -> re.Pattern[str]:
        if self.kind == "regex":
            return re.compile(self.pattern, re.IGNORECASE)
        words = [re.escape(w) for w in self.pattern.split()]
        left = r"\b" if self.pattern[:1].isalnum() else ""
        right = r"\b" if self.pattern[-1:].isalnum() else ""
        return re.compile(left + r"\s+".join(words) + right, re.IGNORECASE)


def read_context_rules(path: str | Path | None = None) -> list[ContextRule]:
    """Parse ``context_rules.csv``; errors name the file, line and field."""
    path = Path(path) if path else data_path("context_rules.csv")
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot open context rules ({exc.strerror or exc})") from None
    rules: list[ContextRule] = []
    with handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            fields = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
            pattern, kind = fields.get("pattern", ""), fields.get("kind") or "phrase"
            category, direction = fields.get("category", ""), fields.get("direction") or "forward"
            if not pattern:
                raise DataFileError(path, line, "empty pattern", "pattern")
            if kind not in ("phrase", "regex"):
                raise DataFileError(path, line, f"unknown kind '{kind}'", "kind")
            if category not in _CATEGORIES:
                raise DataFileError(path, line, f"unknown category '{category}'", "category")
            if direction not in _DIRECTIONS:
                raise DataFileError(path, line, f"unknown direction '{direction}'", "direction")
            try:
                scope = int(fields.get("scope") or 0)
            except ValueError:
                raise DataFileError(path, line, f"not a whole number: '{fields.get('scope')}'", "scope") from None
            rule = ContextRule(pattern, kind, category, direction, scope, fields.get("note", ""))  # type: ignore[arg-type]
            try:
                rule.compile()
            except re.error as exc:
                raise DataFileError(path, line, f"regex does not compile ({exc})", "pattern") from None
            rules.append(rule)
    return rules


class ContextScoper:
    """Marks lexicon matches that fall in a negation or hedge scope."""

    def __init__(self, rules: Sequence[ContextRule]) -> None:
        self.rules = tuple(rules)
        self._compiled = [(rule, rule.compile(), _needs(rule)) for rule in self.rules]
        self._screen = RegexScreen([regex.pattern for _, regex, _ in self._compiled])

    def candidates(self, text: str) -> list[tuple[ContextRule, re.Pattern[str], Any]]:
        """The rules that match somewhere in ``text`` (one letter): one RE2 pass per letter."""
        return [self._compiled[i] for i in self._screen.candidates(text)]

    def apply(
        self,
        text: str,
        start: int,
        end: int,
        matches: Sequence[LexiconMatch],
        candidates: Sequence[tuple[ContextRule, re.Pattern[str], Any]] | None = None,
    ) -> list[LexiconMatch]:
        """Return ``matches`` (all inside ``text[start:end]``, one sentence) with scope flags set.

        ``candidates`` (from :meth:`candidates` on the whole letter) narrows the
        rules tried; by default every rule is.
        """
        if not matches:
            return []
        sentence = _LINE_BREAK.sub(" ", text[start:end])  # same length: offsets hold
        lowered, seen = sentence.lower(), {}
        cues: list[tuple[ContextRule, int, int]] = []
        pseudo: list[tuple[int, int]] = []
        stops: list[int] = []
        for rule, regex, needs in self._compiled if candidates is None else candidates:
            if not satisfied(needs, lowered, seen):
                continue
            for m in regex.finditer(sentence):
                if rule.category == "pseudo":
                    pseudo.append((m.start(), m.end()))
                elif rule.category == "terminate":
                    stops.append(m.start())
                else:
                    cues.append((rule, m.start(), m.end()))
        cues = [c for c in cues if not any(ps <= c[1] < pe or ps < c[2] <= pe for ps, pe in pseudo)]
        if not cues:
            return list(matches)
        scopes = [(rule.category, *_scope(sentence, rule, s, e, stops), s, e) for rule, s, e in cues]
        out = []
        for match in matches:
            ms, me = match.start - start, match.end - start
            negated = hedged = False
            for category, lo, hi, cs, ce in scopes:
                overlaps_cue = ms < ce and cs < me
                if lo <= ms < hi and not overlaps_cue:
                    negated |= category == "negation"
                    hedged |= category == "hedge"
            out.append(replace(match, negated=negated, hedged=hedged) if negated or hedged else match)
        return out


def _needs(rule: ContextRule) -> tuple[frozenset[str], ...] | None:
    if rule.kind == "phrase":  # words may be split by any whitespace: require each word
        return tuple(frozenset({word}) for word in rule.pattern.lower().split())
    return necessary_literals(rule.pattern)


def _scope(sentence: str, rule: ContextRule, cue_start: int, cue_end: int, stops: list[int]) -> tuple[int, int]:
    """Character range ``[lo, hi)`` of the sentence that a cue governs."""
    lo, hi = cue_start, cue_end
    if rule.direction in ("forward", "both"):
        words = list(_WORD.finditer(sentence, cue_end))[: rule.scope]
        hi = words[-1].end() if words else cue_end
        hi = min([hi, *[s for s in stops if s >= cue_end]])
    if rule.direction in ("backward", "both"):
        words = list(_WORD.finditer(sentence, 0, cue_start))[-rule.scope :] if rule.scope else []
        lo = words[0].start() if words else cue_start
        lo = max([lo, *[s for s in stops if s < cue_start]])
    return lo, hi
