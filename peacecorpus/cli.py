"""Command line.

    peacecorpus analyze [PATH ...] [--db corpus.duckdb | --no-db]
    peacecorpus report  [--db corpus.duckdb] [-o report.html]
    peacecorpus entities|quotes|similar [--db corpus.duckdb] [--format table|csv|json]

``analyze`` without a path analyses the bundled sample corpus (``data/seeds``)
and stores it incrementally in ``corpus.duckdb``: re-running it parses only
new or changed files.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, List, Optional, Sequence

import pandas as pd

from . import __version__, readers
from ._paths import data_path
from .corpus import Corpus
from .document import DEFAULT_MAX_BYTES
from .errors import PeacecorpusError
from ._display import terminal_safe
from .store import store_error
from .tables import NUMERIC_LABELS, table


def bundled_seeds() -> Path:
    """Folder of the bundled sample corpus (installed package data or the source tree)."""
    p = data_path("seeds")
    if not p.is_dir():
        raise FileNotFoundError("the bundled sample corpus (data/seeds) is not installed")
    return p


def load(paths: Sequence[str], pattern: str = "*", progress: bool = True,
         max_bytes: int = DEFAULT_MAX_BYTES, language: Optional[Sequence[str]] = None) -> Corpus:
    """Read and parse files (:mod:`peacecorpus.readers`) with a progress bar;
    errors are collected, not raised; ``language``: see :func:`peacecorpus.read`."""
    items = readers.from_files(paths, pattern, max_bytes=max_bytes)
    try:
        from tqdm.auto import tqdm
    except ImportError:  # tqdm is a dependency; keep working without it anyway
        tqdm = None
    bar = tqdm(total=len(items), unit="doc", disable=not progress or tqdm is None,
               file=sys.stderr) if tqdm else None
    docs, errors = [], []
    chunk = 256
    for i in range(0, len(items), chunk):
        d, e = readers.parse_inputs(items[i:i + chunk], 2, max_bytes, False)
        docs.extend(d)
        errors.extend(e)
        if bar is not None:
            bar.update(len(items[i:i + chunk]))
    if bar is not None:
        bar.close()
    if language:
        from .corpus import _keep_languages
        docs, errors = _keep_languages(docs, errors, language)
    return Corpus(docs, errors)


def _summary(corpus: Corpus, source: str, seconds: float) -> str:
    s = corpus.summary()
    lines = [f"peacecorpus {__version__}: {s['documents']} documents from {source} "
             f"in {seconds:.2f} s", ""]
    df = corpus.documents()
    if len(df):
        view = df[["doc_id", "title", "author", "source", "published", "n_sentences",
                   "n_tokens", "n_removed"]].copy()
        view["title"] = view["title"].fillna("").map(lambda t: t if len(t) <= 48 else t[:45] + "...")
        with pd.option_context("display.width", 200, "display.max_columns", 20,
                               "display.max_rows", 60):
            lines.append(view.fillna("").to_string(index=False))
        lines.append("")
    rm = corpus.removed()
    reasons = ", ".join(f"{k} {v}" for k, v in rm["reason"].value_counts().items()) if len(rm) else "none"
    lines += [
        f"documents        {s['documents']:>8,}",
        f"paragraphs       {s['paragraphs']:>8,}",
        f"sentences        {s['sentences']:>8,}",
        f"tokens           {s['tokens']:>8,}",
        f"boilerplate      {s['removed_lines']:>8,}  ({reasons})",
        f"repairs          {s['repairs']:>8,}",
        f"errors           {s['errors']:>8,}",
    ]
    synd = df.dropna(subset=["syndicated_from"]) if len(df) else df
    for row in synd.itertuples():
        lines.append(f"syndicated       {row.doc_id} <- {row.syndicated_from}")
    for err in corpus.errors().itertuples():
        lines.append(f"error            {err.doc_id}: {err.message}")
    return "\n".join(lines)


def _analysis_lines(corpus: Corpus) -> List[str]:
    ents = table(corpus, "entities")
    quotes = table(corpus, "quotes")
    groups = table(corpus, "duplicate_groups")
    n_groups = groups["group"].nunique() if len(groups) else 0
    return [
        f"entities         {len(ents):>8,}  ({ents['canonical'].fillna(ents['text']).nunique() if len(ents) else 0:,} distinct)",
        f"quotes           {len(quotes):>8,}  ({quotes['speaker'].nunique() if len(quotes) else 0:,} speakers)",
        f"near-duplicates  {n_groups:>8,}  groups",
    ]


def cmd_analyze(args: argparse.Namespace) -> int:
    paths = args.paths or [str(bundled_seeds())]
    t0 = time.perf_counter()
    if args.no_db:
        corpus = load(paths, args.pattern, progress=not args.quiet, max_bytes=args.max_bytes,
                      language=args.language)
        seconds = time.perf_counter() - t0
        text = _summary(corpus, ", ".join(paths), seconds)
        lines = text.split("\n")
        at = next(i for i, ln in enumerate(lines) if ln.startswith("boilerplate"))
        print("\n".join(lines[:at] + _analysis_lines(corpus) + lines[at:]))
        return 0
    from .corpus import open as open_store
    from ._ingest import ingest
    res = ingest(paths, args.db, args.pattern, progress=not args.quiet, max_bytes=args.max_bytes,
                 prune=args.prune, language=args.language)
    corpus = open_store(args.db)
    seconds = time.perf_counter() - t0
    lines = _summary(corpus, ", ".join(paths), seconds).split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("boilerplate"))
    lines[at:at] = _analysis_lines(corpus)
    lines.append(f"store            {args.db}: {res.parsed} parsed, {res.unchanged} unchanged"
                 + (f", {res.pruned} pruned" if res.pruned else "")
                 + (f", {len(res.duplicates)} duplicate file names skipped" if res.duplicates else ""))
    print("\n".join(lines))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from . import report
    from .corpus import open as open_store
    corpus = open_store(args.db)
    out = report.write_report(corpus, args.output, title=args.title)
    print(f"report written to {out} ({out.stat().st_size:,} bytes, {len(corpus)} documents)")
    return 0


def _emit(df: pd.DataFrame, fmt: str, limit: Optional[int]) -> None:
    if limit:
        df = df.head(limit)
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, lines=True))
    else:
        with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_rows", None,
                               "display.max_colwidth", 60):
            print(df.to_string(index=False) if len(df) else "(none)")


def cmd_table(args: argparse.Namespace) -> int:
    from .corpus import open as open_store
    corpus = open_store(args.db)
    if args.command == "entities":
        df = table(corpus, "entities") if args.mentions else table(
            corpus, "entity_table", numeric=bool(args.label) and args.label in NUMERIC_LABELS)
        if args.label:
            df = df[df["label"] == args.label]
    elif args.command == "quotes":
        df = table(corpus, "quotes")
        if args.speaker:
            df = df[df["speaker"].fillna("").str.contains(args.speaker, case=False, regex=False)]
        df = df[["doc_id", "speaker", "speaker_role", "kind", "cue", "quote", "start", "end"]]
    else:
        df = table(corpus, "similarity").sort_values("score", ascending=False, kind="stable")
        if args.doc_id:
            df = df[(df["doc_a"] == args.doc_id) | (df["doc_b"] == args.doc_id)]
        df = df[df["score"] >= args.min_score]
    _emit(df.reset_index(drop=True), args.format, args.limit)
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="peacecorpus", description=__doc__)
    parser.add_argument("--version", action="version", version=f"peacecorpus {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("analyze", help="parse a folder or files of articles and print a summary")
    p.add_argument("paths", nargs="*", help="files or folders (default: the bundled sample corpus)")
    p.add_argument("--pattern", default="*", help="file name pattern inside folders (default: *)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="per-document size limit")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--db", default="corpus.duckdb", help="DuckDB store to update (default: corpus.duckdb)")
    p.add_argument("--no-db", action="store_true", help="do not store anything, only print the summary")
    p.add_argument("--prune", action="store_true", help="drop stored documents whose file is gone")
    p.add_argument("--language", action="append", default=None, metavar="CODE",
                   help="keep only documents in this language (ISO 639-1, e.g. en; repeatable); "
                        "the others are listed as errors")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("report", help="write a self-contained HTML report of a store")
    p.add_argument("--db", default="corpus.duckdb", help="DuckDB store (default: corpus.duckdb)")
    p.add_argument("-o", "--output", default="report.html", help="output file (default: report.html)")
    p.add_argument("--title", default=None, help="report title")
    p.set_defaults(func=cmd_report)

    for name, help_ in (("entities", "entities in a store"), ("quotes", "quotes and speakers in a store"),
                        ("similar", "most similar document pairs in a store")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--db", default="corpus.duckdb", help="DuckDB store (default: corpus.duckdb)")
        p.add_argument("--format", choices=("table", "csv", "json"), default="table")
        p.add_argument("-n", "--limit", type=int, default=None, help="at most N rows")
        if name == "entities":
            p.add_argument("--mentions", action="store_true", help="one row per mention, not per entity")
            p.add_argument("--label", default=None, help="only this label (PERSON, GPE, ORG, ...)")
        elif name == "quotes":
            p.add_argument("--speaker", default=None, help="only speakers whose name contains this")
        else:
            p.add_argument("doc_id", nargs="?", default=None, help="only pairs with this document")
            p.add_argument("--min-score", type=float, default=0.0)
        p.set_defaults(func=cmd_table)
    args = parser.parse_args(argv)
    out = sys.stdout
    sys.stdout = _TerminalSafe(out)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("peacecorpus: interrupted (the store is as it was before this run)", file=sys.stderr)
        return 130
    except Exception as exc:
        # what a user can act on gets one line and exit code 2 (a lock, a
        # damaged or foreign store, a missing or unwritable file); anything
        # else is a bug and keeps its traceback
        import duckdb
        if isinstance(exc, duckdb.Error):
            exc = store_error(getattr(args, "db", "the store"), exc)
        if not isinstance(exc, (OSError, PeacecorpusError)):
            raise
        print(f"peacecorpus: {terminal_safe(' '.join(str(exc).split()))}", file=sys.stderr)
        return 2
    finally:
        sys.stdout = out


class _TerminalSafe:
    """stdout for the commands: every character a terminal would act on
    (controls, bidi overrides) is written escaped, whatever prints it -- file
    names, ids, titles, quotes, CSV and JSON output (issue #21)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def write(self, text: str) -> int:
        return self._raw.write(terminal_safe(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


if __name__ == "__main__":
    sys.exit(main())
