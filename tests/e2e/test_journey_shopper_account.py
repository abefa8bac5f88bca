"""A shopper on a 360 px phone: the header's menu (a disclosure: aria-expanded,
Escape closes it), log-in from the header that comes back to the product, a heart,
a "tell me when it's back" alert, the favourites page, and the alert's e-mail once
the shop restocks."""

import pytest
from django.core import mail
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from marketplace.models import FavouriteProduct, StockAlert
from tests.e2e import PAGE_WAIT
from tests.marketplace.factories import ProductVariantFactory, sellable_variant
from tests.vendors.factories import UserFactory, VendorFactory
from vendors.services.catalogue import variant_stock_bulk_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(browser) -> bool:
    return browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )


def test_header_menu_favourite_and_stock_alert_on_a_phone(
    phone_browser, live_server, screenshot
):
    vendor = VendorFactory(name="Sasirangan Galuh")
    in_stock = sellable_variant(
        vendor=vendor, name="Kain Sasirangan Gigi Haruan", stock=3
    )
    product = in_stock.product
    sold_out = ProductVariantFactory(product=product, colour="Biru", stock=0)
    UserFactory(username="rina@example.test", email="rina@example.test")
    browser = phone_browser
    url = f"/produk/{product.slug}/"

    # The compact header: the menu is closed until the button opens it.
    browser.get(live_server.url + url)
    menu = browser.find_element(By.CSS_SELECTOR, "[data-site-menu]")
    button = menu.find_element(By.TAG_NAME, "summary")
    panel = browser.find_element(By.ID, "site-menu-panel")
    assert button.get_attribute("aria-expanded") == "false"
    assert not panel.is_displayed()
    header_height = browser.find_element(By.CSS_SELECTOR, ".site-header").size["height"]
    assert header_height < 200  # was a third of the screen
    assert _fits_the_phone(browser)
    button.click()
    WebDriverWait(browser, 5).until(lambda _d: panel.is_displayed())
    assert button.get_attribute("aria-expanded") == "true"
    screenshot(browser, "shopper-account-1-menu-open")
    # Escape closes it and gives the focus back to the button.
    panel.find_element(By.CSS_SELECTOR, "a").send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(lambda _d: not panel.is_displayed())
    assert button.get_attribute("aria-expanded") == "false"
    assert browser.switch_to.active_element == button

    # Log in from the menu: back on the product afterwards.
    button.click()
    panel.find_element(By.CSS_SELECTOR, "a[href*='/akun/masuk/']").click()
    browser.find_element(By.NAME, "username").send_keys("rina@example.test")
    browser.find_element(By.NAME, "password").send_keys("secret-pass-123")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: d.current_url.endswith(url))

    # A heart and an alert, both plain forms (each submit reloads the page).
    reloads = WebDriverWait(
        browser, 10, ignored_exceptions=(StaleElementReferenceException,)
    )
    browser.find_element(By.CSS_SELECTOR, ".fav-form button").click()
    reloads.until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, ".fav-form button").get_attribute(
                "aria-pressed"
            )
            == "true"
        )
    )
    browser.find_element(By.CSS_SELECTOR, ".stock-alerts button").click()
    reloads.until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, ".stock-alerts button")
    )
    assert _fits_the_phone(browser)
    screenshot(browser, "shopper-account-2-favourite-and-alert")
    assert FavouriteProduct.objects.filter(product=product).exists()
    assert StockAlert.objects.filter(variant=sold_out, notified_at=None).exists()

    browser.get(live_server.url + "/akun/favorit/")
    assert product.name in browser.page_source
    assert _fits_the_phone(browser)
    screenshot(browser, "shopper-account-3-favourites")

    # The shop restocks: one e-mail, sent after the stock change committed.
    mail.outbox.clear()
    variant_stock_bulk_update(
        vendor=vendor, actor=vendor.owner, stocks={sold_out.pk: 4}
    )
    assert [message.to for message in mail.outbox] == [["rina@example.test"]]
    assert f"/produk/{product.slug}/" in mail.outbox[0].body
