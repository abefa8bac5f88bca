"""A Redis cache that degrades instead of failing when Redis is unreachable.

Banua's cache holds nothing that cannot be rebuilt (page-tree lookups, throttling
counters), so a Redis outage must not turn pages into 500s: reads miss, writes are
dropped and ``incr`` counts nothing (throttling is off while Redis is down, which is
logged). After a failure the process skips Redis for ``DOWN_SECONDS`` so that every
request does not pay a connect timeout; the next call after that tries again.
"""

import logging
import time
from functools import wraps

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

DOWN_SECONDS = 5.0


def _redis_errors() -> tuple[type[BaseException], ...]:
    return (redis.ConnectionError, redis.TimeoutError, ConnectionError, OSError)


def _tolerant(name: str, default):
    """Wrap RedisCache.<name> so a Redis outage answers ``default(*args)`` instead."""
    method = getattr(RedisCache, name)

    @wraps(method)
    def call(self, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except _redis_errors() as exc:
            if not self._down_until:
                logger.warning(
                    "Redis cache unreachable (%s: %s); serving without cache.",
                    exc.__class__.__name__,
                    exc,
                )
            self._down_until = time.monotonic() + DOWN_SECONDS
            return default(*args, **kwargs)
        if self._down_until:
            logger.warning("Redis cache reachable again.")
            self._down_until = 0.0
        return result

    return call


class TolerantRedisCache(RedisCache):
    """Django's RedisCache whose calls answer what a cold cache would while Redis is
    down (reads miss, writes are dropped, counters stay at zero)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    get = _tolerant("get", lambda key, default=None, version=None: default)
    get_many = _tolerant("get_many", lambda *a, **k: {})
    has_key = _tolerant("has_key", lambda *a, **k: False)
    set = _tolerant("set", lambda *a, **k: None)
    set_many = _tolerant("set_many", lambda data, *a, **k: list(data))
    add = _tolerant("add", lambda *a, **k: False)
    touch = _tolerant("touch", lambda *a, **k: False)
    incr = _tolerant("incr", lambda *a, **k: 0)
    delete = _tolerant("delete", lambda *a, **k: False)
    delete_many = _tolerant("delete_many", lambda *a, **k: None)
    clear = _tolerant("clear", lambda *a, **k: False)
