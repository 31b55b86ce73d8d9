"""Batch scoring: outputs, resume, parallel and distributed runs equal to serial."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lorlens
from lorlens.batch import AnalyzerConfig, find_letters, score_files
from lorlens.cli import main

from .conftest import EXAMPLES


def records(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


@pytest.fixture()
def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for src in sorted(EXAMPLES.glob("*.txt")):
        (folder / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    return folder


def test_find_letters_recurses_sorted_skips_hidden_and_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in find_letters([tmp_path])]
    assert found == ["a.md", "b/z.txt"]


def test_parallel_run_equals_serial_run(letters: Path) -> None:
    files = list(find_letters([letters]))
    serial = [o.to_dict() for o in score_files(files, batch_size=4)]
    parallel = [o.to_dict() for o in score_files(files, batch_size=4, jobs=2)]
    assert serial == parallel
    assert [r["file"] for r in serial] == [str(f) for f in files]
    assert sum("error" in r for r in serial) == 1


def test_resume_skips_done_files_and_keeps_them(letters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = sorted(letters.glob("0*.txt"))[:3]
    assert main(["score", *map(str, first), "--out", str(out), "--quiet"]) == 0
    assert main(["score", str(letters), "--out", str(out), "--resume", "--quiet"]) == 1  # broken.pdf fails
    got = records(out)
    files = [r["file"] for r in got]
    assert len(files) == len(set(files)) == len(list(letters.iterdir()))
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_csv_parquet_and_sentence_table(letters: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out, sent = tmp_path / "letters.parquet", tmp_path / "sentences.csv"
    main(["score", str(letters), "--out", str(out), "--sentences", str(sent), "--quiet"])
    table = pd.read_parquet(out)
    assert len(table) == 13 and table["error"].fillna("").astype(bool).sum() == 1
    assert {"score", "tier", "top_evidence", "concerns", "competencies"} <= set(table.columns)
    sentences = pd.read_csv(sent)
    assert set(sentences["file"]) == set(table.loc[table["error"].fillna("") == "", "file"])


def test_score_folder_dataframe(letters: Path) -> None:
    df = lorlens.score_folder(letters)
    assert len(df) == 13 and df["score"].dropna().between(0, 100).all()
    sentences = lorlens.score_folder(letters, sentence_level=True)
    assert (sentences.groupby("file").size() > 3).all()


def test_dask_local_cluster_equals_local_run(letters: Path) -> None:
    distributed = pytest.importorskip("distributed")
    files = list(find_letters([letters]))
    local = [o.to_dict() for o in score_files(files, batch_size=5)]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:  # fmt: skip
        remote = [o.to_dict() for o in score_files(files, batch_size=5, client=client, config=AnalyzerConfig())]
    assert remote == local
