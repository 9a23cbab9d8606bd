"""The README's set-up commands stay true: CI runs the README's test command."""
import re

from conftest import ROOT


def _commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.S)


def test_readme_starts_with_two_commands():
    cmds = _commands()
    assert len(cmds) >= 2
    assert "peacecorpus analyze data/seeds" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1].strip() in ci


def test_cli_main_job_prints_summary(capsys, tmp_path):
    from peacecorpus.cli import main
    assert main(["analyze", "-q", str(ROOT / "data" / "seeds"), "--db", str(tmp_path / "c.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "5 documents" in out and "sentences" in out and "Radio Free Europe/Radio Liberty" in out


# -- the README's layout, table and API notes stay true -------------------------

def _readme():
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title):
    text = _readme()
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_layout_lists_every_engine_file_and_top_level_folder():
    layout = re.search(r"```\n(.+?)```", _section("Layout"), flags=re.S).group(1)
    engine = {p.stem for p in (ROOT / "csrc" / "lib").glob("*.[ch]")}
    named = set(re.findall(r"\bpc(?:_\w+)?\b", layout.split("csrc/python/")[0]))
    assert named == engine, f"README layout: missing {sorted(engine - named)}, stale {sorted(named - engine)}"
    folders = {line.split("/")[0] for line in layout.splitlines() if re.match(r"^\w+/", line)}
    tracked = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")
               and p.name not in ("build", "dist", "wheelhouse") and not p.name.endswith(".egg-info")}
    assert tracked <= folders, f"README layout misses {sorted(tracked - folders)}"
    assert all((ROOT / f).is_dir() for f in folders)


def test_stage_table_names_files_that_exist():
    table = _section("What it does")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line.split("|")[2]]
    assert len(rows) >= 9
    for row in rows:
        for name in re.findall(r"`([\w.]+\.(?:c|py))`", row.split("|")[2]):
            folder = ROOT / ("csrc/lib" if name.endswith(".c") else "peacecorpus")
            assert (folder / name).is_file(), f"README table names {name}, which does not exist"


def _column_notes():
    """(call, [columns], complete) from README lines like ``x = corpus.m()  # a, b, ...``."""
    text = _readme()
    for m in re.finditer(r"= corpus\.(\w+)\(\)\s+# ([^\n]+(?:\n\s+# [^\n]+)*)", text):
        note = re.sub(r"\s*\n\s*#\s*", ", ", m.group(2))
        note = re.sub(r"\s*\([^)]*\)", "", note)
        cols = [c.strip() for c in note.split(",") if c.strip()]
        complete = cols[-1] != "..."
        yield m.group(1), [c for c in cols if c != "..."], complete


def test_api_notes_name_the_real_columns(seeds):
    notes = list(_column_notes())
    assert {n for n, _, _ in notes} >= {"documents", "sentences", "entities", "quotes"}
    for name, cols, complete in notes:
        actual = list(getattr(seeds, name)().columns)
        if complete:
            assert cols == actual, f"README corpus.{name}(): {cols} but the table has {actual}"
        else:
            assert cols == actual[:len(cols)], f"README corpus.{name}(): {cols} ... but the table has {actual}"


def test_store_tables_in_readme_are_the_stored_tables(seeds, tmp_path):
    import duckdb
    para = _readme().split("is an ordinary DuckDB database", 1)[1].split(")", 1)[0]
    named = set(re.findall(r"`(\w+)`", para))
    seeds.save(tmp_path / "c.duckdb")
    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    try:
        stored = {r[0] for r in con.sql("SHOW TABLES").fetchall()}
    finally:
        con.close()
    assert named == stored, f"README names {sorted(named - stored)} not stored; misses {sorted(stored - named)}"


def test_make_targets_in_the_docs_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.M))
    docs = _readme() + "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    docs += (ROOT / "tests" / "fuzz" / "README.md").read_text(encoding="utf-8")
    # commands: `make x` in backticks, or a line of a code block starting with make
    used = set(re.findall(r"(?:^\s*|`)make (?:-s )?(?:-j\s?\d+ )?([a-z][\w-]+)", docs, flags=re.M))
    assert used and used <= targets, f"documented make targets missing from the Makefile: {sorted(used - targets)}"


def test_docs_pages_per_stage_with_figures_and_how_to_reproduce():
    docs = ROOT / "docs"
    for stage in ("parsing", "entities", "quotes", "similarity", "store", "scaling"):
        assert (docs / f"{stage}.md").is_file(), f"docs/{stage}.md missing"
        assert f"({stage}.md)" in (docs / "README.md").read_text(encoding="utf-8")
    for page in docs.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        if page.stem not in ("README", "scaling"):
            assert "## Measured" in text and "## Reproduce" in text, page.name
        # every file of the repository a page names exists
        for path in re.findall(r"\b((?:bench|tests|scripts|csrc|peacecorpus|data|examples)/[\w./-]+\.\w+)", text):
            assert (ROOT / path).exists(), f"docs/{page.name} names {path}, which does not exist"


def test_fuzz_readme_documents_every_target():
    text = (ROOT / "tests" / "fuzz" / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(fuzz_\w+\.c)` \|", text, flags=re.M))
    files = {p.name for p in (ROOT / "tests" / "fuzz").glob("fuzz_*.c")}
    assert rows == files, f"tests/fuzz/README.md: missing {sorted(files - rows)}, stale {sorted(rows - files)}"
