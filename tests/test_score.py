"""The letter score is monotone where it should be (hypothesis) and reads the weights file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lorlens import DataFileError
from lorlens.report import SentenceReport, WriterContext
from lorlens.score import ScoreWeights, score_letter
from lorlens.writer import read_writer_context

WEIGHTS = ScoreWeights.load()
TIERS = ["standout", "strong", "solid", "generic", "concern", "neutral"]
DOUBTS = ["doubt:hedge", "doubt:polite_no", "doubt:limited_contact", "doubt:weakness"]

sentence = st.builds(
    lambda tier, flags, conf, doubts: SentenceReport(
        0, 1, "x", tier, tuple(sorted(set(flags))), conf, doubts=tuple(doubts) if tier == "concern" else ()
    ),
    st.sampled_from(TIERS),
    st.lists(st.sampled_from(["percentile", "comparison", "anecdote"]), max_size=2),
    st.floats(0.2, 1.0),
    st.lists(st.sampled_from(DOUBTS), max_size=1),
)
contexts = st.builds(
    WriterContext,
    role=st.sampled_from(["leadership", "faculty", "community", "unknown"]),
    contact=st.sampled_from(["long", "short", "unknown"]),
    close=st.booleans(),
)


def score(sentences: list[SentenceReport], context: WriterContext) -> float:
    return score_letter(sentences, context, WEIGHTS).score


@settings(max_examples=300, deadline=None)
@given(st.lists(sentence, max_size=25), contexts, st.integers(0, 25), sentence.filter(lambda s: s.tier == "concern"))
def test_adding_a_doubt_raiser_never_raises_the_score(sentences, context, at, doubt) -> None:
    before = score_letter(sentences, context, WEIGHTS)
    after = score_letter(sentences[:at] + [doubt] + sentences[at:], context, WEIGHTS)
    assert after.score <= before.score
    order = ["standout", "strong", "solid", "generic", "concern"]
    assert order.index(after.tier) >= order.index(before.tier)


@settings(max_examples=300, deadline=None)
@given(st.lists(sentence, max_size=25), contexts, st.integers(0, 25), st.floats(0.2, 1.0))
def test_adding_a_top_ten_percent_placement_never_lowers_the_score(sentences, context, at, conf) -> None:
    top = SentenceReport(0, 1, "in the top 5%", "standout", ("percentile",), conf)
    assert score(sentences[:at] + [top] + sentences[at:], context) >= score(sentences, context)


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, max_size=40), contexts)
def test_score_is_in_range_and_tier_matches_thresholds(sentences, context) -> None:
    result = score_letter(sentences, context, WEIGHTS)
    assert 0.0 <= result.score <= 100.0
    assert result.tier in ("standout", "strong", "solid", "generic", "concern")


def test_more_hedges_weigh_more_than_one() -> None:
    ctx = WriterContext()
    base = [SentenceReport(0, 1, "x", "strong", (), 0.9)] * 3
    hedge = SentenceReport(0, 1, "x", "concern", (), 0.9, doubts=("doubt:hedge",))
    one, two = score(base + [hedge], ctx), score(base + [hedge, hedge], ctx)
    assert two < one < score(base, ctx)


def test_writer_context_is_read_from_signals() -> None:
    from lorlens.report import MatchReport

    pd = SentenceReport(0, 1, "x", "neutral", matches=(MatchReport("program director", "neutral", 0, 1, signal="role:leadership"),))
    short = SentenceReport(2, 3, "y", "neutral", matches=(MatchReport("two weeks", "neutral", 2, 3, signal="contact:short"),))
    ctx = read_writer_context([pd, short])
    assert (ctx.role, ctx.contact, ctx.cues) == ("leadership", "short", (0, 1))


def test_bad_weights_file_names_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "w.toml"
    bad.write_text("base = 40\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="w.toml"):
        ScoreWeights.load(bad)
