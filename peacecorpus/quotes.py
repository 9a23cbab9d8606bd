"""Quotations, reported speech and their speakers.

The C scanner (``_core.quotes``) finds quotation marks, reported-speech
frames ("X said (that) ...", "..., X said.", "according to X, ..."), the cue
verbs and the words naming the speaker at each; this module decides *who*
that is, as a ranked choice among candidates, using the whole document and
its entity mentions:

- the cue's subject: a PERSON, an ORG/NORP/GPE acting as a speaker, or a
  role ("a spokesman" -> its first description, "the firm" -> the company
  last named); never a location or a venue;
- a pronoun: "he"/"she" -> the last person of agreeing gender (titles such as
  Mr/Mrs, first names) in subject position; "it"/"they"/"we" -> an
  organisation, group or country, never a person;
- the quote this one continues (the other half of a split quote, the next
  paragraph of a long one), then the previous quote's speaker for a
  paragraph that is only a quote.

Every quote carries ``speaker_score`` (0 when there is no speaker): the
confidence of the candidate that won.  Speakers are found only in English
text (a document whose ``language`` is set to another language keeps its
quotes without speakers).

Example::

    >>> import peacecorpus as pc
    >>> from peacecorpus.quotes import extract_quotes
    >>> doc = pc.parse('“We will sign,” said Foreign Minister Ararat Mirzoyan. “Soon.”')
    >>> [(q.quote, q.speaker, q.kind) for q in extract_quotes(doc)]
    [('We will sign,', 'Ararat Mirzoyan', 'direct'), ('Soon.', 'Ararat Mirzoyan', 'direct')]
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from typing import Any, Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, cast

from . import _core, vocab
from ._display import CSS, esc

__all__ = ["Quote", "extract_quotes", "document_quotes", "join_speakers", "quotes_frame", "quote_reuse",
           "quote_reuse_table", "quotes_html", "same_speaker"]

_KINDS = {_core.QK_DIRECT: "direct", _core.QK_PARTIAL: "partial", _core.QK_SCARE: "scare",
          _core.QK_INDIRECT: "indirect"}


class Quote(NamedTuple):
    """One quotation; offsets are into the cleaned document text.

    ``kind``: direct | partial | scare | indirect (reported speech: the span
    is the reported clause).  ``speaker_score``: confidence of the speaker
    decision in [0, 1]; 0 when ``speaker`` is None.
    """

    start: int
    end: int
    quote: str
    kind: str
    speaker: Optional[str]  # canonical name, or None
    speaker_mention: Optional[str]  # the words naming the speaker at the cue
    speaker_role: Optional[str]  # title/description given in the text (a short noun phrase)
    cue: Optional[str]
    cue_start: int
    cue_end: int
    speaker_score: float = 0.0


# Titles and honorifics dropped from a name mention when a name of two or
# more words remains ("Foreign Minister Ararat Mirzoian" -> "Ararat Mirzoian";
# "President Aliyev" stays).
_TITLES = frozenset("""
president prime minister foreign secretary state deputy vice chief mr mrs ms miss dr sir lord lady
professor prof senator ambassador general gen chancellor defence defense interior finance home health
justice education spokesman spokeswoman spokesperson envoy analyst senior special representative head
leader king queen prince commissioner director chairman chair judge rep sen gov governor mayor speaker
shadow culture trade economy industry transport environment policy advisor adviser official officials
mp the department ministry council office executive boss manager coach captain striker midfielder
defender goalkeeper manager chairwoman founder editor correspondent lawyer attorney
""".split())
_KEEP_TITLE = frozenset("mr mrs ms miss dr lord lady sir professor president secretary dame".split())
_MALE = frozenset("mr sir lord king prince father brother duke baron earl count".split())
_FEMALE = frozenset("mrs ms miss lady queen princess mother sister dame duchess baroness countess".split())
_PARTICLES = frozenset("de van von al bin da di la le del der dos du el ibn ter".split())
# Head words of a role phrase that stand for an organisation named earlier
# ("the firm said" -> the company last named).
_ORG_ANAPHORS = frozenset("""
firm company group bank society charity ministry government party club band committee organisation
organization agency watchdog regulator institute union council board airline carrier retailer
maker manufacturer operator broadcaster network newspaper paper magazine team side department
corporation giant business insurer lender chain supermarket publisher studio label
""".split())
_DOC_WORDS = frozenset("report study survey book website site statement letter research findings poll".split())
_ORG_WORDS = frozenset("""
ministry department office council service agency commission committee government party union bank
website court treasury
""".split())
_NOT_NAME_START = frozenset("""
The A An In But And According If When As On At For This That It He She They We So After Before
While During Since Although Though Despite However Meanwhile Then There Here What Why How Who Last
Next Earlier Later Yesterday Today Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December
""".split())
_SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_NEVER_SPEAKER = ("LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                  "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE")
_PREP_BEFORE = re.compile(r"(?:\b(?:at|in|of|to|from|with|by|for|on|about|against|into|than|via|like|"
                          r"toward|towards|between|among|under|over|before|after)|[’']s)\s+(?:the\s+)?$", re.I)
_ROLE_CUT = re.compile(r"\s*(?:[,;:(]|\s(?:who|which|whose|that|where|when|and\s+(?:is|was|has))\s).*$", re.S)


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace("\u00a0", " ").strip()


@functools.lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    """Spelling-variant key: 'Mirzoian' and 'Mirzoyan' -> 'mrzn'."""
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(ch for ch in w if ch.isalpha())
    return w[:1] + re.sub(r"[aeiouy]", "", w[1:])


def same_speaker(a: Optional[str], b: Optional[str]) -> bool:
    """True when two speaker names are the same person up to spelling
    variants of transliteration ("Ararat Mirzoian" / "Ararat Mirzoyan")."""
    if a is None or b is None:
        return a is b
    ka = [_skeleton(w) for w in _norm(a).split()]
    kb = [_skeleton(w) for w in _norm(b).split()]
    return ka == kb


def _strip_possessive(s: str) -> str:
    if s.endswith(("’s", "'s")):
        return s[:-2]
    if s.endswith(("’", "'")):
        return s[:-1]
    return s


def _title_key(w: str) -> str:
    return w.lower().strip(".,")


def _clean_name(mention: str) -> Tuple[str, Optional[str]]:
    """Split a name mention into (name, title prefix): "Azerbaijani analyst
    Togroul Djuvarli" -> ("Togroul Djuvarli", "Azerbaijani analyst")."""
    words = _norm(mention).split()
    if not words:
        return _norm(mention), None
    words[-1] = _strip_possessive(words[-1])
    # the name is the last capitalised run
    cut = 0
    for i, w in enumerate(words):
        if w[:1].islower() and w not in _PARTICLES:
            cut = i + 1
    k = cut
    while len(words) - k > 2 and (_title_key(words[k]) in _TITLES or _is_nationality(words[k])):
        k += 1
    if len(words) - k == 2 and _title_key(words[k]) in _TITLES and _title_key(words[k]) not in _KEEP_TITLE:
        k += 1
    name, prefix = words[k:], words[:k]
    return (" ".join(name) if name else " ".join(words)), (" ".join(prefix) or None)


