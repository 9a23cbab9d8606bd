"""Plots return Axes that show the data they were given."""
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
pytest.importorskip("networkx")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import peacecorpus as pc  # noqa: E402
from peacecorpus import plots  # noqa: E402

import analysed_corpus  # noqa: E402
from conftest import SEEDS  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    return analysed_corpus.build()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_similarity_heatmap(corpus, tmp_path):
    m = plots.similarity_matrix(corpus)
    assert m.shape == (7, 7) and np.allclose(np.diag(m), 1) and np.allclose(m, m.T)
    assert m.loc["001_1825ec11acb749a5", "001_copy"] > 0.95
    ax = plots.similarity_heatmap(corpus)
    img = ax.images[0].get_array()
    assert img.shape == (7, 7) and img[1, 5] == pytest.approx(m.iloc[1, 5])
    ax.figure.savefig(tmp_path / "heat.png")
    assert (tmp_path / "heat.png").stat().st_size > 5000


def test_entities_by_document_and_top_entities(corpus):
    ax = plots.entities_by_document(corpus, n=5)
    arr = ax.images[0].get_array()
    assert arr.shape == (5, 7)
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Armenia"
    assert arr[0].sum() == 117                       # every Armenia mention counted once
    ax = plots.top_entities(corpus, n=4)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names[-1] == "Armenia" and len(ax.patches) == 4


def test_speaker_quotes(corpus):
    ax = plots.speaker_quotes(corpus, n=3)
    names = [t.get_text() for t in ax.get_yticklabels()]
    q = corpus.quotes()
    expected = q["speaker"].value_counts()
    assert names[-1] == expected.index[0]
    assert max(p.get_width() for p in ax.patches) == expected.iloc[0]


def test_cooccurrence_network(corpus):
    g = plots.cooccurrence_graph(corpus, n=8)
    assert g.nodes["Armenia"]["label"] == "GPE" and g.nodes["Armenia"]["mentions"] == 117
    assert g["Armenia"]["Azerbaijan"]["weight"] >= 10
    gd = plots.cooccurrence_graph(corpus, n=8, within="document")
    assert gd["Armenia"]["Azerbaijan"]["weight"] == 6          # both in six documents
    ax = plots.entity_network(corpus, n=8, min_weight=2)
    assert len(ax.collections) >= 2


class _NoAnalyses(pc.Corpus):
    """Analysis tables that came back empty (whether or not the modules exist)."""

    def entities(self):
        return pd.DataFrame()

    def quotes(self):
        return pd.DataFrame()

    def similarity(self, method="tfidf"):
        return pd.DataFrame()


def test_plots_on_a_corpus_without_analyses():
    c = _NoAnalyses(list(pc.read_dir(SEEDS, "*.txt")))
    for f in (plots.entities_by_document, plots.top_entities, plots.speaker_quotes, plots.entity_network):
        ax = f(c)
        assert ax.texts and ax.texts[0].get_text().startswith("no ")
    assert plots.similarity_heatmap(c).images[0].get_array().shape == (5, 5)
