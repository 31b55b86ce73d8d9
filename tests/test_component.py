"""The spaCy component reads the letter's own string when it was kept, and only then."""

from __future__ import annotations

import spacy

import lorlens
from lorlens.component import TEXT_KEY, letter_text


def test_kept_text_is_used_only_when_it_spans_the_doc() -> None:
    nlp = spacy.blank("en")
    text = "Dear Dr. Shah,\n\nShe was the best sub-intern this year.  \n"
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    assert letter_text(doc) is text
    doc.user_data[TEXT_KEY] = text + "extra"  # does not span the doc: rebuilt from the tokens
    assert letter_text(doc) == doc.text == text
    doc.user_data[TEXT_KEY] = "X" + text[1:]  # same length, different start
    assert letter_text(doc) == text
    empty = nlp.make_doc("")
    empty.user_data[TEXT_KEY] = "not empty"
    assert letter_text(empty) == ""


def test_the_component_gives_the_same_report_with_or_without_the_kept_text(analyzer: lorlens.Analyzer) -> None:
    text = "Dear Committee,\n\nI recommend him without reservation. He was in the top 5% of his class.\n\nSincerely,\nA. Writer\n"
    kept = analyzer.analyze(text).to_dict()
    plain = analyzer.nlp(text)._.lorlens_report.to_dict()  # nlp(text) keeps nothing
    assert kept == plain
