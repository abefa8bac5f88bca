"""First journey: the home page in Indonesian, then English through the language switcher."""

import pytest
from selenium.webdriver.common.by import By

from tests.e2e import wait_for_url
from tests.tourism.factories import build_site_tree

pytestmark = pytest.mark.browser  # the database marker comes from tests/e2e/conftest.py


def test_home_page_in_indonesian_then_english(phone_browser, live_server, screenshot):
    build_site_tree()

    phone_browser.get(live_server.url + "/")
    assert phone_browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    assert "Jelajahi Banua" in phone_browser.find_element(By.TAG_NAME, "h1").text
    screenshot(phone_browser, "home-id")

    # The language switcher sits in the compact header's menu: open it first.
    phone_browser.find_element(By.CSS_SELECTOR, "[data-site-menu] summary").click()
    phone_browser.find_element(By.CSS_SELECTOR, ".lang-switch a[hreflang='en']").click()

    wait_for_url(phone_browser, lambda url: url.rstrip("/").endswith("/en"))
    assert phone_browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Explore Banua" in phone_browser.find_element(By.TAG_NAME, "h1").text
    assert screenshot(phone_browser, "home-en").stat().st_size > 0
