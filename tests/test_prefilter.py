"""The regex prefilter only skips work: it never hides a match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lorlens.context import read_context_rules
from lorlens.lexicon import Lexicon
from lorlens.prefilter import necessary_literals, satisfied

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
