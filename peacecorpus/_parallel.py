"""Per-document work on every core: forked child processes for the Python
around the engine's calls (the engine's own calls release the GIL, but the
code that turns their results into rows does not)."""
from __future__ import annotations

import os
import signal
import sys
import warnings
from typing import Any, Callable, Iterator, List, Sequence, Tuple

#: below this many documents a table's per-document work stays in this process
FORK_MIN_DOCS = 4000


def in_processes(work: Callable[[Sequence[Any], int], Any], docs: Sequence[Any], n: int
                 ) -> Iterator[Tuple[int, Any]]:
    """``work(part, threads)`` over ``docs`` split into ``n`` contiguous parts:
    (offset of the part, its result), in document order.  On Linux, with
    ``n > 1`` and at least ``FORK_MIN_DOCS`` documents, the first ``n - 1``
    parts run in forked child processes (the documents are inherited, not
    copied; each result comes back pickled through a pipe) while this
    process does the last part, so the Python around the engine's calls
    uses every core, not just the engine's own calls.  A child that fails
    (killed, out of memory, unpicklable result) has its part done here
    instead.  Otherwise: one call in this process with ``n`` threads."""
    if n <= 1 or len(docs) < FORK_MIN_DOCS or not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        yield 0, work(docs, n)
        return
    import gc
    import pickle
    bounds = [len(docs) * k // n for k in range(n + 1)]
    children: List[Tuple[int, int, int]] = []       # (pid, read end, part)
    gc.freeze()   # the children's collector then never walks (and so copies) the inherited objects
    try:
        for part in range(n - 1):
            r, w = os.pipe()
            try:
                with warnings.catch_warnings():
                    # Python 3.12+ warns about fork() in a process with threads; the
                    # children run only this work, no lock another thread may hold
                    warnings.simplefilter("ignore", DeprecationWarning)
                    pid = os.fork()
            except OSError:  # no process left: the rest is done here
                os.close(r)
                os.close(w)
                break
            if pid == 0:  # pragma: no cover - the child
                code = 0
                try:
                    os.close(r)
                    data = pickle.dumps(work(docs[bounds[part]:bounds[part + 1]], 1), pickle.HIGHEST_PROTOCOL)
                    with os.fdopen(w, "wb") as fh:
                        fh.write(data)
                except BaseException:
                    code = 1
                finally:
                    os._exit(code)
            os.close(w)
            children.append((pid, r, part))
    finally:
        gc.unfreeze()
    first_here = bounds[len(children)]
    try:
        mine = work(docs[first_here:], 1)
    except BaseException:
        for pid, r, _part in children:  # nobody will read them: end them
            os.close(r)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raise
    for pid, r, part in children:
        with os.fdopen(r, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        got = None
        if status == 0 and data:
            try:
                got = pickle.loads(data)
            except Exception:  # noqa: BLE001 - a broken result is redone here
                got = None
        if got is None:
            got = work(docs[bounds[part]:bounds[part + 1]], 1)
        yield bounds[part], got
    yield first_here, mine
