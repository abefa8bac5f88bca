"""Purging the shared HTTP cache (Varnish) when what a cached page shows changes.

Wagtail's frontend cache purges a page itself on publish and unpublish. These
receivers add what it cannot know: the listings above a page (home, index pages),
the old URLs of a moved page, and the storefront pages a product appears on (its
own page, its shop, the catalogue and its category, the home pages and the shop's
destination page, in both languages) when its price, stock, photos, reviews or
moderation change.

Every purge is worked out and sent after the transaction commits (an earlier purge
could let a request re-cache the old rows) and never raises into the request that caused it:
failures are logged, and the cache's own `s-maxage` bounds how long a missed purge
can show stale content. Nothing is computed unless a cache is configured
(settings.WAGTAILFRONTENDCACHE, set from BANUA_HTTP_CACHE_URL).
"""

import logging
from collections.abc import Iterable
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import generations
from core.translation_urls import reverse_in_every_language
from marketplace.models import (
    Category,
    EventStall,
    PickupPoint,
    PickupWindow,
    Product,
    ProductImage,
    ProductVariant,
    Review,
    VendorPickupPoint,
)
from marketplace.signals import stock_changed as stock_changed_signal
from tourism import page_cache
from tourism.models import HomePage
from vendors.models import Vendor

logger = logging.getLogger(__name__)


class PurgeRequest(Request):
    def get_method(self):
        return "PURGE"


