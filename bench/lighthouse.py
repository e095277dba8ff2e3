"""Light pages, measured: Lighthouse (npm, pinned in package.json) with Debian's Chromium on a phone, and what
the first load of each page transfers, fonts excluded.

    python -m bench.lighthouse    (`make bench` runs it after the page benchmark)

The site is the page benchmark's copy, served by gunicorn with static files as production serves them
(WhiteNoise, hashed and compressed: bench/settings.py). Lighthouse's default mobile run: a mid-range phone's
screen and CPU, a slow 4G network simulated. Targets (issue 10): performance ≥ 90, accessibility ≥ 95, under
250 KB transferred.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import BENCH_DIR, ROOT, copy_demo_site, free_port, start_gunicorn, wait_until_healthy

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PAGES = [
    ("home", "/"),
    ("article", "/borrowing-basics/true-cost-of-borrowing/"),
    ("FAQ answer", "/faq/demo-faq-a01/"),
    ("tool page", "/tools/true-apr/"),
]
WEIGHT_LIMIT_KB = 250


def transferred(requests):
    return sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") != "Font")


def audit(url):
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
        ]
        # Chromium on a new machine now and then fails to load the first page (NO_NAVSTART): once more.
        if subprocess.run(command, timeout=180).returncode != 0:
            subprocess.run(command, check=True, timeout=180)
        report = json.loads(out.read_text(encoding="utf-8"))
    requests = report["audits"]["network-requests"]["details"]["items"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "transfer_kb": round(
            sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") != "Font") / 1024, 1
        ),
        "requests": len(requests),
        "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
    }


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("node_modules/.bin/lighthouse is missing: `make bench` installs it (npm ci).")
    env = copy_demo_site()
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server)
        results = {name: {"path": path, **audit(f"http://127.0.0.1:{port}{path}")} for name, path in PAGES}
    finally:
        server.terminate()
        server.wait(timeout=30)
    (BENCH_DIR / "lighthouse.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(
        "\nLighthouse 12 mobile (simulated slow 4G), Debian Chromium; first load transferred, fonts excluded"
    )
    header = f"{'page':<12}{'performance':>13}{'accessibility':>15}{'KB':>8}{'requests':>10}{'LCP ms':>8}"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        print(
            f"{name:<12}{r['performance']:>13}{r['accessibility']:>15}{r['transfer_kb']:>8}"
            f"{r['requests']:>10}{r['lcp_ms']:>8}"
        )
    met = all(
        r["performance"] >= 90 and r["accessibility"] >= 95 and r["transfer_kb"] < WEIGHT_LIMIT_KB
        for r in results.values()
    )
    verdict = "met" if met else "NOT met"
    print(f"targets (performance ≥ 90, accessibility ≥ 95, < {WEIGHT_LIMIT_KB} KB): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
