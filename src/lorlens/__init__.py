"""lorlens: read letters of recommendation the way a program director does.

>>> import lorlens
>>> analyzer = lorlens.load()
>>> report = analyzer.analyze(text)
>>> report.score, report.tier
>>> print(report.explain())
"""

from __future__ import annotations

from .analyzer import Analyzer, load
from .batch import score_folder
from .errors import DataFileError, InputError, LexiconError, LorlensError, ModelError
from .io import read_letter
from .report import LetterReport, SentenceReport

__version__ = "0.1.0"

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
