"""Writing letter records to JSONL, CSV or Parquet, safely.

Records are streamed to ``OUT.partial`` and flushed as they finish, so a
crash or Ctrl-C keeps what was done; when the run ends (normally or by
Ctrl-C) the partial file is renamed over ``OUT`` in one step, so readers never
see a half-written output under the real name. An existing ``OUT`` is never
replaced unless the caller forces it or resumes from it.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, Callable, Iterable, TextIO

from .batch import SENTENCE_COLUMNS, TABLE_COLUMNS, sentence_rows, table_row
from .errors import LorlensError

FORMATS = ("jsonl", "csv", "parquet")


def format_for(path: str | None, explicit: str | None) -> str:
    """``explicit`` if given, else from the suffix of ``path``, else JSONL."""
    if explicit:
        return explicit
    suffix = Path(path).suffix.lower() if path else ""
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, "jsonl")


class OutputExists(LorlensError):
    """The output file exists and neither overwriting nor resuming was asked for."""


def done_files(path: Path, fmt: str) -> list[dict[str, Any]]:
    """Rows already in an output (for ``--resume``), as flat dicts with a ``file`` key."""
    if not path.exists():
        return []
    if fmt == "jsonl":
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                break  # a torn last line from a crash: everything before it is good
        return rows
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


class _Sink:
    """One output file, written through ``NAME.partial`` and renamed at the end."""

    def __init__(self, path: Path | None, fmt: str, columns: list[str], to_rows: Callable[[dict], Iterable[dict]],
                 previous: list[dict[str, Any]]) -> None:  # fmt: skip
        self.path, self.fmt, self.columns, self.to_rows = path, fmt, columns, to_rows
        self.partial = path.with_name(path.name + ".partial") if path else None
        self._handle: TextIO | None = None
        self._csv: csv.DictWriter | None = None
        self._parquet = None
        self._buffer: list[dict[str, Any]] = []
        if fmt == "parquet":
            if path is None:
                raise LorlensError("Parquet output needs --out FILE")
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise LorlensError("Parquet output needs pyarrow: pip install 'lorlens[parquet]'") from None
        else:
            import sys

            self._handle = self.partial.open("w", encoding="utf-8", newline="") if self.partial else sys.stdout
            if fmt == "csv":
                self._csv = csv.DictWriter(self._handle, fieldnames=columns, extrasaction="ignore")
                self._csv.writeheader()
        for row in previous:
            self._write_row(row)

    def _write_row(self, row: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            assert self._handle is not None
            self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            assert self._csv is not None
            self._csv.writerow(row)
        else:
            self._buffer.append({c: row.get(c) for c in self.columns})
            if len(self._buffer) >= 512:
                self._flush_parquet()

    def write(self, record: dict[str, Any]) -> None:
        for row in self.to_rows(record):
            self._write_row(row)
        if self._handle is not None:
            self._handle.flush()

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._buffer:
            return
        table = pa.Table.from_pylist(self._buffer)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(str(self.partial), table.schema)
        else:
            table = table.cast(self._parquet.schema, safe=False)
        self._parquet.write_table(table)
        self._buffer = []

    def close(self) -> None:
        if self.fmt == "parquet":
            self._flush_parquet()
            if self._parquet is not None:
                self._parquet.close()
            elif self.partial is not None:
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.table({c: pa.array([], pa.string()) for c in self.columns}), str(self.partial))
        elif self._handle is not None and self.partial is not None:
            self._handle.close()
        if self.partial is not None and self.path is not None:
            os.replace(self.partial, self.path)


def _letter_rows_jsonl(record: dict[str, Any]) -> Iterable[dict[str, Any]]:
    return [record]


def _letter_rows_table(record: dict[str, Any]) -> Iterable[dict[str, Any]]:
    return [table_row(record)]


class RecordSink:
    """The letter output (and optionally a sentence table) of one scoring run."""

    def __init__(self, out: str | None, fmt: str, *, force: bool = False, resume: bool = False,
                 sentences: str | None = None) -> None:  # fmt: skip
        self.out = Path(out) if out else None
        self.previous: list[dict[str, Any]] = []
        for target in filter(None, (self.out, Path(sentences) if sentences else None)):
            if target.exists() and not (force or resume):
                raise OutputExists(f"{target}: output exists; pass --force to overwrite or --resume to continue it")
        if resume and self.out is not None:
            self.previous = [r for r in done_files(self.out, fmt) if r.get("file")]
        self.done = {str(r["file"]) for r in self.previous if not r.get("error")}
        letters_to_rows = _letter_rows_jsonl if fmt == "jsonl" else _letter_rows_table
        self.letters = _Sink(self.out, fmt, TABLE_COLUMNS, letters_to_rows,
                             [r for r in self.previous if str(r["file"]) in self.done])  # fmt: skip
        self.sentences = None
        if sentences:
            sfmt = format_for(sentences, None)
            sfmt = "csv" if sfmt == "jsonl" and not sentences.endswith(".jsonl") else sfmt
            kept = [r for r in done_files(Path(sentences), sfmt) if str(r.get("file")) in self.done] if resume else []
            self.sentences = _Sink(Path(sentences), sfmt, SENTENCE_COLUMNS, sentence_rows, [])
            for row in kept:
                self.sentences._write_row(row)

    def write(self, record: dict[str, Any]) -> None:
        self.letters.write(record)
        if self.sentences is not None:
            self.sentences.write(record)

    def close(self) -> None:
        self.letters.close()
        if self.sentences is not None:
            self.sentences.close()
