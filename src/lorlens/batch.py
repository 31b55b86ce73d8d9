"""Scoring many letter files: find them, read them, score them, in order.

A file that cannot be read becomes an outcome with an ``error``; it never
stops the batch. Files are processed a chunk at a time so memory stays flat
however large the folder is. With ``jobs > 1`` chunks go to joblib worker
processes, with a Dask ``client`` to a cluster; each worker builds its
analyzer once from an :class:`AnalyzerConfig` (paths, not objects, travel),
and results come back in input order, identical to a serial run.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import InputError, LorlensError
from .io import SUPPORTED_SUFFIXES, read_letter
from .labels import COMPETENCIES, FLAGS, TIERS


@dataclass(frozen=True)
class AnalyzerConfig:
    """What :func:`lorlens.load` needs, as plain values that pickle cheaply."""

    lexicon: str | None = None
    extra_lexicons: tuple[str, ...] = ()
    model: str | None = "default"
    trust_model: bool = False
    weights: str | None = None
    context_rules: str | None = None
    max_text_chars: int = 2_000_000

    def load(self):  # -> Analyzer
        from .analyzer import load

        return load(**{**asdict(self), "extra_lexicons": list(self.extra_lexicons)})


_WORKER_ANALYZERS: dict[AnalyzerConfig, Any] = {}


def _worker_analyzer(config: AnalyzerConfig):  # -> Analyzer
    """One analyzer per worker process and config, built on first use."""
    analyzer = _WORKER_ANALYZERS.get(config)
    if analyzer is None:
        analyzer = _WORKER_ANALYZERS[config] = config.load()
    return analyzer


def find_letters(paths: Iterable[str | Path], suffixes: tuple[str, ...] = SUPPORTED_SUFFIXES) -> Iterator[Path]:
    """Files named directly, and supported files under folders (recursive, sorted, hidden skipped).

    A named path that does not exist is yielded as is, so it is reported as
    an error rather than silently dropped. Symlink loops are not followed twice.
    """
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        seen: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(path, followlinks=True):
            try:
                stat = os.stat(root)
            except OSError:
                dirs[:] = []
                continue
            if (stat.st_dev, stat.st_ino) in seen:
                dirs[:] = []
                continue
            seen.add((stat.st_dev, stat.st_ino))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                    yield Path(root) / name


@dataclass
class Outcome:
    """One file's result: a report record, or the error that prevented it."""

    file: str
    record: dict[str, Any] | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        if self.record is not None:
            return self.record
        return {"file": self.file, "error": self.error}


def _problem(exc: LorlensError) -> str:
    return exc.problem if isinstance(exc, InputError) else str(exc)


def score_chunk(analyzer, paths: Sequence[str | Path]) -> list[Outcome]:  # noqa: ANN001
    """Read and score a few files; failures become error outcomes."""
    outcomes: list[Outcome] = []
    texts: list[str] = []
    readable: list[int] = []
    for path in paths:
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
                reports.append(None)
    for i, report in zip(readable, reports):
        if report is not None:
            outcomes[i].record = report.to_dict()
    return outcomes


def _score_chunk_in_worker(config: AnalyzerConfig, paths: list[str]) -> list[Outcome]:
    return score_chunk(_worker_analyzer(config), paths)


def _chunks(files: Iterable[Path], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for path in files:
        chunk.append(str(path))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def score_files(
    files: Iterable[Path],
    analyzer=None,  # noqa: ANN001
    *,
    config: AnalyzerConfig | None = None,
    batch_size: int = 32,
    jobs: int = 1,
    client=None,  # noqa: ANN001 - a dask.distributed.Client
) -> Iterator[Outcome]:
    """Score files in input order, one :class:`Outcome` per file.

    Serial by default (with ``analyzer``, or one built from ``config``);
    ``jobs > 1`` uses joblib worker processes, ``client`` a Dask cluster. In
    both cases workers build their analyzer from ``config``.
    """
    config = config or AnalyzerConfig()
    chunks = _chunks(files, batch_size)
    if client is not None:
        yield from _score_on_dask(client, config, chunks)
    elif jobs > 1:
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")
        for outcomes in parallel(delayed(_score_chunk_in_worker)(config, chunk) for chunk in chunks):
            yield from outcomes
    else:
        analyzer = analyzer or config.load()
        for chunk in chunks:
            yield from score_chunk(analyzer, chunk)


def _score_on_dask(client, config: AnalyzerConfig, chunks: Iterator[list[str]], window: int = 8) -> Iterator[Outcome]:  # noqa: ANN001
    """Submit chunks to a Dask cluster, a bounded window at a time, yielding in order."""
    from collections import deque

    config_future = client.scatter(config, broadcast=True)
    pending: deque = deque()
    for chunk in chunks:
        pending.append(client.submit(_score_chunk_in_worker, config_future, chunk, pure=False))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


TABLE_COLUMNS = [
    "file", "score", "tier", "rating", *TIERS, *FLAGS,
    "top_evidence", "concerns", "competencies", "role", "contact", "error",
]  # fmt: skip


def table_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten a letter record to one row of the letter table."""
    if "score" not in record:
        return {"file": record["file"], "error": record.get("error", "")}
    counts = record.get("counts", {})
    sentences = record.get("sentences", [])
    strongest = [s for s in sentences if s["tier"] in ("standout", "strong") and s["evidence"]]
    return {
        "file": record["file"],
        "score": record["score"],
        "tier": record["tier"],
        "rating": record["rating"],
        **{k: counts.get(k, 0) for k in (*TIERS, *FLAGS)},
        "top_evidence": strongest[0]["text"] if strongest else "",
        "concerns": " | ".join(s["text"] for s in sentences if s["tier"] == "concern"),
        "competencies": ";".join(c for c in COMPETENCIES if record.get("competencies", {}).get(c)),
        "role": record["context"]["role"],
        "contact": record["context"]["contact"],
        "error": "",
    }


SENTENCE_COLUMNS = [
    "file", "index", "start", "end", "kind", "tier", "confidence", *FLAGS, "doubts", "text",
]  # fmt: skip


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
    analyzer=None,  # noqa: ANN001
    *,
    sentence_level: bool = False,
    batch_size: int = 32,
    jobs: int = 1,
    client=None,  # noqa: ANN001
    config: AnalyzerConfig | None = None,
):  # -> pandas.DataFrame
    """Score every letter under ``paths`` into a pandas DataFrame.

    One row per letter (file, score, tier, counts per tier and flag, top
    evidence, concerns, competencies, writer role and contact, error), or with
    ``sentence_level=True`` one row per sentence. Unreadable files appear as
    rows with ``error`` set. ``jobs``/``client`` as in :func:`score_files`.
    """
    import pandas as pd

    if isinstance(paths, (str, Path)):
        paths = [paths]
    rows: list[dict[str, Any]] = []
    outcomes = score_files(
        find_letters(paths), analyzer, config=config, batch_size=batch_size, jobs=jobs, client=client
    )
    for outcome in outcomes:
        record = outcome.to_dict()
        rows.extend(sentence_rows(record)) if sentence_level else rows.append(table_row(record))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS if sentence_level else TABLE_COLUMNS)
