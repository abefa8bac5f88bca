"""Counting attempts (log-ins, sign-ups) per account and per address with Django's
cache.

Each counter lives under its own cache key and expires with its window, so a blocked
person can try again once the window has passed. Production must use a cache shared by
every worker process (Redis or the database cache); the default per-process cache is
enough for one process and for tests.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Rule:
    scope: str  # e.g. "login-account"
    limit: int  # attempts allowed in the window
    window: int  # seconds


LOGIN_PER_ACCOUNT = Rule("login-account", limit=5, window=15 * 60)
LOGIN_PER_ADDRESS = Rule("login-address", limit=20, window=15 * 60)
SIGNUP_PER_ADDRESS = Rule("signup-address", limit=5, window=60 * 60)
SIGNUP_PER_ACCOUNT = Rule("signup-account", limit=3, window=60 * 60)


def _key(rule: Rule, ident: str) -> str:
    digest = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
    return f"banua:throttle:{rule.scope}:{digest}"


def throttle_is_blocked(*, rule: Rule, ident: str) -> bool:
    if not ident:
        return False
    return (cache.get(_key(rule, ident)) or 0) >= rule.limit


def throttle_hit(*, rule: Rule, ident: str) -> None:
    if not ident:
        return
    key = _key(rule, ident)
    # add() only sets a missing key, so the window starts at the first attempt.
    cache.add(key, 0, timeout=rule.window)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=rule.window)


def throttle_reset(*, rule: Rule, ident: str) -> None:
    if ident:
        cache.delete(_key(rule, ident))


def client_address(request) -> str:
    """REMOTE_ADDR; a proxy in front must set it (e.g. from X-Forwarded-For) before
    Django."""
    return request.META.get("REMOTE_ADDR", "")
