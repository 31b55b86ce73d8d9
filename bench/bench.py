#!/usr/bin/env python3
"""Benchmark lorlens: throughput, the spaCy baseline ratio, cold start, memory, growth.

Run by hand (not part of CI's pass/fail), from the repository root, with
lorlens installed:

    .venv/bin/python bench/bench.py                 # 1,000 and 10,000 letters
    .venv/bin/python bench/bench.py --sizes 500     # quicker

Letters of about 400 words are assembled from the paragraphs of
``examples/`` and ``data/train/letters`` (shuffled with a fixed seed), so the
text is realistic letter prose. Every figure of one run is measured on the
same machine in the same minutes: compare them as ratios.
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


def paragraphs() -> list[str]:
    out: list[str] = []
    for folder in (REPO / "examples", REPO / "data" / "train" / "letters"):
        for path in sorted(folder.glob("*.txt")):
            for para in path.read_text(encoding="utf-8").split("\n\n"):
                if len(para.split()) >= 25:
                    out.append(para.strip())
    return out


def make_letters(n: int, seed: int = 0, words: int = 400) -> list[str]:
    rng = random.Random(seed)
    pool = paragraphs()
    letters = []
    for _ in range(n):
        parts, count = ["Dear Program Director,"], 0
        while count < words:
            para = rng.choice(pool)
            parts.append(para)
            count += len(para.split())
        parts.append("Sincerely,\nA. Writer, MD\nProgram Director")
        letters.append("\n\n".join(parts) + "\n")
    return letters


def write_folder(letters: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(letters):
        (folder / f"letter-{i:06d}.txt").write_text(text, encoding="utf-8")


def run_measured(cmd: list[str]) -> dict[str, float]:
    """Wall time and peak RSS (MB) of a command, measured in a fresh child process."""
    probe = (
        "import json,resource,subprocess,sys,time;"
        "t=time.perf_counter();r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "w=time.perf_counter()-t;m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024;"
        "print(json.dumps({'seconds':w,'peak_rss_mb':m,'status':r.returncode}))"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def in_process(letters: list[str]) -> dict[str, float]:
    """lorlens versus a bare spaCy blank + sentencizer pass over the same texts, one core."""
    import spacy

    import lorlens

    bare = spacy.blank("en")
    bare.add_pipe("sentencizer")
    analyzer = lorlens.load()
    list(analyzer.analyze_many(letters[:50]))  # warm up both
    list(bare.pipe(letters[:50]))
    t = time.perf_counter()
    for _ in bare.pipe(letters, batch_size=64):
        pass
    spacy_s = time.perf_counter() - t
    t = time.perf_counter()
    for _ in analyzer.analyze_many(letters, batch_size=64):
        pass
    lorlens_s = time.perf_counter() - t
    words = sum(len(x.split()) for x in letters)
    return {
        "letters": len(letters),
        "lorlens_letters_per_s": len(letters) / lorlens_s,
        "lorlens_words_per_s": words / lorlens_s,
        "spacy_blank_sentencizer_letters_per_s": len(letters) / spacy_s,
        "ratio_lorlens_to_spacy": lorlens_s / spacy_s,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    exe = str(Path(sys.executable).with_name("lorlens"))
    results: dict[str, object] = {"cpu_count": os.cpu_count()}
    letters = make_letters(max(args.sizes))
    results["words_per_letter"] = round(sum(len(x.split()) for x in letters[:200]) / 200)
    results["in_process"] = in_process(letters[: min(2000, len(letters))])
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(letters[0], encoding="utf-8")
        cold = [run_measured([exe, "score", str(one), "--quiet", "--out", str(Path(tmp) / f"c{i}.jsonl")]) for i in range(3)]
        results["cold_start_seconds"] = min(c["seconds"] for c in cold)
        growth = []
        for n in args.sizes:
            folder = Path(tmp) / f"n{n}"
            write_folder(letters[:n], folder)
            for jobs in (1, args.jobs):
                m = run_measured([exe, "score", str(folder), "--quiet", "--jobs", str(jobs), "--out", str(Path(tmp) / f"o{n}-{jobs}.jsonl")])
                growth.append({"letters": n, "jobs": jobs, "seconds": round(m["seconds"], 2),
                               "letters_per_s": round(n / m["seconds"], 1), "peak_rss_mb": round(m["peak_rss_mb"], 1)})  # fmt: skip
        results["cli_runs"] = growth
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        ip = results["in_process"]
        print(f"machine: {results['cpu_count']} cores; letters of ~{results['words_per_letter']} words")
        print(f"in-process, one core: {ip['lorlens_letters_per_s']:.0f} letters/s, {ip['lorlens_words_per_s']:.0f} words/s")
        print(f"bare spaCy blank+sentencizer: {ip['spacy_blank_sentencizer_letters_per_s']:.0f} letters/s; "
              f"lorlens/spacy time ratio {ip['ratio_lorlens_to_spacy']:.2f}x")  # fmt: skip
        print(f"cold start `lorlens score one.txt`: {results['cold_start_seconds']:.2f} s")
        for g in results["cli_runs"]:
            print(f"CLI {g['letters']:>6} letters, jobs={g['jobs']}: {g['seconds']:>7.2f} s, "
                  f"{g['letters_per_s']:>7.1f} letters/s, peak RSS {g['peak_rss_mb']:.0f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
