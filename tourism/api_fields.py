"""Marketplace content on tourism pages in the Wagtail content API (/api/v2/):
the experiences that meet at a destination and the stalls at an event.

Each field loads its values for every page of the answer at once (the listing's
pages are its list serializer's instance), so ``?fields=experiences`` on a listing
of fifty destinations costs the same few queries as on one. URLs are absolute on the
configured site address and in the page's own language.
"""

from django.urls import reverse
from django.utils import translation
from rest_framework.fields import DateTimeField, Field
from wagtail.models import Locale

from core.site_url import absolute_url
from marketplace.bilingual import local_text
from marketplace.selectors_experiences import experiences_by_meeting_point
from marketplace.selectors_pickup import stalls_by_event

_datetime = DateTimeField()
# Experiences listed per destination (its page shows as many).
LIMIT = 6


class _BatchedPageField(Field):
    """A read-only API field computed for all the pages of the answer in one go."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def _pages(self, page) -> list:
        listing = getattr(self.parent, "parent", None)
        instance = getattr(listing, "instance", None)
        if instance is None:
            return [page]
        # The listing's queryset was evaluated when its iteration began: no query.
        pages = [p for p in instance if isinstance(p, type(page))]
        return pages if any(p.pk == page.pk for p in pages) else [page]

    def to_representation(self, page):
        cache = self.context.setdefault(f"_batched_{self.field_name}", {})
        if page.pk not in cache:
            pages = self._pages(page)
            languages = dict(
                Locale.objects.filter(pk__in={p.locale_id for p in pages}).values_list(
                    "pk", "language_code"
                )
            )
            loaded = self.load(pages)
            for p in pages:
                with translation.override(languages.get(p.locale_id)):
                    cache[p.pk] = self.represent(loaded.get(p.pk, []))
        return cache[page.pk]

    def load(self, pages) -> dict:
        raise NotImplementedError

    def represent(self, items) -> list:
        raise NotImplementedError


class ExperiencesHereField(_BatchedPageField):
    """``experiences`` on a destination page: name, URL, price from (per person,
    the child price when lower) and the next sessions that still have seats."""

    def load(self, pages) -> dict:
        # The place in any language: an experience meets at one translation of it.
        # The page class comes from the pages (tourism.models imports this module).
        keys = {page.translation_key for page in pages}
        place_of = dict(
            type(pages[0])
            .objects.filter(translation_key__in=keys)
            .values_list("pk", "translation_key")
        )
        by_point = experiences_by_meeting_point(destination_ids=place_of.keys())
        by_place: dict = {}
        for point_id, experiences in by_point.items():
            by_place.setdefault(place_of[point_id], []).extend(experiences)
        return {
            page.pk: sorted(
                by_place.get(page.translation_key, []),
                key=lambda item: (item.experience.product.name, item.experience.pk),
            )[:LIMIT]
            for page in pages
        }

    def represent(self, items) -> list:
        return [
            {
                "id": item.experience.product_id,
                "name": str(local_text(item.experience.product, "name")),
                "url": absolute_url(
                    reverse(
                        "marketplace:product_detail",
                        args=[item.experience.product.slug],
                    )
                ),
                "price_from": min(
                    item.experience.price,
                    item.experience.child_price or item.experience.price,
                ),
                "currency": "IDR",
                "duration_minutes": item.experience.duration_minutes,
                "next_sessions": [
                    {
                        "id": session.pk,
                        "starts_at": _datetime.to_representation(session.starts_at),
                        "seats_left": session.seats_left,
                    }
                    for session in item.sessions
                ],
            }
            for item in items
        ]


class StallsHereField(_BatchedPageField):
    """``stalls`` on an event page: the stall, its vendor and shop URL, and the next
    pick-up windows where pre-orders are collected."""

    def load(self, pages) -> dict:
        by_key = stalls_by_event(
            translation_keys={page.translation_key for page in pages}
        )
        return {page.pk: by_key.get(page.translation_key, []) for page in pages}

    def represent(self, items) -> list:
        return [
            {
                "label": item.stall.label,
                "vendor": item.stall.vendor.name,
                "url": absolute_url(
                    reverse("vendors:shop_detail", args=[item.stall.vendor.slug])
                ),
                "pickup_point": (
                    item.stall.pickup_point.name if item.stall.pickup_point else None
                ),
                "pickup_windows": [
                    {
                        "starts_at": _datetime.to_representation(window.starts_at),
                        "ends_at": _datetime.to_representation(window.ends_at),
                    }
                    for window in item.windows
                ],
            }
            for item in items
        ]