_P_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:an|ani|ese|ish|ic|i|ch)")


def _is_nationality(w: str) -> bool:
    return bool(_P_NATIONALITY.fullmatch(w)) and w not in {"Ali", "Khan"}


def _clip_role(role: Optional[str]) -> Optional[str]:
    """A role as a short noun phrase: cut at a clause or a list ("who last
    year denied ..." -> None, "a senior fellow at APRI, a think tank" -> "a
    senior fellow at APRI")."""
    if not role:
        return None
    r = _ROLE_CUT.sub("", " " + _norm(role)).strip(" ,.;:-")
    words = r.split()
    if not words or words[0].lower() in ("who", "which", "whose", "that", "and", "but", "as"):
        return None
    if len(words) > 10:
        return None
    return r


@functools.lru_cache(maxsize=1)
def _given_names() -> Dict[str, str]:
    """First name -> 'm'/'f' (data/names/given_names.tsv, see data/SOURCES.md);
    empty when the file is absent."""
    from ._paths import data_path
    path = data_path("names", "given_names.tsv")
    out: Dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2:
                    out[parts[0]] = parts[1]
    except OSError:
        pass
    return out


def _entity_fields(e: Any) -> Tuple[int, int, str, str, Optional[str], Optional[str]]:
    get: Callable[..., Any]  # the value type of each source is unknown here
    if hasattr(e, "_fields"):  # an Entity (or any named tuple): its fields by name
        canonical, role = getattr(e, "canonical", None), getattr(e, "role", None)
        return (int(e.start), int(e.end), str(getattr(e, "text", "")), str(getattr(e, "label", "")),
                canonical if isinstance(canonical, str) and canonical else None,
                role if isinstance(role, str) and role else None)
    if isinstance(e, dict):
        get = cast(Callable[..., Any], e.get)
    elif isinstance(e, (tuple, list)) and not hasattr(e, "_fields"):
        vals = dict(zip(("start", "end", "text", "label", "canonical", "role"), e))
        get = cast(Callable[..., Any], vals.get)
    else:  # an object or a named tuple (Entity): by name
        def get(k, d=None):
            return getattr(e, k, d)
    canonical, role = get("canonical"), get("role")  # NaN from a DataFrame means absent
    return (int(get("start")), int(get("end")), str(get("text", "")), str(get("label", "")),
            canonical if isinstance(canonical, str) and canonical else None,
            role if isinstance(role, str) and role else None)


class _Cand(NamedTuple):
    speaker: Optional[str]
    role: Optional[str]
    mention: Optional[str]
    score: float


_NONE = _Cand(None, None, None, 0.0)


