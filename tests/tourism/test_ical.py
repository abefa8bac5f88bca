"""iCalendar files: RFC 5545 shape, times right in WITA and UTC."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.tourism.factories import make_event
from tourism import ical


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_event_file_has_times_in_wita(client, full_site):
    response = client.get(full_site.event.ical_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="festival-sasirangan.ics"' in response["Content-Disposition"]
    lines = unfold(response.content.decode())
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "DTSTART;TZID=Asia/Makassar:20301212T080000" in lines
    assert "DTEND;TZID=Asia/Makassar:20301212T170000" in lines
    assert "TZOFFSETTO:+0800" in lines
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    assert "LOCATION:Kampung Sasirangan\\, Jl. Seberang Masjid\\, Banjarmasin" in lines
    assert "GEO:-3.321000;114.601400" in lines


def test_an_event_entered_in_utc_is_written_in_wita(db, full_site):
    # 16:00 UTC on 31 December is 00:00 WITA on 1 January: the date changes too.
    start = dt.datetime(2030, 12, 31, 16, 0, tzinfo=ZoneInfo("UTC"))
    event = make_event(full_site.tree.events, title="Malam Tahun Baru", start=start)
    lines = unfold(ical.calendar_for_events(events=[event]))
    assert "DTSTART;TZID=Asia/Makassar:20310101T000000" in lines
    assert ical.format_utc(event.start_at) == "20301231T160000Z"


def test_both_languages_share_one_uid(client, full_site):
    uid = lambda page: next(  # noqa: E731
        line
        for line in unfold(client.get(page.ical_url).content.decode())
        if line.startswith("UID:")
    )
    assert uid(full_site.event) == uid(full_site.event_en)


def test_lines_end_in_crlf_and_are_folded_at_75_octets(db):
    long_summary = "Sasirangan " * 20 + "é" * 30
    folded = ical.fold("DESCRIPTION:" + ical.escape_text(long_summary))
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + long_summary


def test_text_is_escaped():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_feed_lists_only_upcoming_events_of_its_language(client, full_site):
    past_start = timezone.now() - dt.timedelta(days=30)
    make_event(full_site.tree.events, title="Festival Lama", start=past_start)
    body = client.get(full_site.tree.events.feed_url).content.decode()
    lines = unfold(body)
    assert lines.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Festival Sasirangan" in lines
    assert body.endswith("END:VCALENDAR\r\n")
    english = unfold(
        client.get(
            full_site.tree.events.get_translation(
                full_site.tree.locale_en
            ).specific.feed_url
        ).content.decode()
    )
    assert "SUMMARY:Sasirangan Festival" in english
