"""The shopper and artisan journeys in a real browser (Debian's Chromium through
Selenium, a 360 px phone window), through the stack's front door (Varnish when it runs).

Used by scripts/stack.py before the fault drills; the drills keep the plain HTTP
journeys (stack.py) for load. What a browser proves that the HTTP journeys cannot:
the product page comes from the shared cache (no CSRF cookie, no token in the form)
and the browser's own `Sec-Fetch-Site`/`Origin` headers let the first add to cart
through; the checkout, demo payment and order pages work with the browser's cookies;
an artisan's photo upload (multipart, from a file) lands in S3 and its rendition
shows on the public product page.

Screenshots go to artifacts/screenshots/stack-*.png, as the e2e suite's do.
"""

import io
import tempfile
import time
from pathlib import Path

from PIL import Image

PAGE_SECONDS = 120


def _driver():
    # The e2e suite's Chromium options (headless, phone window): one definition.
    from tests.e2e.conftest import PHONE, _chrome

    driver = _chrome(PHONE)
    # The whole stack shares a CI machine's cores with the browser: a saved product
    # (photo to S3, renditions) can take longer than the e2e suite's 30 s.
    driver.set_page_load_timeout(PAGE_SECONDS)
    return driver


def _shot(driver, name: str) -> None:
    from tests.e2e.conftest import SCREENSHOT_DIR

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOT_DIR / f"stack-{name}.png"))


def _wait_url(driver, part: str, seconds: float = PAGE_SECONDS) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, seconds).until(lambda d: part in d.current_url)


def _submit(driver, form_css: str) -> None:
    """Click the form's submit button and wait for the next page to load."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, f"{form_css} button[type=submit]").click()
    WebDriverWait(driver, PAGE_SECONDS).until(EC.staleness_of(old))


def _fill(driver, name: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.CSS_SELECTOR, f"main [name='{name}']")
    field.clear()
    field.send_keys(value)


def shopper(base: str, slugs: list[str], address: dict[str, str]) -> str:
    """Two products (two vendors) into one cart from the cached product pages, checkout,
    demo payment; returns the order number shown on the paid order's page."""
    from selenium.webdriver.common.by import By

    driver = _driver()
    try:
        for slug in slugs:
            driver.get(f"{base}/produk/{slug}/")
            driver.find_element(
                By.CSS_SELECTOR, ".buy-form button[type=submit]"
            ).click()
            _wait_url(driver, "/keranjang/")
        groups = driver.find_elements(By.CSS_SELECTOR, ".cart-group")
        if len(groups) != len(slugs):
            raise AssertionError(f"cart has {len(groups)} vendor groups, not 2")
        _shot(driver, "shopper-cart")
        driver.find_element(By.CSS_SELECTOR, "a[href$='/checkout/']").click()
        _wait_url(driver, "/checkout/")
        for name, value in address.items():
            if name == "province":
                continue  # preselected
            field = driver.find_element(By.ID, f"id_{name}")
            field.clear()
            field.send_keys(value)
        driver.find_element(By.CSS_SELECTOR, ".checkout button[type=submit]").click()
        _wait_url(driver, "/demo/")
        number = driver.current_url.rstrip("/").split("/")[-2]
        driver.find_element(By.ID, "demo-pay").click()
        _wait_url(driver, "/berhasil/")
        driver.find_element(By.CSS_SELECTOR, "main a.button").click()
        _wait_url(driver, "/pesanan/")
        status = driver.find_element(By.CSS_SELECTOR, ".order-status")
        if status.get_attribute("data-status") != "paid":
            raise AssertionError(f"order {number} shows {status.text!r}, not paid")
        _shot(driver, "shopper-order")
        return number
    finally:
        driver.quit()


def _pictures_loaded(driver) -> int:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('main img'))"
        ".filter(i => i.complete && i.naturalWidth > 0).length"
    )


def artisan(base: str, username: str, password: str, slug_of) -> str:
    """Log in, add a product with a photo (uploaded from a file, stored in S3), find it
    with its thumbnail in the dashboard list and on its public page (`slug_of(name)`
    gives its slug) with its picture; returns its name."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    name = f"Tas Purun Peramban {int(time.time()) % 100000}"
    driver = _driver()
    with tempfile.TemporaryDirectory(prefix="banua-stack-") as tmp:
        photo = Path(tmp) / "purun.jpg"
        out = io.BytesIO()
        Image.new("RGB", (640, 480), "#7a5c2e").save(out, format="JPEG")
        photo.write_bytes(out.getvalue())
        try:
            driver.get(f"{base}/akun/masuk/")
            _fill(driver, "username", username)
            _fill(driver, "password", password)
            _submit(driver, "main form")
            _wait_url(driver, "/dasbor/")
            driver.get(f"{base}/dasbor/produk/baru/")
            _fill(driver, "name", name)
            _fill(driver, "description", "Anyaman purun dari Amuntai.")
            driver.find_element(
                By.CSS_SELECTOR, "input[name=status][value=published]"
            ).click()
            category = Select(driver.find_element(By.NAME, "category"))
            category.select_by_index(
                next(
                    i
                    for i, option in enumerate(category.options)
                    if option.get_attribute("value")
                )
            )
            driver.find_element(By.NAME, "photos").send_keys(str(photo))
            for field, value in (
                ("sku", f"PURUN-B{int(time.time()) % 100000}"),
                ("size", "Besar"),
                ("price", "120000"),
                ("stock", "7"),
                ("weight_grams", "400"),
            ):
                _fill(driver, f"variants-0-{field}", value)
            _shot(driver, "artisan-product-form")
            _submit(driver, "main form.stack")
            if not driver.current_url.endswith("/dasbor/produk/"):
                _shot(driver, "artisan-refused")
                errors = [
                    e.text
                    for e in driver.find_elements(
                        By.CSS_SELECTOR, ".field--error, .form-errors, .errorlist"
                    )
                ]
                raise AssertionError(f"the product form was refused: {errors[:5]}")
            if name not in driver.find_element(By.TAG_NAME, "main").text:
                raise AssertionError("the new product is not in the artisan's list")
            if not _pictures_loaded(driver):
                raise AssertionError("the thumbnail does not load (S3 rendition)")
            driver.get(f"{base}/produk/{slug_of(name)}/")
            title = driver.find_element(By.TAG_NAME, "h1").text
            if name not in title:
                raise AssertionError(f"{driver.current_url} shows {title!r}")
            if not _pictures_loaded(driver):
                raise AssertionError("the product's photo does not load (S3)")
            _shot(driver, "artisan-product-page")
            return name
        finally:
            driver.quit()
