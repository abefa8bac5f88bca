"""A tourist on a phone reads a destination, books the workshop that meets there,
adds a cloth to the same cart, pays with the demo provider and sees the ticket's QR
code; the vendor then checks the ticket in from the phone check-in page."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from marketplace.models import Order, OrderStatus, Ticket
from tests.e2e import PAGE_WAIT
from tests.marketplace.factories import ADDRESS, bookable_session, sellable_variant
from tests.tourism.factories import build_site_tree, make_destination
from tests.vendors.factories import VendorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(driver, live_server, user):
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


def test_tourist_books_a_workshop_and_a_cloth_and_the_vendor_checks_in(
    phone_browser, live_server, screenshot, settings
):
    settings.PAYMENT_PROVIDER = "demo"
    tree = build_site_tree()
    destination = make_destination(
        tree.destinations,
        title="Kampung Sasirangan",
        summary="Kampung perajin kain sasirangan.",
        category="crafts",
        region="banjarmasin",
        latitude=Decimal("-3.321000"),
        longitude=Decimal("114.601400"),
    )
    workshop_vendor = VendorFactory(name="Sasirangan Galuh Banjar")
    session = bookable_session(
        vendor=workshop_vendor,
        name="Kelas Mencelup Sasirangan",
        price=250000,
        capacity=8,
    )
    experience = session.experience
    experience.meeting_point = destination
    experience.save(update_fields=["meeting_point"])
    cloth = sellable_variant(
        vendor=VendorFactory(name="Sasirangan Kampung Melayu"),
        name="Kain Sasirangan Gigi Haruan",
        price=185000,
    )
    browser = phone_browser

    browser.get(live_server.url + destination.url)
    block = browser.find_element(By.CSS_SELECTOR, "section.experiences-here")
    assert "Kelas Mencelup Sasirangan" in block.text
    assert "8" in block.text
    screenshot(browser, "experience-destination")
    block.find_element(By.LINK_TEXT, "Kelas Mencelup Sasirangan").click()
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: "/produk/" in d.current_url)
    browser.find_element(By.CSS_SELECTOR, "input[name=session]").click()
    adults = browser.find_element(By.ID, "book-adults")
    adults.clear()
    adults.send_keys("2")
    screenshot(browser, "experience-book")
    browser.find_element(By.CSS_SELECTOR, ".booking-form button[type=submit]").click()
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: "/keranjang/" in d.current_url)

    browser.get(f"{live_server.url}/produk/{cloth.product.slug}/")
    browser.find_element(By.CSS_SELECTOR, ".buy-form button[type=submit]").click()
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: "/keranjang/" in d.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, ".cart-line--booking")
    screenshot(browser, "experience-cart")

    browser.find_element(By.CSS_SELECTOR, "a[href$='/checkout/']").click()
    for name, value in ADDRESS.items():
        if name == "province":
            continue
        field = browser.find_element(By.ID, f"id_{name}")
        field.clear()
        field.send_keys(value)
    browser.find_element(By.CSS_SELECTOR, ".checkout button[type=submit]").click()
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: "/demo/" in d.current_url)
    browser.find_element(By.ID, "demo-pay").click()
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: "/berhasil/" in d.current_url)
    browser.find_element(By.CSS_SELECTOR, "main a.button").click()
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: "/pesanan/" in d.current_url)
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    ticket = Ticket.objects.get()
    card = browser.find_element(By.CSS_SELECTOR, f"[data-ticket='{ticket.code}']")
    assert ticket.code in card.text
    assert card.find_element(By.CSS_SELECTOR, ".ticket__qr svg")
    screenshot(browser, "experience-ticket")

    _log_in(browser, live_server, workshop_vendor.owner)
    browser.get(f"{live_server.url}/dasbor/check-in/")
    browser.find_element(By.ID, "id_code").send_keys(ticket.code)
    browser.find_element(By.CSS_SELECTOR, ".check-in-form button[type=submit]").click()
    result = WebDriverWait(browser, PAGE_WAIT).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-check-in]")
    )
    assert result.get_attribute("data-check-in") == "new"
    screenshot(browser, "experience-check-in")
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None
