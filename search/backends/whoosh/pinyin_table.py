"""The toneless readings of Chinese characters, from a compact file made from pypinyin's table.

pypinyin's own table is a Python module of 41,000 entries with tones; importing it cost every worker 52 MB of
memory, against about 5 MB for this file's dictionary. ``pinyin.txt`` holds one line per distinct reading list
("hai,huan<TAB>还…"); regenerate it after upgrading pypinyin (a test compares the two):

    python -m search.backends.whoosh.pinyin_table

Source: pypinyin (MIT licence, https://github.com/mozillazg/python-pinyin), its ``pinyin_dict``.
"""

import functools
import sys
import unicodedata
from pathlib import Path

TABLE_FILE = Path(__file__).with_name("pinyin.txt")


def strip_tone(syllable):
    plain = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return plain.replace("ü", "v").lower()


def toneless(raw):
    """'hái,huán,huàn' → ('hai', 'huan'): each toneless reading once, in pypinyin's order."""
    seen = []
    for syllable in raw.split(","):
        plain = strip_tone(syllable)
        if plain and plain not in seen:
            seen.append(plain)
    return tuple(seen)


def from_pypinyin():
    """{character: toneless readings} computed from pypinyin's table (for writing and checking the file)."""
    from pypinyin.pinyin_dict import pinyin_dict

    table = {}
    for code, raw in pinyin_dict.items():
        found = toneless(raw)
        if found:
            table[chr(code)] = found
    return table


def write(table, path=TABLE_FILE):
    groups = {}
    for char, found in sorted(table.items()):
        groups.setdefault(found, []).append(char)
    lines = [f"{','.join(found)}\t{''.join(chars)}" for found, chars in sorted(groups.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@functools.lru_cache(maxsize=1)
def table():
    """{character: toneless readings}, read from ``pinyin.txt`` once."""
    result = {}
    for line in TABLE_FILE.read_text(encoding="utf-8").splitlines():
        found, chars = line.split("\t")
        readings = tuple(found.split(","))
        for char in chars:
            result[char] = readings
    return result


if __name__ == "__main__":
    write(from_pypinyin())
    sys.stdout.write(f"{TABLE_FILE}: {len(table())} characters\n")
