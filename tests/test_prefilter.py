"""The regex prefilter only skips work: it never hides a match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lorlens.context import read_context_rules
from lorlens.lexicon import Lexicon
from lorlens.prefilter import compile_fast, first_characters, necessary_literals, satisfied

from .conftest import EXAMPLES, REPO


def test_requirements_are_read_from_the_parse_tree() -> None:
    assert necessary_literals(r"\btop\s+(?:[1-9]|10)\s*%") == (frozenset({"top"}),)
    need = necessary_literals(r"\b(?:sought|asked for) (?:out )?feedback\b")
    assert need is not None and frozenset({"sought", "asked for"}) in need and frozenset({"feedback"}) in need
    assert necessary_literals(r"\d+") is None  # nothing provable: the rule always runs
    assert necessary_literals(r"(?:great)?\s+x") is None


def test_no_lexicon_or_context_match_is_ever_skipped() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "train" / "letters").glob("*.txt"))[::6]]
    patterns = [r.pattern for r in Lexicon.load().rules if r.kind == "regex"]
    patterns += [r.pattern for r in read_context_rules() if r.kind == "regex"]
    for pattern in patterns:
        regex, need = re.compile(pattern, re.IGNORECASE), necessary_literals(pattern)
        for text in texts:
            if regex.search(text):
                assert satisfied(need, text.lower()), pattern


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc topfedkTOP %10 ", max_size=40))
def test_random_text_never_matches_without_its_literals(text: str) -> None:
    for pattern in (r"\btop\s+(?:[1-9]|10)\s*%", r"(?:ab|bc)+d?e", r"(?:fed|kit)\s(?:a|top)"):
        if re.search(pattern, text, re.IGNORECASE):
            assert satisfied(necessary_literals(pattern), text.lower())


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text)]


def test_first_characters_come_from_the_parse_tree() -> None:
    assert first_characters(r"\b(?:led|founded|spearheaded)\s") == frozenset("lfs")
    assert first_characters(r"(?:top)?\s+x") is None  # may start with anything
    assert first_characters(r"(?<!above )\b(?:the )?(?:top|best)") == frozenset("tb")  # optional words, look-behind
    assert first_characters(r"(?:the)?") is None  # may match the empty string
    assert first_characters(r"\d+") is None
    assert first_characters(r"") is None


def test_the_look_ahead_finds_exactly_the_same_matches() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "train" / "letters").glob("*.txt"))[::9]]
    patterns = [r.pattern for r in Lexicon.load().rules if r.kind == "regex"]
    assert sum(compile_fast(p).pattern != p for p in patterns) > len(patterns) // 2  # most rules gain one
    for pattern in patterns:
        slow, fast = re.compile(pattern, re.IGNORECASE), compile_fast(pattern)
        for text in texts:
            assert _spans(fast, text) == _spans(slow, text), pattern


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abAB]^-[\\ \nKk\u212a", max_size=30))
def test_the_look_ahead_is_exact_on_random_text(text: str) -> None:
    for pattern in (r"\b(?:ab|b\]|\^a)+", r"(?:\[|-)b", r"\\a|k", r"(?:a|b)?b", r"\bk\b"):
        assert _spans(compile_fast(pattern), text) == _spans(re.compile(pattern, re.IGNORECASE), text), pattern


def test_memoised_checks_agree_with_plain_ones() -> None:
    seen: dict[str, bool] = {}
    text = "she led a study of sepsis in the top 5% of her class"
    for pattern in (r"\btop\s+\d+\s*%", r"\b(?:led|founded) (?:a|the) (?:study|project)", r"\bbottom\b", r"sought feedback"):
        need = necessary_literals(pattern)
        assert satisfied(need, text, seen) == satisfied(need, text) == bool(re.search(pattern, text))
