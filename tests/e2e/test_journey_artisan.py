"""An artisan on a phone: signs up, applies, is approved by the office, adds a product
with two photos and two variants, and finds it on the shop page."""

import io
import re

import pytest
from django.core import mail
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from marketplace.models import Product
from tests.e2e import wait_for_url
from tests.marketplace.factories import CategoryFactory
from tests.tourism.factories import build_site_tree
from tests.vendors.factories import office_user
from vendors import services
from vendors.models import Vendor, VendorStatus

# serialized_rollback: the flush after a transactional test would otherwise drop rows
# that migrations create (root page, root collection) for the journeys that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _photo(path, colour):
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def _fill(driver, name, value):
    field = driver.find_element(By.CSS_SELECTOR, f"main [name='{name}']")
    field.clear()
    field.send_keys(value)


def _submit(driver, form_selector="main form.stack"):
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, f"{form_selector} button[type=submit]").click()
    WebDriverWait(driver, 15).until(EC.staleness_of(old))


def _fits_the_phone(driver) -> bool:
    """No sideways scrolling: the page is no wider than the phone's viewport."""
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )


def test_artisan_signs_up_is_approved_and_sells(
    phone_browser, live_server, screenshot, tmp_path
):
    build_site_tree()
    category = CategoryFactory(name="Kain Sasirangan", slug="kain-sasirangan")
    office = office_user(email="dinas@banua.test")
    browser = phone_browser

    # 1. Sign up.
    browser.get(live_server.url + "/akun/daftar/")
    _fill(browser, "email", "ratna@example.test")
    _fill(browser, "password1", "Kain-Sasirangan-99")
    _fill(browser, "password2", "Kain-Sasirangan-99")
    screenshot(browser, "artisan-1-signup")
    _submit(browser)
    assert browser.current_url.endswith("/akun/daftar/periksa-email/")
    # 1b. Follow the activation link from the e-mail.
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    browser.get(live_server.url + link)
    _submit(browser)
    # Activation leads to the account page (most accounts are shoppers'), which
    # offers to open a shop.
    assert browser.current_url.endswith("/akun/")
    browser.find_element(By.CSS_SELECTOR, "a[href$='/dasbor/daftar-toko/']").click()
    wait_for_url(browser, lambda url: url.endswith("/dasbor/daftar-toko/"))

    # 2. Apply for a shop.
    _fill(browser, "name", "Sasirangan Ibu Ratna")
    _fill(browser, "owner_name", "Ratna")
    _fill(browser, "whatsapp", "081234567890")
    _fill(browser, "address", "Jl. Sungai Jingah 5, Banjarmasin")
    Select(browser.find_element(By.NAME, "region")).select_by_value("banjarmasin")
    Select(browser.find_element(By.NAME, "category")).select_by_value("sasirangan")
    _fill(browser, "craft_village", "Kampung Sasirangan")
    _fill(browser, "story", "Kami mencelup kain sasirangan sejak 1990.")
    assert _fits_the_phone(browser)
    screenshot(browser, "artisan-2-apply")
    _submit(browser)
    assert "/dasbor/" in browser.current_url
    assert "status--pending" in browser.page_source
    vendor = Vendor.objects.get(owner__email="ratna@example.test")
    assert vendor.whatsapp == "6281234567890"

    # 3. The tourism office approves the shop.
    services.vendor_approve(vendor=vendor, actor=office)
    browser.refresh()
    assert "status--approved" in browser.page_source
    assert _fits_the_phone(browser)
    screenshot(browser, "artisan-3-approved")

    # 4. Add a product with two photos and two variants.
    browser.get(live_server.url + "/dasbor/produk/baru/")
    _fill(browser, "name", "Kain Sasirangan Kambang Kacang")
    Select(browser.find_element(By.NAME, "category")).select_by_value(str(category.pk))
    _fill(browser, "description", "Kain katun dua meter, dicelup tangan.")
    browser.find_element(By.CSS_SELECTOR, "input[name=status][value=published]").click()
    Select(browser.find_element(By.NAME, "technique")).select_by_value("tie-dye")
    Select(browser.find_element(By.NAME, "dye")).select_by_value("natural")
    _fill(browser, "motif_name", "Kambang Kacang")
    photos = [
        _photo(tmp_path / "depan.jpg", "#b03a2e"),
        _photo(tmp_path / "detail.jpg", "#1b2a5c"),
    ]
    browser.find_element(By.NAME, "photos").send_keys("\n".join(photos))
    for index, (sku, colour, price, stock) in enumerate(
        [("KK-MERAH", "Merah", "185000", "4"), ("KK-BIRU", "Biru", "190000", "6")]
    ):
        _fill(browser, f"variants-{index}-sku", sku)
        _fill(browser, f"variants-{index}-colour", colour)
        _fill(browser, f"variants-{index}-price", price)
        _fill(browser, f"variants-{index}-stock", stock)
    assert _fits_the_phone(browser)
    screenshot(browser, "artisan-4-product-form")
    _submit(browser)
    assert browser.current_url.endswith("/dasbor/produk/"), browser.page_source[:2000]
    product = Product.objects.get(vendor=vendor)
    assert product.images.count() == 2
    assert product.variants.count() == 2

    # 5. Find it on the shop page.
    browser.get(live_server.url + f"/toko/{vendor.slug}/")
    cards = browser.find_elements(By.CSS_SELECTOR, ".card--product .card__title")
    assert [card.text for card in cards] == ["Kain Sasirangan Kambang Kacang"]
    whatsapp = browser.find_element(
        By.CSS_SELECTOR, "a.button--whatsapp"
    ).get_attribute("href")
    assert whatsapp.startswith("https://wa.me/6281234567890?text=")
    assert _fits_the_phone(browser)
    assert screenshot(browser, "artisan-5-shop-page").stat().st_size > 0
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.APPROVED
