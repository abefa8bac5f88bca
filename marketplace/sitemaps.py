"""The storefront's products in sitemap.xml, in both languages."""

from django.urls import reverse

from core.sitemaps import SiteAddressSitemap
from marketplace import selectors


class ProductSitemap(SiteAddressSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return selectors.product_list_for_sitemap()

    def location(self, item):
        return reverse("marketplace:product_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at
