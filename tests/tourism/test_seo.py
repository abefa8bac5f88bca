"""JSON-LD that parses and has the right types, social tags, sitemap and robots."""

import json

from bs4 import BeautifulSoup
from django.conf import settings

# Every absolute URL is built from the site's configured address (core.site_url).
SITE = settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def json_ld(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    return {item["@type"]: item for item in (json.loads(s.string) for s in scripts)}


def test_destination_is_a_tourist_attraction_with_place_data(client, full_site):
    data = json_ld(client, full_site.destination)
    attraction = data["TouristAttraction"]
    assert attraction["@context"] == "https://schema.org"
    assert attraction["name"] == "Kampung Sasirangan"
    assert attraction["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": -3.321,
        "longitude": 114.6014,
    }
    assert attraction["address"]["addressCountry"] == "ID"
    assert attraction["offers"]["priceCurrency"] == "IDR"
    assert attraction["offers"]["price"] == 15000
    assert attraction["image"].startswith(f"{SITE}/")
    assert attraction["url"] == SITE + full_site.destination.url
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[-1]["name"] == "Kampung Sasirangan"
    assert crumbs[-1]["item"].endswith(full_site.destination.url)


def test_event_has_start_and_end_in_wita_and_a_place(client, full_site):
    event = json_ld(client, full_site.event)["Event"]
    assert event["startDate"] == "2030-12-12T08:00:00+08:00"
    assert event["endDate"] == "2030-12-12T17:00:00+08:00"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == "Kampung Sasirangan"
    assert event["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")


def test_english_event_points_at_the_english_venue(client, full_site):
    event = json_ld(client, full_site.event_en)["Event"]
    assert event["location"]["name"] == "Sasirangan Village"
    assert event["inLanguage"] == "en"


def test_story_is_an_article(client, full_site):
    article = json_ld(client, full_site.story)["Article"]
    assert article["headline"] == "Gebrak Pariwisata"
    assert article["datePublished"] == "2026-06-01"
    assert article["author"] == {"@type": "Person", "name": "Dinas Pariwisata"}


def test_indexes_are_item_lists(client, full_site):
    items = json_ld(client, full_site.tree.destinations)["ItemList"]
    assert items["itemListElement"][0]["position"] == 1
    assert items["itemListElement"][0]["url"].endswith(full_site.destination.url)
    events = json_ld(client, full_site.tree.events)["ItemList"]
    assert events["itemListElement"][0]["name"] == "Festival Sasirangan"


def test_itinerary_is_a_tourist_trip_with_an_item_list(client, full_site):
    trip = json_ld(client, full_site.itinerary)["TouristTrip"]
    assert trip["itinerary"]["@type"] == "ItemList"
    names = [item["item"]["name"] for item in trip["itinerary"]["itemListElement"]]
    assert names == ["Kampung Sasirangan", "Siring"]


def test_json_ld_cannot_be_broken_out_of_by_page_text(client, full_site):
    page = full_site.story
    page.summary = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(client, page)["Article"]["description"] == page.summary


def test_open_graph_and_twitter_tags_use_a_jpeg_rendition(client, full_site):
    soup = BeautifulSoup(client.get(full_site.destination.url).content, "html.parser")
    meta = {
        (tag.get("property") or tag.get("name")): tag["content"]
        for tag in soup.find_all("meta")
        if tag.get("property") or tag.get("name")
    }
    assert meta["og:title"] == "Kampung Sasirangan"
    assert meta["og:description"] == "Kampung perajin kain sasirangan."
    assert meta["og:type"] == "place"
    assert meta["og:image"].startswith(f"{SITE}/media/images/")
    assert ".fill-1200x630" in meta["og:image"]
    assert meta["og:image"].endswith(".jpg")
    assert meta["og:image:width"].isdigit()
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["og:locale"] == "id_ID"


def test_sitemap_lists_both_languages(client, full_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"<loc>{SITE}/</loc>" in xml
    assert f"<loc>{SITE}/en/</loc>" in xml
    assert f"<loc>{SITE}{full_site.destination.url}</loc>" in xml
    assert f"<loc>{SITE}{full_site.destination_en.url}</loc>" in xml
    assert f"<loc>{SITE}{full_site.story_en.url}</loc>" in xml


def test_sitemap_leaves_out_drafts(client, full_site):
    full_site.story_en.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    assert full_site.story_en.url not in xml or full_site.story_en.url is None
    assert f"{SITE}{full_site.story.url}" in xml


def test_robots_txt_points_at_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in body
    assert "Disallow: /admin/" in body
