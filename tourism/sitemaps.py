"""sitemap.xml with every live page of every language.

Wagtail's default sitemap lists the site root's tree only, i.e. one language; the
English tree is a sibling of the Indonesian one, so both trees are listed here.
"""

from urllib.parse import urlsplit

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.site_url import absolute_url


class BilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        in_any_tree = Q(pk__in=[])
        for home in root.get_translations(inclusive=True):
            in_any_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_any_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, *args, **kwargs):
        """Locations at the site's configured address, like every other absolute URL
        (a Wagtail Site row left at ``localhost`` must not leak into the sitemap)."""
        urls = []
        for url in super().get_urls(*args, **kwargs):
            # A page outside every site's tree has no URL: it is not listed.
            if not url["location"]:
                continue
            parts = urlsplit(url["location"])
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            url["location"] = absolute_url(path)
            urls.append(url)
        return urls
