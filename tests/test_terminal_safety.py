"""Nothing hostile reaches a terminal (issue #21 item 4): C0/C1 control
characters and bidirectional overrides are removed from every metadata
field, whatever the source (HTML, a DataFrame, JSON Lines), and escaped in
everything the CLI prints -- file names, ids, errors and table output
included."""
import json
import re

import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus.cli import main

# what must never reach a field or a terminal: C0 (tab and newline only as
# line structure of the output), DEL, C1, bidi embeddings/overrides/isolates
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
EVIL = "\x1b]0;PWNED\x07\x1b[2J\u202eevil\u202c\x9b31m\r"
FIELDS = ("title", "author", "source", "url", "site_name", "description", "language", "published")


def _safe_fields(doc):
    for f in FIELDS:
        v = getattr(doc, f)
        assert v is None or not UNSAFE.search(v), (f, v)
    for t in doc.tags:
        assert not UNSAFE.search(t)


def test_html_metadata_is_safe():
    html = (f"<html><head><title>Talks{EVIL}</title><meta name=author content='Bob{EVIL}'>"
            f"<meta property='og:site_name' content='Site{EVIL}'></head>"
            "<body><p>Peace talks resumed on Monday. Both sides attended.</p></body></html>")
    doc = pc.parse(html)
    _safe_fields(doc)
    assert doc.title.startswith("Talks") and doc.author.startswith("Bob")


def test_dataframe_and_jsonl_metadata_are_safe(tmp_path):
    df = pd.DataFrame({"doc_id": ["a"], "text": ["Peace talks resumed. Both sides attended."],
                       "title": [f"Title{EVIL}"], "author": [f"Bob{EVIL}"], "source": [f"Src{EVIL}"],
                       "url": [f"http://x.test/{EVIL}"], "note": [f"kept\ttab{EVIL}"]})
    doc = list(pc.Corpus.from_pandas(df))[0]
    _safe_fields(doc)
    assert doc.title.startswith("Title") and doc.author.startswith("Bob") and doc.source.startswith("Src")
    assert not UNSAFE.search(doc.extra["note"]) and doc.extra["note"].startswith("kept\ttab")
    docs = pc.Corpus.from_pandas(df).documents()
    for col in ("title", "author", "source", "url", "note"):
        assert not UNSAFE.search(docs[col].iloc[0]), col
    f = tmp_path / "r.jsonl"
    f.write_text(json.dumps({"id": "x", "text": "Hi there. Ok.", "title": f"J{EVIL}", "site": f"s{EVIL}"}) + "\n")
    doc = list(pc.read(f))[0]
    _safe_fields(doc)
    assert not UNSAFE.search(doc.extra["site"])


def _run(capsys, argv):
    code = main(argv)
    out = capsys.readouterr()
    for stream in (out.out, out.err):
        bad = UNSAFE.search(stream.replace("\r", ""))  # \r only from the progress bar (-q: none)
        assert not bad, (argv, stream[max(0, bad.start() - 40):bad.start() + 40])
    assert "\r" not in out.out
    return code, out


def test_cli_output_is_escaped(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"red{EVIL}.txt").write_text("Pashinyan met Aliyev in Prague. “We agree,” Pashinyan said.")
    (folder / "page.html").write_text(
        f"<html><head><title>Talks{EVIL}</title></head><body><p>Peace talks resumed in Baku. "
        "Both sides attended.</p></body></html>")
    (folder / f"bin{EVIL}.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "records.jsonl").write_text(json.dumps({"id": f"r{EVIL}", "text": "Talks in Yerevan. Ok.",
                                                      "title": f"T{EVIL}"}) + "\n")
    db = tmp_path / "c.duckdb"
    code, out = _run(capsys, ["analyze", "-q", str(folder), "--db", str(db)])
    assert code == 0 and "red" in out.out and "\\x1b" in out.out       # escaped, not dropped
    assert "error" in out.out and "binary" in out.out
    code, out = _run(capsys, ["analyze", "-q", "--no-db", str(folder)])
    assert code == 0 and "\\x1b" in out.out
    for fmt in ("table", "csv", "json"):
        code, out = _run(capsys, ["entities", "--mentions", "--db", str(db), "--format", fmt])
        assert code == 0 and "Pashinyan" in out.out
        assert _run(capsys, ["quotes", "--db", str(db), "--format", fmt])[0] == 0
        assert _run(capsys, ["similar", "--db", str(db), "--format", fmt])[0] == 0
    code, out = _run(capsys, ["report", "--db", str(db), "-o", str(tmp_path / f"r{EVIL}.html")])
    assert code == 0 and "report written" in out.out
    # errors name files too
    code, out = _run(capsys, ["entities", "--db", str(tmp_path / f"none{EVIL}.duckdb")])
    assert code == 2 and "none" in out.err


@pytest.mark.parametrize("value", [EVIL, "plain", "tab\there", "new\nline"])
def test_terminal_escape_function(value):
    from peacecorpus._display import terminal_safe
    safe = terminal_safe(value)
    assert not UNSAFE.search(safe.replace("\n", "").replace("\t", ""))
    if value.isprintable() or value in ("tab\there", "new\nline"):
        assert safe == value
    else:
        assert "\\x1b" in safe and "\\u202e" in safe and "\\x9b" in safe and "\\r" in safe