class _Index:
    """What one document offers for speaker resolution, indexed for
    O(log n) lookups: entity mentions by offset, the narrative (unquoted)
    mentions of people and organisations in text order, sentence starts,
    names by surname and gender by name."""

    def __init__(self, doc: Any, text: str, spans: Sequence[Tuple[int, int]],
                 entities: Optional[Sequence[Any]]) -> None:
        self.text = text
        # marked quote spans (mark to mark), sorted; quotes do not nest, so a
        # running maximum of ends answers "is this offset quoted?"
        self._qstarts = [s for s, _ in spans]
        self._qends: List[int] = []
        top = -1
        for _, e in spans:
            top = max(top, e)
            self._qends.append(top)
        sent = getattr(doc, "_sent", None)
        self._sstarts: List[int] = [int(x) for x in sent[:, 0]] if sent is not None and len(sent) else [0]
        ents: List[Tuple[int, int, str, str, Optional[str]]] = []
        for ent in entities or ():
            s, en, etext, label, canonical, role = _entity_fields(ent)
            ents.append((s, en, label, canonical or etext, role))
        ents.sort()
        self.ents = ents
        self._estarts = [x[0] for x in ents]
        self._emaxend: List[int] = []
        top = -1
        for x in ents:
            top = max(top, x[1])
            self._emaxend.append(top)
        self.by_surname: Dict[str, str] = {}   # skeleton of a surname -> canonical full name
        self.by_name: Dict[Tuple[str, ...], str] = {}
        self.gender: Dict[str, str] = {}       # canonical -> 'm' / 'f'
        names = _given_names()
        # narrative mentions: (start, canonical, label, subject-like)
        self.narr: List[Tuple[int, str, str, int]] = []  # start, canonical, label, end
        learned: Dict[str, str] = {}  # a person's canonical -> its fuller name, learned once
        for s, en, label, canonical, _ in ents:
            if label == "PERSON":
                full = learned.get(canonical)
                if full is None:
                    full = learned[canonical] = self._learn_person(canonical, names)
                canonical = full
                if canonical not in self.gender:
                    g = self._title_gender(s)
                    if g:
                        self.gender[canonical] = g
            if label in _SPEAKER_LABELS and not self.in_quote(s):
                self.narr.append((s, canonical, label, en))
        self._nstarts = [n[0] for n in self.narr]
        self._subj: Dict[int, bool] = {}  # narr index -> subject-like, computed on demand
        self._descr: Optional[Dict[str, str]] = None

    # -- lookups ----------------------------------------------------------
    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._qstarts, pos) - 1
        return i >= 0 and pos < self._qends[i]

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self._sstarts, pos) - 1
        return self._sstarts[i] if i >= 0 else 0

    def entities_in(self, s: int, e: int) -> List[Tuple[int, int, str, str, Optional[str]]]:
        """Entity mentions overlapping [s, e), in text order."""
        i = bisect.bisect_left(self._estarts, e)
        out = []
        j = i - 1
        while j >= 0 and self._emaxend[j] > s:
            if self.ents[j][1] > s:
                out.append(self.ents[j])
            j -= 1
        out.reverse()
        return out

    def _title_gender(self, pos: int) -> Optional[str]:
        before = self.text[max(0, pos - 12):pos].split()
        if before:
            w = _title_key(before[-1])
            if w in _MALE:
                return "m"
            if w in _FEMALE:
                return "f"
        return None

    def _learn_person(self, canonical: str, names: Dict[str, str]) -> str:
        parts = [p for p in canonical.split() if _title_key(p) not in _TITLES]
        if not parts:
            return canonical
        keys = tuple(_skeleton(p) for p in parts)
        self.by_name.setdefault(keys, canonical)
        if len([p for p in parts if p not in _PARTICLES]) >= 2:
            self.by_surname.setdefault(keys[-1], canonical)
            g = names.get(parts[0].lower())
            if g and canonical not in self.gender:
                self.gender[canonical] = g
        return self.fuller(canonical)

    def subject_at(self, j: int) -> bool:
        hit = self._subj.get(j)
        if hit is None:
            hit = self._subj[j] = self._subject_like(self.narr[j][0], self.narr[j][3])
        return hit

    def _subject_like(self, s: int, e: int) -> bool:
        """Not after a preposition or a possessive, not itself a possessive."""
        if self.text[e:e + 2] in ("’s", "'s"):
            return False
        return not _PREP_BEFORE.search(self.text[max(0, s - 16):s])

    def person_for(self, name: str) -> Optional[str]:
        """A known person's canonical name for a name or surname mention."""
        parts = [p for p in _norm(name).split() if _title_key(p) not in _TITLES]
        if not parts:
            return None
        keys = tuple(_skeleton(_strip_possessive(p)) for p in parts)
        hit = self.by_name.get(keys)
        if hit is None and len(keys) == 1:
            hit = self.by_surname.get(keys[0])
        return hit

    def fuller(self, canonical: str) -> str:
        """The fuller known name of a person whose canonical is only a
        surname ("de Waal" -> "Thomas de Waal")."""
        parts = [p for p in canonical.split() if p not in _PARTICLES]
        if len(parts) == 1:
            return self.by_surname.get(_skeleton(parts[0]), canonical)
        return canonical

    def antecedent(self, pos: int, pronoun: str) -> Tuple[Optional[str], float]:
        """The mention a pronoun at `pos` refers to: for he/she the subject of
        the nearest sentence that names a person of agreeing gender, for
        it/they/we the nearest organisation, group or country."""
        p = pronoun.lower()
        want_person = p in ("he", "she")
        g_want = "m" if p == "he" else "f" if p == "she" else None
        if want_person:
            hit = self._subject_chain(pos, p, g_want)
            if hit is not None:
                return hit, 0.75
        i = bisect.bisect_left(self._nstarts, pos)
        sent_here = self.sentence_start(pos)
        j = i - 1
        steps = 0
        while j >= 0 and steps < 40:  # bounded: an antecedent is near or absent
            steps += 1
            s, canonical, label, _ = self.narr[j]
            ok = (label == "PERSON") if want_person else (label != "PERSON")
            if ok and want_person:
                g = self.gender.get(canonical)
                ok = g is None or g == g_want
            if ok:
                # prefer the subject of that sentence
                s0 = self.sentence_start(s)
                best = (canonical, s)
                k = j - 1
                while k >= 0 and self.narr[k][0] >= s0 and j - k < 12:
                    sk, ck, lk, _ = self.narr[k]
                    subj = self.subject_at(k)
                    if subj and ((lk == "PERSON") if want_person else (lk != "PERSON")) and \
                            (not want_person or self.gender.get(ck) in (None, g_want)):
                        best = (ck, sk)
                    k -= 1
                near = s0 >= self._prev_sentence_start(sent_here)
                score = 0.75 if near else 0.55
                if best[1] == s and not self.subject_at(j):
                    score -= 0.15
                return best[0], score
            j -= 1
        return None, 0.0

    @staticmethod
    def _title_prefix(s: str) -> bool:
        """Only capitalised words and titles before a name ("Everton manager")."""
        words = s.split()
        return len(words) <= 5 and "," not in s and all(
            w[:1].isupper() or _title_key(w) in _TITLES or w.lower() in _role_words() for w in words)

    _OPENERS = re.compile(r"(?:(?:But|And|So|Yet|However|Meanwhile|Now|Then|Still|Later|Earlier)\b,?\s+)*")
    _ROLE_SUBJ = re.compile(r"(?:The|the)\s+(?:[a-z][\w-]*\s+|[A-Z][\w-]*\s+){0,3}?[A-Za-z][\w-]*\s+"
                            r"(?:has|had|was|is|will|would|said|says|also|then|initially|[a-z]+ed)\b")

    def _subject_chain(self, pos: int, pronoun: str, gender: Optional[str]) -> Optional[str]:
        """he/she: walk back over the subjects of the sentences before (a few):
        the same pronoun or a definite role ("The Scot", "the chancellor")
        continue the chain, a person named first in a sentence ends it."""
        s = self.sentence_start(pos)
        for _ in range(5):
            if s <= 0:
                return None
            s = self.sentence_start(s - 1)
            head = self.text[s:s + 120]
            m = self._OPENERS.match(head)
            off = s + (m.end() if m else 0)
            rest = self.text[off:off + 80]
            low = rest[:len(pronoun) + 1].lower()
            if low.startswith(pronoun) and not rest[len(pronoun):len(pronoun) + 1].isalpha():
                continue  # the same pronoun: the same person, further back
            j = bisect.bisect_left(self._nstarts, off)
            while j < len(self.narr) and self.narr[j][2] != "PERSON" and self.narr[j][0] - off <= 40:
                j += 1  # "Everton manager David Moyes": an organisation inside the title
            if j < len(self.narr) and self.narr[j][0] - off <= 40 and self.narr[j][2] == "PERSON" \
                    and self._title_prefix(self.text[off:self.narr[j][0]]) \
                    and self.text[self.narr[j][3]:self.narr[j][3] + 2] not in ("’s", "'s"):
                canonical = self.narr[j][1]
                if gender is None or self.gender.get(canonical) in (None, gender):
                    return canonical
                return None
            if self._ROLE_SUBJ.match(rest):
                continue  # "The Scot initially defended ...": the person named before
            return None
        return None

    def _prev_sentence_start(self, sent_start: int) -> int:
        i = bisect.bisect_left(self._sstarts, sent_start) - 1
        return self._sstarts[i] if i >= 0 else 0

    def subject_between(self, lo: int, hi: int) -> Optional[str]:
        """The first person in subject position named in [lo, hi), outside quotes."""
        i = bisect.bisect_left(self._nstarts, lo)
        while i < len(self.narr) and self.narr[i][0] < hi and i < len(self.narr):
            s, canonical, label, _ = self.narr[i]
            if label == "PERSON" and self.subject_at(i):
                return canonical
            i += 1
            if i - bisect.bisect_left(self._nstarts, lo) > 20:
                break
        return None

    def org_before(self, pos: int) -> Optional[str]:
        i = bisect.bisect_left(self._nstarts, pos) - 1
        steps = 0
        while i >= 0 and steps < 60:
            steps += 1
            if self.narr[i][2] == "ORG":
                return self.narr[i][1]
            i -= 1
        return None

    def description(self, head: str) -> Optional[str]:
        """The first "a/an/one/the <Capitalised words> <head>" of the text
        ("one Western diplomat" for "the diplomat"); one pass over the text,
        on first use."""
        if self._descr is None:
            self._descr = {}
            for m in re.finditer(r"\b(?:a|an|one|the)\s+((?:[A-Z][\w.’'-]*\s+){1,3})([a-z]+)\b", self.text):
                self._descr.setdefault(m.group(2), _norm(m.group(1)) + " " + m.group(2))
        return self._descr.get(head)


