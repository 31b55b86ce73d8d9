"""The training corpus is well formed, varied, and shares nothing with the dev set."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from lorlens.corpus import read_labeled_dir

from .conftest import DEV_DIR, REPO

TRAIN_DIR = REPO / "data" / "train" / "letters"
WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


@pytest.fixture(scope="module")
def train_letters():
    return read_labeled_dir(TRAIN_DIR)


def test_corpus_size_and_balance(train_letters) -> None:
    sentences = [s for letter in train_letters for s in letter.sentences]
    assert len(train_letters) >= 400 and len(sentences) >= 8000
    ratings = Counter(letter.rating for letter in train_letters)
    assert set(ratings) == {1, 2, 3, 4, 5}
    assert max(ratings.values()) <= 1.6 * min(ratings.values())
    tiers = Counter(s.tier for s in sentences)
    assert all(tiers[t] >= 200 for t in ("standout", "strong", "solid", "generic", "concern", "neutral"))


def test_labels_point_at_text(train_letters) -> None:
    for letter in train_letters:
        for s in letter.sentences:
            assert letter.text[s.start : s.end].strip(), (letter.id, s)


def test_most_sentences_are_not_repeated_stock_phrases(train_letters) -> None:
    texts = [" ".join(letter.text[s.start : s.end].lower().split()) for letter in train_letters for s in letter.sentences]
    counts = Counter(texts)
    repeated = sum(n for n in counts.values() if n > 1)
    assert repeated / len(texts) < 0.05


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="shared dev set not present")
def test_no_training_sentence_is_identical_or_near_identical_to_a_dev_sentence(train_letters) -> None:
    """No training sentence of 8+ words shares 75% or more of its word set with a dev sentence.

    Shorter sentences are exempt: they are formulae every letter uses ("I
    recommend him for your consideration.", quoted by LABELING.md itself),
    which no writer can avoid and which carry no information about dev letters.
    """
    dev = [tokens(l.text[s.start : s.end]) for l in read_labeled_dir(DEV_DIR) for s in l.sentences]
    index: dict[str, list[int]] = defaultdict(list)
    for i, toks in enumerate(dev):
        for tok in toks:
            index[tok].append(i)
    offenders = []
    for letter in train_letters:
        for s in letter.sentences:
            text = letter.text[s.start : s.end]
            if len(WORD.findall(text.lower())) < 8:
                continue
            toks = tokens(text)
            shared = Counter(i for tok in toks for i in index.get(tok, ()))
            for i, n in shared.items():
                jaccard = n / len(toks | dev[i])
                if jaccard >= 0.75:
                    offenders.append((letter.id, round(jaccard, 2), text))  # the training side only
    assert not offenders, offenders[:10]
