"""make loadtest: a mixed crowd against the production stack on this machine, bounded and on loopback only.

    python -m bench.loadtest      (LOADTEST_SECONDS per step, 10 by default)

gunicorn with 2 sync workers on PostgreSQL and Redis (the machine's own: a fresh database portal_loadtest
and Redis database 13 under a fresh key prefix), loaded with the demo site. The crowd, in wrk (Lua), mixes:
reading (home, topics, articles, FAQ answers and their index), calculators (result pages and the JSON API),
search (the page and the API), quizzes, and the self-assessment's first step, a POST that starts a draft
and writes to the database. Full submissions need a verified account each and are not part of it.

1. Sweep: 1, 2, 4 ... 64 connections, LOADTEST_SECONDS each; the highest throughput whose p95 stays within
   300 ms is the sustainable rate.
2. Spike: from 0 to 150 connections in 10 s (15 more each second), held to 20 s.
Reported: throughput, p50/p95/p99, the error share (HTTP 4xx/5xx and socket errors), worker memory before
and after. Written to var/bench/loadtest.json.
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import psycopg
from psycopg import sql

from bench.run import BENCH_DIR, ROOT, free_port, start_gunicorn, wait_until_healthy, worker_rss_mb

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "10"))
SWEEP = [1, 2, 4, 8, 16, 32, 64]
P95_BUDGET_MS = 300
SPIKE_USERS, SPIKE_RAMP_SECONDS, SPIKE_HOLD_SECONDS = 150, 10, 20
DATABASE_URL = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_loadtest")
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SITE_DIR = BENCH_DIR / "loadtest-site"

# (weight, kind) of the crowd's requests; the paths of each kind are taken from the demo site.
MIX = [
    (30, "article"), (12, "faq"), (6, "home"), (4, "topic"), (3, "faq index"), (10, "tool page"),
    (8, "tool api"), (8, "search api"), (5, "search page"), (8, "quiz"), (6, "assessment start"),
]  # fmt: skip

LIST_PAGES = """
import json, django
django.setup()
from wagtail.models import Page
kinds = {"homepage": "home", "topicindexpage": "topic", "articlepage": "article", "policyanswerpage": "faq",
         "policyindexpage": "faq index", "quizpage": "quiz"}
found = {}
for page in Page.objects.live().public().specific().iterator():
    kind = kinds.get(type(page).__name__.lower())
    if kind:
        found.setdefault(kind, []).append(page.url)
print(json.dumps(found))
"""


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def prepare():
    """A fresh demo site on its own PostgreSQL database and Redis key prefix."""
    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PORTAL_VAR_DIR": str(SITE_DIR),
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"loadtest-{uuid.uuid4().hex[:8]}",
        "DATABASE_CONN_MAX_AGE": "60",
    }
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_content"], ["update_index"],
                    ["collectstatic", "--noinput", "-v0"]):  # fmt: skip
        manage(env, *command)
    listed = subprocess.run(
        [sys.executable, "-c", LIST_PAGES], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return env, json.loads(listed.stdout.strip().splitlines()[-1])


def csrf_pair(base_url):
    """A CSRF cookie and a form token that goes with it: valid together for any number of POSTs."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base_url + "/assessment/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, token


def requests_for(pages, cookie, token):
    """The crowd's requests as (method, path, body, content type), repeated by weight."""
    loan = json.dumps(
        {"principal": "50000.00", "annual_rate": "0.18", "months": 24, "method": "equal_installment"}
    )
    by_kind = {
        **{kind: [("GET", url, "", "") for url in urls] for kind, urls in pages.items()},
        "tool page": [
            ("GET", "/tools/true-apr/?principal=10000&received=9000&payment=1000&months=12", "", ""),
            ("GET", "/tools/loan-repayments/?principal=50000&annual_rate=18&months=24", "", ""),
        ],
        "tool api": [("POST", "/api/tools/loan-schedule/", loan, "application/json")],
        "search api": [
            ("GET", f"/api/search/?q={urllib.parse.quote(q)}&limit=10", "", "")
            for q in ("协商还款", "征信多久消除", "催收电话", "停息挂账", "信用卡逾期", "true apr")
        ],
        "search page": [("GET", f"/search/?q={urllib.parse.quote(q)}", "", "") for q in ("协商", "逾期")],
        "assessment start": [
            ("POST", "/assessment/", f"csrfmiddlewaretoken={token}", "application/x-www-form-urlencoded")
        ],
    }
    crowd = []
    for weight, kind in MIX:
        options = by_kind.get(kind) or []
        crowd.extend(options[i % len(options)] for i in range(weight) if options)
    return crowd, f"csrftoken={cookie}"


def lua_script(crowd, cookie):
    entries = ",\n".join("{" + ", ".join(json.dumps(part) for part in request) + "}" for request in crowd)
    script = BENCH_DIR / "loadtest.lua"
    script.write_text(
        f"local crowd = {{\n{entries}\n}}\n"
        "math.randomseed(os.time() + math.floor(os.clock() * 1000000))\n"
        "request = function()\n"
        "  local r = crowd[math.random(#crowd)]\n"
        f'  local headers = {{["Cookie"] = {json.dumps(cookie)}, ["Accept-Language"] = "zh-hans"}}\n'
        "  if r[4] ~= '' then headers['Content-Type'] = r[4] end\n"
        "  return wrk.format(r[1], r[2], headers, r[3] ~= '' and r[3] or nil)\n"
        "end\n"
        "done = function(summary, latency, requests)\n"
        "  io.write(string.format('P50_US %d\\nP95_US %d\\nP99_US %d\\nREQUESTS %d\\nSTATUS_ERRORS %d\\n"
        "SOCKET_ERRORS %d\\n', latency:percentile(50), latency:percentile(95), latency:percentile(99),\n"
        "    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read +\n"
        "    summary.errors.write + summary.errors.timeout))\n"
        "end\n"
    )
    return script


