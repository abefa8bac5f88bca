"""sitemap.xml with every live page of every language.

Wagtail's default sitemap lists the site root's tree only, i.e. one language; the
English tree is a sibling of the Indonesian one, so both trees are listed here.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


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
