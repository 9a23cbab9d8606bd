"""Type stubs of the C extension peacecorpus._core (csrc/python).

Offsets are Python str indices (code points) unless said otherwise.  Arrays
come back as ``bytes`` of native uint32/uint64/float64 rows, read with
``numpy.frombuffer``.
"""
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Union, overload

from .errors import DocumentTooLarge as DocumentTooLarge, EngineError as EngineError
from .errors import LimitExceeded as LimitExceeded, StaleTable as StaleTable

ENGINE_VERSION: str
MODE_AUTO: int
MODE_TEXT: int
MODE_HTML: int
CLEAN_KEEP_BOILERPLATE: int
CLEAN_NO_MOJIBAKE: int
CLEAN_NO_NFC: int
TOK_WORD: int
TOK_NUM: int
TOK_PUNCT: int
TOK_SYM: int
TOK_OTHER: int
TOK_URL: int
QK_DIRECT: int
QK_PARTIAL: int
QK_SCARE: int
QK_INDIRECT: int
SPK_NAME: int
SPK_PRONOUN: int
SPK_ROLE: int
QF_BRACKET: int
QF_CUE_AFTER: int
QF_CUE_BEFORE: int
QF_EMBEDDED: int
QF_NESTED: int
QF_PARA_CONT: int
QF_SHARED_MARK: int
QF_SPLIT: int
QF_UNCLOSED: int
TAGGER_LABELS: Tuple[str, ...]


_Data = Union[str, bytes, bytearray, memoryview]
_Rows = Union[bytes, bytearray, memoryview]

class Removed(tuple):
    reason: str
    text: str
    position: int
    line: int

class QuoteSpan(tuple):
    start: int
    end: int
    open_mark: int
    close_mark: int
    cue_start: int
    cue_end: int
    spk_start: int
    spk_end: int
    role_start: int
    role_end: int
    cont: int
    kind: int
    spk_kind: int
    flags: int

class TimeSpan(tuple):
    tok_start: int
    tok_end: int
    type: str
    value: Optional[str]
    partial: str
    granularity: Optional[str]
    mod: Optional[str]
    anchor: Optional[str]
    anchor_index: int

class EventParticipant(tuple):
    entity: int
    role: int

class EventNumber(tuple):
    tok_start: int
    tok_end: int
    value: float
    value2: float
    unit: int
    unit_tok: int
    qual: int

class EventSpan(tuple):
    sentence: int
    tok_start: int
    tok_end: int
    type: int
    status: int
    kind: int
    time: int
    place: int
    participants: Tuple[EventParticipant, ...]
    numbers: Tuple[EventNumber, ...]

class Doc:
    """One parsed document: rows given in byte offsets, handed out in str offsets."""
    def __init__(self, text: str, paragraphs: _Rows, sentences: _Rows, tokens: _Rows,
                 removed: Sequence[Tuple[str, str, int, int]] = (), meta: Optional[Dict[str, str]] = None,
                 repairs: Optional[Sequence[int]] = None, is_html: bool = False) -> None: ...
    @property
    def text(self) -> str: ...
    @property
    def is_html(self) -> bool: ...
    @property
    def paragraphs(self) -> bytes: ...
    @property
    def sentences(self) -> bytes: ...
    @property
    def tokens(self) -> bytes: ...
    @property
    def paragraphs_utf8(self) -> bytes: ...
    @property
    def sentences_utf8(self) -> bytes: ...
    @property
    def tokens_utf8(self) -> bytes: ...
    @property
    def removed(self) -> Tuple[Removed, ...]: ...
    @property
    def meta(self) -> Tuple[Tuple[str, Any], ...]: ...
    @property
    def repairs(self) -> Dict[str, int]: ...
    @property
    def n_paragraphs(self) -> int: ...
    @property
    def n_sentences(self) -> int: ...
    @property
    def n_tokens(self) -> int: ...

def doc_span_texts(docs: Sequence[Doc], kind: int) -> Tuple[bytes, bytes]: ...
def doc_from_codepoints(text: str, paragraphs: _Rows, sentences: _Rows, tokens: _Rows,
                        removed: Sequence[Tuple[str, str, int, int]] = (), meta: Optional[Dict[str, str]] = None,
                        repairs: Optional[Sequence[int]] = None, is_html: bool = False) -> Doc: ...
def errmsg(code: int) -> str: ...
def parse(data: _Data, mode: int = 0, flags: int = 0, max_bytes: int = 0) -> Doc: ...
def parse_many(items: Sequence[_Data], mode: int = 0, flags: int = 0,
               max_bytes: int = 0) -> List[Union[Doc, int]]: ...
def times(doc: Doc, year: int, month: int, day: int) -> List[TimeSpan]: ...
def event_lexicon(entries: Iterable[Tuple[int, str, int, int]]) -> object: ...
def events(doc: Doc, lexicon: object, entity_rows: bytes, time_rows: bytes) -> List[EventSpan]: ...
@overload
def quotes(doc: Union[Doc, str], *, reported: bool = False,
           with_work: Literal[False] = False) -> List[QuoteSpan]: ...
