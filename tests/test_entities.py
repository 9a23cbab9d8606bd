"""Entity extraction end to end: seed gold F1, variants, roles, ids, merges, threads."""
from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus.tables import columns
from peacecorpus import _core
from peacecorpus.entities import ROLE_WORDS, Entity, EntityExtractor, canonicalize, default_extractor, translit_key
from peacecorpus.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_entities", ROOT / "bench" / "eval_entities.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)


@pytest.fixture(scope="module")
def seeds():
    gold, corpus = ev.load()
    return gold, corpus


@pytest.fixture(scope="module")
def seed_ents(seeds):
    return seeds[1].entities()


def test_seed_gold_f1(seeds):
    gold, corpus = seeds
    per, micro, src, _ = ev.evaluate(corpus, gold)
    assert micro[2] >= 0.95, micro
    for lab in ("PERSON", "GPE", "LOC", "EVENT"):
        assert per[lab][2] >= 0.95, (lab, per[lab])
    assert per["ORG"][2] >= 0.85, per["ORG"]
    # the dictionary is precise; the tagger finds the people it does not list
    assert src["gazetteer"][0] / src["gazetteer"][1] >= 0.98
    assert src["tagger"][1] >= 15


def test_seed_people_not_in_gazetteer_come_from_tagger(seed_ents):
    people = seed_ents[seed_ents.label == "PERSON"]
    for name in ("Hasmik Tolmajyan", "Leyla Abdullayeva", "Tom Sullivan", "Matthew Miller"):
        rows = people[people.text == name]
        assert len(rows) >= 1, name
        assert set(rows.source) == {"tagger"}


@pytest.mark.parametrize("variant,canonical", [
    ("Mirzoian", "Ararat Mirzoyan"), ("Mirzoyan", "Ararat Mirzoyan"),
    ("Pashinian", "Nikol Pashinyan"), ("Pashinyan", "Nikol Pashinyan"),
    ("Blinkin", "Antony Blinken"), ("Blinken", "Antony Blinken"),
    ("Aliyev", "Ilham Aliyev"), ("Poghosian", "Benyamin Poghosian"),
    ("Naxcivan", "Nakhchivan"), ("Nakhchivan", "Nakhchivan"),
    ("RFE/RL", "Radio Free Europe/Radio Liberty"), ("Karabakh", "Nagorno-Karabakh"),
])
def test_seed_variants_merged(seed_ents, variant, canonical):
    rows = seed_ents[seed_ents.text == variant]
    assert len(rows) >= 1
    assert set(rows.canonical) == {canonical}


def test_no_wrong_merges_in_seeds(seed_ents):
    people = seed_ents[seed_ents.label == "PERSON"]
    # every canonical person has one surname: no two people merged
    for can, g in people.groupby("canonical"):
        assert {t.split()[-1] for t in g.text} <= {can.split()[-1], "Blinkin", "Mirzoian", "Pashinian"} \
            or can == "Thomas de Waal", (can, set(g.text))


def test_roles(seed_ents):
    def role(name):
        r = seed_ents[(seed_ents.text == name) & seed_ents.role.notna()]
        return r.role.iloc[0] if len(r) else None
    assert role("Hasmik Tolmajyan") == "Armenian ambassador in Paris"
    assert role("Benyamin Poghosian") == "senior fellow at the Yerevan think tank APRI Armenia"
    assert role("Ararat Mirzoian") == "Foreign Minister"
    assert role("Sergei Lavrov") == "Russian Foreign Minister"
    assert role("Ilham Aliyev") == "Azerbaijani President"


def test_role_from_title_and_appositive():
    doc = pc.parse("Foreign Minister Ararat Mirzoian met Anna Karapetyan, the Armenian ambassador in Paris, on Monday.")
    roles = {e.text: e.role for e in doc.entities if e.label == "PERSON"}
    assert roles["Ararat Mirzoian"] == "Foreign Minister"
    assert roles["Anna Karapetyan"] == "Armenian ambassador in Paris"


def test_entity_ids_and_schema(seed_ents):
    assert list(seed_ents.columns) == columns("entities")
    yer = seed_ents[seed_ents.text == "Yerevan"]
    assert set(yer.entity_id) == {"Q1953"}
    gaz = seed_ents[(seed_ents.source == "gazetteer") & seed_ents.label.isin(["GPE"])]
    assert gaz.entity_id.notna().mean() > 0.9
    assert (seed_ents.sentence >= 0).all()


