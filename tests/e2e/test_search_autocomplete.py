"""The header search box in a real browser: the WAI-ARIA combobox from two letters
(listbox, arrow keys moving aria-activedescendant, Enter opening the suggestion,
Escape closing), and the plain GET form without JavaScript."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e import PAGE_WAIT
from tests.search import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTBOX = "site-search-suggestions"


def _box(browser):
    return browser.find_element(By.ID, "site-search-q")


def _options(browser):
    return browser.find_elements(By.CSS_SELECTOR, f"#{LISTBOX} [role=option]")


def _open_with(browser, text):
    box = _box(browser)
    box.clear()
    box.send_keys(text)
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda driver: (
            driver.find_element(By.ID, LISTBOX).is_displayed()
            and len(_options(driver)) >= 2
        )
    )
    return box


def test_header_box_completes_as_you_type_with_the_keyboard(
    browser, live_server, screenshot, settings
):
    settings.ELASTICSEARCH_URL = ""  # the database engine answers the suggestions
    blue = f.product("Kain Sasirangan Biru")
    f.product("Kain Sasirangan Merah")
    browser.get(f"{live_server.url}/produk/")

    box = _box(browser)
    box.send_keys("k")
    assert not browser.find_element(By.ID, LISTBOX).is_displayed()  # one letter: no

    box = _open_with(browser, "ka")
    assert box.get_attribute("aria-expanded") == "true"
    assert [option.text for option in _options(browser)] == [
        "Kain Sasirangan Biru",
        "Kain Sasirangan Merah",
    ]
    screenshot(browser, "search-autocomplete")

    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == f"{LISTBOX}-0"
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == f"{LISTBOX}-1"
    box.send_keys(Keys.ARROW_UP)
    assert box.get_attribute("aria-activedescendant") == f"{LISTBOX}-0"
    assert _options(browser)[0].get_attribute("aria-selected") == "true"

    box.send_keys(Keys.ESCAPE)
    assert not browser.find_element(By.ID, LISTBOX).is_displayed()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None

    box = _open_with(browser, "kain sas")
    box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda driver: f"/produk/{blue.slug}/" in driver.current_url
    )
    assert blue.name in browser.find_element(By.TAG_NAME, "h1").text


def test_header_box_is_a_plain_form_without_javascript(browser, live_server, settings):
    settings.ELASTICSEARCH_URL = ""
    f.product("Kain Sasirangan Biru")
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(f"{live_server.url}/produk/")
    box = _box(browser)
    box.send_keys("sasirangan")
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, PAGE_WAIT).until(
        lambda driver: "/cari/" in driver.current_url
    )
    assert "q=sasirangan" in browser.current_url
    assert "Kain Sasirangan Biru" in browser.find_element(By.TAG_NAME, "main").text
    assert not browser.find_element(By.ID, LISTBOX).is_displayed()


def test_on_a_phone_results_come_before_the_folding_filters(
    phone_browser, live_server, screenshot, settings
):
    settings.ELASTICSEARCH_URL = ""
    f.product("Kain Sasirangan Biru")
    f.product("Tas Purun Sasirangan", category=f.category(slug="tas", name="Tas"))
    phone_browser.get(f"{live_server.url}/cari/?q=sasirangan")
    first_hit = phone_browser.find_element(By.CSS_SELECTOR, ".search-hit")
    filters = phone_browser.find_element(By.CSS_SELECTOR, ".search-facets")
    assert first_hit.location["y"] < filters.location["y"]
    panel = phone_browser.find_element(By.CSS_SELECTOR, ".search-facets__panel")
    toggle = panel.find_element(By.CSS_SELECTOR, ".search-facets__toggle")
    assert toggle.is_displayed()
    was_open = panel.get_attribute("open") is not None
    phone_browser.execute_script("arguments[0].scrollIntoView()", toggle)
    toggle.click()
    assert (panel.get_attribute("open") is not None) is not was_open
    screenshot(phone_browser, "search-phone-filters")
