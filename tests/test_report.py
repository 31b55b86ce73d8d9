"""LetterReport: JSON-safe records, explanations that quote only the letter, HTML view."""

from __future__ import annotations

import json
import re

import lorlens

LETTER = """Dear Program Director,

I am writing on behalf of Dr. Mia Chen, who spent two weeks with me. She is one of the best
students I have supervised, in the top 5% of her class. With appropriate support, she will succeed.
She is hard-working and a team player.

Sincerely,
Jane Roe, MD
Program Director
"""


def test_to_dict_is_json_safe_and_traceable(rules_analyzer: lorlens.Analyzer) -> None:
    report = rules_analyzer.analyze(LETTER, source="x.txt")
    record = json.loads(json.dumps(report.to_dict()))
    assert record["file"] == "x.txt" and record["tier"] == report.tier
    for s in record["sentences"]:
        assert LETTER[s["start"] : s["end"]] == s["text"]
        for m in s["matches"]:
            assert s["start"] <= m["start"] < m["end"] <= s["end"]


def test_explanation_quotes_only_letter_text(rules_analyzer: lorlens.Analyzer) -> None:
    report = rules_analyzer.analyze(LETTER)
    explanation = report.explain(suggest=True)
    flat = " ".join(LETTER.split())
    for quote in re.findall(r"“([^”]*)”", explanation):
        assert " ".join(quote.rstrip("…").split()) in flat
    assert "Doubt raisers:" in explanation and "appropriate support" in explanation
    assert report.context.role == "leadership" and report.context.contact == "short"


def test_letter_without_doubts_shows_none(rules_analyzer: lorlens.Analyzer) -> None:
    report = rules_analyzer.analyze("I strongly recommend him. He is one of the best residents I know.")
    assert "Doubt raisers: none found." in report.explain()


def test_html_view_highlights_every_sentence(rules_analyzer: lorlens.Analyzer) -> None:
    html = rules_analyzer.analyze(LETTER)._repr_html_()
    assert html.count("<span title=") == len(rules_analyzer.analyze(LETTER).sentences)
    assert "&lt;" not in LETTER and "top 5%" in html


def test_spacy_integration_inside_a_users_pipeline(test_lexicon_path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lorlens", config={"lexicon": str(test_lexicon_path), "model": ""})
    doc = nlp(LETTER)
    report = doc._.lorlens_report
    assert isinstance(report, lorlens.LetterReport)
    spans = doc.spans["lorlens"]
    assert len(spans) == len(report.sentences)
    assert any(span.label_ == "concern" and span._.lorlens_tier == "concern" for span in spans)
    assert any(span.label_ == "standout" for span in doc.spans["lorlens_matches"])
