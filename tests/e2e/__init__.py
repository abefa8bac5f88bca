# Seconds a journey waits for a page the server builds (a redirect after a form, a first
# rendition of a photo): generous, because CI runs them beside another test worker on
# two cores. A wait that passes returns as soon as the page is there.
PAGE_WAIT = 30


def wait_for_url(browser, check) -> str:
    """The browser's URL once `check(url)` holds, waiting up to PAGE_WAIT seconds: a
    click on a link or a submit button returns before the next page has loaded."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, PAGE_WAIT).until(lambda driver: check(driver.current_url))
    return browser.current_url