def _role_before(text: str, ss: int) -> Optional[str]:
    """The role phrase right before a name set off by commas: "shadow chief
    secretary to the Treasury, George Osborne, said" -> "shadow chief
    secretary to the Treasury"."""
    before = text[max(0, ss - 100):ss]
    if not before.endswith(", "):
        return None
    seg = re.split(r"[,.;:!?\n“”\"]", before[:-2])[-1].strip()
    words = seg.split()
    if not (1 <= len(words) <= 8) or not any(w.lower() in _role_words() for w in words):
        return None
    if words[0][:1].isupper() and words[0] in _NOT_NAME_START:
        return None
    return _clip_role(seg)


def _role_words() -> frozenset:
    return vocab.ROLE_WORDS   # the engine's list (data/lexicons/role_words.txt)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not words or words[0] in _NOT_NAME_START:
        return False
    return all(w[:1].isupper() or w in _PARTICLES for w in words)


def _name_candidate(ix: _Index, mention: str, ss: int, se: int, c_role: Optional[str]) -> _Cand:
    """A capitalised speaker mention: a person, an organisation acting as a
    speaker, or nothing (a place, a date, a stray capitalised word)."""
    name, prefix = _clean_name(mention)
    prole = _clip_role(c_role) or _clip_role(prefix) or _role_before(ix.text, ss)  # for a person
    # a tagger span across a comma and beyond the cue's words ("Treasury, George
    # Osborne") is not trusted: the words at the cue decide
    ents = [e for e in ix.entities_in(ss, se)
            if not ((e[0] < ss or e[1] > se) and "," in ix.text[e[0]:e[1]])]
    persons = [e for e in ents if e[2] == "PERSON"]
    if persons:
        e = persons[-1]
        role = prole or _clip_role(e[4])
        speaker = ix.fuller(e[3])
        if " " not in speaker and name.endswith(speaker) and _title_key(name.split()[0]) in _KEEP_TITLE:
            speaker = name  # "Mr Blair" when the text never gives the full name
        return _Cand(speaker, role, _clean_name(ix.text[e[0]:e[1]])[0] if not prefix else name, 0.95)
    actors = [e for e in ents if e[2] in ("ORG", "NORP", "GPE")]
    covered = sum(e[1] - e[0] for e in ents)
    if prefix and any(_title_key(w) in _TITLES for w in prefix.split()) and _looks_like_name(name) \
            and len(name.split()) >= 2 and not any(e[0] <= se - len(name) < e[1] for e in actors):
        # "South Korean President Park Geun-hye": a titled name, whatever the tagger said
        known = ix.person_for(name)
        return _Cand(known or name, prole, name, 0.8)
    if actors and covered >= 0.6 * (se - ss) - 4:
        e = actors[-1]
        return _Cand(e[3], _clip_role(c_role), _norm(ix.text[e[0]:e[1]]), 0.85)
    if any(e[2] in _NEVER_SPEAKER for e in ents) and not actors:
        return _NONE
    known = ix.person_for(name)
    if known is not None:
        return _Cand(known, prole, name, 0.85)
    if actors:  # an organisation inside a longer phrase ("the Nationwide building society")
        e = actors[-1]
        return _Cand(e[3], _clip_role(c_role), _norm(ix.text[e[0]:e[1]]), 0.7)
    if not _looks_like_name(name):
        return _NONE
    words = name.split()
    if any(_title_key(w) in _ORG_WORDS for w in words):
        return _Cand(re.sub(r"^The\s+", "", name), _clip_role(c_role), name, 0.6)
    return _Cand(name, prole, name, 0.6 if len(words) >= 2 else 0.45)


