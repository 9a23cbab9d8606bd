"""Issue #18: speakers as a ranked decision, roles as noun phrases, reported
speech, quote reuse that never mixes two utterances, quote marks of other
languages.  The BBC examples read ../shared/eval and are skipped without it;
none of them is in the held-out gold (tests/gold/bbc_quotes.json)."""
import json
import re
from collections import Counter

import pytest

import peacecorpus as pc
from peacecorpus import _core
from peacecorpus.quotes import extract_quotes, quote_reuse

HELD_OUT = {a["id"] for a in json.loads(
    (pc._paths.data_path().parent / "tests" / "gold" / "bbc_quotes.json").read_text(encoding="utf-8"))["articles"]} \
    if (pc._paths.data_path().parent / "tests" / "gold" / "bbc_quotes.json").exists() else set()


def quotes(text):
    return pc.parse(text).quotes


# -- reported speech ------------------------------------------------------------

@pytest.mark.parametrize("text, clause, speaker, cue", [
    ("Chief executive Peter McGuigan said the firm plans to grow sales in Asia.",
     "the firm plans to grow sales in Asia", "Peter McGuigan", "said"),
    ("Ararat Mirzoyan said that the talks would resume in May.", "the talks would resume in May",
     "Ararat Mirzoyan", "said"),
    ("According to Tom Sullivan, only a few issues remain.", "only a few issues remain", "Tom Sullivan",
     "According to"),
    ("Mr Blair told reporters he would stay in office.", "he would stay in office", "Mr Blair",
     "told reporters"),
    ("Nicola Sturgeon warned the deal would collapse within weeks.", "the deal would collapse within weeks",
     "Nicola Sturgeon", "warned"),
    ("Analysts argued the plan was flawed from the start.", "the plan was flawed from the start", "Analysts",
     "argued"),
    ("Mark Rimmer claimed the new rules had cut sham marriages.", "the new rules had cut sham marriages",
     "Mark Rimmer", "claimed"),
    ("The minister rejected Ararat Mirzoyan's statement that the talks had failed.",
     "the talks had failed", "Ararat Mirzoyan", "statement"),
    ("House prices rose 0.5% in February, Nationwide said.", "House prices rose 0.5% in February",
     "Nationwide", "said"),
])
def test_reported_speech_frames(text, clause, speaker, cue):
    (q,) = [q for q in quotes(text) if q.kind == "indirect"]
    assert (q.quote, q.cue) == (clause, cue)
    assert q.speaker is not None and speaker.endswith(q.speaker.split()[-1]), q
    assert 0 < q.speaker_score <= 1


@pytest.mark.parametrize("text", [
    "The company reported strong sales in the first quarter of the year.",
    "Ministers urged the next government to reassure people about pensions.",
    "He denied suggestions that his club was suffering a dip in form.",
    "Researchers from Birkbeck College were told the study would be published soon.",
    "It is understood that the talks will resume in May.",
])
def test_not_reported_speech(text):
    assert [q for q in quotes(text) if q.kind == "indirect"] == []


# -- speakers -------------------------------------------------------------------

def test_every_quote_has_a_score():
    doc = pc.parse(open(pc._paths.data_path("seeds", "004_a317817d0d739d21.txt"), encoding="utf-8").read())
    qs = doc.quotes
    assert qs and all(0.0 <= q.speaker_score <= 1.0 for q in qs)
    assert all((q.speaker_score > 0) == (q.speaker is not None) for q in qs)
    df = pc.Corpus([doc]).quotes()
    assert "speaker_score" in df.columns and df["speaker_score"].between(0, 1).all()


def test_places_are_never_speakers():
    doc = pc.parse("Hillary Clinton spoke out on Tuesday about the death of Terence Crutcher in Tulsa, "
                   "Oklahoma, arguing that the killings should be recognized as “intolerable.”")
    (q,) = doc.quotes
    assert q.speaker.endswith("Clinton")  # not "Oklahoma"


