"""The ``lorlens`` command: thin argument parsing over the library."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence


def _analyzer_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lexicon", help="phrase-tier CSV replacing the bundled one")
    p.add_argument("--extra-lexicon", action="append", default=[], metavar="CSV", help="CSV extending/overriding it")
    p.add_argument("--model", default="default", help="model folder, 'default' (bundled) or 'none' (lexicon only)")
    p.add_argument("--trust-model", action="store_true", help="load a model file without a matching model card")


def _make_analyzer(args: argparse.Namespace):  # noqa: ANN202
    from .analyzer import load

    model = None if args.model == "none" else args.model
    return load(lexicon=args.lexicon, extra_lexicons=args.extra_lexicon, model=model, trust_model=args.trust_model)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lorlens", description="Read letters of recommendation like a program director.")
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser("score", help="score letter files or folders")
    score.add_argument("paths", nargs="+", help="files or folders (.txt, .md, .pdf, .docx)")
    score.add_argument("--format", choices=["jsonl", "csv"], help="output format (default: from --out suffix, else jsonl)")
    score.add_argument("--out", help="output file (default: standard output)")
    score.add_argument("--force", action="store_true", help="overwrite an existing output file")
    score.add_argument("--quiet", action="store_true", help="no summary on standard error")
    score.add_argument("--batch-size", type=int, default=32)
    _analyzer_args(score)

    explain = sub.add_parser("explain", help="explain the reading of one letter")
    explain.add_argument("file")
    explain.add_argument("--suggest", action="store_true", help="add suggestions for the letter's writer")
    explain.add_argument("--json", action="store_true", help="print the full record as JSON")
    _analyzer_args(explain)

    train = sub.add_parser("train", help="train the sentence classifier on labeled letters")
    train.add_argument("data_dir", help="folder of labeled letters (*.txt with *.json, LABELING.md format)")
    train.add_argument("--out", required=True, help="model folder to write, e.g. models/default")
    train.add_argument("--dev", help="labeled folder to report dev metrics on (never trained on)")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--folds", type=int, default=5)

    evaluate = sub.add_parser("evaluate", help="metrics on a folder of labeled letters")
    evaluate.add_argument("labeled_dir")
    evaluate.add_argument("--json", action="store_true")
    _analyzer_args(evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .errors import LorlensError

    try:
        return {"score": _score, "explain": _explain, "train": _train, "evaluate": _evaluate}[args.command](args)
    except LorlensError as exc:
        print(f"lorlens: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lorlens: interrupted", file=sys.stderr)
        return 130


def _score(args: argparse.Namespace) -> int:
    from .batch import RecordWriter, find_letters, score_files

    fmt = args.format or ("csv" if args.out and args.out.endswith(".csv") else "jsonl")
    if args.out and Path(args.out).exists() and not args.force:
        print(f"lorlens: error: {args.out}: output exists; pass --force to overwrite", file=sys.stderr)
        return 2
    analyzer = _make_analyzer(args)
    handle = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    tiers: dict[str, int] = {}
    failures: list[tuple[str, str]] = []
    try:
        writer = RecordWriter(handle, fmt)
        for outcome in score_files(analyzer, find_letters(args.paths), batch_size=args.batch_size):
            writer.write(outcome.to_dict())
            if outcome.error:
                failures.append((outcome.file, outcome.error))
            else:
                tier = outcome.record["tier"]  # type: ignore[index]
                tiers[tier] = tiers.get(tier, 0) + 1
    finally:
        if args.out:
            handle.close()
    if not args.quiet:
        scored = sum(tiers.values())
        summary = ", ".join(f"{t} {n}" for t, n in sorted(tiers.items()))
        print(f"lorlens: {scored} letter(s) scored ({summary or 'none'}); {len(failures)} failed", file=sys.stderr)
        for file, problem in failures:
            print(f"lorlens: failed: {file}: {problem}", file=sys.stderr)
    return 1 if failures else 0


def _explain(args: argparse.Namespace) -> int:
    from .io import read_letter

    text = read_letter(args.file)
    report = _make_analyzer(args).analyze(text, source=args.file)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.explain(suggest=args.suggest))
    return 0


def _train(args: argparse.Namespace) -> int:
    from .train import train_and_save

    card = train_and_save(Path(args.data_dir), Path(args.out), dev_dir=Path(args.dev) if args.dev else None,
                          seed=args.seed, folds=args.folds)
    print(json.dumps(card["metrics"], indent=2))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_dir, format_metrics

    metrics = evaluate_dir(_make_analyzer(args), Path(args.labeled_dir))
    print(json.dumps(metrics) if args.json else format_metrics(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
