"""What every tourism page shares: SEO helpers, pinned makers and products, images."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import localdate
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core import generations
from tourism import page_cache
from tourism.blocks import PinsBlock
from tourism.pages import CachedRestrictionsMixin


def image_fk(verbose_name):
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


# A top-level Indonesian page may not take a slug that is also a language prefix: with
# Indonesian at / and English at /en/, a page slugged "en" could never be reached.
RESERVED_TOP_SLUGS = {"en", "id", "admin", "api", "static", "media", "cari"}


def reserved_slug_message(slug):
    return _(
        "The slug '%(slug)s' is reserved for a language or a site section; "
        "choose another one."
    ) % {"slug": slug}


class TourismPageForm(WagtailAdminPageForm):
    """Admin form of every tourism page: turns slug clashes into a clear field error."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        parent = getattr(self, "parent_page", None)
        if slug and parent is not None and parent.depth == 2:
            if slug in RESERVED_TOP_SLUGS:
                self.add_error("slug", reserved_slug_message(slug))
        return cleaned_data


class TourismPage(CachedRestrictionsMixin, Page):
    """Abstract base of every tourism page type: pins, SEO defaults, structured data."""

    # Kept in the page row (no extra query when a page has no pins); the blocks are
    # snippet choosers for the vendors app's Product and Vendor snippets.
    pins = StreamField(
        PinsBlock(),
        blank=True,
        verbose_name=_("pinned products and makers"),
        help_text=_("Products and makers shown on this page, in this order."),
    )

    pin_panels = [FieldPanel("pins")]

    base_form_class = TourismPageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        # New pages are checked by TourismPageForm, which knows the parent.
        if self.pk and self.depth == 3 and self.slug in RESERVED_TOP_SLUGS:
            raise ValidationError({"slug": reserved_slug_message(self.slug)})

    @property
    def meta_description(self) -> str:
        """search_description when the editor wrote one, else the page's own summary."""
        return self.search_description or getattr(self, "summary", "") or ""

    @property
    def share_image(self):
        return getattr(self, "hero_image", None)

    def structured_data(self, request) -> list[dict]:
        """schema.org objects for this page, rendered as JSON-LD (see tourism.seo)."""
        # Lazy: seo reads these page models (a Wagtail page is also its view).
        from tourism import seo

        return seo.page_structured_data(page=self, request=request)

    #: Seconds the page's content (its `page_content` block) stays a shared fragment
    #: (marketplace.fragments); 0 for page types whose content depends on the request
    #: (filters, pagination, forms).
    content_fragment_seconds = 0

    def content_fragment_key(self, request) -> str:
        """What the page's content depends on: the page, the language, the host, both
        generation tokens (any page or storefront change replaces them) and the day.
        Empty, so never cached, for previews (a draft has the live page's id) and for
        requests with a query string."""
        if (
            not self.content_fragment_seconds
            or getattr(request, "is_preview", False)
            or request.GET
        ):
            return ""
        return ":".join(
            (
                str(self.pk),
                get_language(),
                request.get_host(),
                generations.fragment_key(),
                localdate().isoformat(),
            )
        )

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context["content_fragment"] = self.content_fragment_key(request)
        context["content_fragment_seconds"] = self.content_fragment_seconds
        # Lazy: only the content reads them, and a cached content never does.
        pins = SimpleLazyObject(lambda: selectors.page_pins(page=self))
        context["pinned_products"] = SimpleLazyObject(lambda: pins["pinned_products"])
        context["pinned_vendors"] = SimpleLazyObject(lambda: pins["pinned_vendors"])

        # One query serves the breadcrumbs, the BreadcrumbList JSON-LD, the language
        # switcher and the hreflang links (which read it back from the request).
        def crumbs():
            return selectors.page_ancestors_and_alternates(page=self, request=request)

        # Derived from pages only (URLs relative to the request's site): cached for the
        # page generation, except in previews (a draft shares the live page's id).
        ancestors, alternates = (
            crumbs()
            if getattr(request, "is_preview", False)
            else page_cache.cached(
                f"crumbs:{self.pk}:{get_language()}:{request.get_host()}", crumbs
            )
        )
        context["ancestors"] = ancestors
        request._banua_page_alternates = (self.pk, alternates)
        return context
