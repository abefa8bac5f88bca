"""Rate limits for sign-up and password-reset requests, counted in Django's cache.

Log-in protection is not here: the site guards every login form with django-axes
(see the README, "Log-in protection"). These counters only slow down the forms bots
mass-produce accounts and e-mails with. Each counter lives under its own cache key and
expires with its window. Production must use a cache shared by every worker process
(Redis or the database cache); the default per-process cache is enough for one process
and for tests.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Rule:
    scope: str  # e.g. "signup-address"
    limit: int  # attempts allowed in the window
    window: int  # seconds


SIGNUP_PER_ADDRESS = Rule("signup-address", limit=5, window=60 * 60)
SIGNUP_PER_EMAIL = Rule("signup-email", limit=3, window=60 * 60)
PASSWORD_RESET_PER_ADDRESS = Rule("reset-address", limit=5, window=60 * 60)
PASSWORD_RESET_PER_EMAIL = Rule("reset-email", limit=3, window=60 * 60)


def _key(rule: Rule, ident: str) -> str:
    digest = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
    return f"banua:ratelimit:{rule.scope}:{digest}"


def rate_limit_is_reached(*, rule: Rule, ident: str) -> bool:
    if not ident:
        return False
    return (cache.get(_key(rule, ident)) or 0) >= rule.limit


def rate_limit_hit(*, rule: Rule, ident: str) -> None:
    if not ident:
        return
    key = _key(rule, ident)
    # add() only sets a missing key, so the window starts at the first attempt.
    cache.add(key, 0, timeout=rule.window)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=rule.window)


def client_address(request) -> str:
    """REMOTE_ADDR. A proxy in front sets it (from X-Forwarded-For) before Django."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""