def test_entity_table(seeds):
    corpus = seeds[1]
    t = corpus.entity_table()
    assert list(t.columns) == columns("entity_table")
    bl = t[t.canonical == "Antony Blinken"].iloc[0]
    assert set(bl.aliases) >= {"Antony Blinken", "Blinken", "Blinkin"}
    assert bl.documents >= 2 and bl.mentions >= 5


def test_document_entities_offsets():
    doc = pc.parse("Pashinyan met Aliyev in Prague on October 5, 2023. Talks lasted 80 percent longer.")
    ents = doc.entities
    assert all(isinstance(e, Entity) and doc.text[e.start:e.end] == e.text for e in ents)
    got = [(e.text, e.label) for e in ents]
    assert got == [("Pashinyan", "PERSON"), ("Aliyev", "PERSON"), ("Prague", "GPE"),
                   ("October 5, 2023", "DATE"), ("80 percent", "PERCENT")]
    assert ents[0].canonical == "Nikol Pashinyan" and ents[1].canonical == "Ilham Aliyev"
    assert doc.entities is ents  # cached


def test_in_document_surname_and_acronym():
    doc = pc.parse("Garegin Melkonyan, the head of the Armenian Center for Strategic Studies (ACSS), "
                   "spoke. Melkonyan said the ACSS would publish a report.")
    by = {(e.text, e.start): e for e in doc.entities}
    mel = [e for e in doc.entities if e.text == "Melkonyan"]
    assert mel and mel[0].canonical == "Garegin Melkonyan" and mel[0].label == "PERSON"
    acss = [e for e in doc.entities if e.text == "ACSS"]
    assert acss and all(e.canonical == "Armenian Center for Strategic Studies" for e in acss), by


def test_unicode_offsets():
    doc = pc.parse("“Naxçıvan” — İlham Əliyev’s visit to Naxçıvan. Ararat Mirzoyan stayed in Yerevan.")
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text
    assert "Naxçıvan" in [e.text for e in doc.entities]


def test_translit_key():
    assert translit_key("Pashinyan") == translit_key("Pashinian")
    assert translit_key("Mirzoyan") == translit_key("Mirzoian")
    assert translit_key("Naxcivan") == translit_key("Nakhchivan") == translit_key("Naxçıvan")
    assert translit_key("Heydar Aliyev") != translit_key("Ilham Aliyev")


def _frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "text", "label", "canonical", "entity_id",
                                       "role", "sentence", "source"])


def test_canonicalize_merges_with_context_only():
    rows = [
        ("a", 0, 1, "Aram Petrosian", "PERSON", "Aram Petrosian", None, "analyst", 0, "tagger"),
        ("a", 0, 1, "Baku", "GPE", "Baku", "Q9248", None, 0, "gazetteer"),
        ("a", 0, 1, "Sergei Lavrov", "PERSON", "Sergei Lavrov", None, None, 0, "gazetteer"),
        ("b", 0, 1, "Aram Petrosyan", "PERSON", "Aram Petrosyan", None, None, 0, "tagger"),
        ("b", 0, 1, "Sergei Lavrov", "PERSON", "Sergei Lavrov", None, None, 0, "gazetteer"),
        # different first name, same context: never merged
        ("b", 0, 1, "Karen Petrosyan", "PERSON", "Karen Petrosyan", None, None, 0, "tagger"),
        ("a", 0, 1, "Ilham Aliyev", "PERSON", "Ilham Aliyev", None, "president", 0, "gazetteer"),
        ("b", 0, 1, "Heydar Aliyev", "PERSON", "Heydar Aliyev", None, "president", 0, "tagger"),
        # a variant in an unrelated document (no shared context): not merged
        ("c", 0, 1, "Ruben Mirzoian", "PERSON", "Ruben Mirzoian", None, None, 0, "tagger"),
        ("c", 0, 1, "Lisbon", "GPE", "Lisbon", None, None, 0, "gazetteer"),
        ("d", 0, 1, "Ruben Mirzoyan", "PERSON", "Ruben Mirzoyan", None, None, 0, "tagger"),
        ("d", 0, 1, "Tokyo", "GPE", "Tokyo", None, None, 0, "gazetteer"),
        # places merge on the key alone (same label)
        ("c", 0, 1, "Naxcivan", "GPE", "Naxcivan", None, None, 0, "tagger"),
        ("d", 0, 1, "Nakhchivan", "GPE", "Nakhchivan", "iso3166-2:AZ-NX", None, 0, "gazetteer"),
    ]
    out = canonicalize(_frame(rows))
    can = dict(zip(zip(out.doc_id, out.text), out.canonical))
    assert can[("a", "Aram Petrosian")] == can[("b", "Aram Petrosyan")]
    assert can[("b", "Karen Petrosyan")] == "Karen Petrosyan"
    assert can[("a", "Ilham Aliyev")] == "Ilham Aliyev" and can[("b", "Heydar Aliyev")] == "Heydar Aliyev"
    assert can[("c", "Ruben Mirzoian")] != can[("d", "Ruben Mirzoyan")]
    assert can[("c", "Naxcivan")] == can[("d", "Nakhchivan")] == "Nakhchivan"
    eid = dict(zip(zip(out.doc_id, out.text), out.entity_id))
    assert eid[("c", "Naxcivan")] == "iso3166-2:AZ-NX"


