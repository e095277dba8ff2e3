"""Text analysis shared by indexing and querying: folding, Chinese segmentation, stemming, pinyin, prefixes.

Documents and queries go through the same functions, so a term the index holds is the term a query asks for.
Only this package imports rjieba and zhconv; the pinyin readings come from pinyin_table.py.
"""

import functools
import re
import threading
import unicodedata
from pathlib import Path

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

from . import pinyin_table

DICTIONARY_FILE = Path(__file__).with_name("dictionary.txt")

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Chinese characters, or a run of letters/digits of any other script.
RUN_RE = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")

# Small on purpose: words that appear in almost every question and carry no topic.
_CHINESE_STOP_TEXT = """
的 了 吗 呢 啊 吧 呀 嘛 么 哦 哈 啦 是 我 你 您 他 她 它 我们 你们 他们 在 和 与 及 或 就 都 也 很 把 被 让 给
这 那 这个 那个 这种 一个 个 有 要 会 能 可以 可 怎么 怎么办 怎么样 怎样 什么 如何 为什么 哪些 哪里
是不是 能不能 会不会 有没有 到底 真的 还是 自己 之后 以后 时候 一下 已经 应该 需要 就是 但是 因为 所以 如果
"""
_ENGLISH_STOP_TEXT = """
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
him his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours out over own same she should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while who whom why will with
would you your yours
"""
CHINESE_STOP_WORDS = frozenset(_CHINESE_STOP_TEXT.split())
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP_TEXT.split())

# Prefix tokens longer than this would only bloat the autocomplete field.
AUTOCOMPLETE_MAX_CHARS = 8

_segmenter_lock = threading.Lock()
_segmenter = None


def segmenter():
    """rjieba (Rust jieba: jieba's dictionary and segments, ~8× faster to load) with the domain words."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                import rjieba

                for line in DICTIONARY_FILE.read_text(encoding="utf-8").splitlines():
                    parts = line.split()
                    if parts and not line.startswith("#"):
                        rjieba.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None, None)
                _segmenter = rjieba
    return _segmenter


@functools.lru_cache(maxsize=1)
def _zhconv():
    import zhconv

    return zhconv


def has_cjk(text):
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def normalize(text):
    """Full-width → half-width (NFKC), traditional → simplified, lower case."""
    return _normalize(str(text))


# A field's value is analysed three times in a row (full text, pinyin, autocomplete: a page title is in all
# three), and folding is a third of the analysis time; the cache holds the values of a few documents.
@functools.lru_cache(maxsize=64)
def _normalize(text):
    text = unicodedata.normalize("NFKC", text)
    if has_cjk(text):
        text = _zhconv().convert(text, "zh-hans")
    return text.lower()


def runs(text):
    """(is_chinese, run) pairs of an already normalised text."""
    for chinese, run, _ in runs_at(text):
        yield chinese, run


def runs_at(text):
    """(is_chinese, run, offset of the run in the text) triples of an already normalised text."""
    for match in RUN_RE.finditer(text):
        if match.group(1):
            yield True, match.group(1), match.start()
        else:
            yield False, match.group(2), match.start()


@functools.lru_cache(maxsize=50_000)
def stem(word):
    return porter_stem(word) if word.isalpha() else word


def latin_term(word):
    """The index term of a Latin word, or None for a stop word."""
    return None if word in ENGLISH_STOP_WORDS else stem(word)


def text_terms(text):
    """Terms of the full-text fields: jieba search-mode words for Chinese, stemmed words otherwise."""
    terms = []
    for chinese, run in runs(normalize(text)):
        if chinese:
            terms.extend(w for w in segmenter().cut_for_search(run) if w not in CHINESE_STOP_WORDS)
        else:
            term = latin_term(run)
            if term:
                terms.append(term)
    return terms


# ---- pinyin ----------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=30_000)
def readings(char):
    """Toneless readings of one character, at most two (heteronyms: 还 → hai, huan), so that a homophone
    typo in a query (换 for 还) meets the reading the author meant."""
    return pinyin_table.table().get(char, ())[:2]


@functools.lru_cache(maxsize=1)
def pinyin_syllables():
    return frozenset(s for found in pinyin_table.table().values() for s in found)


@functools.lru_cache(maxsize=20_000)
def split_pinyin(word):
    """A Latin word as toneless pinyin syllables ('xieshang' → ('xie', 'shang')), or None if it is not pinyin.
    Fewest syllables wins, which resolves 'xian' as one syllable rather than 'xi an'."""
    syllables = pinyin_syllables()
    word = word.replace("ü", "v")
    best = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if best[start] is not None and word[start:end] in syllables:
                candidate = best[start] + (word[start:end],)
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[len(word)]


def pinyin_bigrams(reading_lists):
    """Bigrams of consecutive syllable positions (each position may have several readings)."""
    grams = []
    for left, right in zip(reading_lists, reading_lists[1:], strict=False):
        grams.extend(f"{a}_{b}" for a in left for b in right)
    return grams


def pinyin_terms(text):
    """Terms of the pinyin fields: reading bigrams inside each run of Chinese characters."""
    terms = []
    for chinese, run in runs(normalize(text)):
        if chinese:
            terms.extend(pinyin_bigrams([readings(ch) or (ch,) for ch in run]))
    return terms


# ---- autocomplete ----------------------------------------------------------------------------------------


def autocomplete_terms(text):
    """Terms of the autocomplete fields: every suffix of a Chinese run (so a prefix query finds any substring)
    and every Latin word, unstemmed."""
    terms = []
    for chinese, run in runs(normalize(text)):
        if chinese:
            terms.extend(run[i : i + AUTOCOMPLETE_MAX_CHARS] for i in range(len(run)))
        else:
            terms.append(run)
    return terms


def autocomplete_prefixes(text):
    prefixes = []
    for chinese, run in runs(normalize(text)):
        if chinese:
            step = AUTOCOMPLETE_MAX_CHARS
            prefixes.extend(run[i : i + step] for i in range(0, len(run), step))
        else:
            prefixes.append(run)
    return prefixes


# ---- whoosh glue -----------------------------------------------------------------------------------------


class TermTokenizer(Tokenizer):
    """A Whoosh analyser that emits the terms of one of the functions above; pickled into the index schema by
    name, so the function is looked up on use."""

    def __init__(self, kind):
        self.kind = kind

    def __eq__(self, other):
        return isinstance(other, TermTokenizer) and other.kind == self.kind

    def __call__(
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
        start_char=0, tokenize=True, mode="", **kwargs,
    ):  # fmt: skip
        terms = TERM_FUNCTIONS[self.kind](value) if tokenize else [value]
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, term in enumerate(terms, start_pos):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = term
            if positions:
                token.pos = pos
            if chars:
                token.startchar = token.endchar = start_char
            yield token


TERM_FUNCTIONS = {"text": text_terms, "pinyin": pinyin_terms, "autocomplete": autocomplete_terms}


# ---- queries ---------------------------------------------------------------------------------------------


class QueryUnit:
    """One word of a query and the evidence that may stand in for it: the dictionary words inside it, the
    pinyin bigrams that overlap it, and (added by the compiler) synonyms."""

    __slots__ = ("term", "raw", "latin", "subwords", "pinyin", "span")

    def __init__(self, term, raw, latin, subwords=(), pinyin=None, span=(0, 0)):
        self.term = term
        self.raw = raw
        self.latin = latin
        self.subwords = tuple(subwords)
        self.pinyin = pinyin if pinyin is not None else []
        self.span = span  # (start, end) of the word in the normalised query text

    def __repr__(self):
        return f"<QueryUnit {self.term!r} sub={self.subwords} py={self.pinyin}>"


def _subwords(word):
    """The shorter dictionary words inside a long word, as jieba's search mode would index them."""
    seg = segmenter()
    found = []
    for size in (2, 3):
        if len(word) > size:
            found.extend(
                word[i : i + size] for i in range(len(word) - size + 1) if seg.has_word(word[i : i + size])
            )
    return [w for w in found if w not in CHINESE_STOP_WORDS]


