"""Shared page fragments: HTML that is the same for every visitor, cached in Django's
cache and rendered by the `{% shared_fragment %}` tag (templatetags/fragments.py).

A fragment's key is built by the view or page from what its HTML depends on, always
including a generation token (core.generations) so that the signals that purge the
HTTP cache retire it too. A fragment is stored only when rendering it used no CSRF
token (Django flags a used token in ``request.META["CSRF_COOKIE_NEEDS_UPDATE"]``), so
one visitor's token can never reach another; a request that had already used one
before the fragment reads fragments but never writes them. Logged-in visitors neither
read nor write them: whatever a page shows only to its user (a favourite, a dashboard
link) is then always right for them, at the price of a full render.

It lives in the lowest app with templates because both the storefront and the tourism
pages use it.
"""

import hashlib

from core import generation_cache


def fragment_cache_key(name: str, key: str) -> str:
    digest = hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()
    return f"banua:fragment:{name}:{digest}"


def fragment_is_cached(*, name: str, key: str) -> bool:
    return generation_cache.has(fragment_cache_key(name, key))


def _csrf_used(request) -> bool:
    return bool(
        request is not None
        and (
            request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or request.META.get("CSRF_COOKIE_USED")
        )
    )


def forbid_sharing(request) -> None:
    """Keep whatever this request renders out of the shared cache: for content that
    turned out not to be the normal answer (a degraded search), found only while the
    fragment was being rendered."""
    if request is not None:
        request.banua_no_shared_fragment = True


def _forbidden(request) -> bool:
    return getattr(request, "banua_no_shared_fragment", False)


def _logged_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def render_shared(*, name: str, key: str, seconds: int, request, render) -> str:
    """The cached HTML of fragment `name` under `key`, else `render()`, stored for
    `seconds` when that is safe (see the module docstring). No key or no seconds:
    rendered every time."""
    if not key or not seconds or _logged_in(request):
        return render()
    cache_key = fragment_cache_key(name, key)
    html = generation_cache.get(cache_key)
    if html is not None:
        return html
    shareable = not _csrf_used(request)
    html = render()
    if shareable and not _csrf_used(request) and not _forbidden(request):
        generation_cache.set(cache_key, html, seconds)
    return html
