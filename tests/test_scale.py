"""Issue #16: bounded outputs, SQL-answered CLI queries, a report whose every link works, linear highlighting."""
import base64
import gzip
import json
import re
import time

import numpy as np
import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus import query, report
from peacecorpus import similarity as sim
from peacecorpus._display import highlight
from peacecorpus.cli import main

from conftest import SEEDS, chromium_dom, needs_chromium

WORDS = ("peace talks treaty border minister foreign baku yerevan karabakh corridor agreement "
         "summit ceasefire delegation villages enclave refugees trade railway sanctions").split()


def _texts(n, seed=7):
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=int(rng.integers(5, 40)))) + "." for _ in range(n)]


# -- similarity: bounded by default ------------------------------------------------------------------
def test_similarity_is_bounded_and_keeps_each_documents_best():
    texts = _texts(120)
    ids = [f"d{i}" for i in range(len(texts))]
    full = sim.similarity(ids, texts, top_k=None)
    top = sim.similarity(ids, texts)                     # top_k=10 by default
    assert len(full) > 120 * 10 and len(top) <= 120 * 10
    # every document's 3 best neighbours (scores) are those of the full table
    def best(df, k):
        both = pd.concat([df.rename(columns={"doc_a": "d", "doc_b": "o"}),
                          df.rename(columns={"doc_b": "d", "doc_a": "o"})])
        both["d"] = both["d"].astype(str)
        return {d: sorted(g["score"].round(9))[-k:] for d, g in both.groupby("d")}
    want, got = best(full, 3), best(top, 3)
    assert got == want
    # scores are exact: the bounded rows carry the full table's values
    key = lambda df: dict(zip(zip(df["doc_a"].astype(str), df["doc_b"].astype(str)), df["score"]))  # noqa: E731
    f = key(full)
    assert all(abs(f[k] - v) < 1e-9 for k, v in key(top).items())
    # and the dense matrix of a subset equals the full table
    sub = ids[:7]
    m = sim.matrix(ids, texts, sub)
    assert np.allclose(m.to_numpy(), sim.as_matrix(full, sub).to_numpy(), atol=1e-9)


def test_similarity_errors_name_every_method_and_the_bound():
    with pytest.raises(ValueError, match="top_k must be >= 1"):
        sim.similarity(["a", "b"], ["x y", "x z"], top_k=0)
    c = pc.Corpus.from_texts(["Peace talks in Baku.", "Peace talks in Yerevan."], ids=["a", "b"])
    with pytest.raises(ValueError, match="'tfidf', 'minhash' or 'entities'"):
        c.similarity("cosine")
    with pytest.raises(ValueError, match="choose at most"):
        sim.matrix(["a"], ["x"], ["a"] * (sim.MAX_MATRIX + 1))
    assert len(c.similarity()) == 1 and len(c.similarity(top_k=None)) == 1


def test_stories_and_entity_similarity_bounded(seeds):
    texts = _texts(60)
    ids = [str(i) for i in range(60)]
    st = sim.stories(ids, texts, threshold=0.3)
    assert sorted(st["doc_id"]) == sorted(ids) and st["story"].min() == 0
    ent = seeds.similarity("entities")
    assert len(ent) <= 10 * len(seeds) and (ent["score"] > 0).all()


# -- the CLI answers with SQL on the store ---------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("scale") / "s.duckdb"
    assert main(["analyze", "-q", str(SEEDS), "--db", str(db)]) == 0
    return db


