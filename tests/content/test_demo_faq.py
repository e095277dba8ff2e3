"""The demo FAQ answers (content/demo/faq/*.jsonl) are well-formed for `import_faq` and numerous enough."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from content.faq_import import KNOWN_CATEGORIES

FAQ_DIR = Path(__file__).resolve().parents[2] / "content" / "demo" / "faq"
# The categories import_faq creates by itself (any other must exist before an import).
CATEGORIES = set(KNOWN_CATEGORIES)
KEYS = {"id", "question", "short_answer", "answer", "category", "tags", "lang"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def answers():
    return [
        json.loads(line)
        for path in sorted(FAQ_DIR.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_at_least_sixty_answers_mostly_chinese_with_unique_ids():
    entries = answers()
    languages = Counter(entry["lang"] for entry in entries)
    assert len(entries) >= 60
    assert languages["zh-hans"] > languages["en"] > 0
    assert len({entry["id"] for entry in entries}) == len(entries)


@pytest.mark.parametrize("entry", answers(), ids=lambda entry: entry["id"])
def test_each_answer_is_complete_and_in_its_language(entry):
    assert set(entry) == KEYS
    assert entry["category"] in CATEGORIES
    assert entry["question"].strip() and entry["short_answer"].strip() and entry["answer"].strip()
    assert 2 <= len(entry["tags"]) <= 4
    chinese = len(CJK.findall(entry["answer"]))
    assert chinese >= 100 if entry["lang"] == "zh-hans" else chinese <= 20
