"""A shopper on a 360 px phone keeps an account: the profile page (name and phone),
then the addresses page: a first address (the default), a second one made the
default from its form. Each page fits the phone without sideways scrolling."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from marketplace.models import ShopperAddress
from tests.e2e import PAGE_WAIT, wait_for_url
from tests.e2e.test_journey_shopper import _log_in
from tests.vendors.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME = {
    "label": "Rumah",
    "recipient_name": "Rina Hayati",
    "phone": "081234567890",
    "address_line": "Jl. Lambung Mangkurat No. 10",
    "city": "Kota Banjarmasin",
    "district": "Banjarmasin Tengah",
    "village": "Kertak Baru Ilir",
    "postal_code": "70111",
}


def _fill_address(browser, values: dict, *, make_default=False):
    for name, value in values.items():
        field = browser.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    Select(browser.find_element(By.NAME, "province")).select_by_value(
        "Kalimantan Selatan"
    )
    if make_default:
        browser.find_element(By.NAME, "make_default").click()
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def test_profile_and_addresses_on_a_phone(
    phone_browser, live_server, screenshot, fits_the_phone
):
    user = UserFactory(username="rina@example.test", email="rina@example.test")
    browser = phone_browser
    _log_in(browser, live_server, user)

    # The account page: every field has its label, the form saves the profile.
    browser.get(live_server.url + "/akun/")
    for name in ("first_name", "last_name", "phone"):
        field = browser.find_element(By.NAME, name)
        label = browser.find_element(
            By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']"
        )
        assert label.text
    browser.find_element(By.NAME, "first_name").send_keys("Rina")
    browser.find_element(By.NAME, "phone").send_keys("081234567890")
    assert fits_the_phone(browser)
    screenshot(browser, "account-1-profile-360")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda d: d.find_element(By.NAME, "first_name").get_attribute("value") == "Rina"
    )
    user.refresh_from_db()
    assert user.first_name == "Rina"

    # Addresses, from the account's navigation.
    browser.find_element(
        By.CSS_SELECTOR, ".account-nav a[href$='/akun/alamat/']"
    ).click()
    wait_for_url(browser, lambda url: "/akun/alamat/" in url)
    browser.find_element(By.CSS_SELECTOR, "a[href$='/akun/alamat/baru/']").click()
    assert fits_the_phone(browser)
    screenshot(browser, "account-2-address-form-360")
    _fill_address(browser, HOME)
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda d: d.current_url.endswith("/akun/alamat/")
    )
    home = ShopperAddress.objects.get(user=user)
    assert home.is_default  # the first address is the default

    # A second address, made the default from its form.
    browser.find_element(By.CSS_SELECTOR, "a[href$='/akun/alamat/baru/']").click()
    _fill_address(
        browser,
        {**HOME, "label": "Kantor", "address_line": "Jl. Jenderal Sudirman No. 14"},
        make_default=True,
    )
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda d: d.current_url.endswith("/akun/alamat/")
    )
    office = ShopperAddress.objects.get(user=user, label="Kantor")
    home.refresh_from_db()
    assert office.is_default and not home.is_default
    entries = browser.find_elements(By.CSS_SELECTOR, ".address-list > li")
    assert len(entries) == 2
    assert fits_the_phone(browser)
    screenshot(browser, "account-3-addresses-360")
