"""Time expressions, events, timeline and conflicts (peacecorpus.events), against the seed gold."""
import json

import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus.events import document_times, publication_date

from conftest import ROOT, chromium_dom, needs_chromium

GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def seeds():
    return pc.read_dir(ROOT / "data" / "seeds", "*.txt")


def _gold_spans(doc, items):
    """(start, end, item) of gold items, found in their sentence in order."""
    out = []
    sents = doc.sentences
    for it in items:
        s = sents[it["sentence"]]
        start = doc.text.index(it["text"], s.start)
        out.append((start, start + len(it["text"]), it))
    return out


def test_times_match_the_seed_gold(seeds):
    gold = json.loads((GOLD / "seeds_times.json").read_text())
    tp = fp = fn = value_ok = 0
    for doc in seeds:
        found = document_times(doc)
        used = set()
        for start, end, g in _gold_spans(doc, gold[doc.doc_id]):
            hits = [t for t in found if t.start < end and start < t.end]
            if not hits:
                fn += 1
                continue
            tp += 1
            used.add(hits[0])
            t = hits[0]
            value_ok += t.value == g["value"] and t.partial == (g["partial"] or g["value"])
        fp += len([t for t in found if t not in used])
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    # 75 gold expressions; the misses are "annual", "future" (x2) and "soon", which
    # TimeBank's annotators mostly leave out (we follow them)
    assert precision >= 0.97 and recall >= 0.93, (precision, recall)
    assert value_ok / tp >= 0.97


def test_relative_dates_stay_unresolved_without_a_publication_date(seeds):
    doc = seeds["001_1825ec11acb749a5"]
    assert doc.published is None
    times = {t.text: t for t in document_times(doc)}
    last = times["last September"]
    assert (last.value, last.partial, last.anchor) == (None, "XXXX-09", "publication (unknown)")
    assert times["2023"].value == "2023" and times["2023"].anchor is None
    assert times["now"].value == "PRESENT_REF"
    for t in document_times(seeds["004_a317817d0d739d21"]):
        if t.anchor == "publication (unknown)" and not t.partial.endswith("_REF"):
            assert t.value is None and "X" in t.partial, t
    # with a publication date (late September 2024) the same words are a date
    dated = {t.text: t for t in document_times(doc, published="2024-09-27")}
    assert (dated["last September"].value, dated["last September"].anchor) == ("2023-09", "publication")
    assert dated["September 23"].value == "2024-09-23"


def test_dated_document_and_anchors(seeds):
    doc = seeds["003_3c1792033d339d97"]
    assert publication_date(doc.published) == (2023, 8, 30)
    times = {t.text: t for t in document_times(doc)}
    assert times["September 2023"].value == "2023-09"
    assert times["September of 2023"].value == "2023-09"
    assert (times["early 2023"].value, times["early 2023"].mod) == ("2023", "START")
    assert times["the near term"].anchor == "publication"
    t000 = {t.text: t for t in document_times(seeds["000_2d75c3c5078d4155"])}
    assert (t000["three decades earlier"].value, t000["three decades earlier"].anchor) == ("199", "September 2022")
    t004 = {t.text: t for t in document_times(seeds["004_a317817d0d739d21"])}
    assert (t004["Later that month"].partial, t004["Later that month"].anchor) == ("XXXX-01", "January")


@pytest.mark.parametrize("value,expected", [
    ("2023-08-30", (2023, 8, 30)), ("2024-09-27T08:00:00+04:00", (2024, 9, 27)), ("2024", (2024, 0, 0)),
    ("Mar 10", None), ("", None), (None, None), (float("nan"), None)])
def test_publication_date(value, expected):
    assert publication_date(value) == expected


def test_times_on_odd_input():
    for text in ["", "   ", "\x00\ufffd 2020 \ud7ff", "Friday " * 5000, "1999/99/99 13/13/2013 0/0/0000",
                 "the " * 100 + "1990s", "In 99999 and 0000 and 2100 and -2020."]:
        doc = pc.parse(text)
        for t in document_times(doc, published="2024-02-29"):
            assert doc.text[t.start:t.end] == t.text
            assert t.value is None or "X" not in t.value or t.type in ("DURATION", "SET")


