"""Python function calls and SQL queries per warm request of the home, destination,
product and search pages, Banua against bakerydemo: a measure that does not move with
the machine's load, unlike requests per second (bench/pages.py), so two runs on a busy
machine still compare.

    .venv/bin/python bench/page_calls.py [--banua-db PATH] [--baseline REV]

Each project's pages are requested in-process with Django's test client, as an
anonymous visitor with DEBUG off: three warm-up requests, then the queries of one
request and the function calls of another (cProfile); "search-cold" measures the
search page again with the fragment tokens (core.generations) replaced before each
measured request, as for a search nobody has made since the last catalogue or page
change. Banua runs on a SQLite demo (`seed_demo`, built in a temporary folder unless
--banua-db names an existing one); bakerydemo on the database and virtualenv bench/pages.py keeps in
$BANUA_CACHE_DIR/bench/bakerydemo-<rev>/ (run bench/pages.py once first; without them
its column is skipped with a line saying so). --baseline REV also measures the code of
git revision REV (`git archive`, same virtualenv) on a copy of the same database, for
an A/B of a change.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pages import BAKERYDEMO_DIR, ROOT, export_revision

# Runs inside each project's interpreter; prints {name: [queries, calls]} as JSON.
PROBE = """
import cProfile, json, pstats, sys
import django
django.setup()
from django.core import signals
from django.db import connection, reset_queries
from django.test import Client

paths = json.loads(sys.argv[1])
client = Client()
signals.request_started.disconnect(reset_queries)
try:  # Banua's fragment tokens; a "-cold" page is measured with them replaced
    from core.generations import PAGES, STOREFRONT, replace
except ImportError:  # bakerydemo caches nothing: its cold page is its warm page
    def replace(name):
        pass
    PAGES = STOREFRONT = None


def cold(name):
    if name.endswith("-cold"):
        replace(PAGES)
        replace(STOREFRONT)


out = {}
for name, path in paths.items():
    for _ in range(3):
        client.get(path)
    connection.force_debug_cursor = True
    connection.queries_log.clear()
    cold(name)
    status = client.get(path).status_code
    queries = len(connection.queries_log)
    connection.force_debug_cursor = False
    cold(name)
    profile = cProfile.Profile()
    profile.enable()
    client.get(path)
    profile.disable()
    out[name] = [status, queries, pstats.Stats(profile).total_calls]
print(json.dumps(out))
"""


def probe(python: str, cwd: Path, env: dict, paths: dict) -> dict:
    result = subprocess.run(  # noqa: S603 - our own probe
        [python, "-c", PROBE, json.dumps(paths)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def banua_env(database: Path, work: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "ELASTICSEARCH_URL", "BANUA_HTTP_CACHE_URL")
        and key != "REDIS_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(work / "media"),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--banua-db", type=Path)
    parser.add_argument("--baseline", metavar="REV", help="A/B against git revision")
    options = parser.parse_args()
    from lighthouse import page_paths

    with tempfile.TemporaryDirectory(prefix="banua-bench-calls-") as tmp:
        work = Path(tmp)
        database = options.banua_db or work / "banua.sqlite3"
        env = banua_env(database, options.banua_db.parent if options.banua_db else work)
        if options.banua_db is None:
            for args in (("migrate", "--noinput", "-v0"), ("seed_demo",)):
                subprocess.run(  # noqa: S603
                    [sys.executable, "manage.py", *args],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
        paths = page_paths(env)
        paths["search-cold"] = paths["search"]
        banua = probe(sys.executable, ROOT, env, paths)
        baseline = None
        if options.baseline:
            src = export_revision(options.baseline, work / "baseline-src")
            copy = work / "baseline.sqlite3"
            shutil.copy2(database, copy)
            baseline = probe(
                sys.executable,
                src,
                {
                    **env,
                    "DATABASE_URL": f"sqlite:///{copy}",
                    "PYTHONDONTWRITEBYTECODE": "1",
                },
                paths,
            )

    bakery = None
    python = BAKERYDEMO_DIR / "venv" / "bin" / "python"
    database = BAKERYDEMO_DIR / "bench.sqlite3"
    if python.exists() and (BAKERYDEMO_DIR / "bench.sqlite3.loaded").exists():
        src = BAKERYDEMO_DIR / "src"
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", "/root"),
            "PYTHONPATH": f"{BAKERYDEMO_DIR / 'bench_settings'}:{src}",
            "DJANGO_SETTINGS_MODULE": "bench_bakery_settings",
            "DATABASE_URL": f"sqlite:///{database}",
        }
        code = (
            "import django; django.setup();"
            "from bakerydemo.breads.models import BreadPage;"
            "print(BreadPage.objects.live().first().url)"
        )
        bread = subprocess.run(  # noqa: S603
            [str(python), "-c", code],
            cwd=src,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        bakery_paths = {
            "home": "/",
            "bread": bread,
            "search": "/search/?q=bread",
            "search-cold": "/search/?q=bread",
        }
        found = probe(str(python), src, env, bakery_paths)
        bakery = {
            "home": found["home"],
            "destination": found["bread"],
            "product": found["bread"],
            "search": found["search"],
            "search-cold": found["search-cold"],
        }
    else:
        print(  # noqa: T201
            f"bakerydemo: skipped, no prepared copy in {BAKERYDEMO_DIR} "
            "(run bench/pages.py once first; see its docstring)"
        )

    print(  # noqa: T201
        f"{'page':<12} {'queries':>7} {'calls':>8} {'bakery q':>8} {'bakery calls':>12}"
        f" {'calls ratio':>12}"
    )
    for name, (status, queries, calls) in banua.items():
        if bakery:
            _, b_queries, b_calls = bakery[name]
            tail = f"{b_queries:>8} {b_calls:>12} {b_calls / calls:>11.2f}x"
        else:
            tail = f"{'-':>8} {'-':>12} {'-':>12}"
        flag = "" if status == 200 else f" (HTTP {status})"
        print(f"{name:<12} {queries:>7} {calls:>8} {tail}{flag}")  # noqa: T201
    if baseline:
        print(f"\nA/B: this checkout against {options.baseline}")  # noqa: T201
        for name, (_status, queries, calls) in banua.items():
            _, b_queries, b_calls = baseline[name]
            print(  # noqa: T201
                f"{name:<12} {queries:>3} queries {calls:>7} calls; {options.baseline}: "
                f"{b_queries:>3} queries {b_calls:>7} calls ({b_calls / calls:.2f}x)"
            )
    print(  # noqa: T201
        "calls ratio = bakerydemo's function calls per request / Banua's (3x is the "
        "aim of issue 13 for uncached pages; destination and product against a bread "
        "page, search against its search for 'bread'; search-cold with Banua's "
        "fragment tokens replaced first, so nothing comes from a shared fragment)."
    )


if __name__ == "__main__":
    main()
