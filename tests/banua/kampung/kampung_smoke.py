"""Run by tests/banua/test_packaging.py with the fresh virtualenv's Python: migrates,
builds a site with one destination page and one product (through the vendors
service), renders the page and calls the catalogue API; prints what it saw as JSON."""

import importlib.util
import json
import os
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kampung_settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from marketplace.models import Category  # noqa: E402
from tourism.models import DestinationIndexPage, DestinationPage, HomePage  # noqa: E402
from vendors.models import Vendor, VendorStatus  # noqa: E402
from vendors.services.catalogue import VariantInput, product_save  # noqa: E402

call_command("migrate", verbosity=0, interactive=False)
Locale.objects.get_or_create(language_code="en")
root = Page.get_first_root_node()
home = root.add_child(
    instance=HomePage(title="Kampung", slug="kampung", hero_title="Kampung")
)
Site.objects.update_or_create(
    is_default_site=True,
    defaults={"hostname": "localhost", "port": 80, "root_page": home},
)
index = home.add_child(instance=DestinationIndexPage(title="Places", slug="places"))
place = index.add_child(
    instance=DestinationPage(
        title="Lok Baintan floating market",
        slug="lok-baintan",
        summary="A market on the river.",
        category="river",
        region="banjar",
        latitude=Decimal("-3.293900"),
        longitude=Decimal("114.668500"),
    )
)
owner = get_user_model().objects.create_user("siti", "siti@example.test", "x-123-y")
shop = Vendor.objects.create(
    owner=owner,
    name="Galuh",
    slug="galuh",
    owner_name="Siti",
    whatsapp="6281251000101",
    address="Banjarmasin",
    region="banjarmasin",
    category="sasirangan",
    status=VendorStatus.APPROVED,
)
cloth = Category.objects.create(name="Kain", slug="kain")
product_save(
    vendor=shop,
    actor=owner,
    fields={"name": "Kain Gigi Haruan", "category": cloth, "status": "published"},
    variants=[VariantInput(sku="GH-1", price=150000, stock=3)],
)
client = Client(HTTP_HOST="localhost")
page = client.get(place.url)
api = client.get("/api/catalogue/products")
body = api.json()
# A bare list, or a page of them.
items = body if isinstance(body, list) else body.get("items", [])
print(  # noqa: T201 - the test reads this line
    json.dumps(
        {
            "page_status": page.status_code,
            "page_has_title": "Lok Baintan floating market" in page.content.decode(),
            "api_status": api.status_code,
            "api_names": [row["name"] for row in items],
            "site_package_importable": importlib.util.find_spec("banua") is not None,
        }
    )
)
