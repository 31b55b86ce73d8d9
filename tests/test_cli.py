"""The command line: scoring folders, error records, explain, evaluate.py compatibility."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lorlens.cli import main

from .conftest import DEV_DIR, EXAMPLES, SHARED

GOOD = "Dear Program Director,\n\nI strongly recommend her. She is one of the best students I have had.\n\nSincerely,\nA. Roe\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("She met expectations. With appropriate support, she will succeed.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return tmp_path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_score_folder_writes_records_and_errors(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    status = main(["score", str(folder), "--out", str(out)])
    records = {Path(r["file"]).name: r for r in read_jsonl(out)}
    assert set(records) == {"a.txt", "b.md", "empty.txt"}  # hidden and unsupported files skipped
    assert records["empty.txt"]["error"] == "empty letter (no text)"
    good = records["a.txt"]
    assert 0 <= good["score"] <= 100 and good["tier"] in {"standout", "strong", "solid", "generic", "concern"}
    text = (folder / "a.txt").read_text(encoding="utf-8")
    for s in good["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
    assert status == 1  # a file failed
    err = capsys.readouterr().err
    assert "2 letter(s) scored" in err and "empty.txt: empty letter" in err
    assert "strongly recommend" not in err  # no letter text in messages


def test_existing_output_needs_force(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["score", str(folder / "a.txt"), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["score", str(folder / "a.txt"), "--out", str(out), "--force"]) == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("file,score,tier")


def test_missing_path_is_an_error_record(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert main(["score", str(tmp_path / "nope.txt"), "--out", str(out)]) == 1
    assert read_jsonl(out)[0]["error"] == "file not found"


def test_explain_prints_a_checkable_reading(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(folder / "a.txt"), "--suggest"]) == 0
    out = capsys.readouterr().out
    assert "Letter tier:" in out and "What carried it" in out and "Suggestions for the writer" in out


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="shared dev set not present")
def test_dev_set_round_trip_through_evaluate_py(tmp_path: Path) -> None:
    out = tmp_path / "dev.jsonl"
    main(["score", str(DEV_DIR), "--format", "jsonl", "--out", str(out), "--quiet"])
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "evaluate.py"), str(DEV_DIR), str(out), "--json"],
        capture_output=True, text=True, check=True,
    )
    metrics = json.loads(result.stdout)
    assert metrics["letters_missing"] == [] and metrics["sentences"] > 300


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")
def test_console_script_scores_the_bundled_examples(tmp_path: Path) -> None:
    out = tmp_path / "ex.csv"
    exe = Path(sys.executable).with_name("lorlens")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "lorlens.cli"]
    subprocess.run([*cmd, "score", str(EXAMPLES), "--out", str(out)], check=True, capture_output=True, cwd=tmp_path)
    import csv

    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(list(EXAMPLES.glob("*.txt")))
    assert all(row["error"] == "" and 0 <= float(row["score"]) <= 100 for row in rows)


def test_a_reader_that_stops_early_ends_the_cli_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`lorlens score examples/ --format csv | head -1`: no traceback, exit status 141 like other tools."""

    class ClosedPipe:
        def __init__(self) -> None:
            self._file = (tmp_path / "stdout").open("w")

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return self._file.fileno()

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["score", str(EXAMPLES), "--format", "csv", "--quiet"]) == 141
