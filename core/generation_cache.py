"""Cache entries whose key holds a generation token, with a copy in process memory.

Such an entry never changes: whatever it depended on changing replaces the token, and
with it the key (core.generations). So once a process has read one from the shared
cache (Redis in production), it may keep a copy and answer from memory until the entry
would expire, with no round trip; only the tokens themselves must be read from the
shared cache, which `core.generations` does once per request. The copy is kept
pickled, as the shared cache keeps it, so each reader gets its own objects. The
memory is bounded (MAX_ENTRIES and MAX_BYTES per process, least recently used first
out) and each copy lives at most LOCAL_SECONDS.
"""

import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache import cache

MAX_ENTRIES = 2000
MAX_BYTES = 32 * 1024 * 1024
LOCAL_SECONDS = 60

_copies: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
_size = 0  # bytes held in _copies
_lock = threading.Lock()


def _drop(key: str) -> None:
    global _size
    _size -= len(_copies.pop(key)[1])


def _local(key: str) -> bytes | None:
    now = time.monotonic()
    with _lock:
        copy = _copies.get(key)
        if copy is None:
            return None
        if copy[0] <= now:
            _drop(key)
            return None
        _copies.move_to_end(key)
        return copy[1]


def _remember(key: str, value, seconds: float) -> None:
    global _size
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    expires = time.monotonic() + min(seconds, LOCAL_SECONDS)
    with _lock:
        if key in _copies:
            _drop(key)
        _copies[key] = (expires, data)
        _size += len(data)
        while _copies and (len(_copies) > MAX_ENTRIES or _size > MAX_BYTES):
            _drop(next(iter(_copies)))


def get(key: str):
    """The entry under `key` (None on a miss), from memory when this process has it."""
    data = _local(key)
    if data is not None:
        return pickle.loads(data)  # noqa: S301 - our own pickled cache entry
    value = cache.get(key)
    if value is not None:
        _remember(key, value, LOCAL_SECONDS)
    return value


def has(key: str) -> bool:
    return _local(key) is not None or get(key) is not None


def set(key: str, value, seconds: float) -> None:  # noqa: A001 - the cache verb
    cache.set(key, value, seconds)
    _remember(key, value, seconds)


def forget_all() -> None:
    """Drop this process's copies (tests that clear the shared cache)."""
    global _size
    with _lock:
        _copies.clear()
        _size = 0
