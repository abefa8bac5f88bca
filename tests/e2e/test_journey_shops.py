"""A visitor on a 360 px phone: the shop directory filtered by region, a shop's page
from it, then a product of that shop in English (the /en/ page, its English name and
the page's language)."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.e2e import wait_for_url
from tests.marketplace.factories import sellable_variant
from tests.vendors.factories import VendorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shop_directory_shop_page_and_english_product_on_a_phone(
    phone_browser, live_server, screenshot, fits_the_phone
):
    galuh = VendorFactory(name="Sasirangan Galuh", region="banjarmasin")
    VendorFactory(name="Permata Martapura", region="banjar", category="jewellery")
    product = sellable_variant(
        vendor=galuh,
        name="Kain Sasirangan Gigi Haruan",
        name_en="Gigi Haruan sasirangan cloth",
    ).product
    browser = phone_browser

    # The directory lists both shops; the region filter keeps one.
    browser.get(live_server.url + "/toko/")
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".card__title")]
    assert {"Sasirangan Galuh", "Permata Martapura"} <= set(titles)
    Select(browser.find_element(By.ID, "dir-region")).select_by_value("banjarmasin")
    browser.find_element(By.CSS_SELECTOR, ".directory-filter button").click()
    wait_for_url(browser, lambda url: "wilayah=banjarmasin" in url)
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".card__title")]
    assert titles == ["Sasirangan Galuh"]
    assert fits_the_phone(browser)
    screenshot(browser, "shops-1-directory-360")

    # The shop's page, with its product.
    browser.find_element(By.LINK_TEXT, "Sasirangan Galuh").click()
    wait_for_url(browser, lambda url: url.endswith(f"/toko/{galuh.slug}/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sasirangan Galuh"
    assert product.name in browser.page_source
    assert fits_the_phone(browser)
    screenshot(browser, "shops-2-shop-page-360")

    # The product in English.
    browser.get(live_server.url + f"/en/produk/{product.slug}/")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == "en"
    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.text == "Gigi Haruan sasirangan cloth"
    assert heading.get_attribute("lang") in (None, "")  # not marked as Indonesian
    assert fits_the_phone(browser)
    screenshot(browser, "shops-3-product-en-360")
