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


# A service reached at a URL from the environment: (variable, default port, name).
URL_SERVICES = {
    "elasticsearch": ("ELASTICSEARCH_URL", 9200, "Elasticsearch"),
    "stripe": ("STRIPE_API_BASE", 12111, "stripe-mock"),
    "redis": ("REDIS_URL", 6379, "Redis"),
    "s3": ("AWS_S3_ENDPOINT_URL", 443, "the S3 server"),
}


def _url_service_reason(variable: str, default_port: int, name: str) -> str | None:
    url = os.environ.get(variable, "")
    if not url:
        return f"{variable} ({name}) is not set"
    if not _port_open(url, default_port):
        return f"{name} is not answering at {url}"
    return None


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
    if service == "s3" and not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        return "AWS_STORAGE_BUCKET_NAME is not set"
    if service in URL_SERVICES:
        return _url_service_reason(*URL_SERVICES[service])
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
