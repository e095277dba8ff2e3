"""Generated FAQ entries for the search benchmark at scale (`import_faq`'s JSON Lines format).

Sentences, questions and tags are recombined from the demo answers in content/demo/faq/, so the generated
documents have the vocabulary and length of real answers (about 300 Chinese characters each). Deterministic:
the same count gives the same file, so a generated site can be reused between runs.
"""

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_FAQ = sorted((ROOT / "content" / "demo" / "faq").glob("*.jsonl"))
SENTENCE_END = re.compile(r"(?<=[。！？.!?])\s*")
LENDERS = ["网商贷", "借呗", "微粒贷", "花呗", "信用卡", "消费金融公司", "银行贷款", "京东金条", "美团月付"]
SITUATIONS = ["失业以后", "生病住院期间", "生意不好的时候", "收入减半以后", "家里出事以后", "刚逾期三天", ""]


def demo_entries():
    for path in DEMO_FAQ:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def pools():
    by_lang = {}
    for entry in demo_entries():
        pool = by_lang.setdefault(
            entry["lang"], {"questions": [], "sentences": [], "tags": [], "categories": set()}
        )
        pool["questions"].append(entry["question"])
        pool["sentences"].extend(s for s in SENTENCE_END.split(entry["answer"]) if len(s) > 8)
        pool["tags"].extend(entry["tags"])
        pool["categories"].add(entry["category"])
    for pool in by_lang.values():
        pool["categories"] = sorted(pool["categories"])
    return by_lang


def generate(count, seed=2026):
    """`count` entries, nine in ten in Chinese, as dictionaries."""
    rng = random.Random(seed)
    by_lang = pools()
    for number in range(1, count + 1):
        lang = "en" if number % 10 == 0 else "zh-hans"
        pool = by_lang[lang]
        question = rng.choice(pool["questions"])
        if lang == "zh-hans":
            question = f"{rng.choice(SITUATIONS)}{rng.choice(LENDERS)}：{question}"
        joiner = "" if lang == "zh-hans" else " "
        paragraphs = [
            joiner.join(rng.sample(pool["sentences"], rng.randint(2, 4))) for _ in range(rng.randint(2, 3))
        ]
        yield {
            "id": f"gen-faq-{number:05d}",
            "question": question,
            "answer": "\n\n".join(paragraphs),
            "category": rng.choice(pool["categories"]),
            "tags": rng.sample(pool["tags"], 3),
            "lang": lang,
        }


def write(path, count):
    with Path(path).open("w", encoding="utf-8") as output:
        for entry in generate(count):
            output.write(json.dumps(entry, ensure_ascii=False) + "\n")
