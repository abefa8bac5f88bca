"""Cached facts every public page needs: view restrictions and the navigation.

All of them derive from the page tree, so they share one *generation* token kept in
Django's cache. Any change to pages, sites, locales or view restrictions replaces the
token (see `banua.apps`), which makes every entry built under the old token
unreachable at once, in every process that shares the cache backend. Entries also
expire after CACHE_SECONDS as a safety net.

Only Wagtail's public API is used: the root page a request is routed from is Wagtail's
own `Site.find_for_request(request).root_page.localized.specific`, kept here per host,
port and language (tourism.pages.site_root_page), and anonymous pages as a whole are
cached by the HTTP cache in front (see banua.edge_cache).
"""

from django.apps import apps
from wagtail.models import Page, PageViewRestriction

from core import generation_cache, generations

GENERATION_KEY = generations.PAGES
STOREFRONT_KEY = generations.STOREFRONT
CACHE_SECONDS = 300


def generation() -> str:
    return generations.current(GENERATION_KEY)


def invalidate() -> None:
    """New token now, and again after commit so no reader caches pre-commit rows."""
    generations.replace(GENERATION_KEY)
    generations.replace_on_commit(GENERATION_KEY)


def invalidate_storefront() -> None:
    """After commit only: checkout sends stock_changed under row locks, and readers
    before the commit see (and may cache under the old token) the old rows anyway."""
    generations.replace_on_commit(STOREFRONT_KEY)


def fragment_key() -> str:
    """Both tokens: a fragment that shows pages and products goes stale with either."""
    return generations.fragment_key()


def cached(name: str, build):
    """Django-cache entry `name` for the current page generation, built on a miss: for
    values derived from pages only (any page change replaces the generation)."""
    return _cached(name, build)


def _cached(name: str, build):
    """Django-cache entry `name` for the current generation, built on a miss."""
    key = f"banua:pages:{generation()}:{name}"
    value = generation_cache.get(key)
    if value is None:
        value = build()
        generation_cache.set(key, value, CACHE_SECONDS)
    return value


# --- routing ------------------------------------------------------------------------
def route_joins(model) -> list[str]:
    """Foreign keys a page type declares itself (hero images, venues): joined in."""
    explicit = getattr(model, "route_select_related", None)
    if explicit is not None:
        return list(explicit)
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field.model is not Page and field.concrete
    ]


# --- view restrictions ----------------------------------------------------------------
def restricted_paths() -> tuple[str, ...]:
    """Tree paths of pages with a view restriction; usually empty, then free to use."""
    return _cached(
        "restricted",
        lambda: tuple(
            sorted(
                set(PageViewRestriction.objects.values_list("page__path", flat=True))
            )
        ),
    )


def restricted_page_ids() -> frozenset[int]:
    """Ids of pages carrying a view restriction (for Page.get_view_restrictions)."""
    return _cached(
        "restricted_ids",
        lambda: frozenset(
            PageViewRestriction.objects.values_list("page_id", flat=True)
        ),
    )


def exclude_restricted(pages):
    """PageQuerySet.public() without its query: restricted sections left out."""
    for prefix in restricted_paths():
        pages = pages.exclude(path__startswith=prefix)
    return pages


# --- site navigation ------------------------------------------------------------------
def _link(page) -> dict:
    # Relative on a one-site install, absolute across several (Wagtail's get_url).
    return {"title": page.title, "url": page.get_url()}


def navigation(language_code: str) -> dict:
    """The home page of a language, its live menu children and the pages linked from
    the footer (standard pages: contact, terms...), as titles and URLs: worked out once
    per page generation, so the site chrome resolves no page URL per request."""

    def build():
        # Looked up by name: the page models use this module, so importing them here
        # would close a cycle.
        homes = Page.objects.live().type(apps.get_model("tourism", "HomePage"))
        home = homes.filter(locale__language_code=language_code).first()
        if home is None:
            home = homes.order_by("id").first()
        if home is None:
            return {"home_url": "/", "items": [], "footer": []}
        children = home.get_children().live()
        footer = children.type(apps.get_model("tourism", "StandardPage")).filter(
            standardpage__show_in_footer=True
        )
        return {
            "home_url": home.get_url() or "/",
            "items": [_link(page) for page in children.in_menu()],
            "footer": [_link(page) for page in exclude_restricted(footer)],
        }

    return _cached(f"nav:{language_code}", build)
