"""A corpus with entity, quote, similarity and reuse tables computed by plain,
deterministic string rules, so that the display, report and plot layers can be
tested on known rows whether or not the statistical modules are installed.
It also carries one hostile article (markup and script in text and names)."""
import re

import pandas as pd

import peacecorpus as pc

from conftest import SEEDS

NAMES = {  # surface -> (label, canonical, entity_id)
    "Armenia": ("GPE", "Armenia", "Q399"), "Azerbaijan": ("GPE", "Azerbaijan", "Q227"),
    "Pashinyan": ("PERSON", "Nikol Pashinyan", "Q7035939"), "Aliyev": ("PERSON", "Ilham Aliyev", "Q1374"),
    "Baku": ("GPE", "Baku", "Q9248"), "Yerevan": ("GPE", "Yerevan", "Q1953"),
    "Karabakh": ("LOC", "Karabakh", None), "Russia": ("GPE", "Russia", "Q159"),
    "European Union": ("ORG", "European Union", "Q458"),
}
PAYLOAD_SCRIPT = "<script>document.title='pwned'</script>"
PAYLOAD_IMG = '<img src=x onerror="document.body.dataset.pwned=1">'
EVIL_TEXT = (f"Markup test {PAYLOAD_SCRIPT}\n\n"
             f"Officials in Baku said {PAYLOAD_IMG} was not a statement. "
             f"“{PAYLOAD_SCRIPT} is not welcome here,” said Pashinyan on Monday.\n")
_QUOTE = re.compile(r"“([^”]{8,400})”")


class AnalysedCorpus(pc.Corpus):
    def entities(self):
        rows = []
        for d in self:
            for surface, (label, canonical, qid) in NAMES.items():
                for m in re.finditer(re.escape(surface), d.text):
                    rows.append({"doc_id": d.doc_id, "start": m.start(), "end": m.end(), "text": surface,
                                 "label": label, "canonical": canonical, "entity_id": qid, "role": None,
                                 "sentence": d.sentence_index(m.start())})
            if d.doc_id == "evil":
                i = d.text.index(PAYLOAD_SCRIPT)
                rows.append({"doc_id": "evil", "start": i, "end": i + len(PAYLOAD_SCRIPT), "text": PAYLOAD_SCRIPT,
                             "label": '"><b>X', "canonical": '"><img src=x onerror="document.title=1">',
                             "entity_id": None, "role": None, "sentence": d.sentence_index(i)})
        return pd.DataFrame(rows).sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)

    def quotes(self):
        rows = []
        for d in self:
            people = [n for n, (lab, _, _) in NAMES.items() if lab == "PERSON" and n in d.text]
            for m in _QUOTE.finditer(d.text):
                speaker = NAMES[people[0]][1] if people else None
                if d.doc_id == "evil":
                    speaker = PAYLOAD_IMG
                rows.append({"doc_id": d.doc_id, "start": m.start(), "end": m.end(), "quote": m.group(1),
                             "kind": "direct", "speaker": speaker, "speaker_mention": None,
                             "speaker_role": None, "cue": "said"})
        return pd.DataFrame(rows)

    def _words(self):
        return {d.doc_id: set(w.lower() for w in re.findall(r"\w+", d.text)) for d in self}

    def similarity(self, method="tfidf"):
        w = self._words()
        ids = self.doc_ids
        return pd.DataFrame([(a, b, len(w[a] & w[b]) / max(1, len(w[a] | w[b])))
                             for i, a in enumerate(ids) for b in ids[i + 1:]], columns=["doc_a", "doc_b", "score"])

    def near_duplicates(self, threshold=0.8):
        s = self.similarity()
        s = s[s["score"] >= threshold]
        return pd.DataFrame({"doc_a": s["doc_a"], "doc_b": s["doc_b"], "jaccard_est": s["score"],
                             "jaccard": s["score"]})

    def duplicate_groups(self):
        nd = self.near_duplicates()
        rows = [(g, d) for g, (a, b) in enumerate(zip(nd["doc_a"], nd["doc_b"])) for d in (a, b)]
        return pd.DataFrame(rows, columns=["group", "doc_id"])

    def reuse(self, min_words=8):
        rows = []
        for a, b in zip(self.near_duplicates()["doc_a"], self.near_duplicates()["doc_b"]):
            tb = self[b].text
            para = self[a].paragraphs[1]
            j = tb.find(para.text)
            if j >= 0:
                rows.append((a, para.start, para.end, b, j, j + len(para.text), len(para.text.split()), 1.0))
        return pd.DataFrame(rows, columns=["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end",
                                           "words", "identity"])


def build() -> AnalysedCorpus:
    base = pc.read_dir(SEEDS, "*.txt")
    docs = list(base)
    src = (SEEDS / "001_1825ec11acb749a5.txt").read_text(encoding="utf-8")
    docs.append(pc.parse(src + "\nThe copy adds one closing sentence.\n", doc_id="001_copy"))
    docs.append(pc.parse(EVIL_TEXT, doc_id="evil", mode="text"))
    return AnalysedCorpus(docs)
