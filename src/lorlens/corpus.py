"""Labeled letters in the LABELING.md format (``NAME.txt`` beside ``NAME.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import DataFileError
from .labels import FLAGS, TIERS


@dataclass(frozen=True)
class LabeledSentence:
    start: int
    end: int
    tier: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class LabeledLetter:
    id: str
    text: str
    rating: int
    sentences: tuple[LabeledSentence, ...]
    path: Path


def read_labeled_dir(folder: str | Path) -> list[LabeledLetter]:
    """All labeled letters in a folder, sorted by name; bad labels name file and problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError(folder, None, "not a folder of labeled letters")
    letters = []
    for label_path in sorted(folder.glob("*.json")):
        text_path = label_path.with_suffix(".txt")
        try:
            label = json.loads(label_path.read_text(encoding="utf-8"))
            text = text_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DataFileError(text_path, None, "labels without the letter's .txt beside them") from None
        except ValueError as exc:
            raise DataFileError(label_path, None, f"not valid JSON ({exc})") from None
        sentences = []
        for n, s in enumerate(label.get("sentences", [])):
            tier, evidence = s.get("tier"), tuple(sorted(s.get("evidence", [])))
            if tier not in TIERS or not set(evidence) <= set(FLAGS):
                raise DataFileError(label_path, None, f"sentence {n}: bad tier or evidence")
            if not 0 <= s["start"] < s["end"] <= len(text):
                raise DataFileError(label_path, None, f"sentence {n}: offsets outside the text")
            sentences.append(LabeledSentence(int(s["start"]), int(s["end"]), tier, evidence))
        rating = int(label.get("rating", 0))
        letters.append(LabeledLetter(label.get("id", label_path.stem), text, rating, tuple(sentences), label_path))
    return letters
