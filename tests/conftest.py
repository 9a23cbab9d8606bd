"""Shared pytest fixtures and options.

Third-party evaluation data lives outside the repository (../shared/eval beside the
checkout, or $PEACECORPUS_EVAL); tests that need it skip cleanly when it is absent.
"""
import shutil
import subprocess
from pathlib import Path

import pytest
from peacecorpus._paths import eval_dir as find_eval_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "seeds"
GOLD = ROOT / "tests" / "gold"


def eval_dir() -> Path:
    return find_eval_dir(ROOT)


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
                None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="chromium is not installed (apt-get install chromium)")


def chromium(profile: Path) -> list:
    """Headless Chromium's command line, with its own profile folder."""
    return [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            f"--user-data-dir={profile}"]


def chromium_dom(url: str, profile: Path, budget_ms: int = 2000) -> str:
    """The DOM headless Chromium builds from ``url`` once its scripts ran."""
    cmd = chromium(profile) + [f"--virtual-time-budget={budget_ms}", "--dump-dom", url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout


# The default run (the README's test command) must finish in minutes on a
# 2-core machine and must not fail because the machine is busy, so two kinds
# of test are opt-in (the markers are declared in pyproject.toml):
#   slow    long tests (huge inputs, a million documents, the C unit tests
#           under ASan/valgrind): --runslow
#   timing  tests that assert on elapsed time (linear-time checks, thread
#           speed-up): --runtiming, on an otherwise idle machine
# .ci/run runs both in their own step.
def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")
    parser.addoption("--runtiming", action="store_true", default=False,
                     help="run tests marked timing (they assert on elapsed time: use an idle machine)")


def pytest_collection_modifyitems(config, items):
    skips = {kind: pytest.mark.skip(reason=f"{kind}: run with --run{kind}")
             for kind in ("slow", "timing") if not config.getoption(f"--run{kind}")}
    for item in items:
        for kind, skip in skips.items():
            if kind in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def seeds():
    import peacecorpus as pc
    return pc.read_dir(SEEDS, "*.txt")


@pytest.fixture(scope="session")
def client():
    """One Dask LocalCluster (2 worker processes, 1 thread each) for the session."""
    pytest.importorskip("dask.distributed")
    import logging

    from distributed import Client, LocalCluster
    # the P2P shuffle logs one WARNING per shuffle; keep test output readable
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    cl = Client(cluster)
    yield cl
    cl.close()
    cluster.close()


@pytest.fixture(scope="session")
def eval_path():
    p = eval_dir()
    if not p.is_dir():
        pytest.skip(f"evaluation data not found at {p}")
    return p


def leaked_bytes(work, repeats: int, warmup: int = 20) -> int:
    """Bytes still held after calling ``work`` ``repeats`` times, counting only
    allocations made from the calling test file or from the peacecorpus package
    (so background threads, e.g. a Dask cluster left by another test, cannot
    disturb the count).  Allocations of the C extension are traced too: it
    allocates through PyMem_Raw*, attributed to the Python line that called it."""
    import gc
    import inspect
    import tracemalloc

    filename = inspect.stack()[1].filename
    for _ in range(warmup):
        work()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(repeats):
            work()
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    import peacecorpus

    package = str(Path(peacecorpus.__file__).resolve().parent / "*")
    only = [tracemalloc.Filter(True, filename), tracemalloc.Filter(True, package)]
    return sum(d.size_diff for d in after.filter_traces(only).compare_to(before.filter_traces(only), "filename"))
