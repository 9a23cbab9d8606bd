"""One bad document never costs the others (issue #21 item 1).

A document that fails in any stage after parsing (entities, quotes, times,
events) becomes a row of ``errors`` naming the stage; its document and every
other document keep their rows.  Limits are per sentence/window, so a
well-formed text of any length keeps its entities, and every limit raises a
:class:`~peacecorpus.errors.DocumentError` subclass.
"""
import random
import shutil
import time

import pytest

import peacecorpus as pc
from peacecorpus import _core, entities
from peacecorpus.entities import EntityExtractor
from peacecorpus.errors import DocumentError, DocumentTooLarge, LimitExceeded, TooManyEntities

from conftest import SEEDS

CAPS = "A " * 1048577          # one sentence of 2^20 + 1 capitalised words (2 MB)
NUMS = "1. " * 1000001         # a million one-number sentences (3 MB)


def _stage_tables(corpus):
    return {n: corpus.table(n) for n in ("mentions", "quotes_raw", "times", "events_raw")}


def test_a_failing_document_becomes_an_error_row(monkeypatch):
    # a limit hit by one document only: max_entities=12 (a seed has many more)
    small = pc.Corpus.from_texts(["Pashinyan met Aliyev in Prague.", "Talks resumed in Baku on Monday."],
                                 ids=["a", "b"])
    ex = EntityExtractor(max_entities=2)
    monkeypatch.setattr(entities, "_default", ex)
    tables = _stage_tables(small)
    assert tables["mentions"]["doc_id"].tolist() == ["b", "b"]       # 'a' has 3 > 2 entities
    err = small.errors()
    assert err[["doc_id", "reason"]].values.tolist() == [["a", "too_many_entities"]]
    assert err["message"].iloc[0].startswith("document 'a': entities: 3 entity spans exceed max_entities=2")
    # the document itself is kept, and its other stages ran (without entities)
    assert small.doc_ids == ["a", "b"] and len(small.documents()) == 2
    assert small.summary()["errors"] == 1


def test_stage_errors_are_stored_and_replaced(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Pashinyan met Aliyev in Prague.")
    (folder / "b.txt").write_text("Talks resumed in Baku on Monday.")
    monkeypatch.setattr(entities, "_default", EntityExtractor(max_entities=2))
    db = tmp_path / "c.duckdb"
    r = pc.ingest(folder, db, progress=False)
    assert (r.documents, r.errors) == (2, 1)
    stored = pc.open(db)
    assert stored.doc_ids == ["a", "b"]
    assert stored.errors()[["doc_id", "reason"]].values.tolist() == [["a", "too_many_entities"]]
    # the file changes: its rows, the error row included, are replaced
    (folder / "a.txt").write_text("Pashinyan spoke.")
    r = pc.ingest(folder, db, progress=False)
    assert (r.parsed, r.documents, r.errors) == (1, 2, 0)
    assert pc.open(db).errors().empty


def test_long_capitalised_run_is_tagged_in_windows():
    # 2^20 + 1 tokens in one sentence: more than the tagger takes in one call
    doc = pc.parse(CAPS, doc_id="caps")
    assert doc.n_sentences == 1 and doc.n_tokens == 1048577
    EntityExtractor(max_entities=None).extract(doc)           # no DocumentTooLarge
    # a well-formed run longer than a window keeps every name (no sentence end
    # in 700 names: a list as a table of contents or a caption gives one)
    rng = random.Random(5)
    first = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Gohar", "Hakob", "Irina", "Jamal"]
    last = ["Petrosyan", "Mammadov", "Grigoryan", "Aliyeva", "Hovhannisyan", "Karimov", "Sargsyan"]
    names = [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(700)]
    text = "Present were " + ", ".join(names) + " and others"
    doc = pc.parse(text)
    assert doc.n_sentences == 1 and doc.n_tokens > 2000
    found = [e for e in EntityExtractor().extract(doc) if e.label == "PERSON"]
    assert len(found) >= 0.98 * len(names)
    assert found[-1].end > len(text) - 40                       # the last names too


def test_every_limit_is_a_document_error():
    for exc in (DocumentTooLarge, LimitExceeded, TooManyEntities):
        assert issubclass(exc, DocumentError)
    assert _core.DocumentTooLarge is DocumentTooLarge and _core.LimitExceeded is LimitExceeded
    with pytest.raises(DocumentTooLarge):
        pc.parse("x" * 100, max_bytes=10)
    with pytest.raises(TooManyEntities):
        EntityExtractor(max_entities=0).extract(pc.parse("Talks in Baku."))
    # the default extractor has no per-document limit: a long document keeps its entities
    assert EntityExtractor().max_entities is None


def test_many_numbers_keep_their_entities():
    text = "1. " * 20001
    doc = pc.parse(text)
    ents = EntityExtractor().extract(doc)
    assert len(ents) == 20001 and {e.label for e in ents} == {"CARDINAL"}


@pytest.mark.slow
def test_seeds_and_two_pathological_files(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "caps.txt").write_text(CAPS)
    (folder / "nums.txt").write_text(NUMS)
    db = tmp_path / "c.duckdb"
    r = pc.ingest(folder, db, progress=False)
    assert r.parsed == 7
    c = pc.open(db)
    assert len(c.doc_ids) == 7 and len(c.errors()) <= 2
    ents = c.entities()
    assert set(ents["doc_id"]) >= {p.stem for p in SEEDS.glob("*.txt")} | {"nums"}
    # the seeds' rows are those of the seeds alone
    alone = pc.read_dir(SEEDS).entities()
    got = ents[ents["doc_id"].isin(alone["doc_id"].unique())].reset_index(drop=True)
    assert got[["doc_id", "start", "end", "label"]].values.tolist() == \
        alone[["doc_id", "start", "end", "label"]].values.tolist()


def _realistic(n_bytes: int, seed: int = 1) -> str:
    """A long document of distinct paragraphs made of the seeds' sentences."""
    sents = [s for s in pc.read_dir(SEEDS).sentences()["text"].tolist() if len(s) > 20]
    rng = random.Random(seed)
    parts, n = [], 0
    while n < n_bytes:
        p = " ".join(rng.choice(sents) for _ in range(3))
        parts.append(p)
        n += len(p) + 2
    return "\n\n".join(parts)


@pytest.mark.slow
def test_105mb_document_gets_entities_and_quotes():
    doc = pc.parse(_realistic(105_000_000), doc_id="big")
    c = pc.Corpus([doc])
    assert c.errors().empty
    ents, quotes = c.table("mentions"), c.table("quotes_raw")
    assert len(ents) > 1_000_000 and len(quotes) > 100_000
    assert quotes["speaker"].notna().mean() > 0.5


@pytest.mark.timing
def test_entities_and_quotes_time_doubles_with_size():
    def cost(n_bytes):
        doc = pc.parse(_realistic(n_bytes), doc_id="big")
        t = time.process_time()  # CPU time: a busy neighbour does not count
        c = pc.Corpus([doc])
        c.table("mentions"), c.table("quotes_raw")
        return time.process_time() - t

    cost(1_000_000)  # warm-up: model and gazetteer loaded
    for _ in range(3):
        one, two = cost(13_000_000), cost(26_000_000)
        print(f"13 MB {one:.2f} s, 26 MB {two:.2f} s: x{two / one:.2f}")
        if two < 2.6 * one:
            break
    assert two < 2.6 * one
