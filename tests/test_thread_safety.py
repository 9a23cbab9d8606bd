"""Sharing between threads (issue #21 items 2 and 3): a gazetteer that grows
while eight threads extract entities with it never fails an extraction, and
the binding keeps what it reads while the GIL is released, whatever other
threads do to the caller's objects meanwhile.  No test here measures time."""
import sys
import threading
import time

import peacecorpus as pc
from peacecorpus.entities import EntityExtractor
from peacecorpus.gazetteer import Gazetteer

N_NEW = 100  # names each writer adds (again and again); every one of them occurs in TEXT
N_EXTRACT = 8  # extractions per reader
TEXT = " ".join(f"Officials of Qqcorp{i} Zzgroup met in Baku on Monday." for i in range(2 * N_NEW))


def test_gazetteer_grows_while_eight_threads_extract():
    gz = Gazetteer.default(titles=True)
    ex = EntityExtractor(gazetteer=gz)
    doc = pc.parse(TEXT, doc_id="t")
    ex.extract(doc)  # tables built once before the threads start
    errors, counts = [], []

    def reader():
        n = 0
        try:
            while n < N_EXTRACT:
                ents = ex.extract(doc)
                assert any(e.text == "Baku" for e in ents)
                n += 1
        except Exception as exc:  # reported below
            errors.append(exc)
        counts.append(n)

    def writer(k):
        # adds entries that occur in the text for as long as the readers read
        i = 0
        try:
            while len(counts) < 8 or i < N_NEW:
                j = k * N_NEW + i % N_NEW
                gz.add(f"Qqcorp{j} Zzgroup", "ORG", canonical=f"Qq Corporation {j}", entity_id=f"Q-qq{j}")
                if i % 50 == 0:  # now and then a label the extractor has not seen yet
                    gz.add(f"Zzgroup{j}", "LAW")
                i += 1
                time.sleep(0)  # let the others run (no timing involved)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(8)]
    writers = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch between any two bytecodes: races show up
    try:
        for t in readers + writers:
            t.start()
        for t in readers + writers:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors[:3]
    assert counts == [N_EXTRACT] * 8
    # every entry added is found afterwards, with its canonical name and id
    got = {e.text: (e.label, e.canonical, e.entity_id) for e in ex.extract(doc)}
    for i in (0, N_NEW - 1, N_NEW, 2 * N_NEW - 1):
        assert got[f"Qqcorp{i} Zzgroup"] == ("ORG", f"Qq Corporation {i}", f"Q-qq{i}")
