"""Lighthouse mobile scores of the public pages (home, destination, product, search,
shop, shop directory) and the private ones (a cart with items from two shops, the
account, orders, addresses and favourites pages of a logged-in shopper).

    .venv/bin/python bench/lighthouse.py [--runs 3] [--pages cart,account]

It seeds a throwaway SQLite database, builds the two sessions in it
(bench/lighthouse_sessions.py: a guest cart, a logged-in shopper), serves it with the
quick-start settings on a free port, and audits that; the session cookie reaches
Lighthouse through --extra-headers. Lighthouse comes from the npm registry (pinned
below) and runs the system Chromium. Prints one line per page with the median of each
category over the runs, the load average before and after, and the audits that kept a
category below 100 (from the last run).
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_VERSION = "13.5.0"
CACHE = Path(os.environ.get("BANUA_CACHE_DIR", Path.home() / ".cache" / "banua"))
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_bin() -> Path:
    prefix = CACHE / f"lighthouse-{LIGHTHOUSE_VERSION}"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(prefix),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, **kwargs
    )


def start_demo_site(workdir: Path):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        ELASTICSEARCH_URL="",
        DEBUG="1",
    )
    manage(env, "migrate", "--noinput", "-v0", check=True)
    manage(env, "seed_demo", check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        sys.exit(f"the demo site did not start on {base}")
    return server, base, env


# page name -> (path or the key of the path in the sessions' JSON, session to send)
PAGES = {
    "home": ("/", None),
    "destination": ("destination", None),
    "product": ("product", None),
    "search": ("/cari/?q=sasirangan", None),
    "shop": ("shop", None),
    "shops": ("/toko/", None),
    "cart": ("/keranjang/", "guest"),
    "account": ("/akun/", "shopper"),
    "orders": ("/pesanan/", "shopper"),
    "addresses": ("/akun/alamat/", "shopper"),
    "favourites": ("/akun/favorit/", "shopper"),
}


def prepare(env, *, public: bool = False) -> dict[str, str]:
    """Sessions and data-dependent paths from the seeded database (only the paths, and
    nothing written, with ``public``)."""
    return json.loads(
        subprocess.run(
            [sys.executable, "bench/lighthouse_sessions.py"]
            + (["--public"] if public else []),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def page_paths(env) -> dict[str, str]:
    """The four public pages bench/pages.py and bench/page_calls.py measure."""
    found = prepare(env, public=True)
    return {
        name: found.get(PAGES[name][0], PAGES[name][0])
        for name in ("home", "destination", "product", "search")
    }


def audit(binary: Path, url: str, out: Path, cookie: str | None) -> dict:
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    if cookie:
        # Every request of the page load carries the session, as a browser would.
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    problem = ""
    for _attempt in range(3):
        out.unlink(missing_ok=True)
        finished = subprocess.run(command, env=env)
        report = json.loads(out.read_text()) if out.exists() else {}
        # On a loaded machine headless Chromium now and then paints nothing (NO_FCP)
        # or loses the trace (NO_NAVSTART): that run is lost, not a zero.
        problem = (report.get("runtimeError") or {}).get("code") or (
            f"exit status {finished.returncode}" if finished.returncode else ""
        )
        if not problem:
            return report
        print(f"  retrying {url}: {problem}", file=sys.stderr)
    sys.exit(f"{url}: {problem}")


def scores(report: dict) -> dict[str, int]:
    return {
        name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES
    }


def failing(report: dict) -> list[str]:
    """The scored audits below 1 in the categories below 100, as "category: id (score)"."""
    found = []
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] >= 1:
            continue
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                found.append(f"{name}: {ref['id']} ({result['score']:.2f})")
    return found


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--pages", help="comma-separated subset of: " + ", ".join(PAGES)
    )
    parser.add_argument(
        "--reports", type=Path, help="keep each run's JSON report in this directory"
    )
    args = parser.parse_args()
    wanted = args.pages.split(",") if args.pages else list(PAGES)
    unknown = set(wanted) - set(PAGES)
    if unknown:
        parser.error(f"unknown page(s): {', '.join(sorted(unknown))}")
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if args.reports:
            args.reports.mkdir(parents=True, exist_ok=True)
        server, base, env = start_demo_site(workdir)
        try:
            found = prepare(env)
            cookies = {
                "guest": f"{found['cookie']}={found['guest']}",
                "shopper": f"{found['cookie']}={found['shopper']}",
            }
            pages = {}
            for name in wanted:
                path, session = PAGES[name]
                pages[name] = (found.get(path, path), cookies.get(session))
            # Warm the image renditions: the audit measures pages, not first resizing
            # (AVIF encoding on a busy machine can take a minute).
            for path, cookie in pages.values():
                request = urllib.request.Request(
                    base + path, headers={"Cookie": cookie} if cookie else {}
                )
                urllib.request.urlopen(request, timeout=300).read()
            print(
                f"Lighthouse {LIGHTHOUSE_VERSION}, mobile, median of {args.runs} "
                f"run(s), {base}, load average {load()}"
            )
            print(f"{'page':<12} " + " ".join(f"{name:>15}" for name in CATEGORIES))
            notes = []
            for name, (path, cookie) in pages.items():
                reports = []
                for run in range(args.runs):
                    out = (args.reports or workdir) / f"{name}-{run + 1}.json"
                    report = audit(binary, base + path, out, cookie)
                    if report["finalDisplayedUrl"] != base + path:
                        # A lost session sends the private pages to the login form,
                        # which would then be audited in their place.
                        sys.exit(f"{name}: redirected to {report['finalDisplayedUrl']}")
                    reports.append(report)
                runs = [scores(report) for report in reports]
                medians = {
                    c: statistics.median(run[c] for run in runs) for c in CATEGORIES
                }
                print(
                    f"{name:<12} "
                    + " ".join(f"{medians[c]:>15.0f}" for c in CATEGORIES),
                    flush=True,
                )
                notes += [f"  {name} {item}" for item in failing(reports[-1])]
            print(f"load average after: {load()}")
            if notes:
                print("below 100 in the last run:")
                print("\n".join(notes))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
