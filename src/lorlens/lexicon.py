"""The phrase-tier lexicon: rules as data, loaded from CSV, matched on a Doc.

Program directors read letters through a shared code ("recommend without
reservation" is a safe approve, "with appropriate support" a quiet warning).
That code lives in ``data/phrase_tiers.csv`` so users can read and extend it
without touching Python: each row becomes a :class:`PhraseRule`, validated
with the file and line it came from, and all rules are matched on a spaCy
``Doc`` by :class:`LexiconMatcher`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal, Sequence

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .errors import LexiconError
from .labels import COMPETENCIES, FLAGS, SIGNALS, TIERS
from .prefilter import compile_fast
from .screen import RegexScreen
from .resources import data_path

RuleKind = Literal["phrase", "regex"]
_LINE_BREAK = re.compile(r"[\r\n\t\f\v]")  # one character each: replacing keeps offsets
REQUIRED_COLUMNS = ("pattern", "kind", "tier")
OPTIONAL_COLUMNS = ("evidence", "competency", "signal", "weight", "note")


@dataclass(frozen=True)
class PhraseRule:
    """One lexicon row: a pattern and what a reader takes from it.

    ``kind`` is ``phrase`` (case-insensitive token sequence) or ``regex`` (a
    case-insensitive Python regular expression searched in the text).
    ``weight`` (0..1) is how strongly and reliably the pattern signals
    ``tier``. ``origin`` says where the row came from (``file:line``).
    """

    pattern: str
    kind: RuleKind
    tier: str
    evidence: tuple[str, ...] = ()
    competency: str | None = None
    signal: str | None = None
    weight: float = 0.5
    note: str = ""
    origin: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """Identity of a rule: later files override earlier rows with the same key."""
        return (" ".join(self.pattern.lower().split()), self.kind)

    def same_reading(self, other: "PhraseRule") -> bool:
        return (self.tier, self.evidence, self.competency, self.signal, self.weight) == (
            other.tier,
            other.evidence,
            other.competency,
            other.signal,
            other.weight,
        )


@dataclass(frozen=True)
class LexiconMatch:
    """A rule found in a letter at ``[start, end)`` (characters).

    ``negated`` and ``hedged`` are set by the context rules
    (:mod:`lorlens.context`) when the match lies in a negation or hedge scope.
    """

    rule: PhraseRule
    start: int
    end: int
    negated: bool = False
    hedged: bool = False


@dataclass(frozen=True)
class Lexicon:
    """An ordered, de-duplicated set of rules."""

    rules: tuple[PhraseRule, ...]
    sources: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.rules)

    @classmethod
    def load(cls, path: str | Path | None = None, extra: Sequence[str | Path] = ()) -> "Lexicon":
        """Read the bundled lexicon (or ``path``), then ``extra`` files in order.

        A row in a later file with the same pattern and kind replaces the
        earlier row; new patterns are added.
        """
        paths = [Path(path) if path else data_path("phrase_tiers.csv"), *map(Path, extra)]
        merged: dict[tuple[str, str], PhraseRule] = {}
        for p in paths:
            for rule in read_rules(p):
                merged[rule.key] = rule
        return cls(tuple(merged.values()), tuple(str(p) for p in paths))


def read_rules(path: str | Path) -> list[PhraseRule]:
    """Parse and validate one lexicon CSV; errors name file, line and field."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise LexiconError(path, None, f"cannot open lexicon ({exc.strerror or exc})") from None
    rules: list[PhraseRule] = []
    seen: dict[tuple[str, str], PhraseRule] = {}
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise LexiconError(path, 1, f"missing column(s) {', '.join(missing)}; need {', '.join(REQUIRED_COLUMNS)}")
        try:
            for row in reader:
                line = reader.line_num
                if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                    continue
                rule = _parse_row(row, path, line)
                previous = seen.get(rule.key)
                if previous is not None:
                    if not previous.same_reading(rule):
                        raise LexiconError(
                            path, line, f"duplicate of {previous.origin} with a different reading", "pattern"
                        )
                    continue
                seen[rule.key] = rule
                rules.append(rule)
        except UnicodeDecodeError:
            raise LexiconError(path, None, "not UTF-8 text") from None
        except csv.Error as exc:
            raise LexiconError(path, reader.line_num, f"malformed CSV ({exc})") from None
    return rules


