"""Notebook display and the HTML report (rendered in headless Chromium when installed)."""
import html as htmlmod
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

import peacecorpus as pc
from peacecorpus._display import highlight
from peacecorpus.report import render_report, write_report

import analysed_corpus
from analysed_corpus import PAYLOAD_IMG, PAYLOAD_SCRIPT
from conftest import ROOT, chromium, chromium_dom, needs_chromium

SECTIONS = ("overview", "documents", "speakers", "duplicates", "similarity")


@pytest.fixture(scope="module")
def corpus():
    return analysed_corpus.build()


class _Tags(HTMLParser):
    """Collects start tags and checks that every tag opened is closed in order."""

    VOID = {"meta", "br", "img", "input", "rect", "hr"}

    def __init__(self):
        super().__init__()
        self.tags, self.stack, self.errors, self.handlers = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.handlers += [k for k, _ in attrs if k.startswith("on")]

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append((tag, list(self.stack[-3:])))
        else:
            self.stack.pop()


def _parse(markup):
    p = _Tags()
    p.feed(markup)
    p.close()
    return p


def test_highlight_nests_and_escapes():
    text = "Pashinyan said “peace <now> in Baku” today."
    ents = [{"start": 0, "end": 9, "label": "PERSON", "canonical": "Nikol Pashinyan", "entity_id": "Q7035939"},
            {"start": 31, "end": 35, "label": "GPE", "canonical": "Baku"},
            {"start": 30, "end": 40, "label": "GPE", "canonical": "overlapping, longer: kept"}]
    quotes = [{"start": 15, "end": 36, "speaker": "Nikol Pashinyan", "kind": "direct", "cue": "said"}]
    out = highlight(text, ents, quotes)
    p = _parse(out)
    assert p.errors == [] and p.stack == []
    assert "&lt;now&gt;" in out and "<now>" not in out
    assert 'title="Nikol Pashinyan (Q7035939)"' in out
    # the quote is closed before its speaker tag; the entity crossing its end is split, not broken
    assert re.search(r'</span><span class="pc-spk">— Nikol Pashinyan</span>', out)
    assert re.sub(r"<[^>]+>", "", out.replace('<span class="pc-lab">PERSON</span>', "")
                  .replace('<span class="pc-lab">GPE</span>', "")
                  .replace('<span class="pc-spk">— Nikol Pashinyan</span>', "")) == htmlmod.escape(text, quote=True)


def test_document_repr_html_highlights_stored_tables(corpus, tmp_path):
    db = tmp_path / "c.duckdb"
    corpus.save(db)
    back = pc.open(db)
    out = back["004_a317817d0d739d21"]._repr_html_()
    assert 'class="pc-ent pc-ent-GPE" title="Armenia (Q399)"' in out
    assert 'class="pc-spk"' in out
    evil = back["evil"]._repr_html_()
    p = _parse(evil)
    assert p.errors == [] and p.handlers == [] and not any(t == "script" for t, _ in p.tags)
    assert htmlmod.escape(PAYLOAD_SCRIPT) in evil and htmlmod.escape(PAYLOAD_IMG) in evil
    plain = pc.read_dir(ROOT / "data" / "seeds", "*.txt")["004_a317817d0d739d21"]._repr_html_()
    assert "As peace negotiations advance" in plain and _parse(plain).errors == []
    summary = back._repr_html_()
    assert "Corpus" in summary and "evil" in summary


def test_report_is_self_contained_and_inert(corpus, tmp_path):
    markup = render_report(corpus, title="Test <report>")
    p = _parse(markup)
    assert p.errors == [] and p.stack == []
    assert p.handlers == []                             # no on* attribute anywhere
    scripts = [t for t, _ in p.tags if t == "script"]
    assert len(scripts) == 1                            # only the report's own filter script
    for tag, attrs in p.tags:                           # nothing loads from elsewhere
        for k in ("src", "href"):
            v = attrs.get(k)
            assert v is None or v.startswith("#"), (tag, k, v)
    ids = {a.get("id") for _, a in p.tags}
    assert set(SECTIONS) <= ids
    assert "<title>Test &lt;report&gt;</title>" in markup
    assert htmlmod.escape(PAYLOAD_SCRIPT) in markup
    # speakers section lists the speakers; the reuse view shows both sides
    assert "Ilham Aliyev" in markup and markup.count('class="pc-reused"') == 2
    assert markup.count("<rect") >= len(corpus) ** 2


def test_report_from_a_plain_store(tmp_path):
    """A store without analysis tables still gives every section."""
    db = tmp_path / "c.duckdb"
    pc.read_dir(ROOT / "data" / "seeds", "*.txt").save(db)
    out = write_report(pc.open(db), tmp_path / "r.html")
    text = out.read_text(encoding="utf-8")
    for s in SECTIONS:
        assert f'id="{s}"' in text


@needs_chromium
def test_report_in_headless_chromium(corpus, tmp_path):
    out = write_report(corpus, tmp_path / "report.html")
    url = out.resolve().as_uri()
    dom = chromium_dom(url, tmp_path / "profile")
    assert dom.startswith("<html") or "<html" in dom[:200], dom[:500]
    for s in SECTIONS:
        assert f'id="{s}"' in dom
    assert re.search(r"<title>peacecorpus report: 7 documents</title>", dom)   # title unchanged
    assert "pwned" not in re.search(r"<body[^>]*>", dom).group(0)              # no data-pwned set
    assert "data-pwned" not in dom
    assert htmlmod.escape(PAYLOAD_SCRIPT, quote=False) in dom                   # shown as text
    assert dom.count("<script") == 1
    shot = tmp_path / "report.png"
    subprocess.run(chromium(tmp_path / "profile") + [f"--screenshot={shot}", "--window-size=1280,1800", url],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 20_000
    keep = os.environ.get("PEACECORPUS_SCREENSHOT_DIR")
    if keep:
        os.makedirs(keep, exist_ok=True)
        shutil.copy(shot, os.path.join(keep, "report.png"))
