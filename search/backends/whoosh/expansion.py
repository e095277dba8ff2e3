"""Query expansion: the other words that may stand in for each word of a query, with how much they weigh.

The words come from the synonym groups (``search.synonyms``: the defaults and the groups editors keep).
A Chinese phrase of a group is found in the query's text itself, however jieba happens to split the query
(晚点还钱 → 晚点 | 还钱 still holds the phrase 晚点还); Latin phrases are matched on their stems, word by
word. A group may name a thing in both languages (征信 ~ credit report): the other language's words
weigh less.

An expansion is a list per query unit of (term sequence, weight); a sequence of several terms must match all
of them.
"""

import functools

from .analysis import has_cjk, normalize, query_units

# Phrases of a synonym group longer than this many characters are not looked for inside the query's text.
MAX_PHRASE_CHARS = 8
# A phrase found inside one longer query word stands in for a part of it only: it weighs this share.
PART_FACTOR = 0.5


def _sequence(phrase):
    return tuple(unit.term for unit in query_units(phrase, with_pinyin=False))


@functools.lru_cache(maxsize=8)
def synonym_index(groups):
    """(Chinese phrase → sequences of its groups, first Latin term → [(sequence, sequences of its group)])."""
    chinese, latin = {}, {}
    for group in groups:
        phrase_sequences = [_sequence(phrase) for phrase in group]
        sequences = list(dict.fromkeys(s for s in phrase_sequences if s))
        for phrase, sequence in zip(group, phrase_sequences, strict=True):
            if not sequence:
                continue
            text = normalize(phrase).replace(" ", "")
            if has_cjk(text) and all(has_cjk(ch) for ch in text) and len(text) <= MAX_PHRASE_CHARS:
                chinese.setdefault(text, []).extend(sequences)
            elif not has_cjk(text):
                latin.setdefault(sequence[0], []).append((sequence, sequences))
    return chinese, latin


def _is_chinese(sequence):
    return all(map(has_cjk, sequence))


def expand(units, text, groups, synonym_weight, cross_language_weight):
    """[[(term sequence, weight)] for each unit]: what may stand in for it (never the unit's own term).

    A synonym in the other script (credit report for 征信, 催收 for debt collector) weighs
    ``cross_language_weight``: it finds the answers of the other language, which should follow the answers in
    the reader's own language rather than lead them."""
    chinese_phrases, latin_phrases = synonym_index(groups) if groups else ({}, {})
    normalized = normalize(text)
    terms = [unit.term for unit in units]
    found = [{} for _ in units]

    def add(index, sequence, weight):
        unit = units[index]
        if not sequence or sequence == (unit.term,) or (len(sequence) == 1 and sequence[0] in unit.subwords):
            return  # the word itself, or a part of it that the query already looks for
        if _is_chinese(sequence) == unit.latin:
            weight = min(weight, cross_language_weight)
        if found[index].get(sequence, 0) < weight:
            found[index][sequence] = weight

    for i, unit in enumerate(units):
        if unit.latin:
            for sequence, alternatives in latin_phrases.get(unit.term, ()):
                if tuple(terms[i : i + len(sequence)]) == sequence:
                    for alt in alternatives:
                        if alt != sequence:
                            add(i, alt, synonym_weight)
            continue
        start, end = unit.span
        for begin in range(start, end):
            for stop in range(begin + 2, min(len(normalized), begin + MAX_PHRASE_CHARS) + 1):
                # A phrase that is only a part of one word (协商 in 协商还款) stands in for that part, weakly.
                inside = stop <= end and (begin, stop) != (start, end)
                for alt in chinese_phrases.get(normalized[begin:stop], ()):
                    add(i, alt, synonym_weight * (PART_FACTOR if inside else 1))
    return [list(alternatives.items()) for alternatives in found]
