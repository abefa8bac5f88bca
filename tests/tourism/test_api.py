"""Wagtail API v2 at /api/v2/ exposes destination and event fields."""


def test_pages_endpoint_exposes_destination_fields(client, full_site):
    response = client.get(
        "/api/v2/pages/", {"type": "tourism.DestinationPage", "fields": "*"}
    )
    assert response.status_code == 200
    items = response.json()["items"]
    by_title = {item["title"]: item for item in items}
    destination = by_title["Kampung Sasirangan"]
    assert destination["latitude"] == "-3.321000"
    assert destination["longitude"] == "114.601400"
    assert destination["category"] == "crafts"
    assert destination["region"] == "banjarmasin"
    assert destination["ticket_price"] == 15000
    assert ".fill-480x320" in destination["hero_image_thumbnail"]["url"]
    assert destination["meta"]["locale"] == "id"


def test_pages_endpoint_filters_by_locale(client, full_site):
    response = client.get(
        "/api/v2/pages/", {"type": "tourism.DestinationPage", "locale": "en"}
    )
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Sasirangan Village"]


def test_event_detail_exposes_times_and_venue(client, full_site):
    response = client.get(f"/api/v2/pages/{full_site.event.pk}/")
    assert response.status_code == 200
    event = response.json()
    assert event["start_at"].startswith("2030-12-12T08:00:00+08:00")
    assert event["end_at"].startswith("2030-12-12T17:00:00+08:00")
    assert event["venue"]["id"] == full_site.destination.pk
    assert event["summary"] == "Festival tahunan."


def test_images_and_documents_endpoints_answer(client, full_site):
    images = client.get("/api/v2/images/")
    assert images.status_code == 200
    assert images.json()["meta"]["total_count"] >= 1
    assert client.get("/api/v2/documents/").status_code == 200