def test_it_they_we_resolve_to_organisations_never_to_people():
    doc = pc.parse("Jarvis chief executive Alan Lovell met the banks on Monday. Jarvis said its debts "
                   "were under control. It added that the company would survive the year.")
    ind = [q for q in doc.quotes if q.kind == "indirect"]
    assert ind and all(q.speaker != "Alan Lovell" for q in ind)
    assert all(q.speaker not in ("It", "it") for q in ind)


def test_pronoun_follows_the_chain_of_subjects_not_the_nearest_name():
    # sport_097: the quote is Moyes's, not Beattie's (the nearest name)
    doc = pc.parse("Everton manager David Moyes will discipline striker James Beattie.\n\n"
                   "The Scot initially defended Beattie, saying Gallas overreacted. But he has had a "
                   "rethink after looking over the video. He said: \"I believe that I should set the "
                   "record straight.\"")
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert q.speaker == "David Moyes" and q.speaker_mention == "He"


def test_roles_are_short_noun_phrases():
    doc = pc.parse("Liberal Democrat shadow chancellor Vince Cable warned the picture was not rosy. "
                   "\"Gordon Brown's record is very mixed,\" he said.\n\n"
                   "Tony Blair, who last year denied he planned to join his wife's law firm, said: "
                   "\"I am staying.\"\n\n"
                   "Responding to the speech, shadow chief secretary to the Treasury, George Osborne, said: "
                   "\"This was more talk.\"")
    by = {q.quote: q for q in doc.quotes}
    cable = by["Gordon Brown's record is very mixed,"]
    assert cable.speaker == "Vince Cable" and "shadow chancellor" in cable.speaker_role
    blair = by["I am staying."]
    assert blair.speaker == "Tony Blair" and blair.speaker_role is None  # a clause is not a role
    osborne = by["This was more talk."]
    assert osborne.speaker == "George Osborne"
    assert osborne.speaker_role == "shadow chief secretary to the Treasury"


def test_signature_after_a_dash():
    doc = pc.parse("“Trump must stop portraying Latinos as dangerous gangsters.”― Carla Sanchez.\n\n"
                   "“Maybe we can build a wall around him.” ― Steve Quinlan")
    assert [q.speaker for q in doc.quotes] == ["Carla Sanchez", "Steve Quinlan"]


def test_paragraph_ending_with_a_colon_introduces_the_quote():
    doc = pc.parse("Pat Caddell continued:\n\n\"The health issue overall is very much a partisan issue.\"")
    (q,) = doc.quotes
    assert q.speaker.endswith("Caddell") and q.cue == "continued"


def test_a_cue_less_quote_takes_the_running_speaker():
    doc = pc.parse("Prof Joni Lovenduski said she was shocked at the findings. \"We expected a bit of "
                   "this but nothing like this extent.\" Other MPs disagreed.")
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert q.speaker == "Joni Lovenduski"


# -- quote marks and languages ----------------------------------------------------

@pytest.mark.parametrize("text, quote", [
    ("He said: „We will sign the treaty.“ Then he left.", "We will sign the treaty."),
    ("She said: « We will sign the treaty, » and left.", "We will sign the treaty,"),
    ("Er sagte: »Wir werden unterschreiben.« Dann ging er.", "Wir werden unterschreiben."),
    ("彼は「平和に署名する」と述べた。", "平和に署名する"),
])
def test_quote_marks_of_other_languages(text, quote):
    assert [q.quote for q in quotes(text)] == [quote]


@pytest.mark.parametrize("text", [
    "Le ministre a déclaré : « Nous allons signer la paix », a déclaré Jean Dupont devant la presse.",
    "Der Minister sagte: „Wir werden unterschreiben.“ Das sagte Hans Müller am Montag in Berlin.",
])
def test_no_speakers_outside_english(text):
    qs = quotes(text)
    assert len(qs) == 1 and qs[0].speaker is None and qs[0].cue is None


def test_explicit_language_wins():
    doc = pc.parse("“We will sign,” he said.")
    doc.__dict__["language"] = "de"
    assert [q.speaker_mention for q in extract_quotes(doc)] == [None]


# -- quote reuse ---------------------------------------------------------------------

