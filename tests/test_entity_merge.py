"""Merge rules of issue #14, on the examples the issue lists (BBC-style
sentences written here): a gazetteer name inside a longer name never wins,
hyphenated and particle names stay whole, spans stop at verbs, sentence
starts and coordinations; every mention has a score; entity tables list
names unless numbers are asked for."""
from __future__ import annotations

import pandas as pd
import pytest

import peacecorpus as pc


def ents(text):
    return [(e.text, e.label) for e in pc.parse(text).entities]


def names(text):
    return [e.text for e in pc.parse(text).entities]


@pytest.mark.parametrize("text, name, inner", [
    ("EastEnders star Barbara Windsor has been made an MBE.", "Barbara Windsor", "Windsor"),
    ("The film was directed by Tony Richardson in 1963.", "Tony Richardson", "Richardson"),
    ("Shares fell on the New York Stock Exchange on Tuesday.", "New York Stock Exchange", "York"),
    ("Real Madrid beat Barcelona 2-1 on Saturday.", "Real Madrid", "Madrid"),
])
def test_gazetteer_name_inside_a_longer_name_never_wins(text, name, inner):
    got = names(text)
    assert name in got
    assert inner not in got


def test_place_inside_a_persons_name_with_post_nominal():
    # "QC" is not part of the name, "Mansfield" is not a place here
    assert ("Guy Mansfield", "PERSON") in ents("Guy Mansfield QC, for the family, told the inquest it was avoidable.")


@pytest.mark.parametrize("text, name", [
    ("Robert Kilroy-Silk said he would stand for the leadership.", "Robert Kilroy-Silk"),
    ("President Bashar al-Assad met the UN envoy in Damascus.", "Bashar al-Assad"),
    ("The UN envoy Staffan de Mistura arrived in Geneva.", "Staffan de Mistura"),
    ("Crown Prince Mohammed bin Salman visited London.", "Mohammed bin Salman"),
])
def test_hyphenated_and_particle_names_stay_whole(text, name):
    got = ents(text)
    assert (name, "PERSON") in got
    for part in name.replace("-", " ").split()[1:]:
        assert part not in [t for t, _ in got]


def test_surname_alone_keeps_its_particle():
    got = ents("Thomas de Waal is a senior fellow at Carnegie Europe. \u201cI am skeptical,\u201d de Waal said.")
    assert [t for t, lab in got if lab == "PERSON"] == ["Thomas de Waal", "de Waal"]


def test_hyphenated_places_stay_two_places():
    got = ents("The Armenia-Azerbaijan border talks resumed.")
    assert ("Armenia", "GPE") in got and ("Azerbaijan", "GPE") in got


def test_spans_stop_at_verbs_coordinations_and_sentence_starts():
    assert "Howard denied Mr Yeo" not in names("Howard denied Mr Yeo had been sacked.")
    assert "Yeo" in names("Howard denied Mr Yeo had been sacked.")
    got = names("The studio was bought by Warner Bros. He said the deal was done.")
    assert "Warner Bros" in got and not any("He" in g.split() for g in got)
    got = names("Apple and Microsoft both cut prices.")
    assert "Apple and Microsoft" not in got and "Microsoft" in got
    # an "and" after "of" belongs to the name
    assert "Department of Trade and Industry" in names("The Department of Trade and Industry said so.")


def test_every_mention_has_a_score():
    doc = pc.parse("Foreign Minister Ararat Mirzoyan met Tony Richardson in Baku on 5 May 2024.")
    assert doc.entities
    for e in doc.entities:
        assert 0.0 < e.score <= 1.0
    by = {e.text: e for e in doc.entities}
    assert by["Baku"].source == "gazetteer" and by["Baku"].score == pytest.approx(0.9)
    assert by["5 May 2024"].score == pytest.approx(0.9)
    df = pc.Corpus([doc]).entities()
    assert "score" in df.columns and df["score"].between(0, 1).all()


def test_entity_table_lists_names_unless_numbers_are_asked_for():
    df = pd.DataFrame({"doc_id": ["a", "b"],
                       "text": ["Labour won one seat in 2004 in Baku, the first time since 1997.",
                                "Two more seats went to Baku in 2004."]})
    corpus = pc.Corpus.from_pandas(df)
    labels = set(corpus.entity_table()["label"])
    assert "GPE" in labels
    assert not labels & {"CARDINAL", "DATE", "ORDINAL"}
    assert {"CARDINAL", "DATE"} <= set(corpus.entity_table(numeric=True)["label"])


