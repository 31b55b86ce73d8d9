"""Hypothesis properties of segmentation, offsets and the letter score."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lorlens
from lorlens.segment import segment_text

SENTENCES = [
    "I strongly recommend her.",
    "She is hard-working and a team player.",
    "He is one of the best students I have supervised, in the top 5% of his class.",
    "With appropriate support, she will succeed.",
    "Dr. Ito presented patients on rounds each morning at St. Mary's.",
    "I cannot recommend him without reservation.",
    "She met expectations.",
    "Her notes were excellent, e.g. her discharge summaries.",
    "He rotated with us for two weeks in the U.S. in June.",
]
LAYOUT = ["Dear Program Director,", "Sincerely,", "Jane Roe, MD", "Program Director", "March 3, 2025"]

letters = st.lists(st.sampled_from(SENTENCES + LAYOUT), min_size=1, max_size=14).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", "\n", "\n\n", "  ", "\n\n\n"]), min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(p + s for p, s in zip(parts, seps))
    )
)
fast = settings(
    max_examples=int(os.environ.get("LORLENS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@fast
@given(st.text(max_size=400))
def test_segments_are_ordered_disjoint_trimmed_and_inside_the_text(text: str) -> None:
    segs = segment_text(text)
    prev_end = 0
    for s in segs:
        assert prev_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == text[s.start : s.end].strip()
        prev_end = s.end
    covered = "".join(text[s.start : s.end] for s in segs)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)


@fast
@given(letters)
def test_report_offsets_and_score_range(rules_analyzer: lorlens.Analyzer, text: str) -> None:
    report = rules_analyzer.analyze(text)
    assert 0.0 <= report.score <= 100.0
    prev_end = 0
    for s in report.sentences:
        assert prev_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        prev_end = s.end


@fast
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8), st.lists(st.sampled_from([" ", "  ", " \t "]), min_size=8, max_size=8))
def test_extra_whitespace_between_sentences_does_not_change_tiers(
    rules_analyzer: lorlens.Analyzer, parts: list[str], gaps: list[str]
) -> None:
    plain = " ".join(parts)
    spaced = "".join(p + g for p, g in zip(parts, gaps))
    a = [s.tier for s in rules_analyzer.analyze(plain).sentences]
    b = [s.tier for s in rules_analyzer.analyze(spaced).sentences]
    assert a == b


@fast
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_bundled_analyzer(analyzer: lorlens.Analyzer, text: str) -> None:
    report = analyzer.analyze(text)
    assert 0.0 <= report.score <= 100.0
    assert all(0 <= s.start < s.end <= len(text) for s in report.sentences)
