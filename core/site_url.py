"""The site's configured address, the one source of every absolute URL.

Canonical links, Open Graph tags, JSON-LD, the sitemap, the content API and e-mails all
build absolute URLs here, from ``WAGTAILADMIN_BASE_URL`` (``SITE_URL`` in the
environment), never from the request's Host header: a page rendered behind a proxy, by a
background task or on ``localhost`` must not publish a different host than the one
search engines and shoppers know, and a forged Host header must not end up in a cached
page or an e-mail.
"""

from urllib.parse import urljoin

from django.conf import settings


def site_root() -> str:
    """``https://banua.example`` (no trailing slash)."""
    return str(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def absolute_url(url: str | None) -> str | None:
    """``/toko/x/`` → ``https://banua.example/toko/x/``; an absolute URL (a CDN's
    media URL) is returned as it is; None stays None."""
    if not url:
        return url
    if "://" in url or url.startswith("//"):
        return url
    return urljoin(site_root() + "/", url.lstrip("/"))