def _role_candidate(ix: _Index, mention: str, ss: int, se: int) -> _Cand:
    """A descriptive speaker: "the diplomat", "a spokesman for X", "the firm",
    "analysts", "Australia's competition watchdog"."""
    ents = ix.entities_in(ss, se)
    persons = [e for e in ents if e[2] == "PERSON"]
    if persons:
        e = persons[-1]
        return _Cand(ix.fuller(e[3]), _clip_role(ix.text[ss:e[0]]) if e[0] > ss else None,
                     _norm(ix.text[e[0]:e[1]]), 0.85)
    words = _norm(mention).split()
    if words and words[0].lower() in ("the", "a", "an", "one"):
        body = words[1:]
    else:
        body = words
    if not body:
        return _NONE
    # the phrase ends before a participle or a relative clause
    # ("Protesters marching through the streets chanted")
    for k, w in enumerate(body[1:], 1):
        if (w.endswith("ing") and w[:1].islower() and len(w) > 5) or w.lower() in ("who", "which", "that"):
            body = body[:k]
            break
    if body[0] in _NOT_NAME_START and body[0] not in ("The", "A", "An") or \
            body[-1].lower() in ("are", "is", "was", "were", "has", "have", "had", "will", "would"):
        return _NONE  # "When terrorists are revealed": a clause, not a speaker
    head = _strip_possessive(body[-1]).lower()
    mention_n = re.sub(r"^(?:The|A|An)\s", lambda m: m.group(0).lower(), _norm(mention))
    actors = [e for e in ents if e[2] in ("ORG", "NORP", "GPE")]
    if head in _ORG_ANAPHORS or head in _DOC_WORDS:
        if actors:  # "the IMF report", "the report by telecoms giant BT": its issuer
            e = actors[-1]
            return _Cand(e[3], None, _norm(ix.text[e[0]:e[1]]), 0.75 if head in _ORG_ANAPHORS else 0.65)
        org = ix.org_before(ss)
        if org is not None and head in _ORG_ANAPHORS and len(body) <= 2:
            return _Cand(org, None, mention_n, 0.6)
    head_start = se - len(_norm(ix.text[ss:se]).split()[-1]) if _norm(ix.text[ss:se]) else se
    if any(e[2] in _NEVER_SPEAKER and e[1] > head_start for e in ents) and not actors:
        return _NONE  # "the stadium", "the summit": a place or an event at the head
    if len(body) == 1 and words[0].lower() in ("the",):
        descr = ix.description(head)
        if descr:
            return _Cand(descr, None, mention_n, 0.6)
    speaker = " ".join(body)
    speaker = re.sub(r"\s+(?:website|site|account|statement)$", "", speaker)
    return _Cand(speaker, None, mention_n, 0.55)


