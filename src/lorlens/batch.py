"""Scoring many letter files: find them, read them, score them, write records.

A file that cannot be read becomes a record with an ``error`` field; it never
stops the batch. Records are written as they finish.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from .analyzer import Analyzer
from .errors import InputError, LorlensError
from .io import SUPPORTED_SUFFIXES, read_letter
from .labels import FLAGS, TIERS


def find_letters(paths: Iterable[str | Path], suffixes: tuple[str, ...] = SUPPORTED_SUFFIXES) -> Iterator[Path]:
    """Files named directly, and supported files under folders (recursive, sorted, hidden skipped).

    A path that does not exist is yielded as is, so it is reported as an error
    rather than silently dropped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                stat = os.stat(root)
                if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
                    dirs[:] = []
                    continue
                seen.add((stat.st_dev, stat.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                        yield Path(root) / name
        else:
            yield path


@dataclass
class Outcome:
    """One file's result: a report record, or the error that prevented it."""

    file: str
    record: dict[str, Any] | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.record is not None:
            return self.record
        return {"file": self.file, "error": self.error}


def score_files(analyzer: Analyzer, files: Iterable[Path], batch_size: int = 32) -> Iterator[Outcome]:
    """Score files in order, yielding an :class:`Outcome` per file (failures included).

    Files are read and scored a chunk at a time, so memory stays flat however
    many files there are, and ``nlp.pipe`` still sees batches.
    """
    chunk: list[Path] = []
    for path in files:
        chunk.append(path)
        if len(chunk) >= batch_size:
            yield from _score_chunk(analyzer, chunk)
            chunk = []
    if chunk:
        yield from _score_chunk(analyzer, chunk)


def _score_chunk(analyzer: Analyzer, chunk: list[Path]) -> Iterator[Outcome]:
    outcomes: list[Outcome] = []
    texts: list[str] = []
    readable: list[int] = []
    for path in chunk:
        try:
            texts.append(read_letter(path))
            readable.append(len(outcomes))
            outcomes.append(Outcome(str(path)))
        except LorlensError as exc:
            outcomes.append(Outcome(str(path), error=_problem(exc)))
    try:
        reports = list(analyzer.analyze_many(texts, sources=[outcomes[i].file for i in readable]))
    except LorlensError:
        reports = []
        for i, text in zip(readable, texts):  # find the letter that failed; keep the others
            try:
                reports.append(analyzer.analyze(text, source=outcomes[i].file))
            except LorlensError as exc:
                outcomes[i].error = _problem(exc)
                reports.append(None)  # type: ignore[arg-type]
    for i, report in zip(readable, reports):
        if report is not None:
            outcomes[i].record = report.to_dict()
    yield from outcomes


def _problem(exc: LorlensError) -> str:
    return exc.problem if isinstance(exc, InputError) else str(exc)


TABLE_COLUMNS = ["file", "score", "tier", "rating", *TIERS, *FLAGS, "role", "contact", "error"]


def table_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten a letter record to one CSV row."""
    if "error" in record and "score" not in record:
        return {"file": record["file"], "error": record["error"]}
    counts = record.get("counts", {})
    return {
        "file": record["file"],
        "score": record["score"],
        "tier": record["tier"],
        "rating": record["rating"],
        **{k: counts.get(k, 0) for k in (*TIERS, *FLAGS)},
        "role": record["context"]["role"],
        "contact": record["context"]["contact"],
        "error": "",
    }


class RecordWriter:
    """Writes letter records as JSON Lines or CSV, flushing after each."""

    def __init__(self, handle: TextIO, fmt: str) -> None:
        if fmt not in ("jsonl", "csv"):
            raise ValueError(f"unknown format {fmt!r}")
        self.handle, self.fmt = handle, fmt
        self._csv = csv.DictWriter(handle, fieldnames=TABLE_COLUMNS, extrasaction="ignore") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        if self._csv is not None:
            self._csv.writerow(table_row(record))
        else:
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()


SENTENCE_COLUMNS = ["file", "index", "start", "end", "kind", "tier", "confidence", "percentile", "comparison", "anecdote", "doubts", "text"]


def sentence_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per sentence of a letter record (none for an error record)."""
    for i, s in enumerate(record.get("sentences", [])):
        yield {
            "file": record["file"],
            "index": i,
            "start": s["start"],
            "end": s["end"],
            "kind": s["kind"],
            "tier": s["tier"],
            "confidence": s["confidence"],
            **{flag: flag in s["evidence"] for flag in FLAGS},
            "doubts": ";".join(s["doubts"]),
            "text": s["text"],
        }


def score_folder(
    paths: str | Path | Iterable[str | Path],
    analyzer: Analyzer | None = None,
    *,
    sentence_level: bool = False,
    batch_size: int = 32,
):  # -> pandas.DataFrame
    """Score every letter under ``paths`` into a pandas DataFrame.

    One row per letter (file, score, tier, counts per tier and flag, writer
    role and contact, error), or with ``sentence_level=True`` one row per
    sentence. Unreadable files appear as rows with ``error`` set.
    """
    import pandas as pd

    from .analyzer import load

    if isinstance(paths, (str, Path)):
        paths = [paths]
    analyzer = analyzer or load()
    rows: list[dict[str, Any]] = []
    for outcome in score_files(analyzer, find_letters(paths), batch_size=batch_size):
        record = outcome.to_dict()
        if sentence_level:
            rows.extend(sentence_rows(record))
        else:
            rows.append(table_row(record))
    columns = SENTENCE_COLUMNS if sentence_level else TABLE_COLUMNS
    return pd.DataFrame(rows, columns=columns)
