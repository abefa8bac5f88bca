"""The site's configured address, the one source of every absolute URL.

Canonical links, Open Graph tags, JSON-LD, the sitemap, the content API and e-mails all
build absolute URLs here, from ``WAGTAILADMIN_BASE_URL`` (``SITE_URL`` in the
environment), never from the request's Host header: a page rendered behind a proxy, by a
background task or on ``localhost`` must not publish a different host than the one
search engines and shoppers know, and a forged Host header must not end up in a cached
page or an e-mail.
"""

from urllib.parse import urljoin, urlsplit

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


def site_host() -> str:
    """``banua.example`` (no scheme, no port): the domain of iCalendar UIDs, so a
    calendar app sees one event whichever host the feed was fetched through."""
    return urlsplit(site_root()).hostname or "banua.localhost"


def page_absolute_url(page) -> str | None:
    """A Wagtail page's public URL on the configured address (``page.full_url`` would
    take the host of the page's Site record, which may be ``localhost``)."""
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return None
    return absolute_url(parts[2])
