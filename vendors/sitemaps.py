"""The shops' pages in sitemap.xml, in both languages."""

from django.urls import reverse

from core.sitemaps import SiteAddressSitemap
from vendors import selectors


class ShopSitemap(SiteAddressSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.vendor_list_for_sitemap()

    def location(self, item):
        return reverse("vendors:shop_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at