def _looks_english(text: str) -> bool:
    """A cheap guard for documents whose ``language`` is unknown: English
    function words outnumber those of the other languages the parser meets."""
    words = re.findall(r"[^\W\d_]+", text[:1500].lower())
    en = sum(1 for w in words if w in _EN_FUNCTION)
    other = sum(1 for w in words if w in _OTHER_FUNCTION)
    return en >= other


_EN_FUNCTION = frozenset("the of and to in is that for it was on with he as his said by at be this from "
                         "have has but not are they were who which had an she her their been will would we "
                         "can".split())
# French, German, Spanish, Italian, Portuguese, Dutch function words (none English)
_OTHER_FUNCTION = frozenset("le la les des du et est une dans pour qui sur pas au aux sont nous vous ils "
                            "der die das und ist nicht ein eine mit dem den sich auf für von wir sie "
                            "el los las y que del por con una para es su al lo como más pero "
                            "il di che della per non sono gli nel alla "
                            "os da em um não uma dos na "
                            "het een van en zijn niet met voor op".split()) - _EN_FUNCTION


def extract_quotes(doc: Any, entities: Optional[Iterable[Any]] = None, *, indirect: bool = True) -> List[Quote]:
    """Quotations of ``doc`` (a :class:`peacecorpus.Document`) with speakers.

    ``entities``: entity mentions (objects, dicts or tuples with start, end,
    text, label, canonical, role; offsets into ``doc.text``); by default the
    document's own (``doc.entities``).  ``indirect``: also return reported
    speech ("X said that ...", "..., X said.", "according to X, ...") as kind
    ``indirect`` (the span is the reported clause).

    Example::

        >>> qs = extract_quotes(pc.parse('“It works,” he said. The firm said sales had risen.'))
        >>> [(q.kind, q.quote, q.cue) for q in qs]
        [('direct', 'It works,', 'said'), ('indirect', 'sales had risen', 'said')]
    """
    text: str = doc.text
    # the document's language when it is known; else a cheap look at the text,
    # and the language detector only when that look says "not English"
    lang = getattr(doc, "__dict__", {}).get("language")
    if not isinstance(lang, str) or not lang:
        lang = "en" if _looks_english(text) else (getattr(doc, "language", None) or "und")
    english = isinstance(lang, str) and lang.lower().startswith("en")
    core = getattr(doc, "_core", None)
    rows = _core.quotes(core if core is not None and core.n_paragraphs else text,
                        reported=bool(indirect and english))
    if entities is None and english:
        entities = getattr(doc, "entities", None)
    ents = list(entities) if entities is not None else []
    marked = [(r.open_mark, r.close_mark + 1) for r in rows if r.open_mark >= 0]
    ix = _Index(doc, text, marked, ents)
    # pass 1: the cue's own candidate, then the quote it continues (split quotes,
    # multi-paragraph quotes)
    cands: List[_Cand] = []
    cues: List[Tuple[int, int]] = []
    for i, r in enumerate(rows):
        start, end, cs, ce, ss, se = r.start, r.end, r.cue_start, r.cue_end, r.spk_start, r.spk_end
        rs, re_, cont, kind, spk_kind = r.role_start, r.role_end, r.cont, r.kind, r.spk_kind
        cand = _NONE
        if english and ss >= 0:
            mention = _norm(text[ss:se])
            c_role = _norm(text[rs:re_]) if rs >= 0 else None
            if spk_kind == _core.SPK_NAME:
                cand = _name_candidate(ix, mention, ss, se, c_role)
            elif spk_kind == _core.SPK_PRONOUN:
                low = mention.lower()
                if low in ("he", "she", "it", "they", "we"):
                    spk, score = ix.antecedent(ss, low)
                    if spk is not None:
                        cand = _Cand(spk, None, mention, score)
            elif spk_kind == _core.SPK_ROLE:
                cand = _role_candidate(ix, mention, ss, se)
        if english and 0 <= cont < i and cands[cont].score * 0.95 > cand.score:
            c0 = cands[cont]
            cand = _Cand(c0.speaker, c0.role, c0.mention, round(c0.score * 0.95, 3))
        cands.append(cand)
        cues.append((cs, ce) if english else (-1, -1))
    # a person named once with a role keeps it when a pronoun names them later
    roles: Dict[str, str] = {}
    for cnd in cands:
        if cnd.speaker and cnd.role:
            roles.setdefault(cnd.speaker, cnd.role)
    for i, cnd in enumerate(cands):
        if cnd.speaker and not cnd.role and cnd.speaker in roles:
            cands[i] = cnd._replace(role=roles[cnd.speaker])
    # pass 2: a direct quote with no cue of its own takes the best of the
    # previous quote's speaker (a quote-only continuation) and the running
    # speaker of the sentence before it (its reported speech or its subject)
    if english:
        said = sorted((rows[i][1], i) for i in range(len(rows)) if cands[i].speaker)
        said_ends = [e for e, _ in said]
        last_direct: Optional[int] = None
        for i, r in enumerate(rows):
            start, end, om, kind, ss = r[0], r[1], r[2], r[11], r[6]
            if kind == _core.QK_DIRECT and not cands[i].speaker and ss < 0 and cues[i][0] < 0:
                best, best_cue = _NONE, (-1, -1)
                after = text[end + 1:end + 40].lstrip(" ”\"’'")
                if after[:1].islower():
                    pass  # '“American Skin” was written by ...': part of the writer's sentence
                else:
                    if last_direct is not None and cands[last_direct].speaker and \
                            text.count("\n", rows[last_direct][1], start) <= 2:
                        c0 = cands[last_direct]
                        best = _Cand(c0.speaker, c0.role, c0.mention, round(c0.score * 0.7, 3))
                        best_cue = cues[last_direct]
                    s_prev = ix.sentence_start(max(0, ix.sentence_start(om) - 1))
                    j = bisect.bisect_left(said_ends, om) - 1
                    if j >= 0 and said_ends[j] >= s_prev:
                        k = said[j][1]
                        c0 = cands[k]
                        if round(c0.score * 0.75, 3) > best.score:
                            best = _Cand(c0.speaker, c0.role, c0.mention, round(c0.score * 0.75, 3))
                            best_cue = cues[k]
                    subj = ix.subject_between(s_prev, om)
                    if subj is not None and 0.45 > best.score:
                        best, best_cue = _Cand(subj, None, None, 0.45), (-1, -1)
                cands[i], cues[i] = best, best_cue
            if kind == _core.QK_DIRECT:
                last_direct = i
    out: List[Quote] = []
    for i, r in enumerate(rows):
        start, end, kind, ss, se, spk_kind = r[0], r[1], r[11], r[6], r[7], r[12]
        cand, (cs, ce) = cands[i], cues[i]
        if kind == _core.QK_INDIRECT and cand.speaker is None:
            continue  # reported speech needs its speaker
        shown: Optional[str] = cand.mention if cand.speaker else (
            _norm(text[ss:se]) if english and ss >= 0 and spk_kind == _core.SPK_PRONOUN else None)
        out.append(Quote(start, end, text[start:end], _KINDS.get(kind, "direct"), cand.speaker,
                         shown, cand.role if cand.speaker else None,
                         _norm(text[cs:ce]) if cs >= 0 else None, cs, ce, cand.score if cand.speaker else 0.0))
    out.sort(key=lambda q: q.start)
    return out


