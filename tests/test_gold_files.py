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
