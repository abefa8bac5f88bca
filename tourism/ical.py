"""iCalendar (RFC 5545) for events, written by hand: it is a small, strict text format.

Times are written with TZID=Asia/Makassar and a VTIMEZONE (WITA is UTC+8 all year, no
daylight saving), so calendar apps show the local time of the festival wherever the
visitor is; DTSTAMP is UTC as the RFC requires.
"""

import datetime as dt

from django.utils import timezone

from core.ical import TZID, VTIMEZONE, escape_text, fold, format_local, format_utc
from core.site_url import page_absolute_url, site_host

PRODID = "-//Banua//Tourism events//ID"


def event_lines(*, event, request, stamp: dt.datetime) -> list[str]:
    """One VEVENT. The UID domain and the URL come from the configured site address,
    never from the request: a feed fetched through another host (a proxy, a forged
    Host header) must not publish that host, nor change the event's identity."""
    host = site_host()
    url = page_absolute_url(event)
    location = ""
    if event.venue_id and event.venue:
        venue = event.venue
        location = ", ".join(part for part in (venue.title, venue.address) if part)
    elif event.venue_name:
        location = event.venue_name
    lines = [
        "BEGIN:VEVENT",
        # The translation key is shared by both languages: one event, one UID.
        f"UID:event-{event.translation_key}@{host}",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{format_local(event.start_at)}",
        f"DTEND;TZID={TZID}:{format_local(event.end_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(event.summary)}",
    ]
    if getattr(event, "is_yearly", False):
        # Same dates every year (RFC 5545 3.3.10): calendar apps show the next ones too.
        lines.append("RRULE:FREQ=YEARLY")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if event.venue_id and event.venue and event.venue.has_coordinates:
        lines.append(f"GEO:{event.venue.latitude};{event.venue.longitude}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar_for_events(*, events, request=None, name: str = "Banua") -> str:
    """A VCALENDAR with one VEVENT per event, CRLF line ends, folded lines."""
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines.extend(event_lines(event=event, request=request, stamp=stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