def wrk(base_url, script, connections, seconds):
    result = subprocess.run(
        ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(script), base_url],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    )  # fmt: skip
    figures = dict(
        (line.split()[0], int(line.split()[1]))
        for line in result.stdout.splitlines()
        if len(line.split()) == 2 and line.split()[1].isdigit()
    )
    return {
        "connections": connections,
        "seconds": seconds,
        "requests": figures["REQUESTS"],
        "rps": figures["REQUESTS"] / seconds,
        "p50_ms": figures["P50_US"] / 1000,
        "p95_ms": figures["P95_US"] / 1000,
        "p99_ms": figures["P99_US"] / 1000,
        "errors": figures["STATUS_ERRORS"] + figures["SOCKET_ERRORS"],
    }


def spike(base_url, script):
    """SPIKE_USERS connections reached in SPIKE_RAMP_SECONDS, one wrk per step, all ending together."""
    steps = SPIKE_RAMP_SECONDS
    per_step = SPIKE_USERS // steps
    results, threads = [None] * steps, []
    started = time.perf_counter()

    def run(step):
        time.sleep(step)
        results[step] = wrk(base_url, script, per_step, SPIKE_HOLD_SECONDS - step)

    for step in range(steps):
        threads.append(threading.Thread(target=run, args=(step,)))
        threads[-1].start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    requests = sum(r["requests"] for r in results)
    return {
        "users": SPIKE_USERS,
        "ramp_seconds": SPIKE_RAMP_SECONDS,
        "seconds": round(elapsed, 1),
        "rps": requests / elapsed,
        "requests": requests,
        # Percentiles of the steps cannot be merged exactly: the worst step's is reported.
        "p50_ms": max(r["p50_ms"] for r in results),
        "p95_ms": max(r["p95_ms"] for r in results),
        "p99_ms": max(r["p99_ms"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }


def main():
    env, pages = prepare()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port)
    try:
        wait_until_healthy(base_url, server)
        cookie, token = csrf_pair(base_url)
        crowd, cookie_header = requests_for(pages, cookie, token)
        script = lua_script(crowd, cookie_header)
        wrk(base_url, script, 4, 3)  # warm: caches, connections, the analyser
        rss_before = worker_rss_mb(server)
        sweep = [wrk(base_url, script, connections, SECONDS) for connections in SWEEP]
        time.sleep(5)
        surge = spike(base_url, script)
        time.sleep(2)
        rss_after = worker_rss_mb(server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    within = [step for step in sweep if step["p95_ms"] <= P95_BUDGET_MS]
    best = max(within, key=lambda step: step["rps"]) if within else None
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "setup": "gunicorn 2 sync workers, bench settings (DEBUG off), PostgreSQL and Redis on this machine",
        "crowd": {kind: weight for weight, kind in MIX},
        "sweep": sweep,
        "sustainable": best,
        "spike": surge,
        "worker_rss_mb": {"before": rss_before, "after": rss_after},
        "gunicorn_log_errors": [line for line in server.log_path.read_text().splitlines() if "Error" in line][
            :20
        ],
    }
    (BENCH_DIR / "loadtest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_report(report)
    return 0 if best and not report["gunicorn_log_errors"] else 1


def print_report(report):
    print("\nMixed crowd, gunicorn 2 sync workers on PostgreSQL and Redis (wrk, loopback):")
    print(f"{'conn.':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>9}")
    for step in report["sweep"]:
        share = step["errors"] / step["requests"] if step["requests"] else 0
        print(
            f"{step['connections']:>6}{step['rps']:>9.1f}{step['p50_ms']:>9.1f}{step['p95_ms']:>9.1f}"
            f"{step['p99_ms']:>9.1f}{share:>9.2%}"
        )
    best = report["sustainable"]
    if best:
        rate = f"{best['rps']:.1f} req/s at {best['connections']} connections"
        print(f"sustainable (p95 ≤ {P95_BUDGET_MS} ms): {rate}")
    else:
        print(f"no step kept p95 within {P95_BUDGET_MS} ms")
    s = report["spike"]
    share = s["errors"] / s["requests"] if s["requests"] else 0
    print(
        f"spike 0→{s['users']} users in {s['ramp_seconds']} s: {s['rps']:.1f} req/s, "
        + f"p50 {s['p50_ms']:.0f} ms, p95 {s['p95_ms']:.0f} ms, p99 {s['p99_ms']:.0f} ms (worst step), "
        + f"errors {share:.2%}"
    )
    rss = report["worker_rss_mb"]
    print(
        "worker RSS: "
        + ", ".join(f"{a:.0f}→{b:.0f} MB" for a, b in zip(rss["before"], rss["after"], strict=False))
    )
    if report["gunicorn_log_errors"]:
        print("errors in the server log:\n" + "\n".join(report["gunicorn_log_errors"]))
    print(f"written to {BENCH_DIR / 'loadtest.json'}")


if __name__ == "__main__":
    sys.exit(main())
