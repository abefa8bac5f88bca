"""Generation tokens: the invalidation keys of cached page fragments.

A fragment cached under a key that contains a token goes stale the moment the token
is replaced, in every process that shares Django's cache, without anyone having to
know which entries exist. Two tokens cover the public pages:

* PAGES, replaced on any change to Wagtail pages, sites, locales or view restrictions
  (banua.signals);
* STOREFRONT, replaced on any change to a product, variant, photo, review, shop or
  stock (banua.frontend_cache, the receivers that also purge the HTTP cache).

They live here, under every app, because fragments of both kinds are built on several
layers: the marketplace's product page shows its maker's destination page, and the
tourism pages show products.
"""

import threading
import uuid

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

PAGES = "banua:pages:generation"
STOREFRONT = "banua:storefront:generation"


# The tokens a request has read, kept for the rest of it: a page reads them for each
# of its fragments, and with Redis each read is a round trip. A request sees the
# tokens as they were when it first needed them (as it sees the rows it first read);
# the next request reads them afresh. Outside a request (tasks, shells) every read
# goes to the cache.
_request = threading.local()


def _start_request(**kwargs) -> None:
    _request.tokens = {}


def _end_request(**kwargs) -> None:
    _request.tokens = None


request_started.connect(_start_request, dispatch_uid="banua_generations_start")
request_finished.connect(_end_request, dispatch_uid="banua_generations_end")


def _tokens_of_this_request() -> dict | None:
    return getattr(_request, "tokens", None)


def current(name: str) -> str:
    """The token now in force for `name`, created on first use."""
    remembered = _tokens_of_this_request()
    if remembered is not None:
        if name not in remembered:
            # Pages need both tokens sooner or later: one round trip for the two.
            remembered.update(cache.get_many([PAGES, STOREFRONT]))
        if name in remembered:
            return remembered[name]
    token = cache.get(name)
    if token is None:
        token = uuid.uuid4().hex
        # add() keeps a token another process set in the meantime.
        if not cache.add(name, token, None):
            token = cache.get(name) or token
    if remembered is not None:
        remembered[name] = token
    return token


def replace(name: str) -> None:
    """A new token for `name` at once (this request goes on with it too)."""
    token = uuid.uuid4().hex
    cache.set(name, token, None)
    remembered = _tokens_of_this_request()
    if remembered is not None:
        remembered[name] = token


def replace_on_commit(name: str) -> None:
    """A new token once the current transaction commits (at once outside one): a
    reader before the commit still sees the old rows and may cache them under the
    old token, which the commit then retires."""
    transaction.on_commit(lambda: replace(name))


def fragment_key() -> str:
    """Both tokens, in one cache round trip: for a fragment that shows pages and
    products, stale with either."""
    if _tokens_of_this_request() is not None:
        return f"{current(PAGES)}:{current(STOREFRONT)}"
    tokens = cache.get_many([PAGES, STOREFRONT])
    if len(tokens) < 2:
        return f"{current(PAGES)}:{current(STOREFRONT)}"
    return f"{tokens[PAGES]}:{tokens[STOREFRONT]}"
