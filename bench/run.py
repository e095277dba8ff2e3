"""Run the benchmark: gunicorn on a copy of the demo site, wrk against each page, ratios to a minimal view.

    python -m bench.run    (what `make bench` runs; BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS tune it)

Rounds are interleaved (every target once per round, in a rotating order) so that the machine's slow
moments fall on all targets alike; medians over rounds are reported. It exits non-zero only if a page errors.
Later features add their pages to TARGETS.
"""

import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BENCH_DIR = VAR / "bench"
SITE_DIR = BENCH_DIR / "site"
REFERENCE = "minimal view"

LOAN_360 = json.dumps(
    {"principal": "1000000.00", "annual_rate": "0.049", "months": 360, "method": "equal_installment"}
)

# (name, path, JSON body for a POST or None for a GET): the reference first; later issues append theirs.
TARGETS = [
    (REFERENCE, "/bench/minimal", None),
    ("home", "/", None),
    # The page cache (portal/page_cache.py) serves the article; a query string is never cached, so the same
    # article with one is rendered every time.
    ("article", "/borrowing-basics/true-cost-of-borrowing/", None),
    ("article uncached", "/borrowing-basics/true-cost-of-borrowing/?uncached=1", None),
    ("tool page", "/tools/true-apr/?principal=10000&received=9000&payment=1000&months=12", None),
    ("API 360 mo.", "/api/tools/loan-schedule/", LOAN_360),
    ("healthz", "/healthz", None),
]

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PAUSE_SECONDS = 2  # queued requests from one run must not spoil the next one's tail
WORKERS = 2


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_demo_site():
    """A private copy of the demo database, so the benchmark never touches the developer's data."""
    source = VAR / "db.sqlite3"
    if not source.exists():
        sys.exit("var/db.sqlite3 is missing: run `make run` (or `make serve-setup`) first.")
    shutil.rmtree(SITE_DIR, ignore_errors=True)
    SITE_DIR.mkdir(parents=True)
    with sqlite3.connect(source) as live, sqlite3.connect(SITE_DIR / "db.sqlite3") as copy:
        live.backup(copy)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PORTAL_VAR_DIR": str(SITE_DIR)}
    # Hashed and compressed, as production serves them (bench/settings.py).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


def start_gunicorn(env, port):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "portal.wsgi:application",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    # The portal logs an access line per request (as in production): into a file, since a pipe nobody reads
    # would fill and stall the workers.
    log = (BENCH_DIR / f"gunicorn-{port}.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    server.log_path = Path(log.name)
    log.close()
    return server


def wait_until_healthy(base_url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{server.log_path.read_text(errors='replace')[-5000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer /healthz in time")


def status_of(url, body=None):
    data = body.encode() if body else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    def latency(percentile):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * LATENCY_UNITS[match.group(2)]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def post_script(body):
    """A wrk Lua script that POSTs `body` as JSON."""
    script = BENCH_DIR / f"post-{abs(hash(body))}.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(body)}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
    )
    return ["-s", str(script)]


def run_wrk(url, body=None):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--latency",
            *(post_script(body) if body else []),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 30,
        check=True,
    )
    return parse_wrk(result.stdout)


def worker_rss_mb(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
        sizes.append(int(match.group(1)) / 1024)
    return sizes


def query_counts(env):
    """SQL queries per page on a warm request, from a test client in a separate process."""
    script = (
        "import json, django; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client, counts = Client(), {}\n"
        f"for name, path, body in {TARGETS!r}:\n"
        "    send = (lambda: client.post(path, body, content_type='application/json', HTTP_HOST='127.0.0.1'))"
        " if body else (lambda: client.get(path, HTTP_HOST='127.0.0.1'))\n"
        "    send()\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        send()\n"
        "    counts[name] = len(queries.captured_queries)\n"
        "print(json.dumps(counts))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench` installs Debian's package (apt-get install wrk).")
    env = copy_demo_site()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port)
    try:
        wait_until_healthy(base_url, server)
        failures = {
            name: code for name, path, body in TARGETS if (code := status_of(base_url + path, body)) != 200
        }
        if failures:
            print(f"Pages answered with errors: {failures}", file=sys.stderr)
            return 1
        samples = {name: [] for name, _, _ in TARGETS}
        for round_number in range(ROUNDS):
            shift = round_number % len(TARGETS)
            for name, path, body in TARGETS[shift:] + TARGETS[:shift]:
                samples[name].append(run_wrk(base_url + path, body))
                time.sleep(PAUSE_SECONDS)
        rss = worker_rss_mb(server)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    queries = query_counts(env)
    reference_rps = statistics.median(sample["rps"] for sample in samples[REFERENCE])
    results = {}
    for name, path, _ in TARGETS:
        runs = samples[name]
        rps = statistics.median(run["rps"] for run in runs)
        results[name] = {
            "path": path,
            "rps_median": round(rps, 1),
            "ratio_to_minimal": round(rps / reference_rps, 4),
            "p50_ms_median": round(statistics.median(run["p50_ms"] for run in runs), 2),
            "p99_ms_median": round(statistics.median(run["p99_ms"] for run in runs), 2),
            "sql_queries": queries.get(name),
            "non_2xx": sum(run["non_2xx"] for run in runs),
            "rounds": runs,
        }
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "setup": {
            "server": f"gunicorn {WORKERS} sync workers, DEBUG off, SQLite copy of the demo site",
            "load": f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, {ROUNDS} interleaved rounds, same machine",
            "cpus": os.cpu_count(),
        },
        "worker_rss_mb": [round(size, 1) for size in rss],
        "results": results,
    }
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_table(report)
    return 1 if any(result["non_2xx"] for result in results.values()) else 0


def print_table(report):
    print(f"\n{report['setup']['server']}; {report['setup']['load']}")
    header = f"{'page':<14}{'req/s':>10}{'ratio':>9}{'p50 ms':>9}{'p99 ms':>9}{'queries':>9}"
    print(header)
    print("-" * len(header))
    for name, result in report["results"].items():
        print(
            f"{name:<14}{result['rps_median']:>10.1f}{result['ratio_to_minimal']:>9.4f}"
            f"{result['p50_ms_median']:>9.2f}{result['p99_ms_median']:>9.2f}{result['sql_queries']:>9}"
        )
    print(f"worker RSS (MB): {', '.join(str(size) for size in report['worker_rss_mb'])}")
    print(f"written to {BENCH_DIR / 'latest.json'}")


if __name__ == "__main__":
    sys.exit(main())
