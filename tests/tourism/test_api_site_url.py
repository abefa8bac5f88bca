"""Every absolute URL of the content API and the iCalendar feeds is on the configured
site address (issue 14 point 4), whatever Host the request came with."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from marketplace import services
from notifications.models import OutboundEmail
from tests.marketplace.factories import bookable_session, place_booking_order
from tests.tourism.test_ical import unfold

SITE = "https://banua.example.id"


@pytest.fixture
def configured(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    return settings


def _urls(value):
    """Every string in the JSON answer that looks like an absolute URL."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls(item)
    elif isinstance(value, str) and "://" in value:
        yield value


def _get(client, url, **params):
    response = client.get(url, params, HTTP_HOST="evil.example")
    assert response.status_code == 200, response.content[:300]
    assert b"evil.example" not in response.content
    assert b"localhost" not in response.content
    return response


@pytest.mark.parametrize(
    "url,params",
    [
        ("/api/v2/pages/", {"fields": "*"}),
        ("/api/v2/pages/", {"type": "tourism.DestinationPage", "fields": "*"}),
        ("/api/v2/pages/", {"type": "tourism.EventPage", "fields": "*"}),
        ("/api/v2/images/", {"fields": "*"}),
        ("/api/v2/documents/", {"fields": "*"}),
    ],
)
def test_content_api_urls_use_the_configured_address(
    client, full_site, configured, url, params
):
    Document.objects.create(
        title="Peta festival", file=ContentFile(b"%PDF-1.4", name="peta.pdf")
    )
    body = _get(client, url, **params).json()
    urls = list(_urls(body))
    assert urls, "the listing should hold absolute URLs"
    assert all(u.startswith(SITE + "/") for u in urls), urls


def test_page_detail_urls_use_the_configured_address(client, full_site, configured):
    listing = _get(client, "/api/v2/pages/", type="tourism.EventPage").json()
    detail_url = listing["items"][0]["meta"]["detail_url"]
    assert detail_url.startswith(SITE + "/api/v2/pages/")
    detail = _get(client, detail_url.removeprefix(SITE)).json()
    assert detail["meta"]["html_url"].startswith(SITE + "/")
    assert detail["meta"]["parent"]["meta"]["html_url"].startswith(SITE + "/")
    assert all(u.startswith(SITE + "/") for u in _urls(detail))
    json.dumps(detail)


def test_ical_feeds_use_the_configured_address(client, full_site, configured):
    for url in (full_site.event.ical_url, full_site.tree.events.url + "feed/"):
        lines = unfold(_get(client, url).content.decode())
        uids = [line for line in lines if line.startswith("UID:")]
        assert uids and all(uid.endswith("@banua.example.id") for uid in uids)
        urls = [line for line in lines if line.startswith("URL:")]
        assert urls and all(line.startswith(f"URL:{SITE}/") for line in urls)


def test_ticket_calendar_attachment_uses_the_configured_domain(db, configured):
    order = place_booking_order(bookings=[(bookable_session(), 1, 0)])
    services.order_mark_paid(order_id=order.pk)
    mail = OutboundEmail.objects.get(template="marketplace/buyer_tickets")
    [attachment] = mail.attachments
    uids = [line for line in unfold(attachment["content"]) if line.startswith("UID:")]
    assert uids and all(uid.endswith("@banua.example.id") for uid in uids)
