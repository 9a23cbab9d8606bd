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
