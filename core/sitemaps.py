"""A sitemap base for Django views: each URL in every language, with hreflang alternates,
at the site's configured address (``core.site_url``), never the request's host."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap

from core.site_url import site_root


class SiteAddressSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(site_root()).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(site_root()).netloc
