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
