"""Events: the month calendar, the date filter, the archive and yearly repeats."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.tourism.factories import itinerary_day, make_event, make_itinerary
from tests.tourism.test_ical import unfold
from tourism import ical, selectors

WITA = ZoneInfo("Asia/Makassar")


def test_month_grid_is_an_accessible_table_with_month_links(client, full_site):
    events = full_site.tree.events
    response = client.get(events.url + "calendar/2030/12/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<table" in html and "<caption>" in html
    assert html.count('<th scope="col">') == 7
    assert 'href="' + events.url + 'calendar/2030/11/" rel="prev"' in html
    assert 'href="' + events.url + 'calendar/2031/1/" rel="next"' in html
    assert "Festival Sasirangan" in html
    # The event is in the cell of 12 December (and listed below the grid).
    month = response.context["month"]
    cells = {day.date: day for week in month.weeks for day in week if day.date}
    assert [o.event for o in cells[dt.date(2030, 12, 12)].occurrences] == [
        full_site.event.specific
    ] or [o.event.pk for o in cells[dt.date(2030, 12, 12)].occurrences] == [
        full_site.event.pk
    ]
    assert cells[dt.date(2030, 12, 11)].occurrences == []


def test_calendar_in_english_is_localised(client, full_site):
    index_en = full_site.event_en.get_parent()
    response = client.get(index_en.url + "calendar/2030/12/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "December 2030" in html
    assert "Sasirangan Festival" in html


def test_bad_months_are_404_not_500(client, full_site):
    url = full_site.tree.events.url
    assert client.get(url + "calendar/2030/13/").status_code == 404
    assert client.get(url + "calendar/1900/1/").status_code == 404
    assert client.get(url + "calendar/").status_code == 200


def test_date_filter_lists_the_events_of_that_day(client, full_site):
    url = full_site.tree.events.url
    on_day = client.get(url, {"date": "2030-12-12"}).content.decode()
    assert "Festival Sasirangan" in on_day
    other_day = client.get(url, {"date": "2030-12-13"}).content.decode()
    assert "Festival Sasirangan" not in other_day
    bad = client.get(url, {"date": "31/12/2030"})
    assert bad.status_code == 200
    assert 'role="alert"' in bad.content.decode()


def test_archive_lists_past_events_only(client, full_site):
    past_start = timezone.now() - dt.timedelta(days=30)
    make_event(full_site.tree.events, title="Festival Lama", start=past_start)
    response = client.get(full_site.tree.events.url + "archive/")
    assert response.status_code == 200
    assert "Festival Lama" in response.content.decode()
    assert [e.title for e in response.context["past_events"]] == ["Festival Lama"]
    upcoming = client.get(full_site.tree.events.url)
    assert "Festival Lama" not in [e.title for e in upcoming.context["events"]]


def test_yearly_event_repeats_in_later_years(db, full_site):
    start = dt.datetime(2028, 8, 17, 8, 0, tzinfo=WITA)
    event = make_event(
        full_site.tree.events, title="Lomba Jukung", start=start, is_yearly=True
    )
    month = selectors.event_month(index=full_site.tree.events, year=2031, month=8)
    assert [(o.event.pk, o.first_day) for o in month.occurrences] == [
        (event.pk, dt.date(2031, 8, 17))
    ]
    # A one-off event does not repeat.
    assert (
        selectors.event_month(
            index=full_site.tree.events, year=2031, month=12
        ).occurrences
        == []
    )
    assert (
        selectors.event_list_on_date(
            index=full_site.tree.events, day=dt.date(2030, 8, 17)
        )[0].event.pk
        == event.pk
    )


def test_yearly_event_has_an_rrule(db, full_site):
    event = make_event(full_site.tree.events, title="Lomba Jukung", is_yearly=True)
    lines = unfold(ical.calendar_for_events(events=[event]))
    assert "RRULE:FREQ=YEARLY" in lines
    one_off = unfold(ical.calendar_for_events(events=[full_site.event]))
    assert not any(line.startswith("RRULE") for line in one_off)


def test_itinerary_day_heading_is_not_doubled(client, full_site):
    itinerary = make_itinerary(
        full_site.stories,
        title="Dua hari",
        days=[itinerary_day("Hari 1: Banjarmasin", [], names=["Siring"])],
    )
    html = client.get(itinerary.url).content.decode()
    assert "Hari 1: Hari 1" not in html
    assert "Banjarmasin" in html
    assert selectors.day_title_without_number("Day 2 - Martapura") == "Martapura"
    assert selectors.day_title_without_number("Hari raya") == "Hari raya"


def test_itinerary_index_lists_itineraries_only(client, full_site):
    response = client.get(full_site.stories.url + "itineraries/")
    assert response.status_code == 200
    assert [page.pk for page in response.context["itineraries"]] == [
        full_site.itinerary.pk
    ]
    story_index = client.get(full_site.stories.url).content.decode()
    assert 'href="' + full_site.stories.url + 'itineraries/"' in story_index
