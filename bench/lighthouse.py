"""Lighthouse mobile scores of the home, destination, product and search pages.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--url http://127.0.0.1:8000]

Without --url it seeds a throwaway SQLite database, serves it with the quick-start
settings on a free port, and audits that. Lighthouse comes from the npm registry
(pinned below) and runs the system Chromium. Prints one line per page with the
median of each category over the runs.
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
    for _ in range(60):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    return server, base, env


def page_paths(env) -> dict[str, str]:
    code = (
        "import django, json; django.setup();"
        "from tourism.models import DestinationPage;"
        "from marketplace.models import Product;"
        "d = DestinationPage.objects.live().filter(locale__language_code='id').first();"
        "p = Product.objects.visible().first();"
        "print(json.dumps({'destination': d.url, 'product': '/produk/%s/' % p.slug}))"
    )
    found = json.loads(
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return {
        "home": "/",
        "destination": found["destination"],
        "product": found["product"],
        "search": "/cari/?q=sasirangan",
    }


def audit(binary: Path, url: str, out: Path) -> dict[str, int]:
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            "--only-categories=" + ",".join(CATEGORIES),
        ],
        check=True,
        env={
            **os.environ,
            "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium",
        },
    )
    report = json.loads(out.read_text())
    return {
        name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--url", help="audit an already running site instead of a fresh demo"
    )
    args = parser.parse_args()
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server = None
        if args.url:
            base, env = args.url.rstrip("/"), {**os.environ}
        else:
            server, base, env = start_demo_site(workdir)
        try:
            paths = page_paths(env)
            # Warm the image renditions: the audit measures pages, not first resizing.
            for path in paths.values():
                urllib.request.urlopen(base + path, timeout=60).read()
            runs = f"median of {args.runs} run(s)"
            print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile, {runs}, {base}")
            print(f"{'page':<12} " + " ".join(f"{name:>15}" for name in CATEGORIES))
            for name, path in paths.items():
                runs = [
                    audit(binary, base + path, workdir / f"{name}.json")
                    for _ in range(args.runs)
                ]
                medians = {
                    c: statistics.median(run[c] for run in runs) for c in CATEGORIES
                }
                print(
                    f"{name:<12} "
                    + " ".join(f"{medians[c]:>15.0f}" for c in CATEGORIES)
                )
        finally:
            if server:
                server.terminate()
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