def test_canonicalize_typo_needs_context():
    # the typo is the rare spelling: the right one is at least twice as frequent
    base = [("a", 0, 1, "Antony Blinken", "PERSON", "Antony Blinken", None, "secretary", 0, "tagger"),
            ("a", 5, 6, "Antony Blinken", "PERSON", "Antony Blinken", None, "secretary", 0, "tagger"),
            ("a", 0, 1, "Ararat Mirzoyan", "PERSON", "Ararat Mirzoyan", None, None, 0, "tagger")]
    with_ctx = base + [("b", 0, 1, "Antony Blinkin", "PERSON", "Antony Blinkin", None, None, 0, "tagger"),
                       ("b", 0, 1, "Ararat Mirzoyan", "PERSON", "Ararat Mirzoyan", None, None, 0, "tagger")]
    out = canonicalize(_frame(with_ctx))
    assert set(out[out.text.str.startswith("Antony")].canonical) == {"Antony Blinken"}
    no_ctx = base + [("c", 0, 1, "Antony Blinkin", "PERSON", "Antony Blinkin", None, None, 0, "tagger")]
    out = canonicalize(_frame(no_ctx))
    assert set(out[out.text.str.startswith("Antony")].canonical) == {"Antony Blinken", "Antony Blinkin"}


def test_thread_safety(seeds):
    docs = list(seeds[1])
    ex = default_extractor()
    ref = [ex.extract(d) for d in docs]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(3):
            assert list(pool.map(ex.extract, docs * 2)) == ref * 2


def test_gazetteer_add_at_run_time():
    gz = Gazetteer.default(titles=True)
    ex = EntityExtractor(gazetteer=gz)
    doc = pc.parse("Work at the sotk mine stopped after the shelling near Jermuk.")
    before = [(e.text, e.label) for e in ex.extract(doc)]
    assert ("sotk mine", "FAC") not in before
    gz.add("sotk mine", "FAC", canonical="Sotk gold mine", entity_id="Q-sotk")
    after = ex.extract(doc)
    hit = [e for e in after if e.text == "sotk mine"]
    assert hit and hit[0].label == "FAC" and hit[0].canonical == "Sotk gold mine" and hit[0].entity_id == "Q-sotk"
    # an entry added by another thread between building the names table and matching: one retry
    gz.add("Jermuk", "GPE", canonical="Jermuk town", entity_id="Q-jermuk")
    key, table, labels = ex._names
    ex._names = ((len(gz._canonical), len(gz._label_ids)), table, labels)  # the stale table looks current
    hit = [e for e in ex.extract(doc) if e.text == "Jermuk"]
    assert hit and hit[0].canonical == "Jermuk town" and hit[0].entity_id == "Q-jermuk"


def test_corpus_entities_cached_and_similarity(seeds):
    corpus = seeds[1]
    a = corpus.entities()
    b = corpus.entities()
    pd.testing.assert_frame_equal(a, b)
    sim = corpus.similarity(method="entities")
    assert len(sim) >= 1 and sim.score.max() > 0


def test_empty_and_odd_documents():
    assert pc.parse("").entities == []
    doc = pc.parse("no names here at all, only lower case words.")
    assert all(e.label in ("CARDINAL", "DATE") for e in doc.entities)
    assert pc.Corpus().entities().empty


def test_honorifics_and_possessive_appositive():
    doc = pc.parse("Palaniappan Chidambaram, India's finance minister, argued. Mr Chidambaram said the US agreed.")
    people = [(e.text, e.canonical, e.role) for e in doc.entities if e.label == "PERSON"]
    assert people[0] == ("Palaniappan Chidambaram", "Palaniappan Chidambaram", "India's finance minister")
    assert people[1][0] == "Chidambaram" and people[1][1] == "Palaniappan Chidambaram"
    us = [e for e in doc.entities if e.text == "US"]
    assert us and us[0].label == "GPE" and us[0].entity_id == "Q30"