# -- events --------------------------------------------------------------------------------------

from peacecorpus.events import Lexicon, document_events, parse_timex, time_conflict, times_compatible  # noqa: E402


def test_events_match_the_seed_gold(seeds):
    gold = json.loads((GOLD / "seeds_events.json").read_text())["events"]
    ents = seeds.entities()
    tp = fp = fn = 0
    right_time = 0
    for doc in seeds:
        found = {(e.sentence, e.type): e for e in document_events(doc, ents[ents.doc_id == doc.doc_id].to_dict("records"))}
        keys = {(g["sentence"], g["type"]) for g in gold[doc.doc_id]}
        tp += len(keys & set(found))
        fp += len(set(found) - keys)
        fn += len(keys - set(found))
        for g in gold[doc.doc_id]:
            e = found.get((g["sentence"], g["type"]))
            if e is not None and g["time"] and e.time and g["time"]["text"] in e.time:
                right_time += 1
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    # measured 0.917 / 0.859 (bench/eval_events.py); hand gold of 64 mention keys
    assert precision >= 0.85 and recall >= 0.80, (precision, recall)
    assert right_time >= 30


def test_event_details():
    doc = pc.parse("In September 2022, Azerbaijan seized back Nagorno-Karabakh. Nearly 120,000 residents fled to "
                   "Armenia. Antony Blinken is expected to meet Ararat Mirzoyan in Washington. Armenia wants to sign "
                   "an agreement. A meeting between the ministers had been planned for January in Washington, but it "
                   "never took place. Some 30,000 people were killed in the war of 1992.")
    ev = {e.type + str(e.sentence): e for e in document_events(doc, published=None)}
    attack = ev["ATTACK0"]
    assert (attack.trigger, attack.participants, attack.place, attack.time_value) == \
        ("seized back", ("Azerbaijan",), "Nagorno-Karabakh", "2022-09")
    assert attack.evidence == doc.sentences[0].text
    (num,) = ev["DISPLACEMENT1"].numbers
    assert (num.text, num.value, num.unit, num.qualifier) == ("Nearly 120,000 residents", 120000.0, "people", "nearly")
    assert num.low == pytest.approx(102000) and num.high == pytest.approx(120000)   # "nearly": 85-100%
    assert ev["MEET2"].status == "planned" and set(ev["MEET2"].participants) == {"Antony Blinken", "Ararat Mirzoyan"}
    assert "AGREE3" not in ev                      # a wish is not an event
    assert ev["MEET4"].status == "did_not_occur"
    (dead,) = ev["ATTACK5"].numbers
    assert (dead.unit, dead.qualifier, dead.value) == ("dead", "some", 30000.0)


def test_time_comparisons():
    assert time_conflict(parse_timex("2022-09"), parse_timex("2023-09")) == "year"
    assert time_conflict(parse_timex("2024-09-26"), parse_timex("2024-09-23")) == "day"
    assert time_conflict(parse_timex("XXXX-09"), parse_timex("2023-09")) is None   # unresolved fits both
    assert time_conflict(parse_timex("199"), parse_timex("2022-09")) is None       # a decade is too coarse
    assert time_conflict(parse_timex("2016-04"), parse_timex("2023-09")) is None   # two parts differ
    assert times_compatible(parse_timex("2023-12"), parse_timex("XXXX-12-08"))
    assert not times_compatible(parse_timex("XXXX-01"), parse_timex("2024-09-26"))
    assert parse_timex("PRESENT_REF") is None and parse_timex("P3M") is None and parse_timex(None) is None


def _v(x):
    return None if x is None or x is pd.NA or (isinstance(x, float) and x != x) else x


