"""examples/quickstart.ipynb runs top to bottom on the bundled corpus.

Slow (--runslow) and in the [notebook] extra: starting a Jupyter kernel and
installing one (ipykernel, IPython, jupyter_client, ...) are a large part of a
fresh install; .ci/run installs the extra and runs it."""
import os

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

from conftest import ROOT  # noqa: E402


@pytest.mark.slow
def test_quickstart_notebook_executes(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(ROOT / "examples" / "quickstart.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")  # committed clean
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = {i: c.outputs for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    text = "\n".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                     for outs in outputs.values() for o in outs)
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for outs in outputs.values() for o in outs)
    assert not any(o.get("output_type") == "error" for outs in outputs.values() for o in outs)
    assert "IngestResult(parsed=5, unchanged=0" in text
    assert "(0, 5)" in text                                  # the re-run parsed nothing
    assert "Radio Free Europe/Radio Liberty" in html         # article view rendered
    assert 'class="pc-doc"' in html
    images = [o for outs in outputs.values() for o in outs if "image/png" in o.get("data", {})]
    assert len(images) >= 2
    assert (tmp_path / "corpus.duckdb").is_file() and (tmp_path / "report.html").stat().st_size > 10_000