def document_quotes(doc: Any, entities: Optional[Iterable[Any]] = None) -> List[Dict[str, Any]]:
    """Rows of the document table ``quotes_raw`` for one document:
    :func:`extract_quotes` with the document's own entity mentions, each quote
    followed by ``speaker_label``, the label of the entity mention whose
    (document) canonical name the speaker is -- the key by which
    :func:`join_speakers` gives it its corpus-wide name."""
    ents = list(entities) if entities is not None else []
    labels: Dict[str, str] = {}
    for e in ents:
        start, end, etext, label, canonical, _ = _entity_fields(e)
        if label in _SPEAKER_LABELS:
            name = canonical or etext
            if name not in labels or (label == "PERSON" and labels[name] != "PERSON"):
                labels[name] = label
    return [dict(q._asdict(), speaker_label=labels.get(q.speaker) if q.speaker else None)
            for q in extract_quotes(doc, ents if entities is not None else None)]


def join_speakers(quotes_raw: Any, canonical: Any):
    """The corpus table ``quotes``: each speaker that is an entity gets the
    corpus-wide canonical name of ``(speaker_label, speaker)`` from the
    :func:`peacecorpus.entities.canonical_table`."""
    df = quotes_raw.copy()
    if not len(df):
        return df.drop(columns=["speaker_label"], errors="ignore")
    table = dict(zip(zip(canonical["label"].tolist(), canonical["name"].tolist()), canonical["canonical"].tolist()))
    out = []
    for spk, lab in zip(df["speaker"].tolist(), df["speaker_label"].tolist()):
        if isinstance(spk, str) and isinstance(lab, str):
            spk = table.get((lab, spk), spk)
        out.append(spk if isinstance(spk, str) else None)
    df["speaker"] = out
    return df.drop(columns=["speaker_label"])


def quotes_frame(corpus: Iterable[Any], entities: Optional[Dict[str, Iterable[Any]]] = None):
    """All quotes of some documents as a pandas DataFrame (one row per quote),
    each document on its own (speakers as named within it).

    Columns: doc_id, start, end, quote, kind, speaker, speaker_mention,
    speaker_role, cue, cue_start, cue_end.  ``entities`` maps doc_id to that
    document's entity mentions.  :meth:`peacecorpus.Corpus.quotes` gives
    the speakers' corpus-wide names.
    """
    import pandas as pd

    rows = []
    for doc in corpus:
        ents = entities.get(doc.doc_id) if entities else None
        for q in extract_quotes(doc, ents):
            rows.append((doc.doc_id,) + tuple(q))
    return pd.DataFrame(rows, columns=["doc_id"] + list(Quote._fields))


_SHINGLE = 4


def _shingles(s: str) -> set:
    words = [w.lower() for w in re.findall(r"\w+", unicodedata.normalize("NFKC", s))]
    if len(words) < _SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def quote_reuse(corpus: Any, min_overlap: float = 0.5, min_words: int = 6):
    """:meth:`peacecorpus.Corpus.quote_reuse` of a corpus."""
    if not callable(getattr(corpus, "quote_reuse", None)):
        raise TypeError(f"quote_reuse() needs a peacecorpus.Corpus, not {type(corpus).__name__}")
    return corpus.quote_reuse(min_overlap=min_overlap, min_words=min_words)


