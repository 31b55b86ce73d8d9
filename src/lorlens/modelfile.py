"""Model files: writing them with their card, verifying and loading them.

A model folder holds ``model.npz`` (the classifier as plain arrays, see
:mod:`lorlens.compiled`, read with ``allow_pickle=False`` so loading can
never run code) and ``model_card.json`` (data, metrics, versions and the
SHA-256 of ``model.npz``). :func:`load_model` checks the file against its
card before using it; a file without a matching card is refused unless the
caller vouches for it with ``trust=True`` (``--trust-model``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .compiled import CompiledModel
from .errors import ModelError

MODEL_FILE = "model.npz"
CARD_FILE = "model_card.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(model: Any, folder: Path, card: dict[str, Any]) -> Path:
    """Export a fitted :class:`~lorlens.model.SentenceModel` to ``folder`` with its card."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MODEL_FILE
    CompiledModel.from_estimator(model).save(path)
    card = {**card, "model_file": MODEL_FILE, "sha256": sha256_file(path)}
    (folder / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return path


def read_card(folder: Path) -> dict[str, Any]:
    card_path = folder / CARD_FILE
    try:
        return json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{card_path}: model card not found") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{card_path}: unreadable model card ({exc})") from None


def load_model(path: str | Path, trust: bool = False) -> CompiledModel:
    """Load a model folder (or its ``model.npz``) after checking it against its card."""
    path = Path(path)
    folder, file = (path, path / MODEL_FILE) if path.is_dir() else (path.parent, path)
    if not file.is_file():
        raise ModelError(f"{file}: model file not found")
    if not trust:
        expected = read_card(folder).get("sha256")
        actual = sha256_file(file)
        if expected != actual:
            raise ModelError(
                f"{file}: SHA-256 {actual[:12]}... does not match its model card ({str(expected)[:12]}...); "
                "refusing it (pass trust=True / --trust-model only for a file you made)"
            )
    try:
        return CompiledModel.load(file)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{file}: not a lorlens model file ({type(exc).__name__})") from None
