"""The language switcher never leads to a 404; hreflang lists real translations only."""

from bs4 import BeautifulSoup

from tests.tourism.factories import make_destination


def switcher(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a")}, soup


def test_switcher_links_to_the_translation(client, full_site):
    links, _soup = switcher(client.get(full_site.destination.url))
    assert links["en"] == full_site.destination_en.url
    links, _soup = switcher(client.get(full_site.destination_en.url))
    assert links["id"] == full_site.destination.url


def test_page_without_english_falls_back_to_indonesian_with_a_notice(client, full_site):
    only_id = make_destination(full_site.tree.destinations, title="Pulau Kembang")
    links, soup = switcher(client.get(only_id.url))
    assert links["en"] == f"{only_id.url}?fallback=en"
    hreflangs = {link["hreflang"] for link in soup.find_all("link", rel="alternate")}
    assert hreflangs == {"id", "x-default"}

    response = client.get(links["en"])
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    notice = soup.select_one(".notice-fallback")
    assert notice["lang"] == "en"
    assert "not available in English yet" in notice.get_text()
    assert "Pulau Kembang" in soup.h1.get_text()
    # The way out leads to the English home page (core.translation_urls).
    assert notice.find("a", hreflang="en")["href"] == "/en/"


def test_no_notice_without_the_fallback_parameter(client, full_site):
    soup = BeautifulSoup(client.get(full_site.destination.url).content, "html.parser")
    assert soup.select_one(".notice-fallback") is None


def test_non_page_views_still_switch_by_url(client, full_site):
    links, _soup = switcher(client.get("/produk/"))
    assert links["en"] == "/en/produk/"