def _assign_bigrams(units, spans, syllables):
    """Gives each unit the reading bigrams whose two positions overlap the unit's span of syllables. Bigrams
    may cross from one unit into the next (a typo often changes the segmentation) but not into a stop word."""
    covered = {pos for start, end in spans for pos in range(start, end + 1)}
    for index in range(len(syllables) - 1):
        if index not in covered or index + 1 not in covered:
            continue
        grams = pinyin_bigrams(syllables[index : index + 2])
        for unit, (start, end) in zip(units, spans, strict=True):
            if start <= index + 1 and index <= end:
                unit.pinyin.extend(grams)


def query_units(text, with_pinyin=True):
    """The units of a plain-text query, in order."""
    units = []
    latin_units, latin_spans, latin_syllables = [], [], []

    def flush_latin():
        # Consecutive pinyin-looking words ('xie shang', 'zhengxin') are read as one pinyin run when it has at
        # least two syllables; a single syllable ('can', 'long') is too likely to be English.
        if with_pinyin and len(latin_syllables) >= 2:
            _assign_bigrams(latin_units, latin_spans, latin_syllables)
        latin_units.clear(), latin_spans.clear(), latin_syllables.clear()

    for chinese, run, offset in runs_at(normalize(text)):
        if chinese:
            flush_latin()
            syllables = [readings(ch) or (ch,) for ch in run]
            run_units, spans, pos = [], [], 0
            for word in segmenter().cut(run):
                start, pos = pos, pos + len(word)
                if word in CHINESE_STOP_WORDS:
                    continue
                span = (offset + start, offset + pos)
                run_units.append(QueryUnit(word, word, False, _subwords(word), span=span))
                spans.append((start, pos - 1))
            if with_pinyin:
                _assign_bigrams(run_units, spans, syllables)
            units.extend(run_units)
        else:
            term = latin_term(run)
            if term is None:
                continue
            unit = QueryUnit(term, run, True, span=(offset, offset + len(run)))
            units.append(unit)
            parts = split_pinyin(run) if run.isascii() and run.isalpha() else None
            if parts is None:
                flush_latin()
                continue
            latin_units.append(unit)
            latin_spans.append((len(latin_syllables), len(latin_syllables) + len(parts) - 1))
            latin_syllables.extend((p,) for p in parts)
    flush_latin()
    for unit in units:
        unit.pinyin = list(dict.fromkeys(unit.pinyin))
    return units


@functools.lru_cache(maxsize=10_000)
def is_noun(word):
    """Whether jieba's dictionary tags a word as a noun (a thing or a name, not chat around a question)."""
    if not has_cjk(word):
        return word.isalpha()
    tags = segmenter().tag(word)
    return len(tags) == 1 and tags[0][1][:1] == "n"


def own_pinyin_pairs(unit):
    """The reading bigrams of each pair of adjacent syllables inside one query unit, as a list of alternatives
    per pair (heteronyms give several)."""
    if unit.latin:
        if not unit.pinyin:
            return []
        parts = split_pinyin(unit.raw) or ()
        return [[f"{a}_{b}"] for a, b in zip(parts, parts[1:], strict=False)]
    syllables = [readings(ch) or (ch,) for ch in unit.raw]
    return [pinyin_bigrams(syllables[i : i + 2]) for i in range(len(syllables) - 1)]
