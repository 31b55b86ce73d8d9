"""The bundled model: quality floors on the dev set, and reproducible training."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import lorlens
from lorlens.evaluation import evaluate_dir
from lorlens.modelfile import read_card
from lorlens.resources import model_path
from lorlens.modelfile import sha256_file
from lorlens.resources import data_path
from lorlens.train import data_hash, train_and_save

from .conftest import DEV_DIR, REPO

# A little under what the bundled model reaches (see models/default/model_card.json),
# so a regression cannot land silently.
FLOORS = {"tier_macro_f1": 0.87, "evidence_micro_f1": 0.84, "letter_spearman": 0.93, "letter_tier_within_one": 0.93}


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="shared dev set not present")
def test_bundled_model_holds_its_floor_on_the_dev_set(analyzer: lorlens.Analyzer) -> None:
    assert analyzer.has_model
    metrics = evaluate_dir(analyzer, DEV_DIR)
    for key, floor in FLOORS.items():
        assert metrics[key] >= floor, (key, metrics[key])


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="shared dev set not present")
def test_classifier_beats_the_lexicon_alone_on_the_dev_set(analyzer: lorlens.Analyzer) -> None:
    with_model = evaluate_dir(analyzer, DEV_DIR)["tier_macro_f1"]
    lexicon_only = evaluate_dir(lorlens.load(model=None), DEV_DIR)["tier_macro_f1"]
    assert with_model >= lexicon_only + 0.10


def test_model_card_describes_data_and_metrics() -> None:
    card = read_card(model_path("default"))
    assert card["data"]["letters"] >= 400 and card["data"]["sentences"] >= 8000
    cv = card["metrics"]["cross_validation"]
    assert cv["grouped_by"] == "letter" and cv["tier_macro_f1"] > card["metrics"]["cross_validation_lexicon_only"]["tier_macro_f1"]
    assert {"python", "scikit-learn", "spacy", "numpy"} <= set(card["versions"])


def test_bundled_model_was_trained_on_the_repository_as_it_is() -> None:
    """``models/default`` must be what ``lorlens train`` makes from today's data, lexicon and rules.

    Editing the corpus, the lexicon or the context rules without retraining
    would leave a model (and a card) that no longer describes the repository.
    """
    card = read_card(model_path("default"))
    assert card["data"]["sha256"] == data_hash(REPO / "data" / "train" / "letters"), "retrain: the corpus changed"
    assert card["lexicon_sha256"] == sha256_file(data_path("phrase_tiers.csv")), "retrain: the lexicon changed"
    assert card["context_rules_sha256"] == sha256_file(data_path("context_rules.csv")), "retrain: context rules changed"


def test_training_is_reproducible(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for label in sorted((REPO / "data" / "train" / "letters").glob("*.json"))[::12]:
        shutil.copy(label, data / label.name)
        shutil.copy(label.with_suffix(".txt"), data / label.with_suffix(".txt").name)
    train_and_save(data, tmp_path / "m1", folds=2)
    train_and_save(data, tmp_path / "m2", folds=2)
    card1, card2 = read_card(tmp_path / "m1"), read_card(tmp_path / "m2")
    assert card1["sha256"] == card2["sha256"]
    assert json.dumps(card1["metrics"], sort_keys=True) == json.dumps(card2["metrics"], sort_keys=True)


def test_bundled_model_reads_paraphrases_and_negation_in_a_single_sentence(analyzer: lorlens.Analyzer) -> None:
    def tier(text: str) -> str:
        (sentence,) = analyzer.analyze(text).sentences
        return sentence.tier

    assert tier("I would hand her my own patients without a second thought.") in {"strong", "standout"}
    assert tier("She ranked third of the 40 students I supervised this year.") == "standout"
    for doubt in (
        "I cannot recommend her without reservation.",
        "I would not call him exceptional.",
        "If given extra supervision, she should manage.",
        "He was in the middle third of our rotators.",
    ):
        assert tier(doubt) == "concern", doubt
