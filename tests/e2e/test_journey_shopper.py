"""Shopper journey on a phone: products from two vendors, one cart, demo payment, the
order;
then each vendor sees only its own sub-order."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from marketplace.models import Order, OrderStatus
from tests.e2e import PAGE_WAIT
from tests.marketplace.factories import ADDRESS, sellable_variant
from tests.vendors.factories import VendorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(driver, live_server, user):
    """Puts a logged-in session cookie in the browser (the login form is the vendors'
    page).
    """
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = django_settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    driver.get(live_server.url + "/produk/")
    driver.delete_all_cookies()
    driver.add_cookie(
        {
            "name": django_settings.SESSION_COOKIE_NAME,
            "value": session.session_key,
            "path": "/",
        }
    )


def test_shopper_buys_from_two_vendors_with_demo_payment(
    phone_browser, live_server, screenshot, settings
):
    settings.PAYMENT_PROVIDER = "demo"
    cloth = sellable_variant(
        vendor=VendorFactory(name="Sasirangan Galuh"),
        name="Kain Sasirangan Gigi Haruan",
        price=185000,
    )
    snack = sellable_variant(
        vendor=VendorFactory(name="Dapur Bingka"),
        name="Kue Bingka Kentang",
        price=45000,
    )
    browser = phone_browser

    for variant in (cloth, snack):
        browser.get(f"{live_server.url}/produk/{variant.product.slug}/")
        assert variant.product.name in browser.find_element(By.TAG_NAME, "h1").text
        browser.find_element(By.CSS_SELECTOR, ".buy-form button[type=submit]").click()
        WebDriverWait(browser, PAGE_WAIT).until(
            lambda driver: "/keranjang/" in driver.current_url
        )
    screenshot(browser, "shopper-cart")
    groups = browser.find_elements(By.CSS_SELECTOR, ".cart-group h2")
    assert sorted(group.text for group in groups) == [
        "Dapur Bingka",
        "Sasirangan Galuh",
    ]

    browser.find_element(By.CSS_SELECTOR, "a[href$='/checkout/']").click()
    assert "demo" in browser.find_element(By.CSS_SELECTOR, ".notice--demo").text.lower()
    for name, value in ADDRESS.items():
        if name == "province":
            continue  # Kalimantan Selatan is preselected
        field = browser.find_element(By.ID, f"id_{name}")
        field.clear()
        field.send_keys(value)
    screenshot(browser, "shopper-checkout")
    browser.find_element(By.CSS_SELECTOR, ".checkout button[type=submit]").click()
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda driver: "/demo/" in driver.current_url
    )
    screenshot(browser, "shopper-demo-payment")
    browser.find_element(By.ID, "demo-pay").click()
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda driver: "/berhasil/" in driver.current_url
    )
    browser.find_element(By.CSS_SELECTOR, "main a.button").click()
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda driver: "/pesanan/" in driver.current_url
    )
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.number in browser.find_element(By.TAG_NAME, "h1").text
    assert (
        browser.find_element(By.CSS_SELECTOR, ".order-status").get_attribute(
            "data-status"
        )
        == "paid"
    )
    screenshot(browser, "shopper-order")

    for variant, other in ((cloth, snack), (snack, cloth)):
        _log_in(browser, live_server, variant.product.vendor.owner)
        browser.get(f"{live_server.url}/toko-saya/penjualan/")
        page = browser.find_element(By.TAG_NAME, "main").text
        assert order.number in page
        assert variant.product.name in page
        assert other.product.name not in page
    assert screenshot(browser, "vendor-suborders").stat().st_size > 0