def test_quote_reuse_keeps_near_misses_apart():
    texts = [
        "“We are going to go that way and build more plants,” said Helmut Panke of BMW.",
        "“But now we are going to go one step further with chips,” said Malte Pollmann of Infineon.",
        "BMW boss Helmut Panke said: “We are going to go that way and build more plants.”",
        "“Armenia is ready to sign the peace treaty this year,” Ararat Mirzoyan said.",
        "“Armenia is ready to sign the peace treaty,” said Ilham Aliyev, turning the words around.",
    ]
    c = pc.Corpus.from_texts(texts, ids=["a", "b", "c", "d", "e"])
    g = quote_reuse(c)
    groups = {frozenset(x.doc_id) for _, x in g.groupby("group")}
    assert groups == {frozenset({"a", "c"})}


# -- BBC (third-party text, read from ../shared/eval) -----------------------------

@pytest.fixture(scope="module")
def bbc(eval_path):
    src = eval_path / "news" / "bbc_news.jsonl"
    if not src.exists():
        pytest.skip(f"{src} not found")
    with open(src, encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    return {r["id"]: r["text"] for r in recs}


def _doc(bbc, doc_id):
    assert doc_id not in HELD_OUT  # never look at the held-out gold's articles
    return pc.parse(bbc[doc_id], doc_id)


def test_bbc_politics_349_brown_and_osborne(bbc):
    qs = _doc(bbc, "politics_349").quotes
    brown = [q for q in qs if q.kind == "direct" and q.quote.startswith(("I give you", "Never again", "My message"))]
    assert len(brown) == 3 and {q.speaker for q in brown} == {"Gordon Brown"}
    osborne = [q for q in qs if q.quote.startswith(("This was more talk", "We've heard it"))]
    assert {q.speaker for q in osborne} == {"George Osborne"}
    assert all(q.speaker_role and "Treasury" in q.speaker_role for q in osborne)
    assert not any(q.speaker and "Sage Centre" in q.speaker for q in qs)


def test_bbc_sport_097_moyes(bbc):
    (q,) = [q for q in _doc(bbc, "sport_097").quotes if q.quote.startswith("I believe that I should")]
    assert q.speaker == "David Moyes"


def test_bbc_politics_141_no_clause_speakers(bbc):
    qs = _doc(bbc, "politics_141").quotes
    assert all(q.speaker is None or not re.search(r"\b(denied|said|told)\b", q.speaker) for q in qs)


@pytest.fixture(scope="module")
def bbc_corpus(bbc):
    return pc.Corpus.from_texts(list(bbc.values()), ids=list(bbc))


def test_bbc_it_is_never_a_speaker(bbc_corpus):
    q = bbc_corpus.quotes()
    assert not q["speaker"].isin(["It", "it", "They", "they", "We", "we", "I"]).any()
    assert q["speaker_score"].between(0, 1).all()


def _words(s):
    return Counter(re.findall(r"\w+", s.lower()))


def test_bbc_quote_reuse_groups_one_utterance_each(bbc_corpus):
    g = bbc_corpus.quote_reuse()
    # the near miss: Helmut Panke (business_141) and Malte Pollmann (tech_189)
    panke = g[g.quote.str.contains("going to go that way", regex=False)]
    assert "tech_189" not in set(g[g.group.isin(panke.group)].doc_id)
    assert g["group"].nunique() > 300  # the BBC corpus repeats quotes across its categories
    for _, grp in g.groupby("group"):
        longest = _words(grp[grp.is_longest].quote.iloc[0])
        for text in grp.quote:
            w = _words(text)
            assert sum((w & longest).values()) >= 0.8 * sum(w.values()), (text, grp.quote.tolist())
        named = {s for s in grp.speaker if isinstance(s, str)}
        assert len(named) <= 1 or len({s.split()[-1] for s in named}) == 1, grp.speaker.tolist()


def test_bbc_reported_speech_work_is_linear():
    # twice the text, about twice the counted work (issue #16), on real prose
    text = "The firm said profits had risen. Sales fell, the bank said, and prices rose. " * 500
    w1 = _core.quotes(text, reported=True, with_work=True)[1]
    w2 = _core.quotes(text * 2, reported=True, with_work=True)[1]
    assert w2 <= 2.2 * w1
