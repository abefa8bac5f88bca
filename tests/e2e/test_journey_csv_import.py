"""An artisan on a 360 px phone updates prices and stock from a CSV file: upload, the
preview row by row (nothing saved yet), then the confirm. The preview's table
scrolls inside its box, the page itself never sideways."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from marketplace.models import ProductVariant
from tests.e2e import PAGE_WAIT
from tests.e2e.test_journey_shopper import _log_in
from tests.marketplace.factories import ProductFactory, ProductVariantFactory
from tests.vendors.factories import VendorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_csv_import_preview_then_confirm_on_a_phone(
    phone_browser, live_server, screenshot, fits_the_phone, tmp_path
):
    vendor = VendorFactory(name="Sasirangan Galuh")
    product = ProductFactory(vendor=vendor, name="Kain Kambang Kacang")
    variant = ProductVariantFactory(product=product, sku="KK-01", price=150000, stock=5)
    upload = tmp_path / "produk.csv"
    upload.write_text("sku;price;stock\nKK-01;175.000;9\n", encoding="utf-8")
    browser = phone_browser
    _log_in(browser, live_server, vendor.owner)

    browser.get(live_server.url + "/dasbor/impor-ekspor/")
    assert fits_the_phone(browser)
    screenshot(browser, "csv-1-import-page-360")
    browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(upload))
    browser.find_element(
        By.CSS_SELECTOR, "form[enctype='multipart/form-data'] button[type=submit]"
    ).click()

    # The preview: one row that changes price and stock; nothing saved yet.
    rows = WebDriverWait(browser, PAGE_WAIT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".import-rows tbody tr")
    )
    assert len(rows) == 1
    assert "KK-01" in rows[0].text
    variant.refresh_from_db()
    assert (variant.price, variant.stock) == (150000, 5)
    assert fits_the_phone(browser)
    screenshot(browser, "csv-2-preview-360")

    browser.find_element(By.CSS_SELECTOR, "input[name=payload] ~ p button").click()
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda d: d.current_url.endswith("/dasbor/produk/")
    )
    variant = ProductVariant.objects.get(pk=variant.pk)
    assert (variant.price, variant.stock) == (175000, 9)
    assert fits_the_phone(browser)
    screenshot(browser, "csv-3-saved-360")