def test_conflicts_on_the_seeds_are_exactly_the_gold_one(seeds):
    gold = json.loads((GOLD / "seeds_conflicts.json").read_text())
    found = seeds.conflicts()
    assert len(found) == 1
    row = found.iloc[0]
    (c1,) = gold["conflicts"]
    versions = {v["value"]: v for v in c1["versions"]}
    assert {row.value_a, row.value_b} == set(versions) == {"2022-09", "2023-09"}
    assert row.kind == "time" and row.field == "year" and row.type == "ATTACK"
    for side in ("a", "b"):
        v = versions[row[f"value_{side}"]]
        assert list(row[f"documents_{side}"]) == v["documents"]
        assert row[f"evidence_{side}"] in {m["evidence"] for m in v["mentions"]}
        assert _v(row[f"published_{side}"]) == v["published"][0]
        assert row[f"sources_{side}"] == 1
    # the undated reports that fit both versions (gold: 001 "last September", 004 "last year")
    assert {"001_1825ec11acb749a5: last September (XXXX-09)", "004_a317817d0d739d21: last year (XXXX)"} <= \
        set(row.unresolved)
    # 003 (2023) is the only dated source: the earlier one; one source each: no majority
    assert row[f"published_{row.earlier}"] == "2023-08-30" and _v(row.more_support) is None
    tl = seeds.timeline()
    assert tl["time_start"].is_monotonic_increasing
    assert tl[tl.conflict]["event_id"].tolist() == [row.event_id]
    blinken = seeds.timeline("Antony Blinken")
    assert len(blinken) >= 1 and all("Antony Blinken" in p for p in blinken["participants"])
    assert seeds.timeline("nobody at all").empty


def test_number_conflicts_respect_hedges():
    texts = {
        "a": "In March 2021, nearly 120,000 residents fled Stepanakert after the attack.",
        "b": "In March 2021, more than 100,000 residents fled Stepanakert after the attack.",
        "c": "In March 2021, 60,000 residents fled Stepanakert after the attack.",
    }
    corpus = pc.Corpus.from_texts(list(texts.values()), ids=list(texts))
    found = corpus.conflicts()
    pairs = {frozenset((r.doc_a, r.doc_b)) for r in found.itertuples()}
    assert frozenset("ac") in pairs and frozenset("bc") in pairs
    assert frozenset("ab") not in pairs           # "nearly 120,000" and "more than 100,000" agree
    assert set(found["kind"]) == {"number"} and set(found["field"]) == {"people"}


