"""The RE2 screen only skips work: every rule that matches a text is among its candidates."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorlens.context import read_context_rules
from lorlens.lexicon import Lexicon
from lorlens.prefilter import necessary_literals, satisfied
from lorlens.screen import RegexScreen, loosen_for_re2

from .conftest import EXAMPLES, REPO

TRICKY = [
    r"\b(?:top|best)\s+\d+\s*%",
    r"(?<!above )(?<!below )\baverage\b",
    r"\bthe best\b(?! of (?:luck|my))",
    r"[\w-]+ly\b",
    r"(?=\w)é[^\]a]?\s\S",
    r"\bk\w*\Z",
    r"(?:ſ|s)t\d",
]


def _matching(patterns: list[str], text: str) -> set[int]:
    return {i for i, p in enumerate(patterns) if re.search(p, text, re.IGNORECASE)}


def test_patterns_are_loosened_not_narrowed() -> None:
    assert loosen_for_re2(r"(?<!above )\baverage\b(?! grade)") == "(?i)average"
    assert loosen_for_re2(r"[\w-]+") == r"(?i)[\w\x{80}-\x{10FFFF}-]+"
    assert loosen_for_re2(r"[]a]\Z") == r"(?i)[\]a]\z"
    assert loosen_for_re2(r"(?=[)])x") == "(?i)x"  # a ) inside a class does not close the look-ahead


def test_the_bundled_rules_are_all_screened_by_re2() -> None:
    patterns = [r.pattern for r in Lexicon.load().rules if r.kind == "regex"]
    screen = RegexScreen(patterns)
    assert screen.uses_re2 and not screen._outside


def test_no_lexicon_or_context_match_is_ever_screened_out() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "train" / "letters").glob("*.txt"))[::5]]
    patterns = [r.pattern for r in Lexicon.load().rules if r.kind == "regex"]
    patterns += [r.pattern for r in read_context_rules() if r.kind == "regex"]
    screen = RegexScreen(patterns)
    skipped_work = 0
    for text in texts:
        candidates = set(screen.candidates(text))
        matching = _matching(patterns, text)
        assert matching <= candidates, [patterns[i] for i in matching - candidates]
        skipped_work += len(patterns) - len(candidates)
    assert skipped_work > len(texts) * len(patterns) // 2  # and it does skip most rules


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab kKst\u212a\u017f\u00e9\u0130\u00a0\u2003\n-]%5\u0663\u00b2", max_size=30))
def test_random_unicode_text_is_never_screened_out(text: str) -> None:
    screen = RegexScreen(TRICKY)
    assert _matching(TRICKY, text) <= set(screen.candidates(text))


def test_when_re2_fails_the_literal_prefilter_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [r"\btop\s+\d+\s*%", r"\bexcellent\b", r"\bpoor\b"]
    screen = RegexScreen(patterns)
    text = "She was excellent, in the top 5% of her class."
    assert screen.candidates(text) == [0, 1]
    monkeypatch.setattr(screen, "_set", type("Failed", (), {"Match": staticmethod(lambda _t: [])})())
    expected = [i for i, p in enumerate(patterns) if satisfied(necessary_literals(p), text.lower())]
    assert screen.candidates(text) == expected == [0, 1]
    assert RegexScreen(patterns, use_re2=False).candidates(text) == expected


def test_a_pattern_re2_cannot_take_falls_back_to_its_literals() -> None:
    patterns = [r"(\bgreat)\s+\1", r"\bexcellent\b"]  # a back-reference: not RE2
    screen = RegexScreen(patterns)
    assert screen._outside == [0]
    assert screen.candidates("great great work") == [0]
    assert screen.candidates("excellent work") == [1]
