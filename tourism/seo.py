"""schema.org structured data (JSON-LD) and share images for tourism pages.

Builders return plain dicts; the `json_ld` template tag serialises them safely.
"""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.site_url import absolute_url
from tourism import models, opening_hours

SHARE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"


def absolute(request, url: str | None) -> str | None:
    """From the site's configured address (``core.site_url``), never the request's
    host, so canonical, Open Graph and JSON-LD URLs all name one host."""
    return absolute_url(url) or None


def page_url(page, request) -> str | None:
    return absolute_url(page.get_url(request))


def share_rendition(page):
    """The Open Graph image: the hero in JPEG (what every social network reads)."""
    image = getattr(page, "share_image", None)
    if image is None:
        return None
    return image.get_rendition(SHARE_FILTER)


def _image_url(page, request):
    rendition = share_rendition(page)
    return absolute(request, rendition.url) if rendition else None


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def breadcrumbs(*, page, request, ancestors=None) -> dict:
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=2)
    crumbs = [*ancestors, page]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": page_url(crumb, request),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


def item_list(*, pages, request, name: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": item.title,
                "url": page_url(item, request),
            }
            for position, item in enumerate(pages, start=1)
        ],
    }


def _place(destination, request) -> dict:
    place = {
        "name": destination.title,
        "url": page_url(destination, request),
        "address": _clean(
            {
                "@type": "PostalAddress",
                "streetAddress": destination.address,
                "addressLocality": destination.get_region_display(),
                "addressRegion": "Kalimantan Selatan",
                "addressCountry": "ID",
            }
        ),
    }
    if destination.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(destination.latitude),
            "longitude": float(destination.longitude),
        }
    return place


def destination_data(page, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "TouristAttraction",
        **_place(page, request),
        "description": page.summary,
        "image": _image_url(page, request),
        "touristType": page.get_category_display(),
        "publicAccess": True,
    }
    if page.ticket_price is not None:
        data["isAccessibleForFree"] = page.ticket_price == 0
        data["offers"] = {
            "@type": "Offer",
            "price": page.ticket_price,
            "priceCurrency": "IDR",
            "name": _("Adult ticket"),
        }
    specs = opening_hours.schema_org([block.value for block in page.opening_hours_spec])
    if specs:
        data["openingHoursSpecification"] = specs
    return _clean(data)


def event_data(page, request) -> dict:
    if page.venue_id and page.venue:
        location = {"@type": "Place", **_place(page.venue, request)}
    else:
        location = {"@type": "Place", "name": page.venue_name or "Kalimantan Selatan"}
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": page.title,
            "description": page.summary,
            # isoformat keeps the +08:00 offset of WITA.
            "startDate": page.start_at.astimezone(page_tz()).isoformat(),
            "endDate": page.end_at.astimezone(page_tz()).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location,
            "image": _image_url(page, request),
            "url": page_url(page, request),
            "inLanguage": get_language(),
        }
    )


def page_tz():
    return timezone.get_default_timezone()


def story_data(page, request) -> dict:
    published = page.first_published_at or page.latest_revision_created_at
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": page.title[:110],
            "description": page.summary,
            "datePublished": page.date.isoformat(),
            "dateModified": (page.last_published_at or published).isoformat()
            if (page.last_published_at or published)
            else None,
            "author": {
                "@type": "Person" if page.author else "Organization",
                "name": page.author or "Banua",
            },
            "publisher": {"@type": "Organization", "name": "Banua"},
            "image": _image_url(page, request),
            "mainEntityOfPage": page_url(page, request),
            "inLanguage": get_language(),
        }
    )


def itinerary_data(page, request, days) -> dict:
    stops = [stop for day in days for stop in day.stops]
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "TouristTrip",
            "name": page.title,
            "description": page.summary,
            "url": page_url(page, request),
            "itinerary": {
                "@type": "ItemList",
                "numberOfItems": len(stops),
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "item": _clean(
                            {
                                "@type": "TouristAttraction",
                                "name": stop.name,
                                "url": page_url(stop.destination, request)
                                if stop.destination
                                else None,
                            }
                        ),
                    }
                    for position, stop in enumerate(stops, start=1)
                ],
            },
        }
    )


def page_structured_data(*, page, request, context=None) -> list[dict]:
    """Every JSON-LD object of a page: its own type, lists, and its breadcrumbs."""

    context = context or {}
    data = []
    if isinstance(page, models.HomePage):
        data.append(
            {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": "Banua",
                "url": page_url(page, request),
                "inLanguage": get_language(),
            }
        )
    elif isinstance(page, models.DestinationPage):
        data.append(destination_data(page, request))
    elif isinstance(page, models.EventPage):
        data.append(event_data(page, request))
    elif isinstance(page, models.StoryPage):
        data.append(story_data(page, request))
    elif isinstance(page, models.ItineraryPage):
        data.append(itinerary_data(page, request, context.get("itinerary_days", [])))
    else:
        for key in ("destinations", "events", "stories"):
            if key in context:
                data.append(
                    item_list(pages=context[key], request=request, name=page.title)
                )
                break
    if page.depth > 2:
        data.append(
            breadcrumbs(page=page, request=request, ancestors=context.get("ancestors"))
        )
    return data


def json_ld_script(data) -> str:
    """A JSON-LD <script>; <, > and & are escaped so no text can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