def test_cli_queries(seeds_db, capsys):
    capsys.readouterr()
    # labels in any case, --limit, csv
    assert main(["entities", "--db", str(seeds_db), "--label", "person", "-n", "3", "--format", "csv"]) == 0
    out = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert len(out) == 3 and set(out["label"]) == {"PERSON"}
    # unknown document: a clear error and exit code 2
    assert main(["similar", "--db", str(seeds_db), "no-such-doc"]) == 2
    assert "no document 'no-such-doc'" in capsys.readouterr().err
    assert main(["quotes", "--db", str(seeds_db), "--doc", "no-such-doc"]) == 2
    assert "no document" in capsys.readouterr().err
    # an unknown label or a bad date is an error too, not "(none)"
    assert main(["entities", "--db", str(seeds_db), "--label", "PRSN"]) == 2
    assert "PRSN" in capsys.readouterr().err
    assert main(["quotes", "--db", str(seeds_db), "--since", "last tuesday"]) == 2
    capsys.readouterr()
    # search: documents whose text contains the words
    assert main(["search", "--db", str(seeds_db), "Nagorno-Karabakh", "--format", "json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and all("doc_id" in r for r in rows)
    # similar without an id: the most similar pairs, bounded by -n
    assert main(["similar", "--db", str(seeds_db), "-n", "2", "--format", "csv"]) == 0
    pairs = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert list(pairs.columns[:3]) == ["doc_a", "doc_b", "score"] and len(pairs) == 2


def test_query_tables_same_answer_on_store_and_corpus(seeds_db, seeds):
    with query.Tables(seeds_db) as t, query.Tables(pc.open(seeds_db)) as u:
        a = query.entities(t, query.Filters(labels=["gpe"]), limit=5)
        b = query.entities(u, query.Filters(labels=["GPE"]), limit=5)
        assert a["canonical"].tolist() == b["canonical"].tolist() and len(a) == 5
        assert query.summary(t)["documents"] == 5


def test_analyze_does_not_print_every_document(tmp_path, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(25):
        (folder / f"{i:03d}.txt").write_text(f"Title {i}\n\nPeace talks number {i} were held in Baku.\n")
    assert main(["analyze", "-q", "--no-db", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "... and 15 more documents" in out and "024" not in out


# -- the report: every link works -----------------------------------------------------------------
def _unpack(html, block_id):
    m = re.search(rf'<script type="application/x-peacecorpus" id="{block_id}">([^<]*)</script>', html)
    return json.loads(gzip.decompress(base64.b64decode(m.group(1))))


def test_report_embeds_every_document_when_large(seeds_db, tmp_path, monkeypatch):
    monkeypatch.setattr(report, "INLINE_DOCUMENTS", 2)
    monkeypatch.setattr(report, "BLOCK", 2)
    out = report.write_report(seeds_db, tmp_path / "r.html")
    html = out.read_text(encoding="utf-8")
    index = _unpack(html, "pc-index")
    anchors = {row[0] for row in index}
    with query.Tables(seeds_db) as t:
        ids = t.sql("SELECT doc_id FROM documents ORDER BY ordinal")["doc_id"].tolist()
    assert anchors == {report._anchor(d) for d in ids}
    # every document link in the page points to a document of the index (rendered on demand)
    links = set(re.findall(r'href="#(doc-[^"]*)"', html))
    assert links and links <= anchors
    # the blocks hold every document's text
    blocks = [_unpack(html, f"pc-block-{k}") for k in range(3)]
    assert all(blocks)
    # the size per document (the page itself, CSS and script, is a fixed cost)
    payload = sum(len(m) for m in re.findall(r'<script type="application/x-peacecorpus"[^>]*>[^<]*</script>', html))
    text_bytes = sum(p.stat().st_size for p in SEEDS.glob("*.txt"))
    assert payload < text_bytes          # compressed: text, spans and metadata in fewer bytes than the text
    assert payload / len(ids) * 1000 < 2 * report.BYTES_PER_1000   # seeds are 6 KB articles, news ~2-3 KB
    assert 'id="timeline"' in html and 'id="conflicts"' in html


@needs_chromium
def test_large_report_renders_a_linked_document_in_chromium(seeds_db, tmp_path, monkeypatch):
    monkeypatch.setattr(report, "INLINE_DOCUMENTS", 2)
    monkeypatch.setattr(report, "BLOCK", 2)
    out = report.write_report(seeds_db, tmp_path / "r.html")
    with query.Tables(seeds_db) as t:
        last = t.sql("SELECT doc_id, text FROM documents ORDER BY ordinal DESC LIMIT 1").iloc[0]
    url = out.resolve().as_uri() + "#" + report._anchor(last["doc_id"])
    dom = chromium_dom(url, tmp_path / "profile", budget_ms=3000)
    viewer = dom[dom.index('id="pc-viewer"'):]
    assert f'id="{report._anchor(last["doc_id"])}"' in viewer, viewer[:500]    # the linked document, rendered
    plain = re.sub(r"<span class=\"pc-lab\">[^<]*</span>", "", viewer)
    plain = re.sub(r"<[^>]+>", "", plain)
    first_para = str(last["text"]).split("\n\n")[1][:60]
    assert first_para in plain, plain[:500]
    assert 'class="pc-ent' in viewer                                              # with its entities


# -- highlighting is linear --------------------------------------------------------------------------
def _spans(n_words):
    text = " ".join(f"w{i}" for i in range(n_words))
    starts = [m.start() for m in re.finditer(r"w\d+", text)]
    ents = pd.DataFrame({"start": starts, "end": [s + 2 for s in starts], "label": "PERSON",
                         "text": "w", "canonical": None})
    quotes = pd.DataFrame({"start": starts[::20], "end": [s + 30 for s in starts[::20]],
                           "speaker": "x", "kind": "direct"})
    return text, ents, quotes


def test_highlight_marks_every_span():
    text, ents, quotes = _spans(200)
    out = highlight(text, ents, quotes)
    assert out.count('class="pc-ent') == 200 and out.count("pc-quote") >= 10


@pytest.mark.timing
def test_highlight_time_doubles_at_most_2_5():
    """CPU time (best of 3) at 20k and 80k spans: two doublings, each under 2.5 on average
    (a quadratic pass would give 16)."""
    def cpu(n):
        text, ents, quotes = _spans(n)
        t0 = time.process_time()
        highlight(text, ents, quotes)
        return time.process_time() - t0
    cpu(2000)
    a = min(cpu(20_000) for _ in range(3))
    b = min(cpu(80_000) for _ in range(3))
    assert b / a < 2.5 ** 2, (a, b)


# -- plots stay bounded ---------------------------------------------------------------------------
def test_plots_bounded():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from peacecorpus import plots
    texts = [f"Minister Ilham Aliyev met Nikol Pashinyan in Baku {i}. " + t for i, t in enumerate(_texts(50))]
    c = pc.Corpus.from_texts(texts, ids=[f"d{i:02d}" for i in range(50)])
    ax = plots.similarity_heatmap(c, max_docs=12)
    assert len(ax.get_xticklabels()) == 12 and "12 most connected of 50" in ax.get_title()
    ax = plots.entities_by_document(c, n=3, max_docs=10)
    assert len(ax.get_xticklabels()) == 10 and "10 of 50 documents" in ax.get_title()
    m = plots.similarity_matrix(c, doc_ids=["d01", "d00"])
    assert m.index.tolist() == ["d01", "d00"] and m.loc["d00", "d00"] == 1.0


# -- the CLI's entities: the stored entity_table, the same rows as the aggregate over the mentions ----
def test_cli_entities_from_entity_table_equal_the_mention_aggregate(seeds_db):
    def rows(df):
        return [tuple(list(v) if isinstance(v, (list, np.ndarray)) else (None if pd.isna(v) else v) for v in r)
                for r in df.itertuples(index=False)]
    with query.Tables(seeds_db) as t:
        for labels in ([], ["person"], ["GPE", "org"]):
            f = query.Filters(labels=labels) if labels else query.NO_FILTERS
            fast = query.entities(t, f)
            full = query._entities_from_mentions(t, f, query.normalise_labels(labels), None, False,
                                                 "mentions DESC, documents DESC")
            assert len(fast) and rows(fast) == rows(full)
            assert fast["mentions"].sum() == full["mentions"].sum()
        # every mention of a name entity is counted once: the sum is the number of such mentions
        n = t.scalar("SELECT count(*) FROM entities WHERE label NOT IN ("
                     + ", ".join(f"'{x}'" for x in sorted(query.NUMERIC_LABELS)) + ")")
        assert query.entities(t)["mentions"].sum() == n


# -- progress: quiet by default off a terminal, on with PEACECORPUS_PROGRESS=1, off with pc.progress(False) --
def test_progress_bars_of_corpus_calls(tmp_path, capfd, monkeypatch):
    from peacecorpus import _progress
    monkeypatch.delenv(_progress.ENV, raising=False)
    c = pc.read_dir(SEEDS, "*.txt")
    c.entities()
    assert capfd.readouterr().err == ""                       # tests and pipes: no bars
    monkeypatch.setenv(_progress.ENV, "1")
    monkeypatch.setattr(_progress, "DELAY", 0)                # every bar, however quick the call
    monkeypatch.setattr(report, "INLINE_DOCUMENTS", 1)        # the report's embedded blocks
    c = pc.read_dir(SEEDS, "*.txt")
    db = tmp_path / "c.duckdb"
    shown = {}
    for name, call in [("entities", c.entities), ("quotes", c.quotes), ("near-duplicates", c.near_duplicates),
                       ("stories", c.stories), ("tables", lambda: c.save(db)),
                       ("reading entities", lambda: pc.open(db).entities()),
                       ("report", lambda: report.write_report(db, tmp_path / "r.html")),
                       ("ingest", lambda: pc.ingest(SEEDS, tmp_path / "i.duckdb", "*.txt"))]:
        call()
        shown[name] = name + ":" in capfd.readouterr().err
    assert all(shown.values()), shown
    with pc.progress(False):                                  # off for a block, whatever the environment
        pc.read_dir(SEEDS, "*.txt").entities()
        assert capfd.readouterr().err == ""
    assert _progress.enabled()
    assert not _progress.enabled(False) and _progress.enabled(True)
    monkeypatch.setenv(_progress.ENV, "0")
    assert not _progress.enabled()


# -- every corpus-level call: doubling the input at most 2.5x the CPU time ------------------------------
def _variants(n):
    """n news-like documents: the seed articles with numbered variations (as bench/gen_scale.py)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = np.random.default_rng(n)
    out = []
    for i in range(n):
        paras = seeds[i % len(seeds)].split("\n\n")
        head, body = paras[0], paras[1:]
        rng.shuffle(body)
        out.append(f"{head} ({i})\n\n" + "\n\n".join(body[: max(2, len(body) - int(rng.integers(0, 3)))])
                   + f"\n\nReport number {i} from {WORDS[i % len(WORDS)]} on {1 + i % 28} May 2024.")
    return out


@pytest.fixture(scope="module")
def doubled(tmp_path_factory):
    """Folders and stores of N and 2N documents."""
    root = tmp_path_factory.mktemp("doubling")
    out = {}
    for n in (120, 240):
        folder = root / f"in{n}"
        folder.mkdir()
        for i, t in enumerate(_variants(n)):
            (folder / f"d{i:05d}.txt").write_text(t, encoding="utf-8")
        db = root / f"s{n}.duckdb"
        pc.ingest(folder, db, "*.txt", progress=False)
        out[n] = (folder, db)
    return out


def _cpu_of(fn, setup=lambda: None, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        arg = setup()
        t0 = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - t0)
    return best


def _plot(name):
    def draw(db):
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from peacecorpus import plots
        ax = getattr(plots, name)(pc.open(db))
        plt.close(ax.figure)
    return draw


_FRESH = {   # call name -> (setup(folder, db) -> arg, call(arg))
    "ingest": (lambda f, db, tmp: (f, tmp / f"i{time.monotonic_ns()}.duckdb"),
               lambda a: pc.ingest(a[0], a[1], "*.txt", progress=False)),
    "entities()": (lambda f, db, tmp: pc.read_dir(f, "*.txt"), lambda c: c.entities()),
    "quotes()": (lambda f, db, tmp: pc.read_dir(f, "*.txt"), lambda c: c.quotes()),
    "similarity(top_k=10)": (lambda f, db, tmp: pc.read_dir(f, "*.txt"), lambda c: c.similarity(top_k=10)),
    "near_duplicates()": (lambda f, db, tmp: pc.read_dir(f, "*.txt"), lambda c: c.near_duplicates()),
    "stories()": (lambda f, db, tmp: pc.read_dir(f, "*.txt"), lambda c: c.stories()),
    "save": (lambda f, db, tmp: (pc.open(db), tmp / f"s{time.monotonic_ns()}.duckdb"),
             lambda a: a[0].save(a[1])),
    "open + entities()": (lambda f, db, tmp: db, lambda d: pc.open(d).entities()),
    "report": (lambda f, db, tmp: db, lambda d: report.write_report(d, d.with_suffix(".html"))),
    "plot similarity_heatmap": (lambda f, db, tmp: db, _plot("similarity_heatmap")),
    "plot entities_by_document": (lambda f, db, tmp: db, _plot("entities_by_document")),
    "plot top_entities": (lambda f, db, tmp: db, _plot("top_entities")),
    "cli entities": (lambda f, db, tmp: db, lambda d: main(["entities", "--db", str(d), "-n", "5"])),
}


@pytest.mark.timing
@pytest.mark.parametrize("call", list(_FRESH))
def test_corpus_call_time_doubles_at_most_2_5(call, doubled, tmp_path, monkeypatch, capsys):
    """CPU time (best of 3) of each corpus-level call of issue #16 on 120 and 240 documents."""
    monkeypatch.setattr(report, "INLINE_DOCUMENTS", 50)     # the large report's blocks at this size
    setup, fn = _FRESH[call]
    cpu = {n: _cpu_of(fn, lambda n=n: setup(*doubled[n], tmp_path)) for n in (120, 240)}
    capsys.readouterr()
    assert cpu[240] < 2.5 * cpu[120], cpu


# -- the rest of the list ------------------------------------------------------------------
def test_plots_install_hint_works_from_a_checkout(monkeypatch):
    """Without matplotlib the error names an install that works (the package is on no index)."""
    import builtins
    from peacecorpus import plots
    real = builtins.__import__

    def no_mpl(name, *a, **k):
        if name.startswith("matplotlib"):
            raise ImportError("No module named 'matplotlib'")
        return real(name, *a, **k)
    monkeypatch.setattr(builtins, "__import__", no_mpl)
    with pytest.raises(ImportError) as e:
        plots._plt()
    assert "pip install '.[plot]'" in str(e.value) and "peacecorpus[plot]" not in str(e.value)
    readme = (SEEDS.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "pip install 'peacecorpus[plot]'" not in readme and "pip install '.[plot]'" in readme


def test_speaker_roles_are_titles_not_clause_fragments():
    assert report.role_of(["ultimately it could mean", "Prime Minister"]) == "Prime Minister"
    assert report.role_of(["who said that the talks", "because they were"]) is None
    assert report.role_of(["foreign minister of Armenia"]) == "foreign minister of Armenia"
    assert report.role_of(None) is None


def test_store_keeps_a_bounded_similarity_table(seeds_db):
    """The store holds top_k=10 neighbours per document, not every pair (49,995,000 rows at 10k before)."""
    with query.Tables(seeds_db) as t:
        n = t.scalar("SELECT count(*) FROM documents")
        per_doc = t.sql("SELECT d, count(*) AS k FROM (SELECT doc_a AS d FROM similarity UNION ALL "
                        "SELECT doc_b FROM similarity) GROUP BY d")
    assert 0 < len(per_doc) <= n
    top = pc.Corpus.from_texts(_texts(200), ids=[f"d{i}" for i in range(200)]).similarity()
    assert len(top) <= 200 * 10 < 200 * 199 // 2
