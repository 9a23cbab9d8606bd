"""The gold annotations in tests/gold/ are checked like code: exact strings, order, offsets."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "gold"))
import check_gold  # noqa: E402


def test_documents_gold_matches_seeds():
    assert check_gold.check_documents() == []


def test_documents_gold_counts():
    docs = check_gold.load("seeds_documents.json")
    assert len(docs) == 5
    assert docs["002_2a8557e98f314890"]["title"].startswith("Meeting of Blinkin")
    assert docs["003_3c1792033d339d97"]["published"] == "2023-08-30"
    assert sum(len(d["sentences"]) for d in docs.values()) > 150


def test_quotes_gold_matches_seeds():
    assert check_gold.check_quotes() == []


def test_entities_gold_matches_seeds():
    assert check_gold.check_entities() == []


def test_bbc_gold_structure():
    assert check_gold.check_bbc_structure() == []


def test_bbc_gold_offsets():
    errs = check_gold.check_bbc()
    if errs is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    assert errs == []


def test_checker_catches_a_wrong_sentence(monkeypatch):
    # The checker itself must be able to fail: corrupt one sentence.
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "seeds_documents.json":
            d = data["000_2d75c3c5078d4155"]
            d["sentences"][2] = d["sentences"][2].replace("Azerbaijan", "Azerbaidjan")
        return data

    monkeypatch.setattr(check_gold, "load", broken)
    assert check_gold.check_documents()


def test_checker_catches_a_misplaced_quote(monkeypatch):
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "seeds_quotes.json":
            q = data["004_a317817d0d739d21"][0]
            q["quote"] = q["quote"].rstrip(",")  # drops the comma inside the marks
        return data

    monkeypatch.setattr(check_gold, "load", broken)
    assert check_gold.check_quotes()


def test_checker_catches_a_shifted_bbc_span(monkeypatch):
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "bbc_quotes.json":
            data["articles"][0]["quotes"][0]["end"] -= 1
        return data

    monkeypatch.setattr(check_gold, "load", broken)
    errs = check_gold.check_bbc()
    if errs is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    assert errs


# --- bbc_quotes_reported.json (marked quotes + reported speech, dev set) -----

def test_bbc_reported_gold_structure():
    assert check_gold.check_bbc_reported_structure() == []


def test_bbc_reported_gold_counts():
    gold = check_gold.load("bbc_quotes_reported.json")
    kinds = [q["kind"] for a in gold["articles"] for q in a["quotes"]]
    assert len(gold["articles"]) == 30
    # Reported speech is the point of this set: at least 100 indirect quotes,
    # and every article has at least one quote of some kind.
    assert kinds.count("indirect") >= 100
    assert kinds.count("direct") >= 100
    assert all(a["quotes"] for a in gold["articles"])


def test_bbc_reported_gold_offsets():
    errs = check_gold.check_bbc_reported()
    if errs is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    assert errs == []


def _broken_reported(monkeypatch, corrupt):
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "bbc_quotes_reported.json":
            corrupt(data)
        return data

    monkeypatch.setattr(check_gold, "load", broken)


def _first(data, kind):
    return next(q for a in data["articles"] for q in a["quotes"] if q["kind"] == kind)


def test_reported_checker_catches_an_indirect_without_speaker(monkeypatch):
    _broken_reported(monkeypatch, lambda d: _first(d, "indirect").update(speaker=None))
    assert check_gold.check_bbc_reported_structure()


def test_reported_checker_catches_a_bad_kind(monkeypatch):
    _broken_reported(monkeypatch, lambda d: _first(d, "direct").update(kind="reported"))
    assert check_gold.check_bbc_reported_structure()


def test_reported_checker_catches_stored_text(monkeypatch):
    _broken_reported(monkeypatch, lambda d: _first(d, "direct").update(quote="..."))
    assert check_gold.check_bbc_reported_structure()


def test_reported_checker_catches_overlapping_indirect_spans(monkeypatch):
    def corrupt(d):
        a = next(a for a in d["articles"] if sum(q["kind"] == "indirect" for q in a["quotes"]) >= 2)
        first, second = [q for q in a["quotes"] if q["kind"] == "indirect"][:2]
        second["start"] = first["end"] - 1
    _broken_reported(monkeypatch, corrupt)
    assert check_gold.check_bbc_reported_structure()


def test_reported_checker_catches_a_trailing_full_stop(monkeypatch):
    # An indirect span that takes the sentence's full stop (sha1 updated to
    # match) is not a bare clause.
    texts = check_gold.bbc_texts()
    if texts is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")

    def corrupt(d):
        for a in d["articles"]:
            t = texts[a["id"]]
            for q in a["quotes"]:
                if q["kind"] == "indirect" and t[q["end"]] == ".":
                    q["end"] += 1
                    q["sha1"] = check_gold.sha1(t[q["start"]:q["end"]])
                    return
    _broken_reported(monkeypatch, corrupt)
    assert any("bare clause" in e for e in check_gold.check_bbc_reported())


def test_reported_checker_catches_a_shifted_span(monkeypatch):
    _broken_reported(monkeypatch, lambda d: _first(d, "indirect").update(start=_first(d, "indirect")["start"] + 1))
    errs = check_gold.check_bbc_reported()
    if errs is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    assert errs


def test_reported_selection_is_disjoint_from_the_other_gold_sets():
    texts = check_gold.bbc_texts()
    if texts is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    picked = check_gold.select_bbc_reported(texts)
    assert len(picked) == len(set(picked)) == 30
    assert not set(picked) & set(check_gold.select_bbc(texts))
    assert [i.rsplit("_", 1)[0] for i in picked].count("politics") == 10


def test_times_gold_matches_seeds():
    assert check_gold.check_times() == []


def test_events_gold_matches_seeds():
    assert check_gold.check_events() == []


def test_conflicts_gold_matches_events():
    assert check_gold.check_conflicts() == []


def test_conflicts_gold_has_the_offensive_dates():
    c1 = check_gold.load("seeds_conflicts.json")["conflicts"][0]
    got = {v["value"]: v["documents"] for v in c1["versions"]}
    assert got == {"2022-09": ["000_2d75c3c5078d4155"], "2023-09": ["003_3c1792033d339d97"]}
    # Undated documents' "last September" / "in September" stay unresolved.
    assert all(x["time"]["value"] is None for x in c1["unresolved"])


def test_checker_catches_a_guessed_relative_date(monkeypatch):
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "seeds_times.json":
            t = data["001_1825ec11acb749a5"][4]  # "last September", 001 has no publication date
            t["value"], t["partial"] = "2023-09", None
        return data

    monkeypatch.setattr(check_gold, "load", broken)
    assert any("must stay null" in e for e in check_gold.check_times())


def test_checker_catches_a_missing_year(monkeypatch):
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "seeds_times.json":
            data["004_a317817d0d739d21"] = [t for t in data["004_a317817d0d739d21"]
                                            if t["text"] != "1989"]
        return data

    monkeypatch.setattr(check_gold, "load", broken)
    assert any("'1989' not inside" in e for e in check_gold.check_times())


def test_checker_catches_a_dangling_merged_event(monkeypatch):
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "seeds_events.json":
            data["events"]["003_3c1792033d339d97"][0]["merged"] = "M99"
        return data

    monkeypatch.setattr(check_gold, "load", broken)
    assert check_gold.check_events()


# --- BBC entity gold ----------------------------------------------------------

ENTITIES_DEV = [
    "business_061", "business_166", "business_262", "business_496", "business_267", "business_337",
    "entertainment_323", "entertainment_289", "entertainment_218", "entertainment_298",
    "entertainment_285", "entertainment_381", "politics_042", "politics_057", "politics_149",
    "politics_051", "politics_234", "politics_006", "sport_131", "sport_181", "sport_486",
    "sport_185", "sport_421", "sport_195", "tech_046", "tech_290", "tech_279", "tech_153",
    "tech_151", "tech_238",
]  # the list the lead published in the team notes before annotation


def test_bbc_entities_structure():
    assert check_gold.check_bbc_entities_structure() == []


def test_bbc_entities_offsets_and_selection():
    errs = check_gold.check_bbc_entities()
    if errs is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    assert errs == []


def test_bbc_entities_dev_contents():
    gold = check_gold.load("bbc_entities_dev.json")
    assert [a["id"] for a in gold["articles"]] == ENTITIES_DEV
    labels = [m["label"] for a in gold["articles"] for m in a["mentions"]]
    assert len(labels) >= 600
    assert set(labels) == check_gold.LABELS
    assert all(a["mentions"] for a in gold["articles"])


def test_entity_selection_reproduces_published_list():
    texts = check_gold.bbc_texts()
    if texts is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    sel = check_gold.select_bbc_entities(texts)
    assert sel["dev"] == ENTITIES_DEV
    assert len(sel["test"]) == 30
    assert not set(sel["test"]) & set(ENTITIES_DEV)
    assert not set(sel["test"]) & set(check_gold.select_bbc(texts))


@pytest.mark.parametrize("text,start,end,problem", [
    ("the BBC said", 0, 7, "starts with a determiner"),
    ("The Mail on Sunday", 0, 18, "starts with a determiner"),
    ("Blair's plan", 0, 7, "ends with a possessive 's"),
    ("Blair\u2019s plan", 0, 7, "ends with a possessive 's"),
    ("Blairite", 0, 5, "cuts a word"),
    ("an Oxford college", 0, 9, "starts with a determiner"),
    ("THE Game", 0, 8, "starts with a determiner"),
    ("Mr Blair", 2, 8, "outer whitespace or paragraph break"),
    ("UK\n\nFrance", 0, 10, "outer whitespace or paragraph break"),
])
def test_span_rules_catch_bad_spans(text, start, end, problem):
    assert problem in check_gold.span_problems(text, start, end)


@pytest.mark.parametrize("text,start,end", [
    ("the BBC's report", 4, 7),
    ("a cross-London link", 8, 14),
    ("the Musicians' Union said", 4, 20),
    ("Guy's Hospital", 0, 14),
    ("The Hague", 4, 9),
    ("pupils of St Fintian's school", 10, 22),
    ("the Sainsbury\u2019s chain", 4, 15),
    ("A Jones (Ospreys)", 0, 7),
])
def test_span_rules_accept_good_spans(text, start, end):
    assert check_gold.span_problems(text, start, end) == []


def _broken_entities(monkeypatch, corrupt):
    real = check_gold.load

    def broken(name):
        data = real(name)
        if name == "bbc_entities_dev.json":
            corrupt(data["articles"][0]["mentions"])
        return data

    monkeypatch.setattr(check_gold, "load", broken)


@pytest.mark.parametrize("corrupt,needle", [
    (lambda ms: ms.reverse(), "unsorted or overlapping"),
    (lambda ms: ms[1].update(start=ms[0]["start"] + 1, end=ms[0]["end"] + 1), "unsorted or overlapping"),
    (lambda ms: ms[0].update(label="DATE"), "bad label"),
    (lambda ms: ms[0].update(text="UK"), "never text"),
])
def test_checker_catches_bad_entity_structure(monkeypatch, corrupt, needle):
    _broken_entities(monkeypatch, corrupt)
    errs = check_gold.check_bbc_entities_structure()
    assert any(needle in e for e in errs), errs


def test_checker_catches_a_shifted_entity_span(monkeypatch):
    _broken_entities(monkeypatch, lambda ms: ms[0].update(end=ms[0]["end"] + 2))
    errs = check_gold.check_bbc_entities()
    if errs is None:
        pytest.skip("BBC eval data not present (set PEACECORPUS_EVAL)")
    assert any("sha1 mismatch" in e for e in errs), errs
