"""The shared Redis cache: counters shared by every worker process, and a site that
keeps answering (degraded) when Redis is down."""

import socket
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse

from banua.cache import TolerantRedisCache
from tests.deploy import live
from tests.vendors.factories import UserFactory
from vendors import rate_limits


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"  # nothing listens there once closed


def _redis_caches(url: str, prefix: str = "banua-test") -> dict:
    return {
        "default": {
            "BACKEND": "banua.cache.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_settings_choose_redis_from_redis_url(monkeypatch):
    import importlib

    import banua.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/2")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CACHES["default"]["BACKEND"] == "banua.cache.TolerantRedisCache"
        assert reloaded.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6390/2"
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)


def test_redis_down_cache_calls_answer_like_a_cold_cache():
    cache = TolerantRedisCache(
        _closed_port_url(), {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.add("k", 1) is False
    cache.set("k", 1)
    assert cache.incr("k") == 0
    assert cache.get_many(["a", "b"]) == {}
    cache.delete("k")


@pytest.mark.django_db
def test_redis_down_pages_and_login_answer_without_500(client, settings):
    settings.CACHES = _redis_caches(_closed_port_url())
    caches["default"].close()
    assert client.get("/").status_code < 500  # the page-tree cache sits on this path
    assert client.get("/healthz").status_code == 200
    response = client.post(
        reverse("vendors:login"), {"username": "nobody", "password": "wrong"}
    )
    assert response.status_code == 200  # the form again, not a server error
    # Counters kept in the cache (sign-up, password reset) count nothing while it is down.
    rate_limits.rate_limit_hit(rule=rate_limits.SIGNUP_PER_ADDRESS, ident="x")
    assert (
        rate_limits.rate_limit_is_reached(
            rule=rate_limits.SIGNUP_PER_ADDRESS, ident="x"
        )
        is False
    )


@pytest.mark.redis
def test_redis_counters_are_shared_between_cache_clients(settings, cache_prefix):
    """Two clients stand for two worker processes: both see the same counter."""
    import os

    url = os.environ["REDIS_URL"]
    first = TolerantRedisCache(url, {"KEY_PREFIX": cache_prefix})
    second = TolerantRedisCache(url, {"KEY_PREFIX": cache_prefix})
    first.add("counter", 0, timeout=60)
    first.incr("counter")
    second.incr("counter")
    assert first.get("counter") == 2
    first.delete("counter")


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_login_throttle_counts_across_two_gunicorn_workers(
    static_root, cache_prefix, tmp_path
):
    """Five wrong passwords per account, whichever worker answers each one; then even
    the right password is refused (429) until the lockout passes: the counters are
    django-axes rows in the shared database."""
    import os

    import requests

    user = UserFactory(username="artisan-throttle")
    env = live.production_env(
        REDIS_URL=os.environ["REDIS_URL"],
        CACHE_KEY_PREFIX=cache_prefix,
        STATIC_ROOT=str(static_root),
    )
    log = Path(tmp_path / "gunicorn.log")
    with live.gunicorn(env, workers=2, log=log) as (base, _proc):
        login_url = base + reverse("vendors:login")
        for attempt in range(5):
            session = requests.Session()  # a new connection each time: any worker
            session.get(login_url, timeout=10)
            response = session.post(
                login_url,
                data={
                    "username": user.username,
                    "password": "wrong-password",
                    "csrfmiddlewaretoken": session.cookies["csrftoken"],
                },
                headers={"Referer": login_url},
                timeout=10,
            )
            # The fifth failure locks the account at once.
            assert response.status_code == (429 if attempt == 4 else 200)
        session = requests.Session()
        session.get(login_url, timeout=10)
        response = session.post(
            login_url,
            data={
                "username": user.username,
                "password": "secret-pass-123",
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            headers={"Referer": login_url},
            timeout=10,
            allow_redirects=False,
        )
    assert response.status_code == 429, "the sixth attempt must be refused"
    assert "csrftoken" in session.cookies
    assert "sessionid" not in session.cookies
