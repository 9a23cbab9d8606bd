"""Issue #16: 100,000 news articles through the public API, time and peak RSS of each step.

Builds the corpus with bench/gen_scale.py (BBC articles with controlled variations; written
outside the repository), then runs each step in its own process so its peak RSS is its own:

  ingest      pc.ingest(folder, db)                 (parse, every document and corpus table)
  open        pc.open(db)
  entities    pc.open(db).entities()   quotes, similarity(top_k=10), near_duplicates(), stories()
  compute     similarity(top_k=10), near_duplicates, stories computed from the texts (the
              functions of peacecorpus.similarity on all N texts)
  recall      recall@10 of the budgeted top-k search against the exhaustive one (exact=True)
  report      peacecorpus report --db db
  plots       similarity_heatmap, entities_by_document, top_entities (from the store)
  cli         peacecorpus entities/quotes/similar/search --db db -n 5 ...

Targets (issue #16, 2-core machine): ingest < 10 min, every CLI query < 2 s and < 300 MB,
report < 60 s, peak RSS of every step < 6 GB.  Run with `nice -n 10`; absolute times depend
on the load of the machine.

Usage:
    nice -n 10 python bench/bench_scale.py --n 100000 [--work /tmp/pc_scale] [--steps ingest,cli]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"ingest": (600, 6144), "report": (60, 6144), "cli": (2, 300)}


def run(name: str, cmd: List[str], results: List[Dict[str, object]], kind: Optional[str] = None) -> Dict:
    """Run cmd in a child process: wall time and the child's peak RSS (wait4)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as errf:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errf, cwd=ROOT)
        out = p.stdout.read()          # to the end, then the child's own rusage (wait4)
        _, status, ru = os.wait4(p.pid, 0)
        errf.seek(0)
        err = errf.read()
    p.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t0
    rss_mb = ru.ru_maxrss / 1024
    cpu = ru.ru_utime + ru.ru_stime      # what the step costs without the other jobs of a busy machine
    kind = kind or name
    lim = TARGETS.get(kind, (None, 6144))
    ok = p.returncode == 0 and (lim[0] is None or secs < lim[0]) and rss_mb < lim[1]
    row = {"step": name, "seconds": round(secs, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(rss_mb), "rc": p.returncode,
           "target": f"< {lim[0]} s, < {lim[1]} MB" if lim[0] else f"< {lim[1]} MB", "ok": ok}
    tail = out.decode("utf-8", "replace").strip().splitlines()
    row["note"] = tail[-1][:160] if tail else ""
    if p.returncode:
        row["note"] = err.decode("utf-8", "replace").strip().splitlines()[-1][:200] if err.strip() else "failed"
    results.append(row)
    print(f"{name:<28} {secs:>9.2f} s wall {cpu:>8.2f} s CPU  {rss_mb:>8.0f} MB  {'ok ' if ok else 'MISS'} "
          f"({row['target']})  {row['note']}", flush=True)
    return row


def py(code: str) -> List[str]:
    return [sys.executable, "-c", code]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/pc_scale"))
    ap.add_argument("--steps", default="gen,ingest,open,tables,compute,recall,report,plots,cli")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()
    steps = set(args.steps.split(","))
    arts = args.work / "articles"
    sub = args.work / f"n{args.n}"
    sub.mkdir(parents=True, exist_ok=True)
    db = sub / "corpus.duckdb"
    results: List[Dict[str, object]] = []
    print(f"peacecorpus scale bench: {args.n:,} documents, store {db}", flush=True)
    if "gen" in steps:
        run("generate", [sys.executable, str(ROOT / "bench" / "gen_scale.py"), "--n", str(args.n),
                         "--out", str(arts)], results, "gen")
    # the first n documents: folders of 1,000 (gen_scale layout)
    folders = sorted(arts.iterdir())[: -(-args.n // 1000)]
    if args.n % 1000:
        raise SystemExit("--n must be a multiple of 1,000")
    if "ingest" in steps:
        if db.exists():
            db.unlink()
        run("ingest", py("import sys, peacecorpus as pc; r = pc.ingest(sys.argv[1:-1], sys.argv[-1], '*.txt', "
                         "progress=False); print(f'{r.parsed:,} parsed, {r.errors:,} errors, {r.documents:,} documents')") + [str(f) for f in folders] + [str(db)], results)
        if results[-1]["rc"] != 0:
            print("ingest failed: the other steps need its store", flush=True)
            steps = set()
    dbs = str(db)
    if "open" in steps:
        run("pc.open", py(f"import peacecorpus as pc; c = pc.open({dbs!r}); print(f'{{len(c):,}} documents')"),
            results, "api")
    if "tables" in steps:
        for call in ("entities()", "quotes()", "similarity(top_k=10)", "near_duplicates()", "stories()"):
            code = (f"import time, peacecorpus as pc; c = pc.open({dbs!r}); t0 = time.perf_counter(); "
                    f"df = c.{call}; print(f'{{len(df):,}} rows; the call {{time.perf_counter() - t0:.2f}} s "
                    f"after pc.open')")
            run(f"open + {call}", py(code), results, "api")
    if "compute" in steps:
        load = (f"import time, duckdb; from peacecorpus import similarity as s; "
                f"con = duckdb.connect({dbs!r}, read_only=True); "
                f"ids, texts = map(list, zip(*con.execute('SELECT doc_id, text FROM documents ORDER BY ordinal')"
                f".fetchall())); t0 = time.perf_counter(); ")
        for call in ("similarity(ids, texts, top_k=10)", "near_duplicates(ids, texts)", "stories(ids, texts)"):
            run(f"compute {call.split('(')[0]}", py(load + f"df = s.{call}; print(f'{{len(df):,}} rows in "
                                                    f"{{time.perf_counter() - t0:.2f}} s of compute')"),
                results, "api")
    if "recall" in steps:
        # the budgeted top-k search against the exhaustive one (exact=True): recall@10 of the neighbours
        code = (f"import time, duckdb, numpy as np; from peacecorpus import _core; "
                f"con = duckdb.connect({dbs!r}, read_only=True); "
                f"texts = [r[0] or '' for r in con.execute('SELECT text FROM documents ORDER BY ordinal').fetchall()]; "
                f"got = {{}}; info = {{}}\n"
                f"for name, budget in (('default', 0), ('exact', 2 ** 64 - 1)):\n"
                f"    t0 = time.process_time(); a, b, s, st = _core.sim_topk(texts, 10, 0.0, True, 1, budget)\n"
                f"    info[name] = (round(time.process_time() - t0, 2), st.get('exact'), st.get('terms_skipped'))\n"
                f"    a = np.frombuffer(a, np.uint32); b = np.frombuffer(b, np.uint32)\n"
                f"    got[name] = set(zip(a.tolist(), b.tolist()))\n"
                f"hit = len(got['default'] & got['exact']) / max(1, len(got['exact']))\n"
                f"print(f'recall@10 {{hit:.4f}}; (CPU s, exact, terms skipped) default {{info[\"default\"]}} "
                f"exhaustive {{info[\"exact\"]}}')")
        run("similarity recall@10", py(code), results, "api")
    if "report" in steps:
        out = sub / "report.html"
        run("report (CLI)", [sys.executable, "-m", "peacecorpus", "report", "--db", dbs, "-o", str(out)], results)
        if out.exists():
            print(f"  report: {out.stat().st_size:,} bytes, {out.stat().st_size / args.n * 1000 / 1e6:.2f} MB "
                  f"per 1,000 documents", flush=True)
    if "plots" in steps:
        for fn in ("similarity_heatmap", "entities_by_document", "top_entities"):
            code = (f"import time, matplotlib; matplotlib.use('Agg'); import peacecorpus as pc; "
                    f"from peacecorpus import plots; c = pc.open({dbs!r}); t0 = time.perf_counter(); "
                    f"ax = plots.{fn}(c); ax.figure.savefig({str(sub / (fn + '.png'))!r}); "
                    f"print(f'drawn {{time.perf_counter() - t0:.2f}} s after pc.open')")
            run(f"plot {fn}", py(code), results, "api")
    if "cli" in steps:
        import duckdb
        con = duckdb.connect(dbs, read_only=True)
        doc = con.execute("SELECT doc_a FROM similarity ORDER BY score DESC LIMIT 1").fetchone()[0]
        speaker = con.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker "
                              "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        con.close()
        base = [sys.executable, "-m", "peacecorpus"]
        for q in (["entities", "-n", "5"], ["entities", "--label", "person", "-n", "5"],
                  ["entities", "--mentions", "--doc", doc, "-n", "5"],
                  ["quotes", "--speaker", speaker.split()[-1], "-n", "5"], ["quotes", "--since", "2005-01", "-n", "5"],
                  ["similar", doc, "-n", "5"], ["similar", "-n", "5"], ["search", "peace", "talks", "-n", "5"],
                  ["similar", "no-such-document"]):
            name = "cli " + " ".join(q)
            row = run(name[:28], base + q[:1] + ["--db", dbs] + q[1:], results, "cli")
            if q[-1] == "no-such-document":     # expected: exit code 2 with a message
                row["ok"] = row["rc"] == 2 and row["seconds"] < 2
                print(f"  (exit code {row['rc']}, expected 2)", flush=True)
    bad = [r["step"] for r in results if not r["ok"]]
    print(f"\n{len(results) - len(bad)}/{len(results)} steps within target" + (f"; missed: {bad}" if bad else ""))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
