#!/usr/bin/env python3
"""Stress run: a folder of N letters with 5% broken files, scored with --jobs 2.

Builds the folder (good letters assembled from the repository's letters, plus
broken files of every kind lorlens must survive), runs ``lorlens score``, and
checks that every good letter was scored and every broken one named with a
reason. Run by hand from the repository root:

    .venv/bin/python bench/stress.py --letters 10000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench import make_letters  # noqa: E402
from tests.pdfmaker import write_blank_pdf, write_locked_pdf, write_text_pdf  # noqa: E402


def broken_file(kind: str, folder: Path, i: int, rng: random.Random) -> Path:
    """Write one broken (or hostile) file; returns its path."""
    stem = folder / f"bad-{i:05d}-{kind}"
    if kind == "empty":
        path = stem.with_suffix(".txt")
        path.write_bytes(b"")
    elif kind == "blank":
        path = stem.with_suffix(".txt")
        path.write_text(" \n\t \n", encoding="utf-8")
    elif kind == "binary":
        path = stem.with_suffix(".txt")
        path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)) + b"\x00")
    elif kind == "truncated_pdf":
        full = write_text_pdf(stem.with_suffix(".tmp"), ["Dear Committee,", "I recommend her."]).read_bytes()
        path = stem.with_suffix(".pdf")
        path.write_bytes(full[: len(full) // 3])
        stem.with_suffix(".tmp").unlink()
    elif kind == "corrupt_pdf":
        path = stem.with_suffix(".pdf")
        path.write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(2000)))
    elif kind == "locked_pdf":
        path = write_locked_pdf(stem.with_suffix(".pdf"), ["Secret letter."])
    elif kind == "scanned_pdf":
        path = write_blank_pdf(stem.with_suffix(".pdf"))
    elif kind == "corrupt_docx":
        path = stem.with_suffix(".docx")
        path.write_bytes(b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(500)))
    elif kind == "oversize":
        path = stem.with_suffix(".txt")
        path.write_text("She was excellent. " * 20000, encoding="utf-8")  # 380,000 characters
    elif kind == "vanished":
        path = stem.with_suffix(".txt")
        path.symlink_to(folder / "no-such-letter.txt")  # dangling: the file is gone
    else:
        raise ValueError(kind)
    return path


BROKEN_KINDS = [
    "empty", "blank", "binary", "truncated_pdf", "corrupt_pdf", "locked_pdf",
    "scanned_pdf", "corrupt_docx", "oversize", "vanished",
]  # fmt: skip


def odd_but_good(text: str, i: int, folder: Path) -> Path:
    """Letters that are strange but must still be scored."""
    path = folder / f"odd-{i:05d}.txt"
    kind = i % 4
    if kind == 0:
        path.write_bytes(text.replace("\n", "\r\n", 3).encode("utf-8") + b"\x07\x1b[0m")  # mixed endings, controls
    elif kind == 1:
        path.write_text(" ".join(text.split()).replace(".", ",") * 20, encoding="utf-8")  # one 50k-char "sentence"
    elif kind == 2:
        path.write_bytes(text.encode("utf-16"))
    else:
        path.write_bytes(text.encode("cp1252", errors="replace"))
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--letters", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--broken-share", type=float, default=0.05)
    args = ap.parse_args()
    rng = random.Random(7)
    exe = str(Path(sys.executable).with_name("lorlens"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "letters"
        folder.mkdir()
        n_bad = int(args.letters * args.broken_share)
        texts = make_letters(args.letters - n_bad, seed=3)
        good, bad = set(), set()
        for i, text in enumerate(texts):
            if i % 50 == 0:
                good.add(str(odd_but_good(text, i, folder)))
            else:
                path = folder / f"letter-{i:05d}.txt"
                path.write_text(text, encoding="utf-8")
                good.add(str(path))
        for i in range(n_bad):
            bad.add(str(broken_file(BROKEN_KINDS[i % len(BROKEN_KINDS)], folder, i, rng)))
        loop = folder / "loop"
        loop.symlink_to(folder, target_is_directory=True)  # a symlink loop inside the folder
        out = Path(tmp) / "scores.jsonl"
        started = time.perf_counter()
        proc = subprocess.run(
            [exe, "score", str(folder), "--jobs", str(args.jobs), "--out", str(out), "--quiet", "--max-chars", "200000"],
            capture_output=True, text=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        scored = {r["file"] for r in records if "score" in r}
        failed = {r["file"]: r["error"] for r in records if "error" in r}
        missing_good = sorted(good - scored)
        unnamed_bad = sorted(bad - set(failed))
        reasons: dict[str, int] = {}
        for problem in failed.values():
            reasons[problem] = reasons.get(problem, 0) + 1
        print(f"files: {len(good)} good, {len(bad)} broken; exit status {proc.returncode}")
        print(f"time: {seconds:.1f} s with --jobs {args.jobs} ({len(records) / seconds:.1f} files/s)")
        print(f"scored: {len(scored)} of {len(good)} good letters; failures named: {len(failed)} of {len(bad)} broken")
        for problem, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
            print(f"  {count:5d}  {problem}")
        ok = not missing_good and not unnamed_bad and proc.returncode == 1 and len(records) == len(good) + len(bad)
        print("RESULT:", "every good letter scored, every broken file named" if ok else "PROBLEM")
        if not ok:
            print("missing good:", missing_good[:5], "unnamed bad:", unnamed_bad[:5], proc.stderr[-2000:])
        return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
