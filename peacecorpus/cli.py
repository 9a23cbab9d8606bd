"""Command line.

    peacecorpus analyze [PATH ...] [--db corpus.duckdb | --no-db]
    peacecorpus report  [--db corpus.duckdb] [-o report.html]
    peacecorpus entities [--label PERSON] [--mentions] [--doc ID] [--source S] [--since D] [--until D]
    peacecorpus quotes [--speaker NAME] [--kind direct] [--doc ID] [--source S] [--since D] [--until D]
    peacecorpus similar [DOC_ID] [--min-score X]
    peacecorpus search WORDS [--source S] [--since D] [--until D]
    (all query commands: --db corpus.duckdb, -n/--limit N, --format table|csv|json)

``analyze`` without a path analyses the bundled sample corpus (``data/seeds``)
and stores it incrementally in ``corpus.duckdb``: re-running it parses only
new or changed files.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any, Iterable, List, Optional, Sequence

import numpy as np
import pandas as pd

from . import __version__, query, readers
from ._paths import data_path
from .corpus import Corpus
from .document import DEFAULT_MAX_BYTES
from ._display import terminal_safe
from .errors import PeacecorpusError
from .store import store_error


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


#: analyze lists the documents themselves only for a corpus this small.
LIST_DOCUMENTS = 20


def _clip(v: Any, width: int = 48) -> str:
    """A value for one cell of a terminal table: control characters shown as
    spaces (an article's newlines or escape codes never reach the terminal),
    long values cut."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, (list, tuple, np.ndarray)):   # a list column (aliases): "a, b", not a NumPy repr
        v = ", ".join(str(x) for x in v)
    s = _CONTROL.sub(" ", str(v))
    return s if len(s) <= width else s[: width - 3] + "..."


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _summary(t: query.Tables, source: str, seconds: float) -> List[str]:
    """The lines analyze prints: counts from SQL, never a table of every document."""
    s = query.summary(t)
    lines = [f"peacecorpus {__version__}: {s['documents']} documents from {source} in {seconds:.2f} s", ""]
    shown = LIST_DOCUMENTS if s["documents"] <= LIST_DOCUMENTS else 10
    docs = t.sql("SELECT doc_id, title, author, source, published, n_sentences, n_tokens, n_removed "
                 f"FROM documents ORDER BY ordinal LIMIT {shown}")
    if len(docs):
        view = docs.astype(object).map(_clip)
        with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_rows", 60):
            lines.append(view.to_string(index=False))
        if s["documents"] > shown:
            lines.append(f"... and {s['documents'] - shown:,} more documents (peacecorpus search WORDS, "
                         f"or SQL on the store)")
        lines.append("")
    reasons = t.sql("SELECT reason, count(*) AS n FROM removed GROUP BY reason ORDER BY n DESC, reason")
    why = ", ".join(f"{r} {n:,}" for r, n in zip(reasons["reason"], reasons["n"])) or "none"
    lines += [
        f"documents        {s['documents']:>8,}",
        f"paragraphs       {s['paragraphs']:>8,}",
        f"sentences        {s['sentences']:>8,}",
        f"tokens           {s['tokens']:>8,}",
        f"entities         {s['entities']:>8,}  ({s['distinct_entities']:,} distinct)",
        f"quotes           {s['quotes']:>8,}  ({s['speakers']:,} speakers)",
        f"near-duplicates  {s['duplicate_groups']:>8,}  groups",
        f"boilerplate      {s['removed_lines']:>8,}  ({why})",
        f"repairs          {s['repairs']:>8,}",
        f"errors           {s['errors']:>8,}",
    ]
    n_synd = int(t.scalar("SELECT count(*) FROM documents WHERE syndicated_from IS NOT NULL"))
    synd = t.sql("SELECT doc_id, syndicated_from FROM documents WHERE syndicated_from IS NOT NULL "
                 "ORDER BY ordinal LIMIT 10")
    for doc_id, frm in zip(synd["doc_id"], synd["syndicated_from"]):
        lines.append(f"syndicated       {_clip(doc_id, 60)} <- {_clip(frm, 60)}")
    if n_synd > len(synd):
        lines.append(f"syndicated       ... and {n_synd - len(synd):,} more")
    errs = t.sql("SELECT doc_id, message FROM errors ORDER BY ordinal LIMIT 10")
    for doc_id, msg in zip(errs["doc_id"], errs["message"]):
        lines.append(f"error            {_clip(doc_id, 60)}: {_clip(msg, 100)}")
    if s["errors"] > len(errs):
        lines.append(f"error            ... and {s['errors'] - len(errs):,} more (SELECT * FROM errors)")
    return lines


def cmd_analyze(args: argparse.Namespace) -> int:
    paths = args.paths or [str(bundled_seeds())]
    t0 = time.perf_counter()
    if args.no_db:
        corpus = load(paths, args.pattern, progress=not args.quiet, max_bytes=args.max_bytes,
                      language=args.language)
        with query.Tables(corpus) as t:
            print("\n".join(_summary(t, ", ".join(paths), time.perf_counter() - t0)))
        return 0
    from ._ingest import ingest
    res = ingest(paths, args.db, args.pattern, progress=not args.quiet, max_bytes=args.max_bytes,
                 prune=args.prune, language=args.language)
    with query.Tables(args.db) as t:
        lines = _summary(t, ", ".join(paths), time.perf_counter() - t0)
    lines.append(f"store            {args.db}: {res.parsed} parsed, {res.unchanged} unchanged"
                 + (f", {res.pruned} pruned" if res.pruned else "")
                 + (f", {len(res.duplicates)} duplicate file names skipped" if res.duplicates else ""))
    print("\n".join(lines))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from . import report
    out = report.write_report(args.db, args.output, title=args.title)
    with query.Tables(args.db) as t:
        n = int(t.scalar("SELECT count(*) FROM documents"))
    print(f"report written to {out} ({out.stat().st_size:,} bytes, {n:,} documents)")
    return 0


def _emit(batches: Iterable[pd.DataFrame], fmt: str) -> int:
    """Write rows as they come (csv, JSON lines, or an aligned table whose
    column widths come from the first batch); returns the number of rows."""
    out = sys.stdout
    n = 0
    widths: Optional[List[int]] = None
    for df in batches:
        if fmt == "csv":
            out.write(df.to_csv(index=False, header=n == 0))
        elif fmt == "json":
            if len(df):
                text = df.to_json(orient="records", force_ascii=False, lines=True, date_format="iso")
                out.write(text if text.endswith("\n") else text + "\n")
        else:
            cells = [[_clip(v, 60) for v in row] for row in df.astype(object).itertuples(index=False)]
            if widths is None:
                widths = [max([len(str(c))] + [len(r[i]) for r in cells]) for i, c in enumerate(df.columns)]
                if len(df):
                    out.write("  ".join(str(c).ljust(w) for c, w in zip(df.columns, widths)).rstrip() + "\n")
            for r in cells:
                out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")
        n += len(df)
    if n == 0 and fmt == "table":
        out.write("(none)\n")
    out.flush()
    return n


def _filters(args: argparse.Namespace) -> query.Filters:
    labels = [x for item in (getattr(args, "label", None) or []) for x in item.split(",") if x.strip()]
    return query.Filters(labels=labels, doc_ids=args.doc or [], source=args.source, since=args.since,
                         until=args.until, speaker=getattr(args, "speaker", None),
                         kinds=[k for item in (getattr(args, "kind", None) or []) for k in item.split(",") if k])


def cmd_query(args: argparse.Namespace) -> int:
    """entities, quotes, similar, search: one SQL query on the store, streamed."""
    f = _filters(args)
    with query.Tables(args.db) as t:
        t.check_documents(f.doc_ids)
        if args.command == "entities":
            if args.mentions:
                sql, params = query._mentions_sql(f, args.limit)
            else:
                _emit([query.entities(t, f, args.limit, numeric=args.numeric)], args.format)
                return 0
        elif args.command == "quotes":
            sql, params = query._quotes_sql(f, args.limit)
        elif args.command == "similar":
            if args.doc_id is not None:
                t.check_documents([args.doc_id])
            sql, params = query._similar_sql(args.doc_id, args.min_score, args.limit)
        else:
            sql, params = query._search_sql(" ".join(args.words), f, args.limit)
        _emit(t.stream(sql, params), args.format)
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

    helps = {"entities": "entities of a store (one row per entity; --mentions: per mention)",
             "quotes": "quotes and speakers of a store", "similar": "a document's most similar documents "
             "(without DOC_ID: the most similar pairs)", "search": "documents whose text contains WORDS"}
    for name, help_ in helps.items():
        p = sub.add_parser(name, help=help_, description=help_ + ". Answered with SQL on the store; "
                           "rows are streamed. Unknown doc ids, labels and dates are errors (exit code 2).")
        if name == "search":
            p.add_argument("words", nargs="+", help="words to find (case-insensitive, as one phrase)")
        elif name == "similar":
            p.add_argument("doc_id", nargs="?", default=None, help="only this document's neighbours")
            p.add_argument("--min-score", type=float, default=0.0)
        p.add_argument("--db", default="corpus.duckdb", help="DuckDB store (default: corpus.duckdb)")
        p.add_argument("--format", choices=("table", "csv", "json"), default="table")
        p.add_argument("-n", "--limit", type=int, default=None, help="at most N rows")
        if name != "similar":
            p.add_argument("--doc", action="append", default=None, metavar="DOC_ID",
                           help="only this document (repeatable)")
            p.add_argument("--source", default=None, help="only documents whose source or site contains this")
            p.add_argument("--since", default=None, help="only documents published on or after (2023-09-19, "
                           "2023-09, 2023)")
            p.add_argument("--until", default=None, help="only documents published on or before")
        if name == "entities":
            p.add_argument("--mentions", action="store_true", help="one row per mention, not per entity")
            p.add_argument("--label", action="append", default=None,
                           help="only this label (PERSON, gpe, ...; repeatable or comma-separated)")
            p.add_argument("--numeric", action="store_true", help="include dates and numbers (DATE, CARDINAL ...)")
        elif name == "quotes":
            p.add_argument("--speaker", default=None, help="only speakers whose name contains this (any case)")
            p.add_argument("--kind", action="append", default=None,
                           help="only this kind: direct, partial, scare, indirect (repeatable)")
        p.set_defaults(func=cmd_query, doc=None, source=None, since=None, until=None)
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
