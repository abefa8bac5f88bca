"""Throughput of the home, destination, product and search pages: through Varnish
(anonymous, cached), straight from gunicorn (uncached), against nginx serving the same
home HTML as a static file, and against Wagtail's bakerydemo, all in one run.

    .venv/bin/python bench/pages.py [--seconds 5] [--connections 8] [--no-bakerydemo]
        [--pages destination,home] [--baseline main] [--ports 8200-8299] [--rounds 1]
    make bench-pages

--pages measures only the pages named; --baseline REV also serves the same demo
database with the code of git revision REV (`git archive`, the same virtualenv, its
own 2 workers) and measures it uncached right after this checkout, page by page, for
an A/B of a change in the same run on the same (noisy) machine; --ports picks the
ports the servers listen on (a helper sharing the machine keeps to its own range);
--rounds N measures each uncached server N times, interleaved (this checkout, the
baseline, bakerydemo, again...), and shows the medians: steadier on a busy machine.

What runs (everything on loopback, ports 8200-8299 unless --ports, stopped at the end):
  * Banua: a fresh SQLite demo (`seed_demo`), gunicorn with 2 sync workers,
    banua.settings.dev with DEBUG off;
  * Varnish (Debian's varnishd) with deploy/varnish/banua.vcl in front of it;
  * nginx (Debian's) with 2 workers serving Banua's home HTML as index.html;
  * bakerydemo (wagtail/bakerydemo at BAKERYDEMO_REV, its demo data from
    `load_initial_data`), gunicorn with the same 2 sync workers, DEBUG off, SQLite.
    Its source is looked for in $BANUA_CACHE_DIR/bench/bakerydemo-<rev>/src: put it
    there with the search tool's `fetch` of wagtail/bakerydemo (or `git clone
    https://github.com/wagtail/bakerydemo`), then `git archive <rev> | tar -x -C
    <that dir>`. Never committed here. Its virtualenv (Django 5.2, Wagtail 7.2, the
    last release line that runs on Python 3.11) is built beside it on first use.
Load comes from `wrk` (Debian's), 2 threads and --connections keep-alive
connections for --seconds per measurement, on the same 2 cores as the servers.

Aims (issue 13, point 9): cached pages at least half of nginx's static throughput;
uncached pages at least 3x bakerydemo's comparable page (home: home; destination and
product: a bread page; search: its search for "bread").
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from lighthouse import page_paths  # bench/ is on the path: the same pages, found once

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("BANUA_CACHE_DIR", Path.home() / ".cache" / "banua"))
BAKERYDEMO_REV = "3c7e3af"
BAKERYDEMO_DIR = CACHE / "bench" / f"bakerydemo-{BAKERYDEMO_REV}"
WORKERS = 2
CACHED_AIM = 0.5  # of the static file
UNCACHED_AIM = 3.0  # times bakerydemo


PORTS = range(8200, 8300)


def free_port() -> int:
    import random

    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def export_revision(rev: str, dest: Path) -> Path:
    """The code of git revision `rev` in `dest` (for an A/B run), with this checkout's
    compiled translations (not in git): the same pages, in the same language."""
    dest.mkdir(parents=True)
    archive = subprocess.run(  # noqa: S603
        ["git", "archive", rev], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)  # noqa: S607
    for compiled in ROOT.glob("locale/*/LC_MESSAGES/*.mo"):
        target = dest / compiled.relative_to(ROOT)
        if target.parent.exists():
            shutil.copy2(compiled, target)
    return dest


def wait_for(url: str, process: subprocess.Popen, seconds: int = 90) -> None:
    """Wait until `url` answers 2xx; on failure the process is stopped, then raise."""
    try:
        _wait_for(url, process, seconds)
    except BaseException:
        process.terminate()
        process.wait(timeout=15)
        raise


def _wait_for(url: str, process: subprocess.Popen, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited before {url} answered")
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 - loopback
            return
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{url} answered {error.code}") from error
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        # Generous: a cold page (imports, templates, renditions) on a busy machine.
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wrk(url: str, seconds: int, connections: int) -> float:
    """Requests per second over `seconds` (non-2xx answers make the number void)."""
    out = subprocess.run(
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url}: non-2xx answers under load:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def gunicorn(python_bin: Path, module: str, cwd: Path, env: dict, port: int):
    return subprocess.Popen(  # noqa: S603 - our own command line
        [
            str(python_bin),
            "-m",
            "gunicorn",
            module,
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            # A cold page (renditions made on first use) on a busy machine can take
            # longer than gunicorn's default 30 s; fetch() waits up to 120 s.
            "--timeout",
            "120",
        ],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


# --- Banua ----------------------------------------------------------------------------------
def banua_env(work: Path) -> dict:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "BANUA_HTTP_CACHE_URL"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{work / 'banua.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        STATIC_ROOT=str(work / "static"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    return env


def start_banua(work: Path):
    env = banua_env(work)

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    manage("collectstatic", "--noinput", "-v0")
    port = free_port()
    server = gunicorn(Path(sys.executable), "banua.wsgi", ROOT, env, port)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/healthz", server)
    paths = page_paths(env)
    return server, base, port, paths


def start_baseline(work: Path, rev: str):
    """This demo database served by the code of `rev`: a copy of the database (no
    migrations run, so `rev` must have the same schema), its own static files."""
    src = export_revision(rev, work / "baseline-src")
    env = banua_env(work)
    database = work / "baseline.sqlite3"
    shutil.copy2(work / "banua.sqlite3", database)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        STATIC_ROOT=str(work / "baseline-static"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=src,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    server = gunicorn(Path(sys.executable), "banua.wsgi", src, env, port)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/healthz", server)
    return server, base


def start_varnish(work: Path, backend_port: int):
    vcl = (ROOT / "deploy" / "varnish" / "banua.vcl").read_text()
    vcl = re.sub(r'(?m)^(    \.port = )"[^"]*";', rf'\1"{backend_port}";', vcl, count=1)
    (work / "banua.vcl").write_text(vcl)
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F",
            "-j",
            "none",
            "-n",
            str(work / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            "127.0.0.1:0",
            "-f",
            str(work / "banua.vcl"),
            "-s",
            "malloc,128m",
            "-p",
            "default_ttl=0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/healthz", process)
    return process, base


def start_nginx(work: Path, html: bytes):
    root = work / "static-html"
    root.mkdir()
    (root / "index.html").write_bytes(html)
    # Started as root, nginx's workers drop to an unprivileged user that must read it.
    for path in (work, root, root / "index.html"):
        path.chmod(0o755)
    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(
        f"""
