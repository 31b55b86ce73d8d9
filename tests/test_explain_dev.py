"""Explanations of real letters quote only the letter and never invent doubt raisers."""

from __future__ import annotations

import re

import pytest

import lorlens
from lorlens.corpus import read_labeled_dir

from .conftest import DEV_DIR, EXAMPLES

QUOTE = re.compile(r"“([^”]*)”")


def letters() -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    if DEV_DIR.is_dir():
        out += [(l.id, l.text) for l in read_labeled_dir(DEV_DIR)]
    return out


@pytest.mark.parametrize("name, text", letters(), ids=[n for n, _ in letters()])
def test_explanation_quotes_only_letter_text(analyzer: lorlens.Analyzer, name: str, text: str) -> None:
    report = analyzer.analyze(text, source=name)
    explanation = report.explain(suggest=True)
    flat = " ".join(text.split())
    quotes = QUOTE.findall(explanation)
    assert quotes, "an explanation quotes the sentences it rests on"
    for quote in quotes:
        assert " ".join(quote.rstrip("…").split()) in flat, quote
    concerns = [s for s in report.sentences if s.tier == "concern"]
    if not concerns:
        assert "Doubt raisers: none found." in explanation
    else:
        doubts = explanation.split("Doubt raisers:")[1].split("Missing:")[0]
        assert doubts.count("why:") == len(concerns)
