"""Progress bars of corpus-level calls (tqdm; notebook-aware through ``tqdm.auto``).

A call that takes more than about a second -- extracting entities or
quotes, computing similarity, near-duplicates or stories, reading a table
of a store, saving, writing the report -- shows a bar on stderr.  Whether
bars are shown:

* ``peacecorpus.progress(False)`` (or ``True``) for the whole process, or
  ``with peacecorpus.progress(False): ...`` for a block of code;
* else the environment variable ``PEACECORPUS_PROGRESS`` (``0``/``1``);
* else only when stderr is a terminal or the code runs in a Jupyter
  kernel: scripts whose output is redirected, CI and tests stay quiet.

A bar appears only after :data:`DELAY` seconds, so quick calls print nothing.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Iterable, Iterator, Optional, Sequence

ENV = "PEACECORPUS_PROGRESS"
#: seconds before a bar is drawn (tqdm's ``delay``)
DELAY = 1.0
_setting: list = []   # stack of explicit settings (progress(...) calls), the last one wins

__all__ = ["progress", "enabled", "bar", "track", "stages", "ENV", "DELAY"]


class progress:
    """Turn progress bars on or off: ``pc.progress(False)`` for the rest of
    the process, or ``with pc.progress(False): ...`` for a block."""

    def __init__(self, on: Optional[bool] = True) -> None:
        self._on = on
        _setting.append(on)

    def __enter__(self) -> "progress":
        return self

    def __exit__(self, *exc: Any) -> None:
        # the setting made by this object is undone (settings made inside are undone by theirs)
        for i in range(len(_setting) - 1, -1, -1):
            if _setting[i] is self._on:
                del _setting[i]
                break


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except Exception:
        return False
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def enabled(progress: Optional[bool] = None) -> bool:
    """Whether a call with this ``progress`` argument shows bars (None: the
    process setting, the environment variable, then a terminal or notebook)."""
    if progress is not None:
        return bool(progress)
    explicit = [s for s in _setting if s is not None]
    if explicit:
        return bool(explicit[-1])
    env = os.environ.get(ENV)
    if env is not None and env.strip():
        return env.strip().lower() not in ("0", "false", "no", "off")
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty or _in_notebook()


class _Null:
    n = 0

    def update(self, n: int = 1) -> None:
        self.n += n

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass

    def set_description_str(self, s: str = "", refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> "_Null":
        return self

    def __exit__(self, *exc: Any) -> None:
        pass


def bar(total: Optional[int], desc: str, unit: str = "doc", progress: Optional[bool] = None) -> Any:
    """A tqdm bar (a do-nothing object when bars are off); use it with ``with``."""
    if not enabled(progress):
        return _Null()
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return _Null()
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, delay=DELAY, leave=False,
                dynamic_ncols=True)


def track(items: Iterable[Any], desc: str, total: Optional[int] = None, unit: str = "doc",
          progress: Optional[bool] = None) -> Iterator[Any]:
    """The items of ``items``, one bar step each."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with bar(total, desc, unit, progress) as b:
        for it in items:
            yield it
            b.update(1)


class stages:
    """A bar over the named stages of one call whose work is done in a few
    engine calls (near-duplicates, stories): ``with stages("stories",
    ["pairs", "groups"]) as st: ...; st.next(); ...``."""

    def __init__(self, desc: str, names: Sequence[str], progress: Optional[bool] = None) -> None:
        self._names = list(names)
        self._desc = desc
        self._bar = bar(len(self._names), desc, "step", progress)
        self._i = 0
        self._bar.set_postfix_str(self._names[0] if self._names else "", refresh=False)

    def next(self) -> None:
        self._i += 1
        self._bar.update(1)
        if self._i < len(self._names):
            self._bar.set_postfix_str(self._names[self._i], refresh=False)

    def __enter__(self) -> "stages":
        return self

    def __exit__(self, *exc: Any) -> None:
        self._bar.close()
