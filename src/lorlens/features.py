"""What the sentence classifier sees: the sentence, its lexicon reading, its place.

A training example and a sentence at run time are turned into the same
:class:`SentenceInput` record by :func:`sentence_input`, so the classifier is
never trained on features it will not get later. Lexicon features are
aggregated by tier, signal and flag (not per rule), so a user's extra lexicon
rows feed the trained model without retraining.
"""

from __future__ import annotations

import math
import re
from typing import Sequence, TypedDict

from .baseline import read_match, read_sentence
from .lexicon import LexiconMatch

_DIGIT = re.compile(r"\d")
MIN_SENTENCES_FOR_POSITION = 5
_QUOTE = re.compile(r"[\"“”]")


class SentenceInput(TypedDict):
    """One row of classifier input: ``text`` for n-grams, ``lex`` for the rest."""

    text: str
    lex: dict[str, float]


def sentence_input(
    text: str, matches: Sequence[LexiconMatch], index: int, count: int, kind: str = "sentence"
) -> SentenceInput:
    """Features of the ``index``-th of ``count`` body sentences of a letter."""
    lex: dict[str, float] = {}
    for match in matches:
        reading = read_match(match)
        rule = match.rule
        key = f"tier={reading.tier}"
        lex[key] = max(lex.get(key, 0.0), reading.weight)
        raw = f"rule_tier={rule.tier}"
        lex[raw] = max(lex.get(raw, 0.0), rule.weight)
        if reading.signal:
            lex[f"signal={reading.signal}"] = 1.0
        for flag in rule.evidence:
            lex[f"flag={flag}"] = max(lex.get(f"flag={flag}", 0.0), rule.weight)
        if match.negated:
            lex[f"negated={rule.tier}"] = 1.0
        if match.hedged:
            lex[f"hedged={rule.tier}"] = 1.0
    baseline = read_sentence(matches)
    lex[f"baseline={baseline.tier}"] = 1.0
    lex["n_matches"] = math.log1p(len(matches))
    if count >= MIN_SENTENCES_FOR_POSITION:
        lex["position"] = index / (count - 1)
        lex["first"] = float(index == 0)
        lex["early"] = float(index < 3)
        lex["last"] = float(index == count - 1)
        lex["late"] = float(index >= count - 3)
    else:
        # A sentence or two on their own (a snippet, a one-line reference) has no
        # opening and closing: where it stands says nothing about it.
        lex["position"] = 0.5
    words = len(text.split())
    lex["log_words"] = math.log1p(words)
    lex["short"] = float(words <= 6)
    lex["has_digit"] = float(bool(_DIGIT.search(text)))
    lex["has_quote"] = float(bool(_QUOTE.search(text)))
    lex[f"kind={kind}"] = 1.0
    return {"text": text, "lex": lex}
