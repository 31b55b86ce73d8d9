"""The ``lorlens`` command: thin argument parsing over the library."""

from __future__ import annotations

import argparse
import os
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
    score.add_argument("paths", nargs="*", help="files or folders (.txt, .md, .pdf, .docx)")
    score.add_argument("--paths-from", metavar="FILE", help="read more paths from FILE, one per line ('-' = stdin)")
    score.add_argument("--format", choices=["jsonl", "csv", "parquet"], help="output format (default: from --out suffix, else jsonl)")
    score.add_argument("--out", help="output file (default: standard output)")
    score.add_argument("--sentences", metavar="FILE", help="also write a sentence-level table (.csv, .jsonl or .parquet)")
    score.add_argument("--force", action="store_true", help="overwrite existing output files")
    score.add_argument("--resume", action="store_true", help="skip files already scored in --out and append the rest")
    score.add_argument("--jobs", type=int, default=1, help="worker processes (joblib)")
    score.add_argument("--scheduler", metavar="ADDRESS", help="score on a Dask cluster, e.g. tcp://HOST:8786")
    score.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    score.add_argument("--batch-size", type=int, default=32, help="letters per batch through nlp.pipe")
    score.add_argument("--max-chars", type=int, default=2_000_000, help="refuse letters longer than this (characters)")
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
    except BrokenPipeError:
        # The reader went away (``lorlens score ... | head``): stop quietly, as Unix tools do.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _collect_paths(args: argparse.Namespace) -> list[str]:
    paths = list(args.paths)
    if args.paths_from:
        source = sys.stdin if args.paths_from == "-" else open(args.paths_from, encoding="utf-8")
        with source:
            paths.extend(line.strip() for line in source if line.strip() and not line.startswith("#"))
    return paths


def _score(args: argparse.Namespace) -> int:
    from .batch import AnalyzerConfig, find_letters, score_files
    from .outputs import RecordSink, format_for

    paths = _collect_paths(args)
    if not paths:
        print("lorlens: error: no paths given (name files or folders, or use --paths-from)", file=sys.stderr)
        return 2
    fmt = format_for(args.out, args.format)
    sink = RecordSink(args.out, fmt, force=args.force, resume=args.resume, sentences=args.sentences)
    files = [f for f in find_letters(paths) if str(f) not in sink.done]
    config = AnalyzerConfig(
        lexicon=args.lexicon,
        extra_lexicons=tuple(args.extra_lexicon),
        model=None if args.model == "none" else args.model,
        trust_model=args.trust_model,
        max_text_chars=args.max_chars,
    )
    client = None
    if args.scheduler:
        from distributed import Client

        client = Client(args.scheduler)
    show_progress = not args.quiet and sys.stderr.isatty()
    tiers: dict[str, int] = {}
    failures: list[tuple[str, str]] = []
    outcomes = score_files(files, config=config, batch_size=args.batch_size, jobs=args.jobs, client=client)
    progress = None
    if show_progress:
        from tqdm import tqdm

        progress = tqdm(total=len(files), unit="letter", file=sys.stderr, smoothing=0.1)
    try:
        for outcome in outcomes:
            sink.write(outcome.to_dict())
            if outcome.error:
                failures.append((outcome.file, outcome.error))
            else:
                for warning in outcome.record.get("warnings", []) if not args.quiet else []:  # type: ignore[union-attr]
                    _print_above(progress, f"lorlens: warning: {outcome.file}: {warning}")
                tier = outcome.record["tier"]  # type: ignore[index]
                tiers[tier] = tiers.get(tier, 0) + 1
            if progress is not None:
                progress.update(1)
    finally:
        sink.close()
        if progress is not None:
            progress.close()
        if client is not None:
            client.close()
    if not args.quiet:
        scored = sum(tiers.values())
        summary = ", ".join(f"{t} {n}" for t, n in sorted(tiers.items()))
        skipped = f"; {len(sink.done)} already done" if args.resume else ""
        print(f"lorlens: {scored} letter(s) scored ({summary or 'none'}); {len(failures)} failed{skipped}", file=sys.stderr)
        for file, problem in failures:
            print(f"lorlens: failed: {file}: {problem}", file=sys.stderr)
    return 1 if failures else 0


def _print_above(progress, message: str) -> None:  # noqa: ANN001
    """A message on stderr that does not break the progress bar."""
    if progress is not None:
        progress.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


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
