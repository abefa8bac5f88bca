"""Values every page template needs: the site navigation for the visitor's language."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from tourism import page_cache


def _navigation():
    # Cached per language; rebuilt when pages are published, moved or deleted.
    return page_cache.navigation(get_language())


def site_chrome(request):
    return {"site_nav": SimpleLazyObject(_navigation)}
