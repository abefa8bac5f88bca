"""A tourist on a phone: home page, a destination, the makers near it, then English."""

from decimal import Decimal

import pytest
from selenium.webdriver.common.by import By

from tests.e2e import wait_for_url
from tests.images import make_image
from tests.marketplace.factories import (
    ProductFactory,
    ProductImageFactory,
    ProductVariantFactory,
)
from tests.tourism.factories import build_site_tree, make_destination, translate
from tests.vendors.factories import VendorFactory

# No serialized_rollback: after another journey's flush the content types exist again
# and reloading them would clash; build_site_tree recreates the root rows instead.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tourist_finds_makers_near_a_destination_and_reads_it_in_english(
    phone_browser, live_server, screenshot
):
    tree = build_site_tree()
    destination = make_destination(
        tree.destinations,
        title="Kampung Sasirangan",
        summary="Kampung perajin kain sasirangan.",
        category="crafts",
        region="banjarmasin",
        latitude=Decimal("-3.321000"),
        longitude=Decimal("114.601400"),
        hero_image=make_image("Kampung Sasirangan", size=(320, 200)),
    )
    translate(
        destination,
        tree.locale_en,
        title="Sasirangan Village",
        summary="The village of sasirangan makers.",
    )
    vendor = VendorFactory(
        name="Sasirangan Galuh Banjar",
        region="banjarmasin",
        craft_village="Kampung Melayu",
        latitude=Decimal("-3.320000"),
        longitude=Decimal("114.600000"),
    )
    product = ProductFactory(vendor=vendor, name="Kain Motif Gigi Haruan")
    ProductVariantFactory(product=product)
    ProductImageFactory(product=product)

    browser = phone_browser
    browser.get(live_server.url + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    screenshot(browser, "tourist-home-id")

    browser.find_element(By.LINK_TEXT, "Kampung Sasirangan").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kampung Sasirangan"
    nearby = browser.find_element(By.CSS_SELECTOR, "section.nearby")
    assert "Sasirangan Galuh Banjar" in nearby.text
    assert "Kain Motif Gigi Haruan" in nearby.text
    assert "km" in nearby.text
    coordinates = browser.find_element(By.CSS_SELECTOR, ".map-fallback").text
    assert "-3.321000" in coordinates
    screenshot(browser, "tourist-destination-id")

    # The language switcher sits in the compact header's menu: open it first.
    browser.find_element(By.CSS_SELECTOR, "[data-site-menu] summary").click()
    browser.find_element(By.CSS_SELECTOR, ".lang-switch a[hreflang='en']").click()
    wait_for_url(browser, lambda url: url.startswith(live_server.url + "/en/"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sasirangan Village"
    nearby = browser.find_element(By.CSS_SELECTOR, "section.nearby")
    assert "Makers and products nearby" in nearby.text
    assert "Sasirangan Galuh Banjar" in nearby.text
    assert screenshot(browser, "tourist-destination-en").stat().st_size > 0

    browser.find_element(By.LINK_TEXT, "Sasirangan Galuh Banjar").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sasirangan Galuh Banjar"
