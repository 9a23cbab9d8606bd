"""One vocabulary (issue #15 item 5): the word lists the C rules and the
Python rules share are written once, in data/lexicons, compiled into the
engine through a generated header, and read by Python from the engine."""
from __future__ import annotations

import re
import subprocess
import sys

import peacecorpus as pc
from peacecorpus import _core, entities, vocab

from conftest import ROOT


def test_generated_header_is_up_to_date():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_vocab.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def _data(name: str) -> list:
    rows = []
    for line in (ROOT / "data" / "lexicons" / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            rows.append(line.split("\t")[0])
    return rows


def test_python_reads_the_engines_lists_and_they_are_the_data_files():
    lists = _core.vocabulary()
    assert list(lists["role_words"]) == _data("role_words.txt")
    assert list(lists["speech_verbs"]) == _data("speech_verbs.tsv")
    for sub in ("quote_cue_verbs", "report_verbs", "need_that_verbs", "name_cue_verbs", "person_cue_verbs"):
        assert set(lists[sub]) <= set(lists["speech_verbs"]) and list(lists[sub]) == sorted(lists[sub])
    assert list(lists["honorifics"]) == _data("honorifics.txt")
    assert set(lists["name_cue_verbs"]) <= set(lists["speech_verbs"]) and "said" in lists["name_cue_verbs"]
    assert entities.ROLE_WORDS is vocab.ROLE_WORDS


def test_no_word_list_is_written_in_the_engine_twice():
    """The lists now in data files appear nowhere else as C string arrays (a
    list sharing more than half of one of them is a copy; an abbreviation list
    holding Mr and Dr is not)."""
    for path in (ROOT / "csrc").rglob("*.c"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"static const char \*const (\w+)\[\] = \{([^}]*)\}", text):
            words = re.findall(r'"([^"]*)"', m.group(2))
            for name in ("role_words.txt", "speech_verbs.tsv", "honorifics.txt"):
                data = set(_data(name))
                shared = set(words) & data
                copy = len(shared) >= 5 and len(shared) > 0.5 * min(len(set(words)), len(data))
                assert not copy, f"{path.name} {m.group(1)} repeats {name}: {sorted(shared)[:8]}"


def test_a_role_word_added_to_the_list_reaches_both_sides():
    # the appositive rule (C) and canonicalize's role comparison (Python) use the same words
    doc = pc.parse("Talks resumed. Nikol Pashinyan, the negotiator of the group, left on Monday.")
    role = [e.role for e in doc.entities if e.text == "Nikol Pashinyan"][0]
    assert role == "negotiator of the group" and "negotiator" in vocab.ROLE_WORDS