def _same_utterance(a: Tuple[Any, ...], b: Tuple[Any, ...], min_overlap: float) -> bool:
    """Two quotes are one utterance: their speakers agree when both are known,
    and most word 4-grams of the shorter are in the longer (a truncated or
    lightly edited copy), counted on the quoted words only."""
    sa, sb = a[3][3], b[3][3]
    if sa and sb and not (sa == sb or same_speaker(sa, sb)):
        return False
    ha, hb = a[4], b[4]
    small = min(len(ha), len(hb))
    common = len(ha & hb)
    return common >= max(3, min_overlap * small) if small >= 3 else ha == hb


def quote_reuse_table(quotes: Any, documents: Any, min_overlap: float = 0.5, min_words: int = 6):
    """Group the same utterance quoted in several documents (the corpus table
    ``quote_reuse``, from the tables ``quotes`` and ``documents``).

    A quote joins a group when it is the same utterance as the group's
    longest quote (:func:`_same_utterance`: same speaker when both are known,
    at least ``min_overlap`` of the shorter quote's word 4-grams, and at least
    three, in the longer); comparing with one representative, not with any
    member, keeps chains of partial overlaps ("We are going to go that way."
    / "... we are going to go one step further.") apart.  Returns a
    DataFrame with group, doc_id, start, end, quote, speaker, cue,
    is_earliest (the earliest ``published`` document, then the first in
    corpus order) and is_longest.
    """
    import pandas as pd

    order = {d: i for i, d in enumerate(documents["doc_id"].tolist())}
    published = dict(zip(documents["doc_id"].tolist(), documents["published"].tolist()))
    items = []
    for doc_id, start, end, quote, kind, speaker, cue in zip(
            quotes["doc_id"].tolist(), quotes["start"].tolist(), quotes["end"].tolist(), quotes["quote"].tolist(),
            quotes["kind"].tolist(), quotes["speaker"].tolist(), quotes["cue"].tolist()):
        if kind in ("direct", "partial") and len(quote.split()) >= min_words:
            date = published.get(doc_id)
            date = None if date is None or pd.isna(date) else date
            items.append((doc_id, order.get(doc_id, len(order)), date,
                          (int(start), int(end), quote, _str(speaker), _str(cue)), _shingles(quote)))
    # longest first: each quote is compared with the representatives (the
    # longest quote of each group) that share a shingle with it
    by_len = sorted(range(len(items)), key=lambda i: (-len(items[i][4]), i))
    rep_index: Dict[tuple, List[int]] = {}
    group_of: Dict[int, int] = {}
    members: Dict[int, List[int]] = {}
    speakers: Dict[int, set] = {}  # the known speakers of each group: one person
    for i in by_len:
        it = items[i]
        seen = set()
        joined = None
        spk = it[3][3]
        for sh in it[4]:
            for r in rep_index.get(sh, ()):
                if r in seen:
                    continue
                seen.add(r)
                if _same_utterance(items[r], it, min_overlap) and (
                        spk is None or all(same_speaker(spk, s) or spk == s for s in speakers[r])):
                    joined = r
                    break
            if joined is not None:
                break
        if joined is None:
            group_of[i] = i
            members[i] = [i]
            speakers[i] = {spk} if spk else set()
            for sh in it[4]:
                rep_index.setdefault(sh, []).append(i)
        else:
            group_of[i] = joined
            members[joined].append(i)
            if spk:
                speakers[joined].add(spk)
    rows = []
    gid = 0
    for rep in sorted(members, key=lambda r: min(members[r])):
        group = sorted(members[rep])
        if len({items[i][0] for i in group}) < 2:
            continue
        earliest = min(group, key=lambda i: (items[i][2] is None, items[i][2] or 0, items[i][1]))
        for i in group:
            doc_id, _, _, (start, end, quote, speaker, cue), _ = items[i]
            rows.append((gid, doc_id, start, end, quote, speaker, cue, i == earliest, i == rep))
        gid += 1
    return pd.DataFrame(rows, columns=["group", "doc_id", "start", "end", "quote", "speaker", "cue",
                                       "is_earliest", "is_longest"])


def _str(v: Any) -> Optional[str]:
    return v if isinstance(v, str) else None


def quotes_html(quotes: Sequence[Quote], limit: int = 50) -> str:
    """HTML table of quotes and speakers for notebook display (all text escaped)."""
    rows = []
    for q in list(quotes)[:limit]:
        rows.append(
            "<tr><td><span class='pc-tag'>" + esc(q.kind) + "</span></td><td>“" + esc(q.quote) + "”</td><td><b>"
            + esc(q.speaker or "") + "</b>" + (" <span class='pc-meta'>(" + esc(q.speaker_role) + ")</span>" if q.speaker_role else "")
            + "</td><td class='pc-meta'>" + esc(q.cue or "") + "</td></tr>")
    more = len(quotes) - limit
    tail = f"<p class='pc-meta'>… {more} more</p>" if more > 0 else ""
    return (CSS + "<div class='pc-doc'><table><tr><th>kind</th><th>quote</th><th>speaker</th><th>cue</th></tr>"
            + "".join(rows) + "</table>" + tail + "</div>")
