"""Real processes for the deployment tests: gunicorn and the task worker, started with
production settings against the test database, on loopback ports of the deploy range."""

import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    for _ in range(50):
        port = random.randint(8100, 8199)  # noqa: S311 - a port, not a secret
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8100-8199")


def database_url() -> str:
    """The URL of the database this test uses (pytest-django's test database)."""
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        raise RuntimeError("live processes need PostgreSQL")
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:"
        f"{s['PORT'] or 5432}/{s['NAME']}"
    )


def production_env(**extra: str) -> dict[str, str]:
    """Production settings made safe for a plain-HTTP run on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ELASTICSEARCH_", "AWS_", "STRIPE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    if "DATABASE_URL" not in extra:
        env["DATABASE_URL"] = database_url()
    return env


def wait_http(url: str, *, timeout: float = 60, proc=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def collectstatic(static_root: Path, env: dict[str, str]) -> None:
    """The manifest production's static storage needs (once per session)."""
    if (static_root / "staticfiles.json").exists():
        return
    subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO,
        env={**env, "STATIC_ROOT": str(static_root)},
        check=True,
        timeout=300,
    )


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, log: Path):
    """Yields (base_url, process); stops the master (and so its workers) afterwards."""
    port = free_port()
    env = {
        **env,
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
    }
    with open(log, "ab") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own config
            [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/healthz", proc=proc)
        yield base, proc
    finally:
        stop(proc)


@contextmanager
def task_worker(env: dict[str, str], *, log: Path, args=()):
    with open(log, "ab") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own manage.py
            [PYTHON, "manage.py", "tasks_worker", "--interval", "0.2", *args],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