def test_in_document_typo_of_a_full_name():
    doc = pc.parse("Hasmik Tolmajyan, the Armenian ambassador in Paris, spoke on Monday. "
                   "Presumably Tolmajyen said the talks would go on.")
    typo = [e for e in doc.entities if e.text == "Tolmajyen"]
    assert typo and typo[0].canonical == "Hasmik Tolmajyan"


def test_canonicalize_two_well_attested_spellings_stay_apart():
    rows = []
    for d in "abc":
        rows += [(d, 0, 1, "David Davis", "PERSON", "David Davis", None, None, 0, "tagger"),
                 (d, 0, 1, "Tony Blair", "PERSON", "Tony Blair", None, None, 0, "gazetteer")]
    for d in "def":
        rows += [(d, 0, 1, "David Davies", "PERSON", "David Davies", None, None, 0, "tagger"),
                 (d, 0, 1, "Tony Blair", "PERSON", "Tony Blair", None, None, 0, "gazetteer")]
    out = canonicalize(_frame(rows))
    assert set(out.canonical) == {"David Davis", "David Davies", "Tony Blair"}


def test_canonicalize_lone_surnames_one_letter_apart_stay_apart():
    rows = [("a", 0, 1, "Jackson", "PERSON", "Jackson", None, None, 0, "tagger"),
            ("a", 0, 1, "Tony Blair", "PERSON", "Tony Blair", None, None, 0, "gazetteer"),
            ("b", 0, 1, "Jacksen", "PERSON", "Jacksen", None, None, 0, "tagger"),
            ("b", 0, 1, "Tony Blair", "PERSON", "Tony Blair", None, None, 0, "gazetteer"),
            ("a", 0, 1, "Brighton", "GPE", "Brighton", None, None, 0, "tagger"),
            ("b", 0, 1, "Brixton", "GPE", "Brixton", None, None, 0, "tagger")]
    out = canonicalize(_frame(rows))
    assert sorted(set(out.canonical)) == ["Brighton", "Brixton", "Jacksen", "Jackson", "Tony Blair"]


@pytest.mark.parametrize("word", sorted(ROLE_WORDS))
def test_every_role_word_makes_an_appositive_role(word):
    # the engine's list (pc_mention.c) and ROLE_WORDS (used by canonicalize) agree
    doc = pc.parse(f"Talks resumed. Nikol Pashinyan, the {word} of the group, left on Monday.")
    people = [e for e in doc.entities if e.text == "Nikol Pashinyan"]
    assert people and people[0].role == f"{word} of the group"


def test_appositive_needs_a_role_word_and_a_whole_article():
    doc = pc.parse("Nikol Pashinyan, the man of the hour, left. Ilham Aliyev, an analyst at the centre, spoke. "
                   "Ararat Mirzoyan, another expert on peace, agreed.")
    roles = {e.text: e.role for e in doc.entities if e.label == "PERSON"}
    assert roles["Nikol Pashinyan"] is None
    assert roles["Ilham Aliyev"] == "analyst at the centre"  # not "n analyst at the centre"
    assert roles["Ararat Mirzoyan"] is None  # "another" is no article


def test_mentions_binding_checks_its_tables():
    ex = default_extractor()
    doc = pc.parse("Nikol Pashinyan met Ilham Aliyev in Baku.")
    table, labels = ex._tables()
    args = (doc._core, ex.gazetteer._core, None, ex.tagger.core, ex._title_label, True)
    rows = _core.mentions(*args, table, labels, -1)
    assert [r[2] for r in rows] == [e.text for e in ex.extract(doc)]
    assert _core.mentions(*args, table, labels, 1) == 3  # the raw count when over the limit
    with pytest.raises(pc.errors.StaleTable, match="sizes disagree"):
        _core.mentions(*args, (table[0], table[1], table[2][:-1], table[3], table[4]), labels, -1)
    with pytest.raises(pc.errors.StaleTable, match="names table"):  # entries the table does not know
        _core.mentions(*args, (b"", b"\0\0\0\0", b"", [], []), labels, -1)
    with pytest.raises(TypeError):
        _core.mentions(*args, table, labels, -1, dict)
    with pytest.raises(ValueError):
        _core.mentions(*args, (b"x", b"\0\0\0\0\x09\0\0\0", b"\0", ["x"], [None]), labels, -1)
