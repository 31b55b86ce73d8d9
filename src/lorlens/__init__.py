"""lorlens: read letters of recommendation the way a program director does.

>>> import lorlens
>>> analyzer = lorlens.load()
>>> report = analyzer.analyze(text)
>>> report.score, report.tier
>>> print(report.explain())

The public names are imported on first use, so ``import lorlens`` (and
``lorlens --help``) stays fast; spaCy and scikit-learn load when a pipeline
is built.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import DataFileError, InputError, LexiconError, LorlensError, ModelError

__version__ = "0.1.0"

_LAZY = {
    "Analyzer": "analyzer",
    "load": "analyzer",
    "LetterReport": "report",
    "SentenceReport": "report",
    "read_letter": "io",
    "score_folder": "batch",
}

__all__ = [
    "Analyzer",
    "DataFileError",
    "InputError",
    "LetterReport",
    "LexiconError",
    "LorlensError",
    "ModelError",
    "SentenceReport",
    "load",
    "read_letter",
    "score_folder",
]

if TYPE_CHECKING:
    from .analyzer import Analyzer, load
    from .batch import score_folder
    from .io import read_letter
    from .report import LetterReport, SentenceReport


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lorlens' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
