"""The command line on a store: analyze --db (incremental), report, entities, quotes, similar."""
import io
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus.cli import main

import analysed_corpus
from conftest import ROOT, SEEDS


def test_readme_main_job_builds_the_store(tmp_path):
    """`peacecorpus analyze data/seeds` (as in the README) writes ./corpus.duckdb and prints the summary."""
    shutil.copytree(SEEDS, tmp_path / "data" / "seeds")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "peacecorpus", "analyze", "data/seeds"]
    r = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    for word in ("5 documents", "sentences", "entities", "quotes", "near-duplicates", "errors",
                 "corpus.duckdb: 5 parsed, 0 unchanged"):
        assert word in r.stdout
    assert (tmp_path / "corpus.duckdb").is_file()
    r2 = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert "corpus.duckdb: 0 parsed, 5 unchanged" in r2.stdout
    assert len(pc.open(tmp_path / "corpus.duckdb")) == 5


def test_analyze_no_db_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "-q", "--no-db", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "5 documents" in out and "entities" in out and "parsed" not in out
    assert list(tmp_path.iterdir()) == []


def test_report_command(tmp_path, capsys):
    db = tmp_path / "c.duckdb"
    assert main(["analyze", "-q", str(SEEDS), "--db", str(db)]) == 0
    out = tmp_path / "r.html"
    assert main(["report", "--db", str(db), "-o", str(out)]) == 0
    assert "report written to" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'id="speakers"' in text


def test_missing_store_is_a_clean_error(tmp_path, capsys):
    assert main(["entities", "--db", str(tmp_path / "nope.duckdb")]) == 2
    assert "no store" in capsys.readouterr().err


@pytest.fixture
def analysed_db(tmp_path):
    db = tmp_path / "a.duckdb"
    analysed_corpus.build().save(db)
    return db


def test_table_commands_formats(analysed_db, capsys):
    assert main(["entities", "--db", str(analysed_db), "--format", "csv"]) == 0
    ents = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(ents.columns) == ["canonical", "label", "entity_id", "mentions", "documents", "aliases"]
    assert ents.iloc[0]["canonical"] == "Armenia" and ents.iloc[0]["mentions"] == 117

    # the terminal table shows a list column as "a, b" (was a NumPy repr "['a' 'b']")
    assert main(["entities", "--db", str(analysed_db), "--label", "person", "-n", "50"]) == 0
    table = capsys.readouterr().out
    assert "Ilham Aliyev" in table and "['" not in table
    from peacecorpus.cli import _clip
    assert _clip(np.array(["Mirzoian", "Mirzoyan"], dtype=object)) == "Mirzoian, Mirzoyan"

    assert main(["entities", "--db", str(analysed_db), "--mentions", "--label", "PERSON", "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {r["label"] for r in rows} == {"PERSON"}

    assert main(["quotes", "--db", str(analysed_db), "--speaker", "aliyev", "-n", "3"]) == 0
    out = capsys.readouterr().out
    assert "Ilham Aliyev" in out and len(out.strip().splitlines()) == 4   # header + 3 rows

    assert main(["similar", "--db", str(analysed_db), "001_copy", "--format", "csv", "-n", "1"]) == 0
    top = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert top[["doc_a", "doc_b"]].values.tolist() == [["001_1825ec11acb749a5", "001_copy"]]
    assert top["score"].iloc[0] > 0.95
