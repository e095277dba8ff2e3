""" "Did you mean": words the index does not know, replaced by indexed words that sound the same.

A homophone typo (网伤贷 for 网商贷, 征心 for 征信) or a word typed in pinyin (xieshang) is replaced by the
most common indexed Chinese word with the same toneless reading. Only text that is neither an indexed word nor
a word of jieba's dictionary is replaced, so a real word is never "corrected" into another.
"""

import itertools
import weakref

from .analysis import has_cjk, normalize, readings, runs, segmenter, split_pinyin
from .schema import TEXT_PREFIX

MAX_WORD = 4  # characters: the longest Chinese word looked for
MAX_SOUNDS = 8  # reading combinations kept per word (heteronyms multiply them)
SKIPPED_FIELDS = ("body",)

_vocabularies = weakref.WeakKeyDictionary()


def sounds(word):
    """Toneless readings of a Chinese word, one string per combination of its characters' readings."""
    options = [readings(ch) or (ch,) for ch in word]
    return ["_".join(combo) for combo in itertools.islice(itertools.product(*options), MAX_SOUNDS)]


class Vocabulary:
    """The indexed Chinese words of 2–4 characters with their document frequencies, and by reading."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.frequency = {}
        for fieldname, raw in reader.all_terms():
            # Titles, summaries and tags hold the words people look for; long bodies would only slow this.
            if not fieldname.startswith(TEXT_PREFIX) or fieldname.endswith(SKIPPED_FIELDS):
                continue
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if 2 <= len(term) <= MAX_WORD and all(has_cjk(ch) for ch in term):
                self.frequency[term] = self.frequency.get(term, 0) + reader.doc_frequency(fieldname, raw)
        self.by_sound = {}
        # Most frequent first, so the common word wins a shared reading.
        for term in sorted(self.frequency, key=lambda word: (-self.frequency[word], word)):
            for sound in sounds(term):
                self.by_sound.setdefault(sound, term)


def vocabulary(searcher):
    found = _vocabularies.get(searcher)
    if found is None:
        found = _vocabularies[searcher] = Vocabulary(searcher)
    return found


def _known(word, vocab):
    return word in vocab.frequency or segmenter().has_word(word)


def _correct_chinese(run, vocab):
    """The run with unknown stretches of 2–4 characters replaced by indexed words that sound alike."""
    out, i, changed = [], 0, False
    while i < len(run):
        for size in range(min(MAX_WORD, len(run) - i), 1, -1):
            piece = run[i : i + size]
            if _known(piece, vocab):
                out.append(piece)
                i += size
                break
            match = next((vocab.by_sound[s] for s in sounds(piece) if s in vocab.by_sound), None)
            if match is not None:
                out.append(match)
                i += size
                changed = True
                break
        else:
            out.append(run[i])
            i += 1
    return "".join(out), changed


def suggest(searcher, text):
    """The corrected query, or None when nothing needed correcting."""
    vocab = vocabulary(searcher)
    parts, changed, pinyin_run = [], False, []

    def flush_pinyin():
        nonlocal changed
        if not pinyin_run:
            return
        chinese = [vocab.by_sound.get("_".join(split_pinyin(word) or ())) for word in pinyin_run]
        if all(chinese):
            parts.append("".join(chinese))
            changed = True
        else:
            parts.append(" ".join(pinyin_run))
        pinyin_run.clear()

    for chinese, run in runs(normalize(text)):
        if chinese:
            flush_pinyin()
            corrected, fixed = _correct_chinese(run, vocab)
            parts.append(corrected)
            changed |= fixed
        elif run.isascii() and run.isalpha() and len(split_pinyin(run) or ()) >= 2:
            pinyin_run.append(run)
        else:
            flush_pinyin()
            parts.append(run)
    flush_pinyin()
    return " ".join(parts) if changed else None
