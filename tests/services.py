"""Which real services this test run can reach.

Tests that need a service carry its marker (``@pytest.mark.elasticsearch`` and so on). When
the service is missing they are skipped locally, with one summary line, and fail under CI
(``CI=true``), where .ci/run is responsible for starting every service.
"""

import os
import shutil
import socket
from functools import cache
from urllib.parse import urlparse

SERVICE_MARKERS = (
    "postgres",
    "elasticsearch",
    "stripe",
    "browser",
    "redis",
    "s3",
    "varnish",
)


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or default_port
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@cache
def unavailable_reason(service: str) -> str | None:
    """None when the service can be used, else a short reason for the skip or failure."""
    if service == "postgres":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            return "DATABASE_URL does not point at PostgreSQL"
        if not _port_open(url, 5432):
            return f"PostgreSQL is not answering at {urlparse(url).hostname}"
        return None
    if service == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if not url:
            return "ELASTICSEARCH_URL is not set"
        if not _port_open(url, 9200):
            return f"Elasticsearch is not answering at {url}"
        return None
    if service == "stripe":
        url = os.environ.get("STRIPE_API_BASE", "")
        if not url:
            return "STRIPE_API_BASE (stripe-mock) is not set"
        if not _port_open(url, 12111):
            return f"stripe-mock is not answering at {url}"
        return None
    if service == "redis":
        url = os.environ.get("REDIS_URL", "")
        if not url:
            return "REDIS_URL is not set"
        if not _port_open(url, 6379):
            return f"Redis is not answering at {url}"
        return None
    if service == "s3":
        url = os.environ.get("AWS_S3_ENDPOINT_URL", "")
        if not (url and os.environ.get("AWS_STORAGE_BUCKET_NAME")):
            return "AWS_S3_ENDPOINT_URL / AWS_STORAGE_BUCKET_NAME are not set"
        if not _port_open(url, 443):
            return f"the S3 server is not answering at {url}"
        return None
    if service == "browser":
        for name, default in (
            ("BANUA_CHROMIUM", "chromium"),
            ("BANUA_CHROMEDRIVER", "chromedriver"),
        ):
            path = os.environ.get(name) or shutil.which(default)
            if not path or not os.path.exists(path):
                return f"{default} is not installed"
        return None
    if service == "varnish":
        # The tests start their own varnishd in front of the live server.
        path = varnishd_path()
        if not path:
            return "varnishd is not installed (scripts/services/varnish.sh install)"
        return None
    raise ValueError(f"unknown service {service!r}")


def varnishd_path() -> str | None:
    for candidate in (
        os.environ.get("BANUA_VARNISHD"),
        shutil.which("varnishd"),
        "/usr/sbin/varnishd",
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    return None
