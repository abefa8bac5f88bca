"""No CDN anywhere: every key page, the API docs and the admin login included, loads
its scripts, styles, fonts and images from this site only."""

import json
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import reverse
from wagtail.models import Site

from core.site_url import site_root
from tests.tourism.conftest import full_site  # noqa: F401 - the bilingual site fixture

SITE = "http://testserver"
ASSET_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action"}
NAVIGATION_TAGS = {"a", "form"}  # links and forms go elsewhere on purpose


class AssetCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[tuple[str, str]] = []
        self.swagger_settings = ""
        self._in_swagger_settings = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("id") == "swagger-settings":
            self._in_swagger_settings = True
        if tag in NAVIGATION_TAGS:
            return
        for name, value in attrs.items():
            if name not in ASSET_ATTRIBUTES or not value:
                continue
            if name == "srcset":
                urls = [part.strip().split(" ")[0] for part in value.split(",")]
            else:
                urls = [value]
            self.assets += [(tag, url) for url in urls if url]

    def handle_data(self, data):
        if self._in_swagger_settings:
            self.swagger_settings += data

    def handle_endtag(self, tag):
        self._in_swagger_settings = False


def remote_assets(
    html: str, base: str, site_hosts: frozenset = frozenset({"testserver"})
) -> list[tuple[str, str]]:
    collector = AssetCollector()
    collector.feed(html)
    remote = []
    for tag, url in collector.assets:
        parts = urlsplit(urljoin(base, url))
        if parts.scheme in ("http", "https") and parts.netloc not in site_hosts:
            remote.append((tag, url))
    if collector.swagger_settings.strip():
        settings = json.loads(collector.swagger_settings)
        for key, value in settings.items():
            if isinstance(value, str) and "://" in value:
                remote.append((f"swagger:{key}", value))
        if settings.get("validatorUrl", "missing") is not None:
            remote.append(("swagger:validatorUrl", "https://validator.swagger.io"))
    return remote


def key_pages(site):
    product = site.product
    return {
        "home": site.tree.home.url,
        "home_en": site.tree.home_en.url,
        "destination": site.destination.url,
        "event": site.event.url,
        "story": site.story.url,
        "product": reverse("marketplace:product_detail", args=[product.slug]),
        "shop": reverse("vendors:shop_detail", args=[product.vendor.slug]),
        "catalogue": reverse("marketplace:catalogue"),
        "search": reverse("search:results") + "?q=sasirangan",
        "cart": reverse("marketplace:cart"),
        "api_docs": "/api/v1/docs",
        "admin_login": reverse("wagtailadmin_login"),
    }


def test_collector_finds_remote_assets():
    html = (
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/x.css">'
        '<script src="//unpkg.com/y.js"></script>'
        '<img srcset="/a.webp 1x, https://img.example/b.webp 2x">'
        '<a href="https://wa.me/62">chat</a><img src="/static/ok.svg">'
    )
    assert [url for _tag, url in remote_assets(html, SITE + "/")] == [
        "https://cdn.jsdelivr.net/x.css",
        "//unpkg.com/y.js",
        "https://img.example/b.webp",
    ]


def test_no_page_loads_anything_from_another_host(client, full_site):  # noqa: F811
    # The site's own names: the test client's, the Wagtail Site's, and the configured
    # address every canonical, hreflang and Open Graph URL is built from.
    site_hosts = {"testserver", urlsplit(site_root()).netloc}
    for site in Site.objects.all():
        site_hosts |= {site.hostname, f"{site.hostname}:{site.port}"}
    for page, url in key_pages(full_site).items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, (page, url)
        html = response.content.decode()
        assert "<" in html, page
        assert remote_assets(html, SITE + url, frozenset(site_hosts)) == [], page