@overload
def quotes(doc: Union[Doc, str], *, reported: bool = False,
           with_work: Literal[True]) -> Tuple[List[QuoteSpan], int]: ...
def gazetteer_fold(text: str) -> str: ...
def translit_edit1(a: str, b: str) -> bool: ...
def translit_key(name: str) -> str: ...
def entities(doc: Doc, gazetteer: Optional["Gazetteer"],
             place: Optional["Gazetteer"], tagger: Optional["Tagger"], title_label: int = 18,
             numex: bool = True, window: bool = True, widen: bool = False) -> bytes: ...
def mentions(doc: Doc, gazetteer: Optional["Gazetteer"], place: Optional["Gazetteer"], tagger: Optional["Tagger"],
             title_label: int, numex: bool, names: Optional[Tuple[bytes, bytes, bytes, List[str], List[Optional[str]]]],
             labels: Tuple[str, ...], max_entities: int, entity_type: type = tuple) -> Union[List[tuple], int]: ...

class Gazetteer:
    def __init__(self, patterns: Optional[Sequence[str]] = None, labels: Optional[Sequence[int]] = None,
                 entries: Optional[Sequence[int]] = None, cases: Optional[Sequence[int]] = None) -> None: ...
    def add(self, pattern: str, label: int = 0, entry: int = 0, case: int = 0) -> int: ...
    def compile(self) -> None: ...
    def match(self, text: str, overlapping: bool = False) -> List[Tuple[int, int, int]]: ...
    def case_rule(self, index: int) -> int: ...
    @property
    def nbytes(self) -> int: ...
    def __len__(self) -> int: ...

class Tagger:
    def __init__(self, n_buckets: int = 2 ** 18, word_dropout: float = 0.0, seed: int = 0) -> None: ...
    @classmethod
    def load(cls, blob: bytes) -> "Tagger": ...
    def train_sentence(self, text: str, spans: Sequence[Tuple[int, int]], labels: Sequence[int],
                       ext: Optional[Sequence[int]] = None) -> int: ...
    def finalize(self) -> None: ...
    def averaged(self) -> "Tagger": ...
    def save(self) -> bytes: ...
    def tag(self, text: str, spans: Sequence[Tuple[int, int]],
            ext: Optional[Sequence[int]] = None) -> List[int]: ...
    def tag_many(self, texts: Sequence[str], spans: Sequence[Sequence[Tuple[int, int]]],
                 ext: Optional[Sequence[Sequence[int]]] = None) -> List[List[int]]: ...
    def tag_tokens(self, sentences: Sequence[Sequence[str]], ext: Optional[Sequence[Sequence[int]]] = None,
                   as_str: bool = False) -> List[List[Union[int, str]]]: ...
    @property
    def is_final(self) -> bool: ...

def sim_tokens(text: str, seed: int = 1) -> List[str]: ...
def sim_shingles(text: str, ngram: int = 5, seed: int = 1) -> bytes: ...
def sim_signatures(texts: Sequence[str], num_perm: int = 128, ngram: int = 5,
                   seed: int = 1) -> Tuple[bytes, bytes]: ...
def sim_lsh_params(threshold: float, num_perm: int, wfp: float = 0.5,
                   wfn: float = 0.5) -> Tuple[int, int]: ...
def sim_neardup(texts: Sequence[str], threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                seed: int = 1, bands: int = 0, rows: int = 0, min_exact: float = ...,
                max_pairs: int = 0) -> List[Tuple[int, int, float, float]]: ...
def sim_tfidf_pairs(texts: Sequence[str], min_score: float = 0.0, sublinear: bool = True,
                    seed: int = 1, max_pairs: int = 0) -> Tuple[bytes, bytes, bytes]: ...
def sim_minhash_pairs(sig: bytes, ndocs: int, num_perm: int, min_score: float = 0.0,
                      skip: Optional[bytes] = None) -> Tuple[bytes, bytes, bytes]: ...
def sim_reuse(texts: Sequence[str], min_words: int = 8, anchor: int = 4, max_gap: int = 20,
              seed: int = 1, max_df: int = 50,
              max_partners: int = 5) -> List[Tuple[int, int, int, int, int, int, int, float]]: ...
# rows: texts, or (uint64 tokens, uint64 offsets) buffers
def sim_topk(rows: Any, k: int, min_score: float = 0.0, sublinear: bool = True, seed: int = 1,
             budget: int = 0, candidates: int = 0, minhash: bool = False, num_perm: int = 256,
             ngram: int = 3) -> Tuple[bytes, bytes, bytes, Dict[str, Any]]: ...
def sim_bag(texts: Sequence[str], seed: int = 1) -> Tuple[List[str], bytes, bytes, bytes]: ...
def sim_block(rows: Any, idx: bytes, sublinear: bool = True, seed: int = 1) -> bytes: ...

def vocabulary() -> Dict[str, Tuple[str, ...]]: ...
