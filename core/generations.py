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

import uuid

from django.core.cache import cache
from django.db import transaction

PAGES = "banua:pages:generation"
STOREFRONT = "banua:storefront:generation"


def current(name: str) -> str:
    """The token now in force for `name`, created on first use."""
    token = cache.get(name)
    if token is None:
        token = uuid.uuid4().hex
        # add() keeps a token another process set in the meantime.
        if not cache.add(name, token, None):
            token = cache.get(name) or token
    return token


def replace(name: str) -> None:
    """A new token for `name` at once."""
    cache.set(name, uuid.uuid4().hex, None)


def replace_on_commit(name: str) -> None:
    """A new token once the current transaction commits (at once outside one): a
    reader before the commit still sees the old rows and may cache them under the
    old token, which the commit then retires."""
    transaction.on_commit(lambda: replace(name))


def fragment_key() -> str:
    """Both tokens, in one cache round trip: for a fragment that shows pages and
    products, stale with either."""
    tokens = cache.get_many([PAGES, STOREFRONT])
    if len(tokens) < 2:
        return f"{current(PAGES)}:{current(STOREFRONT)}"
    return f"{tokens[PAGES]}:{tokens[STOREFRONT]}"
