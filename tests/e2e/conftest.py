"""Browser journeys: headless Chromium from Debian driven by Selenium against live_server.

Screenshots land in artifacts/screenshots/ (ignored by git, kept by CI logs).
"""

import os
import shutil
from pathlib import Path

import pytest

FAILURE_DIR = Path(__file__).resolve().parents[2] / "artifacts" / "failures"
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = (360, 780)
DESKTOP = (1280, 900)


def _chrome(window_size):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("BANUA_CHROMIUM") or shutil.which(
        "chromium"
    )
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={window_size[0]},{window_size[1]}",
    ):
        options.add_argument(flag)
    service = Service(
        os.environ.get("BANUA_CHROMEDRIVER") or shutil.which("chromedriver")
    )
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(2)
    return driver


def pytest_collection_modifyitems(items):
    """Journeys share the live server's database across threads, so each test commits for real
    (transaction=True); serialized_rollback restores the rows migrations created (Wagtail's root
    page, the default locale and site) that the flush after each journey would otherwise wipe.
    """
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed journey says where its browser was: the URL, the page's title and
    messages go into the report (and so into CI's output), and the page's HTML and a
    screenshot into artifacts/failures/."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for name in ("browser", "phone_browser"):
        driver = getattr(item, "funcargs", {}).get(name)
        if driver is not None:
            report.sections.append((f"browser state ({name})", _describe(driver, item)))


def _describe(driver, item) -> str:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By

    try:
        messages = [
            element.text
            for element in driver.find_elements(By.CSS_SELECTOR, ".messages .message")
        ]
        lines = [
            f"url: {driver.current_url}",
            f"title: {driver.title}",
            f"messages: {messages}",
        ]
        FAILURE_DIR.mkdir(parents=True, exist_ok=True)
        stem = FAILURE_DIR / item.name
        stem.with_suffix(".html").write_text(driver.page_source)
        driver.save_screenshot(str(stem.with_suffix(".png")))
        lines.append(f"saved: {stem}.html and .png")
    except WebDriverException as error:
        lines = [f"the browser could not be asked: {error.msg}"]
    return "\n".join(lines)


@pytest.fixture
def browser():
    """A desktop-sized headless Chromium."""
    driver = _chrome(DESKTOP)
    yield driver
    driver.quit()


@pytest.fixture
def phone_browser():
    """A 360 px wide headless Chromium, the size of a common Android phone.

    Headless Chromium keeps a window at least 500 px wide whatever --window-size
    says, so the phone's viewport is emulated as well: the page really gets 360 px.
    """
    driver = _chrome(PHONE)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True},
    )
    yield driver
    driver.quit()


@pytest.fixture
def screenshot():
    """screenshot(driver, "name") writes artifacts/screenshots/name.png and returns the path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(driver, name: str) -> Path:
        path = SCREENSHOT_DIR / f"{name}.png"
        driver.save_screenshot(str(path))
        return path

    return take


@pytest.fixture
def fits_the_phone():
    """fits_the_phone(driver): the page is no wider than the viewport (no sideways
    scrolling), and the viewport really is the phone's 360 px."""

    def check(driver) -> bool:
        return driver.execute_script(
            "return window.innerWidth === 360"
            " && document.documentElement.scrollWidth <= window.innerWidth"
        )

    return check
