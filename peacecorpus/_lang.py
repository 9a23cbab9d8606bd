"""Which language a document is written in, without a model download.

Latin-script languages are told apart by their most frequent function words (articles,
prepositions, pronouns, auxiliaries: lists written here from the grammar of each
language); other scripts by the Unicode script of their letters, Cyrillic languages by
their function words too.  A page's ``lang`` attribute is taken when the text does not
clearly say otherwise (issue #13: "the page's lang attributes, confirmed on the text").

>>> detect("The talks resumed on Friday and the ministers said that they would meet again.")
'en'
>>> detect("Die Gespräche wurden am Freitag fortgesetzt, und die Minister sagten, dass sie sich wieder treffen.")
'de'
>>> detect("В Москве прошли переговоры, и министры заявили, что они снова встретятся.")
'ru'
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Dict, Iterable, List, Optional

_FUNCTION_WORDS: Dict[str, str] = {
    "en": "the and of to in is that for it was on with as be by at this are from have not or an "
          "but which they their were has been would will its there who said also",
    "de": "der die das und ist nicht den von zu mit sich des auf für im dem eine ein auch als "
          "es an wird werden bei aus noch nach wie sind einen wurde oder über vom dass",
    "fr": "le la les et des est une que dans pour pas qui sur au du par sont avec plus ce cette "
          "été aux ses leur mais ont nous vous elle ils",
    "es": "el la los las y del que en un una por con para es se no al lo como más pero sus fue "
          "ha este esta entre cuando también sobre desde",
    "it": "il di che la per non una del della con le gli sono nel alla anche come più questo "
          "dei delle è ha ma si sul nella loro essere",
    "pt": "de que não uma os do da em para com por se mais como dos das foi ao pelo pela também "
          "são seu sua ele ela está entre quando",
    "nl": "de het een van en is dat niet op te zijn met voor er aan ook als bij door maar om nog "
          "hij ze wordt werd naar uit deze",
    "pl": "i w na nie się z do że to jest jak po o od za przez dla jego ale tak być co już tym "
          "są oraz który która które przy",
    "sv": "och att det som en på är av för med till den har inte om ett men var jag sig från "
          "vid kan hade eller detta också",
    "da": "og at det er en til på med for af den som har ikke de et var jeg vil kan også fra "
          "men efter blev eller",
    "no": "og i det er en til på som for med av ikke de har et var jeg skal kan også fra men "
          "etter ble eller hun",
    "fi": "ja on ei se että oli hän ovat mutta kun myös tai joka sen niin ole ovat kanssa jo "
          "vain voi",
    "cs": "a je se na v že to s z do jako pro by ale jsou jeho tak ve o k který která které byl "
          "také po",
    "tr": "ve bir bu da de için ile olarak çok daha gibi olan ne ama kadar sonra göre ise en "
          "değil var",
    "ro": "și de în la cu nu o că pe din este un mai care sau fost pentru prin ce sunt lui",
    "hu": "a az és hogy nem is egy meg de csak van már volt mint ez azt még el ki",
    "ru": "и в не на что с по это как к из у за от о но же так для его он она они был была "
          "были который также ещё еще уже или чтобы после году года при мы вы",
    "uk": "і в не на що з до це як за від у та його але він вона вони був була були який також "
          "що є",
    "bg": "да се са че като това към той тя те беше които който ще във съм сме бъде",
}
_LANGS = sorted(_FUNCTION_WORDS)
# word -> the languages it is a function word of (one dict lookup per word of the text)
_WORD_LANGS: Dict[str, tuple] = {}
for _lang in _LANGS:
    for _w in _FUNCTION_WORDS[_lang].split():
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, ()) + (_lang,)
# the same, keyed by UTF-8 bytes: the words of a text are found with bytes.translate + split
_WORD_LANGS_B: Dict[bytes, tuple] = {w.encode("utf-8"): v for w, v in _WORD_LANGS.items()}
_TOKEN = re.compile(r"[^\W\d_]+")
# every ASCII byte that is not a lower-case letter -> space; bytes >= 0x80 (UTF-8 of
# other characters) are kept and their runs looked at with _TOKEN
_ASCII_WORDS = bytes(c if 97 <= c <= 122 or c >= 128 else 32 for c in range(256))
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")

# scripts whose letters name the language (or a group told apart by words)
_SCRIPT_LANG = {
    "GREEK": "el", "ARABIC": "ar", "HEBREW": "he", "HANGUL": "ko", "HIRAGANA": "ja",
    "KATAKANA": "ja", "CJK": "zh", "THAI": "th", "DEVANAGARI": "hi", "BENGALI": "bn",
    "TAMIL": "ta", "GEORGIAN": "ka", "ARMENIAN": "hy", "ETHIOPIC": "am",
}


def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    return name.split(" ", 1)[0]


def _words(low: str) -> List[bytes]:
    """``_TOKEN.findall(low)`` as UTF-8 bytes, without a regex over the whole text:
    ASCII non-letters become spaces (bytes.translate), and only the pieces that
    hold other characters are split by _TOKEN (letters, digits, marks there)."""
    try:
        data = low.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return [w.encode("utf-8", "surrogatepass") for w in _TOKEN.findall(low)]
    pieces = data.translate(_ASCII_WORDS).split()
    if data.isascii():
        return pieces
    words: List[bytes] = []
    for piece in pieces:
        if piece.isascii():
            words.append(piece)
        else:
            words.extend(w.encode("utf-8") for w in _TOKEN.findall(piece.decode("utf-8")))
    return words


def detect(text: str, max_chars: int = 6000) -> Optional[str]:
    """ISO 639-1 code of the language of ``text``, or None when it is too short or unclear."""
    sample = text[:max_chars]
    head = sample[:3000]
    others = [] if head.isascii() else _NON_LATIN.findall(head)
    if others:
        letters: Dict[str, int] = {}
        for ch in others[:600]:
            s = _script(ch)
            letters[s] = letters.get(s, 0) + 1
        top, n = max(letters.items(), key=lambda kv: kv[1])
        if len(others) >= 0.3 * len(_LETTER.findall(sample[:3000])) and top != "CYRILLIC":
            if top == "CJK" and (letters.get("HIRAGANA", 0) + letters.get("KATAKANA", 0)) > 0.05 * n:
                return "ja"
            return _SCRIPT_LANG.get(top)
    counts = dict.fromkeys(_LANGS, 0)
    words = _words(sample.lower())
    seen = len(words)
    for word, n in Counter(filter(_WORD_LANGS_B.__contains__, words)).items():
        for lang in _WORD_LANGS_B[word]:
            counts[lang] += n
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, hits), (runner, second) = ranked[0], ranked[1]
    if hits == second and {best, runner} <= {"ru", "uk"}:
        return "ru" if hits >= 3 else None  # the words both share: the more common language
    if hits < 3 or hits < 0.08 * seen or hits < 1.25 * second:
        return None
    return best


def primary(tag: Optional[str]) -> Optional[str]:
    """The language part of a tag: "de-DE", "en_US", "DE" -> "de", "en", "de"."""
    if not tag:
        return None
    code = re.split(r"[-_\s,;]", tag.strip().lower(), maxsplit=1)[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def document_language(text: str, declared: Iterable[Optional[str]] = ()) -> Optional[str]:
    """The text's language, or the first declared one when the text does not decide or agrees.

    >>> document_language("Kurz.", ["de-AT"]), document_language("The minister said that the talks were over and the sides would meet.", ["de"])
    ('de', 'en')
    """
    said = next((p for p in (primary(t) for t in declared) if p), None)
    seen = detect(text)
    return seen or said