worker_processes {WORKERS};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""
    )
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-c",
            str(conf),
            "-p",
            str(work),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", process)
    return process, base


# --- bakerydemo -------------------------------------------------------------------------------
BAKERY_SETTINGS = """
from bakerydemo.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only"
ALLOWED_HOSTS = ["*"]
# As Banua's bench settings: plain static URLs, no manifest to collect.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
"""


def start_bakerydemo(work: Path):
    """bakerydemo's server, or None (its column stays empty) with one line saying why
    and what to do: the bench never fetches it from the network itself."""
    src = BAKERYDEMO_DIR / "src"
    if not (src / "manage.py").exists():
        print(  # noqa: T201
            f"bakerydemo: skipped, no source in {src}. Provide it once: on a machine "
            "that reaches GitHub, `git clone https://github.com/wagtail/bakerydemo && "
            f"git -C bakerydemo archive {BAKERYDEMO_REV} | tar -x -C {src}` (copy "
            "the folder here if this machine cannot reach GitHub), then run again."
        )
        return None
    try:
        return _start_bakerydemo(src)
    except (subprocess.CalledProcessError, RuntimeError, OSError) as error:
        print(  # noqa: T201
            f"bakerydemo: skipped, it could not be set up or started ({error}). Its "
            f"virtualenv needs its requirements from PyPI once ({BAKERYDEMO_DIR / 'venv'}"
            "; delete it to retry); its column stays empty."
        )
        return None