def _parse_row(row: dict[str, str | None], path: Path, line: int) -> PhraseRule:
    def get(name: str) -> str:
        value = row.get(name)
        return value.strip() if isinstance(value, str) else ""

    def fail(name: str, problem: str) -> LexiconError:
        return LexiconError(path, line, problem, name)

    pattern = get("pattern")
    if not pattern:
        raise fail("pattern", "empty pattern")
    kind = get("kind").lower() or "phrase"
    if kind not in ("phrase", "regex"):
        raise fail("kind", f"unknown kind '{kind}' (use phrase or regex)")
    if kind == "regex":
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail("pattern", f"regex does not compile ({exc})") from None
    tier = get("tier").lower()
    if tier not in TIERS:
        raise fail("tier", f"unknown tier '{tier}' (use {', '.join(TIERS)})")
    evidence = tuple(sorted({e.strip().lower() for e in re.split(r"[;,|]", get("evidence")) if e.strip()}))
    bad = [e for e in evidence if e not in FLAGS]
    if bad:
        raise fail("evidence", f"unknown flag '{bad[0]}' (use {', '.join(FLAGS)})")
    competency = get("competency").lower() or None
    if competency is not None and competency not in COMPETENCIES:
        raise fail("competency", f"unknown competency '{competency}'")
    signal = get("signal").lower() or None
    if signal is not None and signal not in SIGNALS:
        raise fail("signal", f"unknown signal '{signal}'")
    raw_weight = get("weight")
    try:
        weight = float(raw_weight) if raw_weight else 0.5
    except ValueError:
        raise fail("weight", f"not a number: '{raw_weight}'") from None
    if not 0.0 <= weight <= 1.0:
        raise fail("weight", f"{weight} is outside 0..1")
    return PhraseRule(
        pattern=pattern,
        kind=kind,  # type: ignore[arg-type]
        tier=tier,
        evidence=evidence,
        competency=competency,
        signal=signal,
        weight=weight,
        note=get("note"),
        origin=f"{path.name}:{line}",
    )


class LexiconMatcher:
    """Finds every rule of a :class:`Lexicon` in a ``Doc``.

    Phrase rules go through one spaCy ``PhraseMatcher`` on lower-cased tokens
    (one pass however many phrases there are); a regex rule is run only on
    texts where one RE2 pass over all of them says it can match
    (:mod:`lorlens.screen`), with a one-character look-ahead
    (:func:`lorlens.prefilter.compile_fast`).
    """

    def __init__(self, vocab: Vocab, lexicon: Lexicon, make_doc) -> None:  # noqa: ANN001 (callable)
        self.lexicon = lexicon
        self._phrase_rules: list[PhraseRule] = [r for r in lexicon.rules if r.kind == "phrase"]
        self._make_doc = make_doc
        self._matcher = PhraseMatcher(vocab, attr="LOWER")
        for i, rule in enumerate(self._phrase_rules):
            self._matcher.add(str(i), [make_doc(rule.pattern)])
        self._regex_rules: list[PhraseRule] = [r for r in lexicon.rules if r.kind == "regex"]
        # Compiled on first use: a letter needs about ten of them, and cold start matters.
        self._regexes: list[re.Pattern[str] | None] = [None] * len(self._regex_rules)
        self._screen = RegexScreen([r.pattern for r in self._regex_rules])

    def __call__(self, doc: Doc, text: str | None = None, wrapped: bool | None = None) -> list[LexiconMatch]:
        """All matches in ``doc`` (``text``: ``doc.text`` if the caller already has it).

        Line breaks inside a paragraph (hard-wrapped or PDF text) must not hide
        "strongly\nrecommend": patterns are matched on a copy of the text with
        every line break and tab turned into a space, which keeps every offset.
        Phrases need a re-tokenised copy for that, so it is made only when a
        sentence spans lines (``wrapped``; by default any line break counts).
        """
        text = doc.text if text is None else text
        flat = _LINE_BREAK.sub(" ", text)
        if wrapped is None:
            wrapped = flat != text
        phrase_doc = self._make_doc(flat) if wrapped and flat != text else doc
        matches: list[LexiconMatch] = []
        for match_id, start, end in self._matcher(phrase_doc):
            rule = self._phrase_rules[int(phrase_doc.vocab.strings[match_id])]
            span = phrase_doc[start:end]
            matches.append(LexiconMatch(rule, span.start_char, span.end_char))
        for i in self._screen.candidates(flat):
            rule, regex = self._regex_rules[i], self._regexes[i]
            if regex is None:
                regex = self._regexes[i] = compile_fast(rule.pattern)
            for m in regex.finditer(flat):
                if m.end() > m.start():
                    matches.append(LexiconMatch(rule, m.start(), m.end()))
        matches.sort(key=lambda m: (m.start, -m.end))
        return matches


def matches_in(matches: Iterable[LexiconMatch], start: int, end: int) -> list[LexiconMatch]:
    """The matches that lie inside ``[start, end)``."""
    return [m for m in matches if m.start >= start and m.end <= end]
