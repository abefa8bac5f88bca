"""Gunicorn settings for Banua (``gunicorn -c deploy/gunicorn.conf.py banua.wsgi``).

Every value comes from the environment so the same file serves a 1-core VPS, a big
server and the CI stack:

* ``WEB_CONCURRENCY``: worker processes (default 2 x cores + 1);
* ``GUNICORN_BIND``: address (default 127.0.0.1:8000: the HTTP cache or TLS proxy in
  front talks to it, nothing else should);
* ``GUNICORN_MAX_REQUESTS`` / ``GUNICORN_MAX_REQUESTS_JITTER``: a worker is replaced
  after about this many requests, so slow leaks never grow, and the jitter keeps the
  workers from all restarting at once;
* ``GUNICORN_TIMEOUT``: a request still running after this many seconds gets its worker
  killed and replaced (the site answers 502 for it, the others carry on);
* ``GUNICORN_GRACEFUL_TIMEOUT``: on reload/stop (SIGHUP/SIGTERM) workers finish their
  current request within this many seconds.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


wsgi_app = "banua.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Worker heartbeats in memory, not on a disk that may stall.
_SHM = "/dev/shm"  # noqa: S108 - gunicorn only writes heartbeat files there
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None
# The proxy in front sets X-Forwarded-For/-Proto; trust it only from loopback.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# "-" is stdout (journald under systemd); empty turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "banua"
# Gunicorn's control socket defaults to one path per user ($HOME/.gunicorn/gunicorn.ctl),
# which two instances on one machine (a deploy and a CI stack) would fight over; systemd
# and signals are how Banua is managed.
control_socket_disable = True