def test_custom_lexicon(tmp_path):
    d = tmp_path
    (d / "t.tsv").write_text("LAUNCH\tverb\tlaunched\n", encoding="utf-8")
    (d / "c.tsv").write_text("planned\twill\n", encoding="utf-8")
    (d / "u.tsv").write_text("rockets\trockets\t1\n", encoding="utf-8")
    (d / "q.tsv").write_text("about\tapprox\t0.9\t1.1\n", encoding="utf-8")
    lex = Lexicon(d / "t.tsv", d / "c.tsv", d / "u.tsv", d / "q.tsv")
    doc = pc.parse("The army launched about 40 rockets on Friday.")
    (e,) = document_events(doc, published="2024-02-01", lexicon=lex)
    assert (e.type, e.time_value, e.numbers[0].unit, e.numbers[0].low) == ("LAUNCH", "2024-01-26", "rockets", 36.0)
    (d / "t.tsv").write_text("LAUNCH\tadverb\tlaunched\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        Lexicon(d / "t.tsv", d / "c.tsv", d / "u.tsv", d / "q.tsv")


def test_events_on_odd_input():
    for text in ["", "met met met", "\x00 agreed \ufffd 5 $ % %", "The war. " * 3000,
                 "They met in " + "Washington and " * 2000 + "Paris.", "nearly " * 500 + "5 people fled."]:
        doc = pc.parse(text)
        for e in document_events(doc, published=None):
            assert doc.text[e.start:e.end] == e.trigger
            assert e.evidence_start <= e.start < e.end <= e.evidence_end


def test_conflicts_do_not_need_the_documents_table(seeds):
    """The conflicts and timeline take dates and texts from the documents
    (not the whole documents table): the same rows either way; the garbage
    collector paused while tables are computed is running again after."""
    import gc
    fresh = pc.read_dir(ROOT / "data" / "seeds", "*.txt")
    got = fresh.conflicts()
    assert gc.isenabled()
    fresh2 = pc.read_dir(ROOT / "data" / "seeds", "*.txt")
    fresh2.documents()
    pd.testing.assert_frame_equal(got, fresh2.conflicts())
    pd.testing.assert_frame_equal(fresh.timeline(), fresh2.timeline())


def test_demonym_participants_name_the_group():
    doc = pc.parse("Armenian and Azerbaijani officials met in Washington on Monday. Armenian-backed separatists "
                   "attacked the town on Tuesday. Azerbaijani media met the press on Wednesday.")
    ev = {e.sentence: e for e in document_events(doc, published="2024-05-01")}
    assert set(ev[0].participants) == {"Armenians", "Azerbaijanis"}    # the people, as a group
    assert "Armenians" in ev[1].participants
    assert not any("Azerbaijan" in p for p in ev[2].participants)     # an adjective of 'media'


# -- report and plot -----------------------------------------------------------------------------

def test_participants_the_two_sides_and_affiliations():
    doc = pc.parse("Armenia and Azerbaijan held talks in Washington on Monday. The two sides signed a peace treaty on "
                   "Tuesday. France and Germany met in Paris on Wednesday. Both countries quickly agreed to a "
                   "ceasefire on Thursday. Azerbaijani President Ilham Aliyev met Antony Blinken on Friday.")
    ev = {e.type + str(e.sentence): e for e in document_events(doc, published="2024-05-01")}
    assert ev["AGREE1"].participants == ("Armenia", "Azerbaijan")     # the pair last named
    assert ev["AGREE3"].participants == ("France", "Germany")
    assert set(ev["MEET4"].participants) == {"Ilham Aliyev", "Antony Blinken"}   # not "Azerbaijani"


import re  # noqa: E402
import html as htmlmod  # noqa: E402

from peacecorpus.report import render_report, write_report  # noqa: E402

SCRIPT = "<script>document.title='pwned'</script>"
IMG = '<img src=x onerror="document.body.dataset.pwned=1">'


@pytest.fixture(scope="module")
def hostile():
    texts = {"a": f"Clashes. In March 2021, Azerbaijan attacked Armenia near Stepanakert {SCRIPT} at night.",
             "b": f"Clashes. In March 2022, Azerbaijan attacked Armenia near Stepanakert {IMG} at night."}
    # plain text (mode="text"): the markup stays in the article as text
    return pc.Corpus([pc.parse(t, doc_id=i, mode="text") for i, t in texts.items()])


def test_report_shows_timeline_and_conflicts_escaped(hostile):
    found = hostile.conflicts()
    assert len(found) == 1 and {found.iloc[0].value_a, found.iloc[0].value_b} == {"2021-03", "2022-03"}
    markup = render_report(hostile, title="t")
    assert 'id="timeline"' in markup and 'id="conflicts"' in markup
    section = markup[markup.index('id="conflicts"'):]
    assert htmlmod.escape(SCRIPT) in section and htmlmod.escape(IMG) in section
    assert SCRIPT not in markup and IMG not in markup
    assert markup.count("<script") == 1
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="timeline"' in markup
    assert markup.count('fill="#c0392b"') >= 2                  # both dates of the conflict drawn in red


@needs_chromium
def test_conflicts_report_in_headless_chromium(hostile, seeds, tmp_path):
    for name, corpus in (("hostile", hostile), ("seeds", seeds)):
        out = write_report(corpus, tmp_path / f"{name}.html")
        dom = chromium_dom(out.resolve().as_uri(), tmp_path / ("profile-" + name))
        assert 'id="timeline"' in dom and 'id="conflicts"' in dom, dom[:300]
        assert "pwned" not in re.search(r"<title>[^<]*</title>", dom).group(0)
        assert "data-pwned" not in dom and dom.count("<script") == 1
        conflicts = dom[dom.index('id="conflicts"'):]
        if name == "hostile":
            assert htmlmod.escape(SCRIPT, quote=False) in conflicts       # shown as text
        else:  # the seeds' offensive: both sentences and both documents
            assert "In September 2022, Azerbaijan swiftly seized back Nagorno-Karabakh" in conflicts
            assert "takeover of Karabakh in September 2023" in conflicts
            assert "published 2023-08-30" in conflicts and "003_3c1792033d339d97" in conflicts


def test_timeline_plot(seeds):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from peacecorpus import plots
    ax = plots.timeline(seeds)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "ATTACK" in labels and "MEET" in labels
    red = [c for c in ax.collections if len(c.get_offsets()) and
           any(abs(fc[0] - 0xc0 / 255) < 0.01 for fc in c.get_facecolors())]
    assert red                                              # the conflicting offensive is red
    empty = plots.timeline(seeds, entity="nobody at all")
    assert empty.get_title() == "no dated events"


def test_engine_events_are_named(monkeypatch):
    """_core.events returns EventSpan/EventParticipant/EventNumber struct
    sequences, read by name (issue #15: no positional tuples from the binding)."""
    from peacecorpus import _core
    from peacecorpus import events as ev_mod
    seen, engine = [], _core.events

    def spy(*args):
        out = engine(*args)
        seen.extend(out)
        return out
    monkeypatch.setattr(ev_mod._core, "events", spy)
    doc = pc.parse("Nearly 120,000 residents fled to Armenia. Antony Blinken is expected to meet Ararat Mirzoyan "
                   "in Washington.")
    got = document_events(doc, published=None)
    monkeypatch.undo()
    assert got and len(seen) == len(got)
    assert {type(e).__name__ for e in seen} == {"EventSpan"} and _core.EventSpan.n_fields == 10
    nums = [n for e in seen for n in e.numbers]
    parts = [p for e in seen for p in e.participants]
    assert nums and {type(n) for n in nums} == {_core.EventNumber} and nums[0].value == 120000.0
    assert parts and {type(p) for p in parts} == {_core.EventParticipant} and all(p.entity >= 0 for p in parts)


def test_events_in_forked_processes_equal_one_process(seeds, monkeypatch):
    """Past FORK_MIN_DOCS documents the per-document work runs in child
    processes: the same rows in the same order, and a document that fails in a
    child is reported to on_error here, the other documents' rows kept."""
    import sys

    from peacecorpus import _parallel
    from peacecorpus import events as ev
    if not sys.platform.startswith("linux"):
        pytest.skip("forked workers are used on Linux only")
    docs = [d for d in seeds for _ in range(6)]
    one = ev.events_frames(docs, n_jobs=1)
    monkeypatch.setattr(_parallel, "FORK_MIN_DOCS", 4)
    for n in (2, 3):
        got = ev.events_frames(docs, n_jobs=n)
        for a, b in zip(one, got):
            pd.testing.assert_frame_equal(a, b)
    bad = docs[1]
    real = ev._events_of

    def flaky(doc, *args):
        if doc is bad:
            raise RuntimeError("boom")
        return real(doc, *args)

    monkeypatch.setattr(ev, "_events_of", flaky)
    failed = []
    got_ev, _ = ev.events_frames(docs, n_jobs=2, on_error=lambda d, exc: failed.append((d.doc_id, str(exc))))
    assert failed == [(bad.doc_id, "boom")] * 6         # the same document object, six times
    pd.testing.assert_frame_equal(got_ev, one[0][one[0]["doc_id"] != bad.doc_id].reset_index(drop=True))


def test_entities_in_forked_processes_equal_one_process(monkeypatch):
    import sys

    from peacecorpus import _parallel
    from peacecorpus.entities import extract_many
    if not sys.platform.startswith("linux"):
        pytest.skip("forked workers are used on Linux only")
    texts = [f"Talks between Armenia and Azerbaijan resumed in Brussels on day {i}, said Charles Michel."
             for i in range(9)]
    one = extract_many([pc.parse(t, mode="text") for t in texts], n_jobs=1)
    monkeypatch.setattr(_parallel, "FORK_MIN_DOCS", 4)
    docs = [pc.parse(t, mode="text") for t in texts]
    assert extract_many(docs, n_jobs=2) == one
    assert [d.entities for d in docs] == one
