"""An artisan on a 360 px phone goes from the dashboard to the statement and reads it
without scrolling sideways; the dashboard's sales chart is drawn in Indonesian."""

import pytest
from selenium.webdriver.common.by import By

from marketplace.models import LedgerEntry
from tests.e2e import wait_for_url
from tests.e2e.test_journey_shopper import _log_in
from tests.vendors.factories import VendorFactory
from tests.vendors.orders import make_suborder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(driver) -> bool:
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )


def test_statement_is_linked_from_the_dashboard_and_fits_a_phone(
    phone_browser, live_server, screenshot
):
    vendor = VendorFactory(name="Sasirangan Galuh Banjar Kampung Melayu")
    for quantity in (1, 2, 3):
        make_suborder(vendor=vendor, quantity=quantity)
    assert LedgerEntry.objects.filter(vendor=vendor).exists()
    browser = phone_browser
    # Headless Chromium keeps a window at least 500 px wide: emulate the phone's
    # viewport itself, so 360 px is what the page really gets.
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True},
    )
    _log_in(browser, live_server, vendor.owner)

    browser.get(live_server.url + "/dasbor/")  # Indonesian, the site's default
    bars = browser.find_elements(By.CSS_SELECTOR, "svg .chart__bar")
    assert len(bars) == 30
    # The browser drew the bars: an SVG number with a decimal comma would be dropped
    # and every bar would have no height.
    heights = [bar.rect["height"] for bar in bars]
    assert max(heights) > 50
    screenshot(browser, "artisan-dashboard-chart-id-360")

    browser.find_element(
        By.CSS_SELECTOR, ".dash-nav a[href$='/toko-saya/laporan/']"
    ).click()
    wait_for_url(browser, lambda url: url.endswith("/toko-saya/laporan/"))
    rows = browser.find_elements(By.CSS_SELECTOR, ".statement tbody tr")
    assert len(rows) >= 3
    screenshot(browser, "artisan-statement-360")
    assert browser.execute_script("return window.innerWidth") == 360
    assert _fits_the_phone(browser)
    # Each entry reads as a card: its cells stacked, each with its column's name.
    cell = rows[0].find_elements(By.TAG_NAME, "td")[3]
    assert cell.get_attribute("data-label")
    assert rows[0].rect["width"] <= 360
