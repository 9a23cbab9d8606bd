"""Quotations and their speakers.

The C scanner (``_core.quotes``) finds quotation marks, cue verbs and the
words naming the speaker; this module decides *who* that is, using the whole
document: a surname points back to an earlier full name ("Poghosian" ->
"Benyamin Poghosian"), spelling variants are one person ("Mirzoian" /
"Mirzoyan"), a pronoun points to the person the text was last talking about,
and a role ("the diplomat") to its first description ("one Western diplomat"
-> "Western diplomat").  Entity mentions from the entity extractor, when
given, supply canonical names.

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

from . import _core
from ._display import CSS, esc

__all__ = ["Quote", "extract_quotes", "document_quotes", "join_speakers", "quotes_frame", "quote_reuse",
           "quote_reuse_table", "quotes_html", "same_speaker"]

_KINDS = {_core.QK_DIRECT: "direct", _core.QK_PARTIAL: "partial", _core.QK_SCARE: "scare"}


class Quote(NamedTuple):
    """One quotation; offsets are into the cleaned document text."""

    start: int
    end: int
    quote: str
    kind: str  # direct | partial | scare | indirect
    speaker: Optional[str]  # canonical name, or None
    speaker_mention: Optional[str]  # the words naming the speaker at the cue
    speaker_role: Optional[str]  # title/description given in the text
    cue: Optional[str]
    cue_start: int
    cue_end: int


# Titles and honorifics dropped from a name mention when a name of two or
# more words remains ("Foreign Minister Ararat Mirzoian" -> "Ararat Mirzoian";
# "President Aliyev" stays).
_TITLES = {
    "president", "prime", "minister", "foreign", "secretary", "state", "deputy", "vice", "chief",
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "professor", "prof", "senator", "ambassador",
    "general", "gen", "chancellor", "defence", "defense", "interior", "finance", "home", "health",
    "justice", "education", "spokesman", "spokeswoman", "spokesperson", "envoy", "analyst",
    "senior", "special", "representative", "head", "leader", "king", "queen", "prince",
    "commissioner", "director", "chairman", "chair", "judge", "rep", "sen", "gov", "governor",
    "mayor", "speaker", "shadow", "culture", "trade", "economy", "industry", "transport",
    "environment", "policy", "advisor", "adviser", "official", "officials", "mp", "the",
    "department", "ministry", "council", "office",
}
_ORG_WORDS = {"ministry", "department", "office", "council", "service", "agency", "commission",
              "committee", "government", "party", "union", "bank", "website", "court"}
_PRONOUNS = {"he", "she", "they", "we", "i"}
_NOT_NAME_START = {"The", "A", "An", "In", "But", "And", "According", "If", "When", "As", "On", "At", "For",
                   "This", "That", "It", "He", "She", "They", "We", "So", "Mr", "Mrs", "Ms", "Dr"}
_CAP = r"[A-Z][\w’'-]+"
_P_TITLED = re.compile(
    r"\b(?:President|Minister|Secretary|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Ambassador|Senator|Professor|"
    r"analyst|fellow|spokesperson|spokesman|spokeswoman|envoy|ambassador|adviser|advisor|"
    r"minister|president|chief|director|head|leader|expert|researcher|official)\s+"
    rf"((?:{_CAP}|de|van|von|al)(?:\s+(?:{_CAP}|de|van|von|al))*)")
_P_SAYS = re.compile(r"\b(?:said|says|stated|told|added|argued|explained|noted|mentioned|wrote|asked|alluded|"
                     r"estimated|insisted|believes|thinks)\b")
_P_SUBJ_BEFORE = re.compile(rf"({_CAP}(?:\s+{_CAP})+),?\s+(?:\w+\s+)?$")
_P_SUBJECT = (
    re.compile(rf"\b(?:said|says|stated|told|added|argued|explained|noted|wrote|asked|according to)\s+"
               rf"((?:{_CAP}|de|van|von|al)(?:\s+(?:{_CAP}|de|van|von|al))+)"),
)
# "Name Name, a/the/who ..." : found from the appositive backwards
_P_APPOS = re.compile(r", (?:a|an|the|who|(?:[A-Z]\w+ ){0,3}(?:Advisor|Adviser|Minister|Secretary|President|"
                      r"Director|Ambassador|Envoy|Spokesperson|Spokesman|Chairman|Leader|Head))\b")
_P_NAME_BEFORE = re.compile(rf"(?:^|[.,;]\s)((?:{_CAP}|de|van|von|al)(?:\s+(?:{_CAP}|de|van|von|al))+)$", re.M)
_P_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:an|ani|ese|ish|ic|i|ch)")
_P_RUN = re.compile(rf"\b({_CAP}(?:\s+(?:(?:de|van|von|al|bin)\s+)?{_CAP})+)")
_P_CAPWORD = re.compile(r"\b[A-Z][\w’'-]+")
_WORD = re.compile(r"[^\W\d_][\w.’'-]*", re.UNICODE)


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


def _is_nationality(w: str) -> bool:
    return bool(_P_NATIONALITY.fullmatch(w)) and w not in {"Ali", "Khan"}


def _clean_name(mention: str) -> Tuple[str, Optional[str]]:
    """Split a name mention into (name, title prefix)."""
    words = _norm(mention).split()
    words[-1:] = [_strip_possessive(w) for w in words[-1:]]
    # "Azerbaijani analyst Togroul Djuvarli": the name is the last capitalised run
    last_lower = max((i for i, w in enumerate(words) if w[:1].islower() and w not in ("de", "van", "von", "al", "bin", "da", "di", "la", "le", "del", "der")), default=-1)
    prefix = words[: last_lower + 1]
    name = words[last_lower + 1:]
    while len(name) > 2 and (name[0].lower().strip(".") in _TITLES or _is_nationality(name[0])):
        prefix.append(name.pop(0))
    if len(name) == 2 and name[0].lower().strip(".") in _TITLES and name[0].lower() not in ("mr", "mrs", "ms", "dr", "lord", "lady", "sir", "professor", "president", "secretary"):
        prefix.append(name.pop(0))
    role = " ".join(prefix) or None
    return " ".join(name) if name else _norm(mention), role


class _Person:
    __slots__ = ("name", "canonical", "keys", "surname_key")

    def __init__(self, name: str, canonical: str) -> None:
        self.name = name
        self.canonical = canonical
        parts = [p for p in name.split() if p.lower() not in _TITLES]
        self.keys = tuple(_skeleton(p) for p in parts)
        self.surname_key = self.keys[-1] if self.keys else ""


class _Resolver:
    """Per-document speaker resolution state."""

    def __init__(self, text: str, spans: List[Tuple[int, int]], entities: Optional[Sequence[Any]]) -> None:
        self.text = text
        self.quote_spans = spans
        self._qstarts = [s for s, _ in spans]
        # quotes do not nest, so the running maximum of ends is exact
        self._qends, top = [], -1
        for _, e in spans:
            top = max(top, e)
            self._qends.append(top)
        self.persons: List[_Person] = []
        self.ents: List[Tuple[int, int, str, str, Optional[str]]] = []
        for e in entities or ():
            start, end, etext, label, canonical, role = _entity_fields(e)
            self.ents.append((start, end, label, canonical or etext, role))
        self.ents.sort()
        self.mentions: List[Tuple[int, int, str]] = []  # (start, end, canonical) of persons in narrative
        self._nm: Optional[List[Tuple[int, str, bool]]] = None
        self._runs: Optional[Dict[str, str]] = None
        self._collect_persons()

    # -- persons known in the document ------------------------------------
    def _person_for(self, name: str) -> Optional[_Person]:
        keys = tuple(_skeleton(p) for p in name.split() if p.lower() not in _TITLES)
        if not keys:
            return None
        for p in self.persons:
            if p.keys == keys:
                return p
        for p in self.persons:  # surname (possibly "de Waal") of a known full name
            if len(p.keys) > len(keys) and p.keys[-len(keys):] == keys:
                return p
        if len(keys) >= 2:  # "Ilham Aliyev" vs "Aliyev" seen first
            for p in self.persons:
                if len(p.keys) == 1 and p.surname_key == keys[-1]:
                    p.canonical, p.keys, p.name = name, keys, name
                    return p
        return None

    def add_person(self, name: str, canonical: Optional[str] = None) -> _Person:
        p = self._person_for(name)
        if p is None:
            if len(name.split()) == 1 or (len(name.split()) == 2 and name.split()[0].lower().strip(".") in _TITLES):
                full = self.full_name_for(name.split()[-1])  # "Mr Blair" -> "Tony Blair"
                if full is not None:
                    p = self._person_for(full)
                    if p is None:
                        p = _Person(full, full)
                        self.persons.append(p)
                        self._nm = None
                    return p
            p = _Person(name, canonical or name)
            self.persons.append(p)
            self._nm = None
        elif canonical:
            p.canonical = canonical
        return p

    def _collect_persons(self) -> None:
        text = self.text
        for s, e, label, canonical, _ in self.ents:
            if label == "PERSON":
                self.add_person(_norm(text[s:e]), canonical)
                self.mentions.append((s, e, canonical))
        if self.ents:
            return
        # without entities: names after a title or role word, and names in
        # subject position before a cue verb
        for m in _P_TITLED.finditer(text):
            name = _strip_possessive(m.group(1))
            if len(name.split()) >= 2 and not self._in_quote(m.start(1)):
                self.add_person(name)
        found = [(m.start(1), m.group(1)) for rx in _P_SUBJECT for m in rx.finditer(text)]
        for m in _P_APPOS.finditer(text):
            mm = _P_NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
            if mm:
                found.append((mm.start(1), mm.group(1)))
        for m in _P_SAYS.finditer(text):  # "Name Name (has) said"
            lo = max(0, m.start() - 80)
            mm = _P_SUBJ_BEFORE.search(text, lo, m.start())
            if mm:
                found.append((mm.start(1), mm.group(1)))
        for start, name in sorted(found):
            if self._in_quote(start) or any(w.lower() in _ORG_WORDS for w in name.split()):
                continue
            if name.split()[0] in _NOT_NAME_START:
                continue
            name = _clean_name(name)[0]
            if len(name.split()) >= 2:
                self.add_person(name)

    def full_name_for(self, surname: str) -> Optional[str]:
        """An earlier-or-later full name in the text ending with this surname."""
        if self._runs is None:
            self._runs = {}
            for m in _P_RUN.finditer(self.text):
                run = m.group(1)
                if self._in_quote(m.start()) or any(w.lower() in _ORG_WORDS for w in run.split()):
                    continue
                name = _clean_name(run)[0]
                parts = name.split()
                if len(parts) >= 2 and parts[0] not in _NOT_NAME_START and parts[0].lower() not in _TITLES:
                    self._runs.setdefault(_skeleton(parts[-1]), name)
        return self._runs.get(_skeleton(surname))

    def _in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._qstarts, pos) - 1
        return i >= 0 and pos < self._qends[i]

    def _narrative_mentions(self) -> List[Tuple[int, str, bool]]:
        """Positions of person names (full or surname, possessive too) outside quotes."""
        if self._nm is not None:
            return self._nm
        text = self.text

        def poss(end: int) -> bool:
            return text[end:end + 2] in ("’s", "'s") or text[end:end + 1] in ("’", "'")

        out: List[Tuple[int, str, bool]] = [(s, c, poss(e)) for s, e, c in self.mentions if not self._in_quote(s)]
        if not self.ents:
            exact = {p.name.split()[-1]: p for p in self.persons}
            keys = {p.surname_key: p for p in self.persons}
            for m in _P_CAPWORD.finditer(text):
                w = _strip_possessive(m.group(0))
                p = exact.get(w) or keys.get(_skeleton(w))
                if p is not None and not self._in_quote(m.start()):
                    out.append((m.start(), p.canonical, w != m.group(0)))
        out.sort()
        self._nm = out
        return out

    def entity_at(self, s: int, e: int) -> Optional[Tuple[int, int, str, str, Optional[str]]]:
        best = None
        for ent in self.ents:
            if ent[0] < e and s < ent[1] and ent[2] in ("PERSON", "ORG", "NORP", "GPE"):
                if best is None or ent[2] == "PERSON":
                    best = ent
        return best

    def last_person_before(self, pos: int) -> Optional[str]:
        ms = self._narrative_mentions()
        last = None
        for k, (s, _, _) in enumerate(ms):
            if s >= pos:
                break
            last = k
        if last is None:
            return None
        # the subject of that sentence: its first person mention
        s0 = ms[last][0]
        bound = max(self.text.rfind(". ", 0, s0), self.text.rfind("\n", 0, s0))
        k = last
        while k > 0 and ms[k - 1][0] > bound:
            k -= 1
        # a possessive ("Pashinian’s government") is not the subject
        for j in range(k, last + 1):
            if not ms[j][2]:
                return ms[j][1]
        return ms[last][1]


def _entity_fields(e: Any) -> Tuple[int, int, str, str, Optional[str], Optional[str]]:
    get: Callable[..., Any]  # the value type of each source is unknown here
    if isinstance(e, dict):
        get = cast(Callable[..., Any], e.get)
    elif isinstance(e, (tuple, list)) and not hasattr(e, "_fields"):
        vals = dict(zip(("start", "end", "text", "label", "canonical", "role"), e))
        get = cast(Callable[..., Any], vals.get)
    else:  # an object or a named tuple (Entity): by name
        def get(k, d=None):
            return getattr(e, k, d)
    return (int(get("start")), int(get("end")), str(get("text", "")), str(get("label", "")),
            get("canonical"), get("role"))


def _role_canonical(text: str, mention: str, pos: int) -> str:
    """'the diplomat' -> its first description, e.g. 'Western diplomat'."""
    words = _norm(mention).split()
    if words and words[0].lower() in ("the", "a", "an", "one"):
        words = words[1:]
    if not words:
        return _norm(mention)
    head = words[-1]
    m = re.search(r"\b(?:a|an|one|the)\s+((?:[A-Z][\w.’'-]*\s+){1,3})" + re.escape(head) + r"\b", text[:pos + len(mention) + 200])
    if m and len(words) == 1:
        return _norm(m.group(1)) + " " + head
    return " ".join(words)


def extract_quotes(doc: Any, entities: Optional[Iterable[Any]] = None, *, indirect: bool = True) -> List[Quote]:
    """Quotations of ``doc`` (a :class:`peacecorpus.Document`) with speakers.

    ``entities``: optional entity mentions (objects, dicts or tuples with
    start, end, text, label, canonical, role; offsets into ``doc.text``).
    Without them, names are found from capitalisation and cue patterns.
    ``indirect``: also return reported speech ("X said that ...",
    "according to X, ...") as kind ``indirect`` (the span is the clause).

    Example::

        >>> qs = extract_quotes(pc.parse('“It works,” he said.'))
        >>> qs[0].kind, qs[0].cue
        ('direct', 'said')
    """
    text: str = doc.text
    paras = getattr(doc, "_para", None)
    rows = _core.quotes(text, paras if paras is not None and len(paras) else None)
    ents = list(entities) if entities is not None else None
    res = _Resolver(text, [(r[0], r[1]) for r in rows], ents)
    speakers: List[Optional[str]] = [None] * len(rows)
    roles: List[Optional[str]] = [None] * len(rows)
    mentions: List[Optional[str]] = [None] * len(rows)
    for r in rows:
        if r[12] == _core.SPK_NAME and r[6] >= 0 and not ents:
            name = _clean_name(_norm(text[r[6]:r[7]]))[0]
            if len(name.split()) >= 2 and not any(w.lower() in _ORG_WORDS for w in name.split()):
                res.add_person(name)
    out: List[Quote] = []
    last_named: Optional[str] = None
    for i, r in enumerate(rows):
        (start, end, om, cm, cs, ce, ss, se, rs, re_, cont, kind, spk_kind, flags) = r
        speaker = mention = role = None
        if ss >= 0:
            mention = _norm(text[ss:se])
            ent = res.entity_at(ss, se)
            if spk_kind == _core.SPK_NAME:
                name, role = _clean_name(mention)
                mention = name
                if ent is not None:
                    speaker = ent[3]
                    role = role or ent[4]
                    res.add_person(name, speaker)
                elif any(w.lower() in _ORG_WORDS for w in name.split()):
                    speaker = re.sub(r"^(?:the|The)\s+", "", name)
                    speaker = re.sub(r"\s+website$", "", speaker)
                else:
                    speaker = res.add_person(name).canonical
            elif spk_kind == _core.SPK_PRONOUN:
                if mention.lower() in ("he", "she"):
                    speaker = res.last_person_before(cs if cs >= 0 else ss)
                    if speaker is None:
                        speaker = last_named
            elif spk_kind == _core.SPK_ROLE:
                if ent is not None and ent[2] == "PERSON":
                    speaker = ent[3]
                elif any(w.lower() in _ORG_WORDS for w in mention.split()):
                    speaker = re.sub(r"^(?:the|The|a|an)\s+", "", mention)
                    speaker = re.sub(r"\s+(?:website|site|account|statement)$", "", speaker)
                    if ent is not None:
                        speaker = ent[3]
                else:
                    speaker = _role_canonical(text, mention, ss)
                    mention = re.sub(r"^(?:The|A|An)\s", lambda m: m.group(0).lower(), mention)
        if rs >= 0:
            role = _norm(text[rs:re_]).rstrip(",")
        if cont >= 0 and speaker is None and cont < i:
            speaker, role = speakers[cont], roles[cont]
        if (speaker is None and ss < 0 and cs < 0 and kind == _core.QK_DIRECT and out):
            # a quote with no cue of its own continuing the previous speaker
            prev = out[-1]
            if prev.speaker and prev.kind == "direct" and text.count("\n", prev.end, start) <= 2:
                speaker, role, mention = prev.speaker, prev.speaker_role, prev.speaker_mention
                cs, ce = prev.cue_start, prev.cue_end
        if speaker and spk_kind == _core.SPK_NAME:
            last_named = speaker
        speakers[i], roles[i], mentions[i] = speaker, role, mention
        out.append(Quote(start, end, text[start:end], _KINDS.get(kind, "direct"), speaker, mention, role,
                         _norm(text[cs:ce]) if cs >= 0 else None, cs, ce))
    if indirect and hasattr(doc, "sentences"):
        out.extend(_indirect(doc, res, [(r[2], r[3]) for r in rows]))
        out.sort(key=lambda q: q.start)
    return out


_ICUES = (r"said|says|stated|states|argued|argues|argue|mentioned|underscored|claimed|claims|complained|"
          r"reported|estimated|added|noted|explained|insisted|warned|stressed|emphasized|believes|told")
_NP = (r"(?:(?:[Tt]he|[Oo]ne|[Mm]any|[Ss]ome|[Aa])\s+)?(?:[A-Z][\w.’'-]*\s+|de\s+|van\s+|in\s+(?=[A-Z])|and\s+(?=[A-Z])){0,5}"
       r"(?:[A-Z][\w.’'-]*|[a-z]+(?:ists|ials|ians|ers|mats|mat|media|sources|experts|analysts))")
_PRON = r"(?:he|she|they|He|She|They)"
_IND_AFTER = re.compile(
    rf"^(?P<cl>[^“”\"]{{12,}}?),\s+(?:(?P<cue1>{_ICUES})\s+(?P<spk1>{_NP}|{_PRON})|(?P<spk2>{_NP}|{_PRON})\s+(?P<cue2>{_ICUES}))"
    rf"(?:,\s[^“”\"]*|\s+(?:on|in|at|last|this)\s[^“”\"]*)?[.!]?$")
_IND_ACC = re.compile(r"^(?P<cue>[Aa]ccording to)\s+(?P<spk>[^,“”\"]{3,80}),\s+(?P<cl>[^“”\"]{12,}?)[.!]?$")
_IND_FRONT = re.compile(
    rf"^(?:[^,“”\"]{{0,60}},\s+)?(?P<spk>{_NP}|{_PRON})(?:,\s[^,“”\"]{{3,120}},)?\s+(?:also\s+|has\s+|had\s+)?"
    rf"(?P<cue>(?:{_ICUES})(?:\s+[A-Z][\w/’'-]*(?:\s+[A-Z][\w’'-]*)*)?)\s+(?:\w+ly\s+)?(?P<that>that\s+)?(?P<cl>[^“”\"]{{12,}}?)[.!]?$")
_NOT_SPEAKER = {"It", "This", "That", "There", "Here", "What", "Which", "But", "And", "Azerbaijan", "Armenia"}


_NEEDS_THAT = {"emphasized", "stressed", "underscored", "noted", "explained", "added", "warned", "insisted",
               "believes", "told", "reported", "complained", "mentioned"}


def _indirect(doc: Any, res: "_Resolver", marked: Sequence[Tuple[int, int]]) -> List[Quote]:
    """Reported speech in its simple forms, as kind ``indirect``."""
    text = doc.text
    out: List[Quote] = []
    for sent in doc.sentences:
        st = sent.text
        if any(ch in st for ch in "“”\"") or len(st) < 20:
            continue
        if any(s0 < sent.end and sent.start < e0 for s0, e0 in marked):
            continue
        base = sent.start
        grp = None
        m = _IND_ACC.match(st)
        if m and m.group("spk").split()[0].lower() not in ("this", "the", "these", "some", "reports", "data"):
            grp = ("cue", "spk", "cl")
        else:
            m = _IND_AFTER.match(st)
            if m:
                grp = ("cue1", "spk1", "cl") if m.group("cue1") else ("cue2", "spk2", "cl")
            else:
                m = _IND_FRONT.match(st)
                if m and (m.group("that") or m.group("cue").split()[0] not in _NEEDS_THAT):
                    grp = ("cue", "spk", "cl")
        if m is None or grp is None:
            continue
        cue_g, spk_g, cl_g = grp
        spk = m.group(spk_g)
        if spk.split()[0] in _NOT_SPEAKER or spk in _NOT_SPEAKER:
            continue
        ss, se = base + m.start(spk_g), base + m.end(spk_g)
        cs, ce = base + m.start(cue_g), base + m.end(cue_g)
        cls, cle = base + m.start(cl_g), base + m.end(cl_g)
        cl = text[cls:cle].rstrip(" ,")
        cle = cls + len(cl)
        mention = _norm(spk)
        if mention.lower() in _PRONOUNS:
            speaker = res.last_person_before(ss) if mention.lower() in ("he", "she") else None
        else:
            ent = res.entity_at(ss, se)
            name, _ = _clean_name(mention)
            if ent is not None and ent[2] == "PERSON":
                speaker = ent[3]
            elif all(w[:1].isupper() or w in ("de", "van") for w in mention.split()) \
                    and not any(w.lower() in _ORG_WORDS for w in name.split()):
                p = res._person_for(name)
                speaker = p.canonical if p else name
            else:
                speaker = _role_canonical(text, mention, ss)
        out.append(Quote(cls, cle, cl, "indirect", speaker, mention, None, _norm(text[cs:ce]), cs, ce))
    return out


#: Entity labels a speaker resolves to (PERSON first when one name has several).
_SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")


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


def quote_reuse_table(quotes: Any, documents: Any, min_overlap: float = 0.5, min_words: int = 6):
    """Group the same utterance quoted in several documents (the corpus table
    ``quote_reuse``, from the tables ``quotes`` and ``documents``).

    Two direct/partial quotes of different documents belong together when
    their word 4-gram sets overlap by at least ``min_overlap`` of the smaller
    one (so truncated or lightly edited versions match).  Returns a DataFrame
    with group, doc_id, start, end, quote, speaker, cue, is_earliest (the
    earliest ``published`` document, then the first in corpus order) and
    is_longest.
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
    index: Dict[tuple, List[int]] = {}
    for i, it in enumerate(items):
        for sh in it[4]:
            index.setdefault(sh, []).append(i)
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, it in enumerate(items):
        counts: Dict[int, int] = {}
        for sh in it[4]:
            for j in index[sh]:
                if j > i and items[j][0] != it[0]:
                    counts[j] = counts.get(j, 0) + 1
        for j, n in counts.items():
            if n >= min_overlap * min(len(it[4]), len(items[j][4])):
                parent[find(j)] = find(i)
    groups: Dict[int, List[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    rows = []
    gid = 0
    for members in groups.values():
        if len({items[i][0] for i in members}) < 2:
            continue
        earliest = min(members, key=lambda i: (items[i][2] is None, items[i][2] or 0, items[i][1]))
        longest = max(members, key=lambda i: len(items[i][3][2]))
        for i in members:
            doc_id, _, _, (start, end, quote, speaker, cue), _ = items[i]
            rows.append((gid, doc_id, start, end, quote, speaker, cue, i == earliest, i == longest))
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
