"""Reading-time estimate for mixed Chinese and English text."""

import math
import re

CJK_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")

# Typical silent-reading speeds for adults on a screen.
CJK_CHARACTERS_PER_MINUTE = 400
LATIN_WORDS_PER_MINUTE = 200


def reading_minutes(text):
    """Whole minutes needed to read `text`, at least one."""
    cjk = len(CJK_CHARACTER.findall(text))
    words = len(LATIN_WORD.findall(CJK_CHARACTER.sub(" ", text)))
    minutes = cjk / CJK_CHARACTERS_PER_MINUTE + words / LATIN_WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))
