"""Relevance in one process: the development set's queries through the search API's view, scored by the same
scorer as ``make bench`` (bench/search_eval/eval.py), in seconds instead of minutes, for tuning the analysis.

    python -m bench.relevance              # import the entries and build the index once, then score
    python -m bench.relevance --reindex    # rebuild the index first (after a change to the analysis)
    python -m bench.relevance --show 20    # also list the 20 worst queries with what came back
    python -m bench.relevance --queries Q.jsonl --faq F.jsonl   # another set (a fresh site of its own)

``make bench`` (bench/search.py) remains the figure of record: it serves the site through gunicorn.
"""

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "bench" / "search_eval"


def load_scorer():
    spec = importlib.util.spec_from_file_location("search_eval", EVAL_DIR / "eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def setup_site(faq_path, reindex):
    digest = hashlib.blake2b(Path(faq_path).read_bytes(), digest_size=6).hexdigest()
    folder = ROOT / "var" / "bench" / f"relevance-{digest}"
    os.environ["PORTAL_VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("DATABASE_URL", None)
    marker = folder / "imported"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    import django

    django.setup()
    from django.core.management import call_command

    if not marker.exists():
        call_command("migrate", verbosity=0)
        call_command("import_faq", str(faq_path), verbosity=0)
        call_command("update_index", verbosity=0)
        marker.touch()
    elif reindex:
        call_command("update_index", verbosity=0)


def run(queries, scorer):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for query in queries:
        response = client.get("/api/search/", {"q": query["query"], "type": "faq", "limit": 10})
        results = response.json()["results"] if response.status_code == 200 else []
        ids = scorer.ranked_ids(results, "faq", 10)
        row = {**query, "ids": ids, "n": len(results), "answerable": bool(query["relevant"])}
        if query["relevant"]:
            row.update(scorer.score_query(ids, query["relevant"]))
        rows.append(row)
    return rows


def report(rows, show):
    mean = lambda values: sum(values) / len(values) if values else float("nan")  # noqa: E731
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    print(
        f"MRR@10={mean([r['rr'] for r in answerable]):.3f} "
        f"nDCG@10={mean([r['ndcg'] for r in answerable]):.3f} "
        f"R@5={mean([r['r5'] for r in answerable]):.3f} "
        f"zero={mean([r['n'] == 0 for r in answerable]):.2f} "
        f"unanswerable_results={mean([r['n'] for r in unanswerable]):.2f}"
    )
    for kind in sorted({r["kind"] for r in answerable}):
        sub = [r for r in answerable if r["kind"] == kind]
        print(
            f"  {kind:<12}{len(sub):>3}  MRR {mean([r['rr'] for r in sub]):.3f}  "
            f"nDCG {mean([r['ndcg'] for r in sub]):.3f}  R@5 {mean([r['r5'] for r in sub]):.3f}"
        )
    if show:
        worst = sorted(answerable, key=lambda r: r["ndcg"] + r["r5"])[:show]
        for r in worst + unanswerable:
            marks = [f"{i}{'*' * r['relevant'].get(i, 0)}" if i else "-" for i in r["ids"]]
            wanted = ",".join(f"{k}:{v}" for k, v in r["relevant"].items())
            print(f"\n{r['qid']} [{r['kind']}] {r['query']}\n   want {wanted}\n   got  {' '.join(marks)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--faq", default=EVAL_DIR / "faq.jsonl")
    parser.add_argument("--queries", default=EVAL_DIR / "queries.jsonl")
    parser.add_argument("--reindex", action="store_true")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--json-out", help="write every query's results to this JSON file")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    queries = scorer.load_queries(args.queries)
    setup_site(args.faq, args.reindex)
    rows = run(queries, scorer)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    report(rows, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