@pytest.mark.parametrize("text, name", [
    ("Chelsea beat Arsenal 2-0 at Stamford Bridge on Saturday.", "Chelsea"),
    ("Google bought the firm for $50m, the company said.", "Google"),
    ("Yukos filed for bankruptcy in a US court.", "Yukos"),
    ("Nintendo said sales of the console had been strong.", "Nintendo"),
    ("Nasa said the probe had landed safely.", "Nasa"),
    ("Rossignol and Quiksilver agreed a merger.", "Rossignol"),
    ("Rossignol and Quiksilver agreed a merger.", "Quiksilver"),
    ("Jupiter Research analyst Joe Wilcox said sales were strong.", "Jupiter Research"),
    ("The World Anti-Doping Agency said the tests were clean.", "World Anti-Doping Agency"),
    ("American Express reported higher profits.", "American Express"),
])
def test_companies_clubs_and_agencies_are_org_not_person(text, name):
    got = ents(text)
    assert (name, "ORG") in got
    assert (name, "PERSON") not in got


def test_a_name_after_an_occupation_is_a_person_and_titles_of_works_are_not():
    assert ("Patsy Rowlands", "PERSON") in ents("Actress Patsy Rowlands has died aged 71.")
    assert not [t for t, lab in ents("He starred in several Carry On films.") if lab == "PERSON"]


def test_a_one_word_person_known_by_one_name_stays_a_person():
    # a speech verb says so; a company never "said" here
    got = ents("Brazilian midfielder Juninho joined Celtic in 2004. Juninho said he was happy.")
    assert ("Juninho", "PERSON") in got


def test_a_name_after_an_honorific_is_a_person_whatever_the_model_says():
    # a model that has learned "Mr X" wrong (an open-data model tagged "Mr" PER and the name a place)
    from peacecorpus.entities import EntityExtractor
    from peacecorpus.gazetteer import Gazetteer
    from peacecorpus.ner import Tagger
    from peacecorpus.train import train

    words = "the talks ended when {} {} said no to the plan .".split()
    sents = [(words[:4] + ["Mr", "Quixby"] + words[6:], ["O"] * 4 + ["B-PER", "B-LOC"] + ["O"] * 6),
             (words[:4] + ["Dr", "Quixby"] + words[6:], ["O"] * 4 + ["O", "B-LOC"] + ["O"] * 6)] * 50
    blob, _ = train(sents, [], epochs=5, log2_buckets=12, place_feature=False)
    ex = EntityExtractor(gazetteer=Gazetteer(), tagger=Tagger(blob=blob))
    for text in ("The talks ended when Mr Quixby said no to the plan.", "The talks ended when Dr Quixby said no to the plan."):
        got = [(e.text, e.label) for e in ex.extract(pc.parse(text))]
        assert got == [("Quixby", "PERSON")], (text, got)


def test_a_town_is_the_club_when_one_mention_says_so_and_a_country_never_is():
    text = ("Bolton boss Sam Allardyce has signed the Roma defender. He will play for Bolton until May, "
            "and Bolton's 1-0 win against Oldham helped.")
    got = ents(text)
    assert ("Bolton", "ORG") in got and ("Bolton", "GPE") not in got
    assert got.count(("Bolton", "ORG")) == 3
    # the same town without a club cue stays a place, and so does a national side
    assert ("Bolton", "GPE") in ents("The family moved to Bolton in 1990 and still lives in Bolton.")
    got = ents("England boss Sven-Goran Eriksson watched England beat Wales 2-0.")
    assert ("England", "GPE") in got and ("Wales", "GPE") in got and ("England", "ORG") not in got


def test_organisation_and_competition_by_their_last_word():
    # the open model took these for places; the last word decides (OntoNotes:
    # an embassy is an organisation, a championship an event)
    assert ("US Embassy", "ORG") in ents("He went to the US Embassy in Paris.")
    assert ("Dubai Tennis Championships", "EVENT") in ents("She reached the final of the Dubai Tennis Championships.")
