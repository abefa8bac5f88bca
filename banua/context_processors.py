"""Values every page template needs: the site navigation for the visitor's language."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


def _navigation():
    from tourism.models import HomePage

    home = HomePage.objects.live().filter(locale__language_code=get_language()).first()
    if home is None:
        home = HomePage.objects.live().order_by("id").first()
    if home is None:
        return {"home": None, "items": []}
    # Plain Page rows: pageurl needs only url_path; deferred fields cost a query each.
    items = list(home.get_children().live().in_menu())
    return {"home": home, "items": items}


def site_chrome(request):
    return {"site_nav": SimpleLazyObject(_navigation)}