class PurgeBackend(BaseBackend):
    """Wagtail's HTTP backend (a PURGE to the cache, with the page's Host) with a
    timeout, and with every failure logged instead of raised: a slow or absent cache
    must not hold up or break a publish or a checkout.
    """

    def __init__(self, params):
        params = dict(params)
        location = urlsplit(params.pop("LOCATION"))
        self.timeout = float(
            params.pop(
                "TIMEOUT", getattr(settings, "BANUA_HTTP_CACHE_PURGE_TIMEOUT", 2)
            )
        )
        super().__init__(params)
        self.cache_scheme = location.scheme
        self.cache_netloc = location.netloc

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        request = PurgeRequest(
            url=urlunsplit(
                (self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")
            ),
            headers={
                "Host": host,
                "User-Agent": f"Wagtail-frontendcache/{wagtail_version}",
            },
        )
        try:
            # The scheme comes from the configured LOCATION, not from visitors.
            with urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except (URLError, OSError, ValueError) as error:
            logger.warning("Could not purge %s from the HTTP cache: %s", url, error)


def cache_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _purge_now(urls: list[str]) -> None:
    try:
        purge_urls_from_cache(urls)
    except Exception:  # a purge must never turn a saved write into an error
        logger.exception("Purging %d URLs from the HTTP cache failed", len(urls))


# --- URLs -----------------------------------------------------------------------------
def _site_root_url() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL


def _page_urls(pages) -> set[str]:
    urls = set()
    for page in pages:
        url = page.get_full_url()
        if url:
            urls.add(url)
    return urls


def _reverse_all_languages(root: str, name: str, **kwargs) -> set[str]:
    try:
        paths = reverse_in_every_language(name, kwargs=kwargs or None)
    except NoReverseMatch:
        logger.warning("No URL for %s %s", name, kwargs)
        return set()
    return {root + path for path in paths}


def storefront_urls(
    *, products: Iterable = (), vendor_ids: Iterable[int] = ()
) -> set[str]:
    """Every public URL that shows these products (instances, possibly just deleted)
    or any product of these shops, in both languages."""
    products, vendor_ids = list(products), set(vendor_ids)
    if vendor_ids:
        products += list(Product.objects.filter(vendor_id__in=vendor_ids))
    vendor_ids.update(product.vendor_id for product in products)
    root = _site_root_url()
    urls = _reverse_all_languages(root, "marketplace:catalogue")
    for product in products:
        urls |= _reverse_all_languages(
            root, "marketplace:product_detail", slug=product.slug
        )
    categories = Category.objects.filter(
        pk__in={product.category_id for product in products}
    )
    for slug in categories.values_list("slug", flat=True):
        urls |= _reverse_all_languages(root, "marketplace:category", slug=slug)
    destination_ids = set()
    for slug, destination_id in Vendor.objects.filter(pk__in=vendor_ids).values_list(
        "slug", "destination_id"
    ):
        urls |= _reverse_all_languages(root, "vendors:shop_detail", slug=slug)
        if destination_id:
            destination_ids.add(destination_id)
    # The home pages list featured products; a shop's destination page its makers.
    pages = list(Page.objects.live().type(HomePage))
    for destination in Page.objects.filter(pk__in=destination_ids):
        pages += list(destination.get_translations(inclusive=True).live())
    return urls | _page_urls(pages) | search_urls(root)


def search_urls(root: str | None = None) -> set[str]:
    """The search page in each language: a purge of its path drops every cached search
    (deploy/varnish/banua.vcl bans by path, whatever the query string)."""
    return _reverse_all_languages(root or _site_root_url(), "search:results")


def ancestor_urls(page) -> set[str]:
    """The live pages above `page` (index pages, home) that list it."""
    return _page_urls(page.get_ancestors().filter(depth__gt=1).live())


# --- receivers (connected in banua.apps) ------------------------------------------------
def _safely(build_urls, *, storefront: bool = True) -> None:
    if storefront:
        # Fragments built from the marketplace (tourism.page_cache) go stale too,
        # with or without an HTTP cache in front.
        page_cache.invalidate_storefront()
    if not cache_configured():
        return
    # URLs are worked out after commit too: checkout sends stock_changed while it
    # holds row locks, and this is no work to do under them.
    transaction.on_commit(lambda: _purge_built(build_urls))


def _purge_built(build_urls) -> None:
    try:
        urls = sorted(set(build_urls()))
    except Exception:  # the write that sent the signal has committed regardless
        logger.exception("Could not work out which URLs to purge")
        return
    if urls:
        _purge_now(urls)


def product_changed(sender, instance, **kwargs):
    _safely(lambda: storefront_urls(products=[instance]))


def product_part_changed(sender, instance, **kwargs):
    """A variant (price, stock), photo or review of a product changed."""
    _safely(
        lambda: storefront_urls(products=Product.objects.filter(pk=instance.product_id))
    )


def vendor_changed(sender, instance, **kwargs):
    _safely(lambda: storefront_urls(vendor_ids=[instance.pk]))


def stock_changed(sender, variant_ids=(), **kwargs):
    _safely(
        lambda: storefront_urls(
            products=Product.objects.filter(
                pk__in=ProductVariant.objects.filter(pk__in=list(variant_ids)).values(
                    "product_id"
                )
            )
        )
    )


def pickup_page_urls(instance) -> set[str]:
    """The event and destination pages (every translation) that show a stall, a
    pick-up point or its windows."""
    point = instance if isinstance(instance, PickupPoint) else None
    page_ids = set()
    if isinstance(instance, EventStall):
        page_ids.add(instance.event_id)
    elif point is None and getattr(instance, "point_id", None):
        point = PickupPoint.objects.filter(pk=instance.point_id).first()
    if point is not None:
        page_ids |= {point.event_id, point.destination_id}
    pages = []
    for page in Page.objects.filter(pk__in=page_ids - {None}):
        pages += list(page.get_translations(inclusive=True).live())
    return _page_urls(pages)


def pickup_changed(sender, instance, **kwargs):
    # The pages' cached fragments show stalls and windows: retire them too. At once as
    # well as after commit (no row locks are held here): the editor's own next request
    # must not be served the fragment the change just made stale.

    generations.replace(generations.STOREFRONT)
    _safely(lambda: pickup_page_urls(instance))


def page_published_or_unpublished(sender, instance, **kwargs):
    # Wagtail purges the page itself (and again after commit here: its own purge may
    # run before the publish commits).
    _safely(
        lambda: _page_urls([instance]) | ancestor_urls(instance) | search_urls(),
        storefront=False,
    )


def page_moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    def build():
        urls = _page_urls([instance]) | ancestor_urls(instance) | search_urls()
        parent_before = kwargs.get("parent_page_before")
        if parent_before is not None:
            urls |= _page_urls([parent_before]) | ancestor_urls(parent_before)
        # Old URLs of the page and everything below it: the new URL with the moved
        # part of the path put back.
        new_url = instance.get_full_url()
        old_tail, new_tail = _differing_tails(url_path_before, url_path_after)
        if new_url and new_url.endswith(new_tail):
            old_base, new_base = new_url[: -len(new_tail)] + old_tail, new_url
            urls.add(old_base)
            for page in instance.get_descendants().live():
                url = page.get_full_url()
                if url and url.startswith(new_base):
                    urls.add(old_base + url[len(new_base) :])
        return urls

    _safely(build, storefront=False)


def _differing_tails(before: str, after: str) -> tuple[str, str]:
    """`/home/a/x/`, `/home/b/x/` -> (`a/x/`, `b/x/`): the parts after the shared
    leading segments."""
    before_parts, after_parts = before.split("/"), after.split("/")
    shared = 0
    while (
        shared < min(len(before_parts), len(after_parts)) - 1
        and before_parts[shared] == after_parts[shared]
    ):
        shared += 1
    return "/".join(before_parts[shared:]), "/".join(after_parts[shared:])


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(product_changed, sender=Product, dispatch_uid="banua-purge-p")
        for model in (ProductVariant, ProductImage, Review):
            signal.connect(
                product_part_changed,
                sender=model,
                dispatch_uid=f"banua-purge-{model.__name__}",
            )
        signal.connect(vendor_changed, sender=Vendor, dispatch_uid="banua-purge-v")
    for signal in (post_save, post_delete):
        for model in (EventStall, PickupPoint, PickupWindow, VendorPickupPoint):
            signal.connect(
                pickup_changed,
                sender=model,
                dispatch_uid=f"banua-purge-{model.__name__}",
            )
    stock_changed_signal.connect(stock_changed, dispatch_uid="banua-purge-stock")
    page_published.connect(page_published_or_unpublished, dispatch_uid="banua-pub")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="banua-unp")
    post_page_move.connect(page_moved, dispatch_uid="banua-purge-move")
