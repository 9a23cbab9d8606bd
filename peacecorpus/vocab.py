"""The vocabulary the rules use, written once.

Word lists live in ``data/lexicons`` (one word per line, with where they
come from); ``scripts/gen_vocab.py`` compiles them into the engine
(``csrc/lib/pc_vocab.h``) and Python takes them from the engine, so the C
rules and the Python rules read the same words.

>>> from peacecorpus import vocab
>>> "ambassador" in vocab.ROLE_WORDS, "said" in vocab.SPEECH_VERBS
(True, True)
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

from . import _core

__all__ = ["ROLE_WORDS", "SPEECH_VERBS", "NAME_CUE_VERBS", "HONORIFICS", "lists"]


def lists() -> Dict[str, Tuple[str, ...]]:
    """Every word list of the engine, in file order."""
    return _core.vocabulary()


_L = lists()
#: Lower-case words that make an appositive a person's role (data/lexicons/role_words.txt).
ROLE_WORDS: FrozenSet[str] = frozenset(_L["role_words"])
#: Cue verbs of quotes and reported speech (data/lexicons/speech_verbs.tsv).
SPEECH_VERBS: FrozenSet[str] = frozenset(_L["speech_verbs"])
#: The speech verbs after which a capitalised word is taken for a person.
NAME_CUE_VERBS: FrozenSet[str] = frozenset(_L["name_cue_verbs"])
#: Honorifics taken off a name (data/lexicons/honorifics.txt), as written.
HONORIFICS: Tuple[str, ...] = _L["honorifics"]
