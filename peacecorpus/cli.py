"""Command line: ``peacecorpus analyze [PATH ...]``.

Without a path it analyses the bundled sample corpus (``data/seeds``).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import List, Optional, Sequence

import pandas as pd

from . import __version__
from .corpus import Corpus, _parse_many
from .document import DEFAULT_MAX_BYTES


def bundled_seeds() -> Path:
    """Folder of the bundled sample corpus (installed package data or the source tree)."""
    here = Path(__file__).resolve().parent
    for cand in (here / "data" / "seeds", here.parent / "data" / "seeds"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("the bundled sample corpus (data/seeds) is not installed")


def _files(paths: Sequence[str], pattern: str) -> List[Path]:
    out: List[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob(pattern) if q.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return out


def load(paths: Sequence[str], pattern: str = "*", progress: bool = True,
         max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Read and parse files with a progress bar; errors are collected, not raised."""
    files = _files(paths, pattern)
    items, errors = [], []
    for f in files:
        try:
            items.append((f.stem, f.read_bytes(), str(f), {}))
        except OSError as exc:
            errors.append({"doc_id": f.stem, "path": str(f), "reason": "io", "offset": None,
                           "message": str(exc)})
    docs = []
    try:
        from tqdm.auto import tqdm
    except ImportError:  # tqdm is a dependency; keep working without it anyway
        tqdm = None
    bar = tqdm(total=len(items), unit="doc", disable=not progress or tqdm is None,
               file=sys.stderr) if tqdm else None
    chunk = 256
    for i in range(0, len(items), chunk):
        d, e = _parse_many(items[i:i + chunk], 2, max_bytes, False)
        docs.extend(d)
        errors.extend(e)
        if bar is not None:
            bar.update(len(items[i:i + chunk]))
    if bar is not None:
        bar.close()
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


def cmd_analyze(args: argparse.Namespace) -> int:
    paths = args.paths or [str(bundled_seeds())]
    t0 = time.perf_counter()
    corpus = load(paths, args.pattern, progress=not args.quiet, max_bytes=args.max_bytes)
    seconds = time.perf_counter() - t0
    print(_summary(corpus, ", ".join(paths), seconds))
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
    p.set_defaults(func=cmd_analyze)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, NotADirectoryError) as exc:
        print(f"peacecorpus: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
