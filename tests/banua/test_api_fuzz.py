"""Schemathesis fuzzes the whole /api/v1/ against a live, seeded server: every check,
0 failures, anonymously, as a vendor and as a shopper (issue 12 point 4).

The server is ``manage.py runserver`` on its own SQLite database in a temporary
directory, filled by ``seed_demo`` (the demo vendor ``penjual`` and shopper
``pembeli``); services are left out (no Elasticsearch, no Stripe key: the database
search and the demo payments answer), so the run is the same on every machine. The
three runs share the server and go in parallel; ``--seed`` is fixed so a failure
reproduces. ``--max-examples`` bounds the fuzzing phase; the coverage phase (fixed
cases from the schema) is most of the time: 5 to 8 minutes a run on a loaded 2-core
machine. ``--generation-with-security-parameters false``: the session is a header
schemathesis cannot take away, so it must not claim to have sent none.

Per-operation settings (statuses the schema cannot express) are in
``tests/banua/schemathesis.toml``, each with its reason.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
PORTS = range(8300, 8350)  # the api helper's range (README, "Ports")
MAX_EXAMPLES = "10"
SEED = "20261130"

SESSION_SCRIPT = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model)
user = get_user_model().objects.get(username={username!r})
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
print(store.session_key)
"""


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail("no free port in 8300-8349")


def _env(tmp_path) -> dict:
    # Only what the server needs: no service URL from the CI environment, so the
    # database search and demo payments answer.
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.dev",
        # Three runs write at once: wait for SQLite's lock instead of failing on it.
        DATABASE_URL=f"sqlite:///{tmp_path / 'fuzz.sqlite3'}"
        "?timeout=30&transaction_mode=IMMEDIATE",
        MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def _wait_for(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (local http)
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the server did not answer {url}")


@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("api-fuzz")
    env = _env(tmp_path)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "seed_demo")
    port = _free_port()
    # The log goes to a file: a pipe nobody reads fills up and blocks the server.
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/api/v1/openapi.json", server, tmp_path / "server.log")
        yield url, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _session_headers(env, username: str) -> list[str]:
    output = _manage(env, "shell", "-c", SESSION_SCRIPT.format(username=username))
    session = output.stdout.strip().splitlines()[-1]  # after any log line
    # A 32-character secret is a valid CSRF cookie and, unmasked, a valid header.
    csrf = secrets.token_hex(16)
    return [
        "-H",
        f"Cookie: sessionid={session}; csrftoken={csrf}",
        "-H",
        f"X-CSRFToken: {csrf}",
    ]


def _start_run(url: str, headers: list[str], report: Path) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("st")),
        "--config-file",
        str(CONFIG),
        "run",
        f"{url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--workers",
        "1",
        "--generation-with-security-parameters",
        "false",
        "--generation-database",
        "none",
        "--no-color",
        *headers,
    ]
    return subprocess.Popen(  # noqa: S603
        command,
        stdout=report.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_schemathesis_finds_nothing_anonymously_as_vendor_and_as_shopper(
    live_server_url, tmp_path
):
    url, env = live_server_url
    identities = {
        "anonymous": [],
        "vendor": _session_headers(env, "penjual"),
        "shopper": _session_headers(env, "pembeli"),
    }
    runs = {
        name: (_start_run(url, headers, tmp_path / f"{name}.txt"), tmp_path / name)
        for name, headers in identities.items()
    }
    failed = {}
    for name, (run, _) in runs.items():
        code = run.wait(timeout=600)
        report = (tmp_path / f"{name}.txt").read_text()
        if code != 0:
            failed[name] = report[-6000:]
    assert not failed, "\n\n".join(f"== {k} ==\n{v}" for k, v in failed.items())
