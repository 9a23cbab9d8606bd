"""Property tests of peacecorpus.similarity against slow pure-Python references (hypothesis)."""
from __future__ import annotations

import itertools
import re

import pytest

pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

from peacecorpus import similarity as sim  # noqa: E402
from test_similarity import _sklearn_check  # noqa: E402

_ascii_text = st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=127), max_size=200)
_small_docs = st.lists(st.lists(st.sampled_from(["peace", "talks", "Baku", "Yerevan", "border", "treaty"]),
                                min_size=0, max_size=12).map(" ".join), min_size=2, max_size=12)


@settings(max_examples=60, deadline=None)
@given(_ascii_text)
def test_tokens_match_ascii_reference(text):
    assert sim.tokens(text) == re.findall(r"[a-z0-9]+", text.lower())


@settings(max_examples=40, deadline=None)
@given(_small_docs)
def test_near_duplicates_are_verified_and_identical_sets_always_found(texts):
    ids = [f"d{i}" for i in range(len(texts))]
    got = sim.near_duplicates(ids, texts, threshold=0.5, num_perm=64, ngram=2)
    sets = [set(sim.shingles(t, ngram=2).tolist()) for t in texts]

    def exact(i, j):
        return len(sets[i] & sets[j]) / len(sets[i] | sets[j]) if sets[i] | sets[j] else 0.0

    found = set()
    for a, b, j in zip(got.doc_a, got.doc_b, got.jaccard):
        i, k = int(a[1:]), int(b[1:])
        assert i < k and j == pytest.approx(exact(i, k)) and j >= 0.5
        found.add((i, k))
    for i, k in itertools.combinations(range(len(texts)), 2):
        if sets[i] and sets[i] == sets[k]:
            assert (i, k) in found


@settings(max_examples=30, deadline=None)
@given(_small_docs)
def test_tfidf_matches_sklearn_on_random_corpora(texts):
    pytest.importorskip("sklearn")
    if not any(sim.tokens(t) for t in texts):
        return  # sklearn refuses an empty vocabulary
    _sklearn_check(texts)

