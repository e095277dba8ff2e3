"""Search benchmark: relevance on the development set for the Whoosh and database backends side by side, then,
at 10,000 generated documents, the index build time and the search API's latency against the minimal view.

    python -m bench.search    (`make bench` runs it after the page benchmark; BENCH_SEARCH_DOCS sets the size)

Each site is a fresh copy of one migrated database under var/bench/, never the developer's data. The large
site is kept between runs (its generation takes minutes); its index is rebuilt and timed on every run.

The API answers a question it was asked before from memory until the index or the pages change
(search/service.py ``remembered``). The latency rounds measure that crowd case; before them every question
is asked once, one at a time, and those first asks are reported on their own ("first ask"), so the cost of
a question nobody has asked yet is in the report too.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from bench import faq_generator
from bench.run import BENCH_DIR, PAUSE_SECONDS, ROOT, free_port, start_gunicorn, wait_until_healthy

EVAL_DIR = ROOT / "bench" / "search_eval"
DOCS = int(os.environ.get("BENCH_SEARCH_DOCS", "10000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
BACKENDS = {"whoosh": "search.backends.whoosh", "database": "Wagtail's database backend"}


def manage(env, *args, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )


def site_env(folder, backend="whoosh", **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PORTAL_VAR_DIR": str(folder),
        "BENCH_SEARCH_BACKEND": backend,
        **extra,
    }
    env.pop("DATABASE_URL", None)
    return env


def migrated_template():
    """One migrated, empty database per run, copied for every site (migrating takes longer than copying)."""
    folder = BENCH_DIR / "search-template"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    manage(site_env(folder), "migrate", "--noinput", capture=True)
    return folder / "db.sqlite3"


def fresh_site(name, template, backend):
    folder = BENCH_DIR / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(template, folder / "db.sqlite3")
    return folder, site_env(folder, backend)


class Server:
    """gunicorn on a free port for the length of a `with` block."""

    def __init__(self, env):
        self.env, self.port = env, free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.process = start_gunicorn(self.env, self.port)
        wait_until_healthy(self.base_url, self.process)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def relevance(template, backend):
    folder, env = fresh_site(f"relevance-{backend}", template, backend)
    manage(env, "import_faq", str(EVAL_DIR / "faq.jsonl"), capture=True)
    manage(env, "update_index", capture=True)
    out = folder / "eval.json"
    with Server(env) as server:
        printed = subprocess.run(
            [
                sys.executable,
                str(EVAL_DIR / "eval.py"),
                f"--base-url={server.base_url}",
                f"--queries={EVAL_DIR / 'queries.jsonl'}",
                f"--json-out={out}",
                "--keep-alive",
                "--show-failures=0",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if not out.exists():
        sys.exit(f"eval.py failed for {backend}:\n{printed.stdout}\n{printed.stderr}")
    data = json.loads(out.read_text(encoding="utf-8"))
    answerable = [row for row in data["queries"] if row["answerable"]]
    kinds = sorted({row["kind"] for row in answerable})
    by_kind = {
        kind: statistics.mean(row["rr"] for row in answerable if row["kind"] == kind) for kind in kinds
    }
    summary = data["summary"]
    return {
        "MRR@10": summary["MRR@10"],
        "nDCG@10": summary["nDCG@10"],
        "R@5": summary["R@5"],
        "zero_rate": summary["zero_rate"],
        "unanswerable_mean_results": summary["unans_mean_results"],
        "mrr_by_kind": by_kind,
    }


def large_site(template):
    """The 10,000-document site, generated once and kept while the generator and the schema hold."""
    folder = BENCH_DIR / f"search-{DOCS}"
    marker = folder / "generated.json"
    fingerprint = {"docs": DOCS, "generator": faq_generator.__doc__, "template_size": template.stat().st_size}
    env = site_env(folder)
    if marker.exists() and json.loads(marker.read_text()) == fingerprint:
        return folder, env, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(template, folder / "db.sqlite3")
    entries = folder / "faq.jsonl"
    faq_generator.write(entries, DOCS)
    started = time.perf_counter()
    manage({**env, "BENCH_SEARCH_AUTO_UPDATE": "0"}, "import_faq", str(entries), capture=True)
    marker.write_text(json.dumps(fingerprint))
    return folder, env, time.perf_counter() - started


BUILD_TIMER = """
import time, django
django.setup()
from django.core.management import call_command
started = time.perf_counter()
call_command("update_index", verbosity=0)
print(time.perf_counter() - started)
"""


def index_build_seconds(env):
    result = subprocess.run(
        [sys.executable, "-c", BUILD_TIMER], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def wrk_script(paths):
    """Lua for wrk: cycle through `paths`, print the 95th percentile (wrk's own report stops at 99 and 90)."""
    script = BENCH_DIR / f"paths-{abs(hash(tuple(paths)))}.lua"
    listed = ", ".join(json.dumps(path) for path in paths)
    script.write_text(
        f"local paths = {{{listed}}}\n"
        "local i = 0\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
        "done = function(summary, latency, requests)\n"
        "  io.write(string.format('P50_US %d\\nP95_US %d\\nREQUESTS %d\\nNON2XX %d\\n',\n"
        "    latency:percentile(50), latency:percentile(95), summary.requests, summary.errors.status))\nend\n"
    )
    return script


def run_wrk(base_url, paths, seconds=SECONDS):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(wrk_script(paths)), base_url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    figures = {
        key: value
        for key, value in (line.split()[:2] for line in result.stdout.splitlines() if len(line.split()) == 2)
        if key in {"P50_US", "P95_US", "REQUESTS", "NON2XX"}
    }
    return {
        "rps": int(figures["REQUESTS"]) / seconds,
        "p50_ms": int(figures["P50_US"]) / 1000,
        "p95_ms": int(figures["P95_US"]) / 1000,
        "non_2xx": int(figures["NON2XX"]),
    }


def api_paths():
    """Search API requests with the development queries' texts (the borrowers' wording, not the entries')."""
    queries = [
        json.loads(line)["query"] for line in (EVAL_DIR / "queries.jsonl").read_text().splitlines() if line
    ]
    return [
        f"/api/search/?{urllib.parse.urlencode({'q': query, 'type': 'faq', 'limit': 10})}"
        for query in queries
    ]


def first_asks(base_url, paths):
    """p50 and p95 of each question's first ask in each worker: the question is sent twice at once, so that
    each of the two sync workers (busy with one request at a time) answers it once."""

    def ask(path):
        started = time.perf_counter()
        with urllib.request.urlopen(base_url + path, timeout=120) as response:
            response.read()
        return time.perf_counter() - started

    seconds = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for path in paths:
            seconds.extend(pool.map(ask, [path, path]))
    seconds.sort()
    return {
        "asks": len(seconds),
        "p50_ms": statistics.median(seconds) * 1000,
        "p95_ms": seconds[max(0, round(0.95 * len(seconds)) - 1)] * 1000,
    }


WARM_P95_MS = 50
WARM_UP_RUNS = 6


def warm_up(base_url, paths):
    """Untimed runs until a run's p95 falls under WARM_P95_MS (at most WARM_UP_RUNS): a question that one
    worker still met for the first time belongs with the first asks, not in the rounds."""
    for _ in range(WARM_UP_RUNS):
        if run_wrk(base_url, paths, seconds=SECONDS)["p95_ms"] < WARM_P95_MS:
            return


def latency(env):
    targets = {"minimal view": ["/bench/minimal"], "search API": api_paths()}
    samples = {name: [] for name in targets}
    with Server(env) as server:
        first = first_asks(server.base_url, targets["search API"])
        warm_up(server.base_url, targets["search API"])
        for round_number in range(ROUNDS):
            order = list(targets) if round_number % 2 == 0 else list(reversed(targets))
            for name in order:
                samples[name].append(run_wrk(server.base_url, targets[name]))
                time.sleep(PAUSE_SECONDS)
    medians = {
        name: {key: statistics.median(run[key] for run in runs) for key in ("rps", "p50_ms", "p95_ms")}
        for name, runs in samples.items()
    }
    medians["search API"]["non_2xx"] = sum(run["non_2xx"] for run in samples["search API"])
    reference = medians["minimal view"]
    return {
        **medians,
        "first ask": first,
        "p50_ratio": medians["search API"]["p50_ms"] / reference["p50_ms"],
        "p95_ratio": medians["search API"]["p95_ms"] / reference["p95_ms"],
        "rps_ratio": medians["search API"]["rps"] / reference["rps"],
    }


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench` installs Debian's package (apt-get install wrk).")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    template = migrated_template()
    report = {"relevance": {backend: relevance(template, backend) for backend in BACKENDS}}
    folder, env, generation_seconds = large_site(template)
    report["scale"] = {
        "documents": DOCS,
        "generation_seconds": generation_seconds,
        "index_build_seconds": index_build_seconds(env),
        "latency": latency(env),
    }
    (BENCH_DIR / "search.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_report(report)
    return 1 if report["scale"]["latency"]["search API"]["non_2xx"] else 0


def print_report(report):
    print("\nSearch relevance on bench/search_eval (120 queries, 80 entries), through GET /api/search/")
    header = f"{'backend':<10}{'MRR@10':>8}{'nDCG@10':>9}{'R@5':>7}{'zero':>7}{'unans.':>8}"
    print(header + "  MRR by kind")
    print("-" * (len(header) + 40))
    for backend, figures in report["relevance"].items():
        kinds = " ".join(f"{kind}={mrr:.2f}" for kind, mrr in figures["mrr_by_kind"].items())
        print(
            f"{backend:<10}{figures['MRR@10']:>8.3f}{figures['nDCG@10']:>9.3f}{figures['R@5']:>7.2f}"
            f"{figures['zero_rate']:>7.2f}{figures['unanswerable_mean_results']:>8.2f}  {kinds}"
        )
    scale = report["scale"]
    timing = scale["latency"]
    print(
        f"\nAt {scale['documents']} generated documents "
        f"(gunicorn 2 workers, wrk -c{CONNECTIONS}, {ROUNDS} interleaved rounds):"
    )
    print(f"index build (update_index): {scale['index_build_seconds']:.1f} s")
    for name in ("minimal view", "search API"):
        figures = timing[name]
        print(
            f"{name:<14}{figures['rps']:>9.1f} req/s  "
            f"p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms"
        )
    print(
        f"search API / minimal view: p50 {timing['p50_ratio']:.2f}×, p95 {timing['p95_ratio']:.2f}×, "
        f"throughput {timing['rps_ratio']:.3f}×"
    )
    first = timing["first ask"]
    print(
        f"first ask of each question in each worker ({first['asks']} asks, two at a time): "
        f"p50 {first['p50_ms']:.0f} ms, p95 {first['p95_ms']:.0f} ms"
    )
    print(f"written to {BENCH_DIR / 'search.json'}")


if __name__ == "__main__":
    sys.exit(main())
