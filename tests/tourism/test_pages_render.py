"""Every page type renders in Indonesian and in English, with SEO basics in place."""

import pytest
from bs4 import BeautifulSoup

PAGE_KINDS = [
    "home",
    "destination_index",
    "destination",
    "event_index",
    "event",
    "story_index",
    "story",
    "itinerary",
]


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_type_renders_in_both_languages(client, full_site, kind, language):
    page_id, page_en = full_site.pages()[kind]
    page = page_id if language == "id" else page_en
    response = client.get(page.url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert len(soup.find_all("h1")) == 1
    assert soup.find("main") is not None
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.strip()
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.endswith(page.url)
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    assert alternates["id"].endswith(page_id.url)
    assert alternates["en"].endswith(page_en.url)
    assert page_en.url.startswith("/en/")
    for image in soup.select("main img"):
        assert image.has_attr("alt")
        assert image.get("width") and image.get("height")


def test_english_pages_show_english_text(client, full_site):
    response = client.get(full_site.destination_en.url)
    html = response.content.decode()
    assert "Sasirangan Village" in html
    assert "Makers and products nearby" in html


def test_destination_page_shows_map_fallback_with_coordinates_and_links(
    client, full_site
):
    soup = BeautifulSoup(client.get(full_site.destination.url).content, "html.parser")
    figure = soup.select_one(".map-fallback")
    assert "-3.321000" in figure.get_text()
    assert "114.601400" in figure.get_text()
    hrefs = [a["href"] for a in figure.find_all("a")]
    assert any(
        h.startswith("https://www.openstreetmap.org/?mlat=-3.321000") for h in hrefs
    )
    assert "geo:-3.321000,114.601400" in hrefs
    # No remote tiles or scripts: the map picture is drawn inline.
    assert figure.find("svg") is not None
    # (The site's own small scripts, such as the search box's, are local files.)
    for script in soup.find_all("script", src=True):
        assert not script["src"].startswith(("http:", "https:", "//")), script["src"]


def test_home_page_shows_destinations_events_products_and_latest_stories(
    client, full_site
):
    html = client.get("/").content.decode()
    assert "Kampung Sasirangan" in html
    assert "Festival Sasirangan" in html
    assert "Kain Gigi Haruan" in html
    assert "Gebrak Pariwisata" in html


def test_itinerary_links_stops_to_destinations_in_the_page_language(client, full_site):
    soup = BeautifulSoup(client.get(full_site.itinerary_en.url).content, "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select(".itinerary__stops a")}
    assert links == {"Sasirangan Village": full_site.destination_en.url}
    assert "Siring" in soup.select_one(".itinerary__stops").get_text()


def test_destination_index_filters_by_category_and_region(client, full_site):
    from tests.tourism.factories import make_destination

    make_destination(
        full_site.tree.destinations,
        title="Bukit Matang Kaladan",
        category="nature",
        region="banjar",
    )
    index = full_site.tree.destinations
    titles = lambda response: [  # noqa: E731
        a.get_text()
        for a in BeautifulSoup(response.content, "html.parser").select(".card__title a")
    ]
    assert titles(client.get(index.url)) == [
        "Bukit Matang Kaladan",
        "Kampung Sasirangan",
    ]
    assert titles(client.get(index.url, {"category": "nature"})) == [
        "Bukit Matang Kaladan"
    ]
    assert titles(client.get(index.url, {"region": "banjarmasin"})) == [
        "Kampung Sasirangan"
    ]
    assert (
        titles(client.get(index.url, {"region": "banjar", "category": "crafts"})) == []
    )


def test_destination_index_explains_an_unknown_filter_value(client, full_site):
    response = client.get(full_site.tree.destinations.url, {"region": "atlantis"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".field-error") is not None
    # An invalid filter shows everything rather than nothing.
    assert "Kampung Sasirangan" in soup.get_text()
