"""Model files are verified before unpickling; nothing goes to the network; fuzzed input fails cleanly."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lorlens
from lorlens import InputError, LorlensError, ModelError
from lorlens.features import sentence_input
from lorlens.io import decode_text, read_letter
from lorlens.compiled import CompiledModel
from lorlens.model import SentenceModel
from lorlens.modelfile import load_model, save_model
from lorlens.resources import model_path

from .conftest import EXAMPLES

TRAIN = [
    ("I recommend her with the greatest enthusiasm.", "strong"),
    ("She was in the top 5% of students.", "standout"),
    ("He met expectations.", "concern"),
    ("She rotated with us in June.", "neutral"),
    ("He is a hard-working team player.", "generic"),
    ("Her notes were organized.", "solid"),
] * 6


@pytest.fixture(scope="module")
def small_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    X = [sentence_input(text, [], i % 6, 6) for i, (text, _) in enumerate(TRAIN)]
    y = [tier for _, tier in TRAIN]
    flags = {"standout": ("percentile",), "strong": ("anecdote",), "generic": ("comparison",)}
    model = SentenceModel(calibration_folds=2).fit(X, y, [flags.get(t, ()) for t in y])
    folder = tmp_path_factory.mktemp("model") / "small"
    save_model(model, folder, {"name": "small"})
    return folder


def test_compiled_model_predicts_like_the_estimator() -> None:
    X = [sentence_input(text, [], i % 6, 6) for i, (text, _) in enumerate(TRAIN)]
    y = [tier for _, tier in TRAIN]
    flags = {"standout": ("percentile",), "strong": ("anecdote",), "generic": ("comparison",)}
    model = SentenceModel(calibration_folds=2).fit(X, y, [flags.get(t, ()) for t in y])
    compiled = CompiledModel.from_estimator(model)
    probe = X[:6] + [sentence_input("An unseen, odd sentence of 2025!", [], 0, 1), sentence_input("", [], 0, 1)]
    expected, expected_flags = model.predict_all(probe)
    got, got_flags = compiled.predict_all(probe)
    assert abs(expected - got).max() < 1e-6 and got_flags == expected_flags


def test_large_and_small_batches_give_the_same_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """SciPy's sparse product (large batches) and the NumPy path (a letter or two) agree."""
    import lorlens.compiled as compiled_module

    model = load_model(model_path("default"))
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    rows = [sentence_input(s, [], i, 30) for text in texts for i, s in enumerate(text.split(". "))]
    monkeypatch.setattr(compiled_module, "_SCIPY_FROM_NONZEROS", 0)
    sparse_probs, sparse_flags = model.predict_all(rows)
    monkeypatch.setattr(compiled_module, "_SCIPY_FROM_NONZEROS", 10**12)
    dense_probs, dense_flags = model.predict_all(rows)
    assert abs(sparse_probs - dense_probs).max() < 1e-9 and sparse_flags == dense_flags


def test_model_with_matching_card_loads(small_model_dir: Path) -> None:
    assert isinstance(load_model(small_model_dir), CompiledModel)


def test_tampered_model_is_refused(small_model_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tampered"
    folder.mkdir()
    data = bytearray((small_model_dir / "model.npz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "model.npz").write_bytes(bytes(data))
    (folder / "model_card.json").write_text((small_model_dir / "model_card.json").read_text(), encoding="utf-8")
    with pytest.raises(ModelError, match="does not match its model card"):
        load_model(folder)


def test_model_without_card_needs_explicit_trust(small_model_dir: Path, tmp_path: Path) -> None:
    lone = tmp_path / "lone.npz"
    lone.write_bytes((small_model_dir / "model.npz").read_bytes())
    with pytest.raises(ModelError, match="model card not found"):
        load_model(lone)
    assert isinstance(load_model(lone, trust=True), CompiledModel)


def test_a_pickle_posing_as_a_model_is_never_unpickled(tmp_path: Path) -> None:
    import pickle

    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('unpickled!')",))

    evil = tmp_path / "evil.npz"
    evil.write_bytes(pickle.dumps(Boom()))
    with pytest.raises(ModelError, match="not a lorlens model file"):
        load_model(evil, trust=True)


def test_bundled_model_matches_its_card() -> None:
    from lorlens.modelfile import read_card, sha256_file
    from lorlens.resources import model_path

    folder = model_path("default")
    card = read_card(folder)
    assert sha256_file(folder / "model.npz") == card["sha256"]
    assert (folder / "model.npz").stat().st_size <= 25 * 1024 * 1024


def test_whole_cli_runs_with_sockets_blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("lorlens tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    letter = tmp_path / "l.txt"
    letter.write_text("Dear Dr. Li,\n\nI strongly recommend Ms. Park. She is one of the best.\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    from lorlens.cli import main

    assert main(["score", str(letter), "--out", str(out), "--quiet"]) == 0
    assert main(["explain", str(letter)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["tier"]


def test_error_messages_carry_no_letter_text(tmp_path: Path) -> None:
    secret = "Confidential: she struggled badly"
    path = tmp_path / "x.txt"
    path.write_bytes(secret.encode() + b"\x00" * 10)
    with pytest.raises(InputError) as info:
        read_letter(path)
    assert "struggled" not in str(info.value)
    analyzer = lorlens.load(model=None, lexicon=None)
    with pytest.raises(InputError) as info:
        lorlens.Analyzer(analyzer.nlp, max_text_chars=10).analyze(secret)
    assert "struggled" not in str(info.value)


# Bounded in CI; a longer run: LORLENS_FUZZ_EXAMPLES=5000 python -m pytest tests/test_safety.py
FUZZ_EXAMPLES = int(os.environ.get("LORLENS_FUZZ_EXAMPLES", "80"))
fuzz = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".pdf", ".docx"]))
def test_random_bytes_only_ever_raise_lorlens_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        text = read_letter(path)
    except LorlensError:
        return
    assert isinstance(text, str) and text.strip()


@fuzz
@given(st.binary(max_size=3000))
def test_decoded_bytes_go_through_the_pipeline_deterministically(analyzer: lorlens.Analyzer, data: bytes) -> None:
    try:
        text = decode_text(data)
    except InputError:
        return
    first, second = analyzer.analyze(text), analyzer.analyze(text)
    assert first.to_dict() == second.to_dict()
    assert all(0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text for s in first.sentences)
