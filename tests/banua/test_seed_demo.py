"""The demo seed builds the whole site once, and a second run changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision

from marketplace.models import (
    EventStall,
    PickupPoint,
    PickupWindow,
    Product,
    ProductImage,
    ProductVariant,
)
from tourism.models import DestinationPage, EventPage, HomePage
from vendors.models import Vendor, VendorStatus

pytestmark = pytest.mark.django_db

REQUIRED_DESTINATIONS = {
    "pasar-terapung-lok-baintan",
    "kampung-sasirangan",
    "masjid-raya-sabilal-muhtadin",
    "menara-pandang",
    "pulau-kembang",
    "pasar-intan-martapura",
    "pendulangan-intan-cempaka",
    "bukit-matang-kaladan",
    "waduk-riam-kanan",
    "siring-sungai-martapura",
}


def _seed(settings, debug):
    settings.DEBUG = debug
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "vendors": Vendor.objects.aggregate(n=Max("updated_at"))["n"],
        "products": Product.objects.aggregate(n=Max("updated_at"))["n"],
        "variants": list(
            ProductVariant.objects.order_by("pk").values_list("pk", "stock", "price")
        ),
    }


def test_seed_builds_the_demo_site_and_is_idempotent(settings):
    first_output = _seed(settings, debug=False)

    # The content the quick start promises.
    destinations = DestinationPage.objects.filter(locale__language_code="id")
    assert REQUIRED_DESTINATIONS <= set(destinations.values_list("slug", flat=True))
    assert (
        DestinationPage.objects.filter(locale__language_code="en").count()
        == destinations.count()
    )
    # Galleries with alt text in each language; opening hours as data, not one string.
    lok_baintan = destinations.get(slug="pasar-terapung-lok-baintan")
    lok_baintan_en = lok_baintan.get_translation(Locale.objects.get(language_code="en"))
    assert all(len(page.gallery) == 3 for page in destinations)
    assert "perahu" not in lok_baintan_en.gallery[0].value.contextual_alt_text
    assert "boats" in lok_baintan_en.gallery[0].value.contextual_alt_text
    assert lok_baintan.opening_hours_spec[0].value["opens"].strftime("%H:%M") == "05:30"
    assert " / " not in "".join(
        DestinationPage.objects.values_list("opening_hours", flat=True)
    )
    assert EventPage.objects.filter(locale__language_code="id").count() >= 3
    assert HomePage.objects.count() == 2
    assert Vendor.objects.filter(status=VendorStatus.APPROVED).count() >= 5
    assert Product.objects.visible().count() >= 40
    assert (
        ProductVariant.objects.filter(stock__gt=0).values("product").distinct().count()
        >= 40
    )
    assert not Product.objects.filter(images__isnull=True).exists()
    assert ProductImage.objects.count() >= 40
    # Footer pages in both languages; some products in English, others not (yet).
    from tourism.models import StandardPage

    assert StandardPage.objects.filter(show_in_footer=True).count() == 10
    assert Product.objects.exclude(name_en="").exists()
    assert Product.objects.filter(name_en="").exists()
    users = get_user_model().objects
    for username in ("editor", "moderator", "penjual", "pembeli"):
        assert users.filter(username=username).exists()
    assert users.get(username="editor").groups.filter(name="Editors").exists()
    assert users.get(username="moderator").groups.filter(name="Moderators").exists()
    assert Vendor.objects.filter(owner__username="penjual").exists()
    # With DEBUG off, no demo password is printed or usable.
    assert "banua-demo" not in first_output
    assert not users.get(username="editor").has_usable_password()

    # Selling tied to events and places: a festival with stalls and windows within
    # its dates, and the Lok Baintan jetty with dawn windows offered by a vendor.
    festival = EventPage.objects.get(
        slug="festival-sasirangan", locale__language_code="id"
    )
    assert EventStall.objects.filter(event=festival).count() >= 3
    festival_windows = PickupWindow.objects.filter(point__event=festival)
    assert festival_windows.exists()
    for window in festival_windows:
        assert festival.start_at <= window.starts_at < window.ends_at <= festival.end_at
    jetty = PickupPoint.objects.get(
        destination__slug="pasar-terapung-lok-baintan", event__isnull=True
    )
    assert jetty.vendor_links.exists()
    dawn = [timezone.localtime(w.starts_at).hour for w in jetty.windows.all()]
    assert dawn and set(dawn) == {5}
    pickup_rows = (EventStall.objects.count(), PickupWindow.objects.count())

    before = _snapshot()
    second_output = _seed(settings, debug=True)

    assert _snapshot() == before
    assert (EventStall.objects.count(), PickupWindow.objects.count()) == pickup_rows
    assert "nothing changed" in second_output
    # DEBUG on: the logins for each role are printed.
    for username in ("editor", "moderator", "penjual", "pembeli"):
        assert username in second_output
