"""Exception types raised by lorlens.

Every error a user can trigger is a :class:`LorlensError`, so callers can catch
one type and batch jobs can record the failure of one letter and carry on. The
messages name the file (and line, for data files) and the problem, never the
letter's text: letters are confidential and error messages end up in logs.
"""

from __future__ import annotations

from pathlib import Path


class LorlensError(Exception):
    """Base class of every error lorlens raises on purpose."""


class InputError(LorlensError):
    """A letter could not be read or is not usable as a letter.

    ``path`` is the file (or ``"<text>"`` for text passed in memory) and
    ``problem`` a one-line description without any of the letter's content.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class DataFileError(LorlensError):
    """A data file (lexicon, context rules, score weights) has a bad entry."""

    def __init__(self, path: str | Path, line: int | None, problem: str, field: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        what = f"field '{field}': {problem}" if field else problem
        super().__init__(f"{where}: {what}")


class LexiconError(DataFileError):
    """A row of a phrase-tier lexicon CSV is invalid."""


class ModelError(LorlensError):
    """A model file is missing, does not match its card, or is not trusted."""
