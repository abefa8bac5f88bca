"""Bad input in the admin gets clear messages, not a 500 or a silent save."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from tests.tourism.factories import build_site_tree, make_destination, make_event
from tests.vendors.factories import UserFactory
from tourism.models import DestinationPage, EventPage


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English source messages; Indonesian is the site default, so
    URLs are reversed (and pages served) under /en/."""
    with translation.override("en"):
        yield


@pytest.fixture
def tree(db):
    return build_site_tree()


def errors_of(page):
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    return raised.value.message_dict


def test_latitude_and_longitude_out_of_range(tree):
    page = make_destination(tree.destinations)
    page.latitude, page.longitude = Decimal("91"), Decimal("-181")
    errors = errors_of(page)
    assert errors["latitude"] == ["Latitude must be between -90 and 90 degrees."]
    assert errors["longitude"] == ["Longitude must be between -180 and 180 degrees."]


def test_only_one_coordinate_is_refused(tree):
    page = make_destination(tree.destinations)
    page.longitude = None
    assert "Give both latitude and longitude, or neither." in str(errors_of(page))


def test_negative_ticket_price(tree):
    page = make_destination(tree.destinations)
    page.ticket_price = -5000
    assert (
        "A ticket price cannot be negative; use 0 for free."
        in errors_of(page)["ticket_price"]
    )


def test_event_ending_before_it_starts(tree):
    event = make_event(tree.events)
    event.end_at = event.start_at - dt.timedelta(hours=1)
    assert errors_of(event)["end_at"] == ["An event cannot end before it starts."]


def test_two_sibling_pages_cannot_share_a_slug(tree):
    make_destination(tree.destinations, title="Loksado")
    clash = DestinationPage(
        title="Loksado lagi",
        slug="loksado",
        summary="x",
        category="nature",
        region="banjar",
    )
    with pytest.raises(ValidationError) as raised:
        tree.destinations.add_child(instance=clash)
    assert (
        "already in use within the parent page" in raised.value.message_dict["slug"][0]
    )


def test_the_same_slug_in_another_language_is_fine(tree):
    page = make_destination(tree.destinations, title="Loksado")
    english = page.copy_for_translation(tree.locale_en, copy_parents=True)
    assert english.slug == "loksado"
    english.full_clean()


def test_a_top_level_page_cannot_take_a_language_prefix_as_slug(tree):
    tree.destinations.slug = "en"
    assert "reserved for a language" in errors_of(tree.destinations)["slug"][0]


def destination_form(**overrides):
    data = {
        "title": "Pulau Kembang",
        "slug": "pulau-kembang",
        "summary": "Pulau monyet di Sungai Barito.",
        "category": "nature",
        "region": "barito-kuala",
        "latitude": "-3.3",
        "longitude": "114.5",
        "ticket_price": "10000",
        "body": streamfield([]),
        "gallery": streamfield([]),
        "opening_hours_spec": streamfield([]),
        "pins": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def admin_client(client, tree):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def add_url(parent):
    return f"/admin/pages/add/tourism/destinationpage/{parent.pk}/"


def test_admin_shows_range_and_price_errors_on_the_form(admin_client, tree):
    response = admin_client.post(
        add_url(tree.destinations),
        destination_form(latitude="95", ticket_price="-1"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Latitude must be between -90 and 90 degrees." in html
    assert "Ensure this value is greater than or equal to 0." in html
    assert not DestinationPage.objects.filter(slug="pulau-kembang").exists()


def test_admin_shows_a_slug_clash(admin_client, tree):
    make_destination(tree.destinations, title="Pulau Kembang")
    response = admin_client.post(add_url(tree.destinations), destination_form())
    assert response.status_code == 200
    assert "is already in use within the parent page" in response.content.decode()
    assert DestinationPage.objects.filter(slug="pulau-kembang").count() == 1


def test_admin_refuses_a_reserved_top_level_slug(admin_client, tree):
    url = f"/admin/pages/add/tourism/storyindexpage/{tree.home.pk}/"
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": "English",
                "slug": "en",
                "intro": "",
                "pins": streamfield([]),
                "comments": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "reserved for a language" in response.content.decode()


def test_admin_accepts_a_good_destination(admin_client, tree):
    response = admin_client.post(add_url(tree.destinations), destination_form())
    assert response.status_code == 302
    page = DestinationPage.objects.get(slug="pulau-kembang")
    assert page.latitude == Decimal("-3.3")


def test_admin_event_form_refuses_end_before_start(admin_client, tree):
    response = admin_client.post(
        f"/admin/pages/add/tourism/eventpage/{tree.events.pk}/",
        nested_form_data(
            {
                "title": "Festival",
                "slug": "festival",
                "summary": "Festival.",
                "start_at": "2030-12-12 10:00",
                "end_at": "2030-12-12 08:00",
                "venue_name": "Siring",
                "body": streamfield([]),
                "pins": streamfield([]),
                "comments": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "An event cannot end before it starts." in response.content.decode()
    assert not EventPage.objects.filter(slug="festival").exists()