def _start_bakerydemo(src: Path):
    venv = BAKERYDEMO_DIR / "venv"
    python = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                str(python),
                "install",
                "-q",
                "-r",
                str(src / "requirements" / "base.txt"),
                "gunicorn==27.0.1",
                # 0.9's slotted generic dataclass breaks on Python 3.11.7
                # (TaskResult[T](...): "super(type, obj)"); 0.8.1 fits Wagtail 7.2.
                "django-tasks==0.8.1",
            ],
            check=True,
        )
        (venv / ".installed").touch()
    # Its demo data takes minutes to load: the database is kept beside the venv.
    settings_dir = BAKERYDEMO_DIR / "bench_settings"
    settings_dir.mkdir(exist_ok=True)
    (settings_dir / "bench_bakery_settings.py").write_text(BAKERY_SETTINGS)
    database = BAKERYDEMO_DIR / "bench.sqlite3"
    loaded = BAKERYDEMO_DIR / "bench.sqlite3.loaded"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/root"),
        "PYTHONPATH": f"{settings_dir}:{src}",
        "DJANGO_SETTINGS_MODULE": "bench_bakery_settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    if not loaded.exists():
        database.unlink(missing_ok=True)
        for args in (("migrate", "--noinput", "-v0"), ("load_initial_data",)):
            subprocess.run(  # noqa: S603
                [str(python), "manage.py", *args],
                cwd=src,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        loaded.touch()
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
    port = free_port()
    server = gunicorn(python, "bakerydemo.wsgi", src, env, port)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", server)
    paths = {
        "home": "/",
        "destination": bread,
        "product": bread,
        "search": "/search/?q=bread",
    }
    return server, base, paths


# --- the run ----------------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-bakerydemo", action="store_true")
    parser.add_argument(
        "--pages", help="comma-separated: home,destination,product,search (default all)"
    )
    parser.add_argument("--baseline", metavar="REV", help="A/B against git revision")
    parser.add_argument("--ports", default="8200-8299", help="FIRST-LAST")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="uncached runs per server, interleaved; the median is shown",
    )
    options = parser.parse_args()
    global PORTS
    first, last = (int(part) for part in options.ports.split("-"))
    PORTS = range(first, last + 1)
    for tool in ("wrk", "varnishd", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is missing: apt-get install wrk varnish nginx-light")

    processes = []
    with tempfile.TemporaryDirectory(prefix="banua-bench-pages-") as tmp:
        work = Path(tmp)
        try:
            banua, banua_base, banua_port, paths = start_banua(work)
            processes.append(banua)
            if options.pages:
                wanted = options.pages.split(",")
                paths = {name: path for name, path in paths.items() if name in wanted}
            baseline = None
            if options.baseline:
                baseline = start_baseline(work, options.baseline)
                processes.append(baseline[0])
            varnish, varnish_base = start_varnish(work, banua_port)
            processes.append(varnish)
            _, _, home_html = fetch(banua_base + "/")
            nginx, nginx_base = start_nginx(work, home_html)
            processes.append(nginx)
            bakery = None if options.no_bakerydemo else start_bakerydemo(work)
            if bakery is not None:
                processes.append(bakery[0])

            def measure(url: str) -> float:
                fetch(url)  # warm: templates, renditions, the cache
                fetch(url)
                return wrk(url, options.seconds, options.connections)

            static = measure(nginx_base + "/")
            rows = []
            for name, path in paths.items():
                status, headers, _ = fetch(varnish_base + path)
                fetch(varnish_base + path)
                _, headers, _ = fetch(varnish_base + path)
                hit = headers.get("X-Cache") == "HIT"
                cached = measure(varnish_base + path)
                # Interleaved rounds, median of each: on a shared machine the load
                # moves within seconds, and each server gets the same share of it.
                servers = [banua_base + path]
                if baseline:
                    servers.append(baseline[1] + path)
                if bakery:
                    servers.append(bakery[1] + bakery[2][name])
                for url in servers:
                    fetch(url)
                    fetch(url)
                runs = [[] for _ in servers]
                for _round in range(options.rounds):
                    for url, found in zip(servers, runs, strict=True):
                        found.append(wrk(url, options.seconds, options.connections))
                medians = [statistics.median(found) for found in runs]
                uncached = medians.pop(0)
                before = medians.pop(0) if baseline else None
                reference = medians.pop(0) if bakery else None
                rows.append((name, path, hit, cached, uncached, reference, before))
        finally:
            for process in reversed(processes):
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()

    print(  # noqa: T201
        f"\n{WORKERS} gunicorn workers each, wrk -t2 -c{options.connections} "
        f"-d{options.seconds}s, uncached: median of {options.rounds} interleaved; "
        f"static nginx (Banua's home as a file): {static:.0f} req/s"
    )
    header = (
        f"{'page':<12} {'cached':>9} {'uncached':>9} {'bakery':>9} "
        f"{'cached/static':>14} {'uncached/bakery':>16}"
    )
    print(header)  # noqa: T201
    print("-" * len(header))  # noqa: T201
    for name, _path, hit, cached, uncached, reference, _before in rows:
        ratio_static = cached / static
        ratio_bakery = uncached / reference if reference else None
        mark_static = "ok" if ratio_static >= CACHED_AIM else "below aim"
        if ratio_bakery is None:
            bakery_cell, bakery_ratio = "-", "-"
        else:
            mark = "ok" if ratio_bakery >= UNCACHED_AIM else "below aim"
            bakery_cell = f"{reference:.0f}"
            bakery_ratio = f"{ratio_bakery:.2f}x {mark}"
        cached_cell = f"{cached:.0f}" + ("" if hit else "*")
        print(  # noqa: T201
            f"{name:<12} {cached_cell:>9} {uncached:>9.0f} {bakery_cell:>9} "
            f"{f'{ratio_static:.2f} {mark_static}':>14} {bakery_ratio:>16}"
        )
    if bakery is None:
        print(  # noqa: T201
            "bakerydemo column empty: "
            + ("--no-bakerydemo" if options.no_bakerydemo else "skipped, see above")
        )
    if options.baseline:
        print(f"\nA/B, uncached req/s: this checkout against {options.baseline}")  # noqa: T201
        for name, _path, _hit, _cached, uncached, reference, before in rows:
            versus = (
                f", {options.baseline} {before / reference:.2f}x" if reference else ""
            )
            print(  # noqa: T201
                f"{name:<12} {uncached:>7.0f} vs {before:>7.0f} ({uncached / before:.2f}x)"
                + (
                    f"; of bakerydemo: this {uncached / reference:.2f}x"
                    if reference
                    else ""
                )
                + versus
            )
    print(  # noqa: T201
        f"aims: cached >= {CACHED_AIM} of static; uncached >= {UNCACHED_AIM}x "
        "bakerydemo (home vs home, destination and product vs a bread page, search vs "
        "its search). * = the page was not a cache hit (not shareable)."
    )


if __name__ == "__main__":
    main()
