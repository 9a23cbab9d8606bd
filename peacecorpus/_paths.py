"""Where bundled data files live.

Installed, the top-level ``data/`` folder of the source tree is shipped as
``peacecorpus/data/``; in a source checkout the package sits next to it.
"""
from __future__ import annotations

from pathlib import Path

_REPO_DATA = Path(__file__).resolve().parents[1] / "data"


def data_path(*parts: str) -> Path:
    """Path of a bundled data file or folder.

    Tries the installed package data first (``importlib.resources``), then the
    ``data/`` folder of a source checkout.  The path is returned even if it
    does not exist, so callers can report which file is missing.

    >>> data_path("gazetteers", "people.tsv").name
    'people.tsv'
    """
    try:
        from importlib.resources import files

        candidate = Path(str(files("peacecorpus").joinpath("data", *parts)))
        if candidate.exists():
            return candidate
    except (ImportError, ModuleNotFoundError, TypeError, ValueError):
        pass
    return _REPO_DATA.joinpath(*parts)


def eval_dir(start: "Path | None" = None) -> Path:
    """Folder of the third-party evaluation data (never shipped, never copied here).

    ``$PEACECORPUS_EVAL`` wins; otherwise the first ``shared/eval`` found beside
    ``start`` (default: the source checkout) or beside one of its parents (a git
    worktree may sit one level deeper); otherwise ``<start>/../shared/eval``, which
    callers check for existence and skip when it is absent.
    """
    import os

    env = os.environ.get("PEACECORPUS_EVAL")
    if env:
        return Path(env)
    root = Path(start).resolve() if start is not None else _REPO_DATA.parent
    for base in root.parents:
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return root.parent / "shared" / "eval"
