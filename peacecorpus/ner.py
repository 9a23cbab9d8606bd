"""Statistical named-entity tagger (averaged perceptron in C) with a bundled model.

The bundled model (``data/models/ner_open.bin``) was trained by
``scripts/train_ner.py`` on openly licensed corpora only (Universal NER
English-EWT, CrossNER, wikigold, BTC, WNUT-17; CC BY-SA 4.0, see
data/SOURCES.md): labels PER, ORG, LOC, MISC in BIO form.  A model trained
on CoNLL-2003 can be built locally (``python -m peacecorpus.train``).  Input is a list of tokens of
one sentence; the tagger computes its features in C from the token text.

Example:
    >>> from peacecorpus.ner import Tagger
    >>> tg = Tagger()
    >>> tg.tag_tokens("Foreign Minister Ararat Mirzoyan met Lavrov in Moscow .".split())
    ['O', 'O', 'B-PER', 'I-PER', 'O', 'B-PER', 'O', 'B-LOC', 'O']
    >>> tg.spans("Foreign Minister Ararat Mirzoyan met Lavrov in Moscow .".split())
    [(2, 4, 'PER'), (5, 6, 'PER'), (7, 8, 'LOC')]
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple, Union, cast

from . import _core
from ._paths import data_path

LABELS: Tuple[str, ...] = tuple(_core.TAGGER_LABELS)
LABEL_IDS = {name: i for i, name in enumerate(LABELS)}
MODEL_NAME = "ner_open.bin"
GAZETTEER_NAME = "ner_loc.txt"

__all__ = ["LABELS", "PlaceGazetteer", "Tagger", "bio_spans", "join_tokens", "model_path", "read_conll"]


def model_path(name: str = MODEL_NAME) -> Path:
    """Path of a bundled model: installed package data first, then ``<repo>/data``.

    For the default model, ``$PEACECORPUS_NER_MODEL`` (a model file made by
    ``python -m peacecorpus.train``) takes its place."""
    env = os.environ.get("PEACECORPUS_NER_MODEL") if name == MODEL_NAME else None
    if env:
        p = Path(env)
        if not p.is_file():
            raise FileNotFoundError(f"PEACECORPUS_NER_MODEL={env!r} is no file")
        return p
    p = data_path("models", name)
    if not p.is_file():
        raise FileNotFoundError(f"bundled model {name!r} not found at {p}")
    return p


def join_tokens(tokens: Sequence[str]) -> Tuple[str, List[Tuple[int, int]]]:
    """Join tokens with single spaces; return the text and each token's (start, end).

    >>> join_tokens(["New", "York"])
    ('New York', [(0, 3), (4, 8)])
    """
    spans = []
    pos = 0
    for tok in tokens:
        spans.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return " ".join(tokens), spans


def bio_spans(labels: Sequence[str]) -> List[Tuple[int, int, str]]:
    """Entities of a BIO/IOB label sequence as (start_tok, end_tok_exclusive, type).

    conlleval semantics: an ``I-X`` after ``O`` or after another type starts
    a new entity.

    >>> bio_spans(["B-PER", "I-PER", "O", "I-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC')]
    """
    out: List[Tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, lab in enumerate(labels):
        if lab == "O" or not lab:
            tag, t = "O", ""
        else:
            tag, _, t = lab.partition("-")
        if typ and (tag in ("O", "B") or t != typ):
            out.append((start, i, typ))
            typ = ""
        if tag in ("B", "I") and not typ:
            start, typ = i, t
    if typ:
        out.append((start, len(labels), typ))
    return out


def read_conll(path: Union[str, Path]) -> List[Tuple[List[str], List[str]]]:
    """Read a CoNLL-2003 style file (``TOKEN ... NER`` per line) into (tokens, tags) sentences.

    ``-DOCSTART-`` blocks are skipped; the last column is the NER tag.
    """
    sents: List[Tuple[List[str], List[str]]] = []
    toks: List[str] = []
    tags: List[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            parts = line.split(" ")
            if parts[0] == "-DOCSTART-":
                continue
            toks.append(parts[0])
            tags.append(parts[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def gazetteer_path(name: str = GAZETTEER_NAME) -> Path:
    """Path of a bundled gazetteer list (same lookup as :func:`model_path`)."""
    p = data_path("gazetteers", name)
    if not p.is_file():
        raise FileNotFoundError(f"bundled gazetteer {name!r} not found at {p}")
    return p


class PlaceGazetteer:
    """Place names as a tagger feature: ``ext`` value 1 on the first token of a
    listed name, 2 on the following ones, 0 elsewhere.

    Matching is longest-first, case-insensitive, and starts only at tokens
    that begin with an upper-case letter (so "reading" never matches Reading).

    >>> PlaceGazetteer(["New York", "Baku"]).ext(["In", "NEW", "YORK", "and", "Baku"])
    [0, 1, 2, 0, 1]
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._keys: Set[str] = set()
        self._first: Dict[str, int] = {}  # casefolded first token -> longest name length starting with it
        for n in names:
            toks = n.split()
            if toks:
                first = toks[0].casefold()
                self._keys.add(" ".join(toks).casefold())
                self._first[first] = max(self._first.get(first, 0), len(toks))

    @classmethod
    def bundled(cls) -> "PlaceGazetteer":
        return cls(gazetteer_path().read_text(encoding="utf-8").splitlines())

    def ext(self, tokens: Sequence[str]) -> List[int]:
        n = len(tokens)
        out = [0] * n
        first = self._first
        # most tokens are no candidate: filter them in one comprehension
        cand = [i for i, t in enumerate(tokens) if t[:1].isupper() and t.casefold() in first]
        if not cand:
            return out
        keys, done = self._keys, 0
        for i in cand:
            if i < done:
                continue
            for k in range(min(first[tokens[i].casefold()], n - i), 0, -1):
                if " ".join(tokens[i:i + k]).casefold() in keys:
                    out[i] = 1
                    for j in range(i + 1, i + k):
                        out[j] = 2
                    done = i + k
                    break
        return out


class Tagger:
    """Named-entity tagger over pre-tokenized sentences.

    ``Tagger()`` loads the bundled model, which was trained with
    the bundled place-name list as a feature (``gazetteer=True``);
    ``Tagger(blob=...)`` or ``Tagger(path=...)`` loads another one, used
    without a gazetteer unless one is passed.  A loaded model is immutable
    and may be shared between threads.

    >>> Tagger().tag_tokens(["Prime", "Minister", "Nikol", "Pashinyan", "spoke", "."])
    ['O', 'O', 'B-PER', 'I-PER', 'O', 'O']
    """

    def __init__(self, path: Optional[Union[str, Path]] = None, blob: Optional[bytes] = None,
                 gazetteer: Union[bool, "PlaceGazetteer", None] = None) -> None:
        bundled = path is None and blob is None
        if blob is None:
            blob = Path(path if path is not None else model_path()).read_bytes()
        self._model = _core.Tagger.load(blob)
        if gazetteer is None:
            gazetteer = bundled
        if gazetteer is True:
            gazetteer = PlaceGazetteer.bundled()
        self._gaz: Optional[PlaceGazetteer] = gazetteer or None

    @property
    def core(self) -> "_core.Tagger":
        """The underlying ``_core.Tagger``."""
        return self._model

    def tag_ids(self, tokens: Sequence[str], ext: Optional[Sequence[int]] = None) -> List[int]:
        """Label ids (indexes into ``LABELS``) of one sentence's tokens."""
        if ext is None and self._gaz is not None:
            ext = self._gaz.ext(tokens)
        return cast(List[int], self._model.tag_tokens([tokens], None if ext is None else [ext])[0])

    def tag_tokens(self, tokens: Sequence[str], ext: Optional[Sequence[int]] = None) -> List[str]:
        """BIO label strings of one sentence's tokens.

        >>> Tagger().tag_tokens(["in", "Baku", "."])
        ['O', 'B-LOC', 'O']
        """
        if ext is None and self._gaz is not None:
            ext = self._gaz.ext(tokens)
        return cast(List[str], self._model.tag_tokens([tokens], None if ext is None else [ext], as_str=True)[0])

    def tag_many(self, sentences: Iterable[Sequence[str]]) -> List[List[str]]:
        """BIO labels for many sentences in one C call (the GIL is released)."""
        sents = sentences if isinstance(sentences, (list, tuple)) else list(sentences)
        ext = [self._gaz.ext(t) for t in sents] if self._gaz is not None else None
        return cast(List[List[str]], self._model.tag_tokens(sents, ext, as_str=True))

    def spans(self, tokens: Sequence[str]) -> List[Tuple[int, int, str]]:
        """Entities as (start_token, end_token_exclusive, type).

        >>> Tagger().spans(["Talks", "in", "Washington", "."])
        [(2, 3, 'LOC')]
        """
        return bio_spans(self.tag_tokens(tokens))
