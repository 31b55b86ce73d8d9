"""Negation and hedge scope: the same praise reads differently inside a modifier's scope."""

from __future__ import annotations

import pytest

import lorlens


def tier_of(analyzer: lorlens.Analyzer, sentence: str) -> str:
    report = analyzer.analyze(sentence)
    assert len(report.sentences) == 1, [s.text for s in report.sentences]
    return report.sentences[0].tier


@pytest.mark.parametrize(
    "sentence",
    [
        "I cannot recommend her without reservation.",
        "He is not among the strongest students I have had.",
        "I would not call him exceptional.",
        "I wouldn't call him exceptional.",
        "If given extra supervision, she should manage.",
        "With appropriate support, she will be an excellent resident.",
        "She will be an excellent resident with appropriate support.",
    ],
)
def test_negated_or_hedged_praise_is_concern(rules_analyzer: lorlens.Analyzer, sentence: str) -> None:
    assert tier_of(rules_analyzer, sentence) == "concern"


@pytest.mark.parametrize(
    "sentence, tier",
    [
        ("I recommend her without reservation.", "strong"),
        ("He is among the strongest students I have had.", "standout"),
        ("I have no hesitation in recommending her.", "solid"),
        ("She not only met but far exceeded every goal; she is exceptional.", "strong"),
        ("He was not on call with me, but he is an excellent clinician.", "strong"),
    ],
)
def test_praise_outside_any_scope_stays_praise(rules_analyzer: lorlens.Analyzer, sentence: str, tier: str) -> None:
    assert tier_of(rules_analyzer, sentence) == tier


def test_a_denied_weakness_is_not_a_doubt_raiser(rules_analyzer: lorlens.Analyzer) -> None:
    assert tier_of(rules_analyzer, "She needed reminders to finish her notes.") == "concern"
    assert tier_of(rules_analyzer, "She never needed reminders.") != "concern"


def test_scope_flags_are_reported_on_matches(rules_analyzer: lorlens.Analyzer) -> None:
    report = rules_analyzer.analyze("I would not call him exceptional.")
    (match,) = [m for m in report.sentences[0].matches if m.pattern == "exceptional"]
    assert match.negated and not match.hedged
    assert "doubt:negated_praise" in report.sentences[0].doubts


def test_line_breaks_inside_a_sentence_do_not_hide_phrases_or_cues(rules_analyzer: lorlens.Analyzer) -> None:
    wrapped = (
        "Over the four weeks she spent on our inpatient service this spring, I came to strongly\n"
        "recommend her to colleagues. I cannot recommend her without\n"
        "reservation for a categorical position, and I say so with regret.\n"
    )
    report = rules_analyzer.analyze(wrapped)
    assert [s.tier for s in report.sentences] == ["strong", "concern"]
    strong = [m for m in report.sentences[0].matches if m.pattern == "strongly recommend"]
    assert strong and wrapped[strong[0].start : strong[0].end] == "strongly\nrecommend"


@pytest.mark.parametrize(
    "row, field",
    [
        ("not,phrase,negationish,forward,6,\n", "category"),
        ("not,phrase,negation,sideways,6,\n", "direction"),
        ("not,phrase,negation,forward,six,\n", "scope"),
        ('"(unclosed",regex,negation,forward,6,\n', "pattern"),
        (",phrase,negation,forward,6,\n", "pattern"),
    ],
)
def test_bad_context_rule_names_file_line_and_field(tmp_path, row: str, field: str) -> None:
    from lorlens import DataFileError
    from lorlens.context import read_context_rules

    path = tmp_path / "rules.csv"
    path.write_text("pattern,kind,category,direction,scope,note\nnever,phrase,negation,forward,5,\n" + row, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_context_rules(path)
    assert info.value.line == 3 and info.value.field == field and "rules.csv" in str(info.value)
