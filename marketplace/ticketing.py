"""What a ticket looks like outside the database: its QR code and its calendar file.

The QR code is an inline SVG drawn here with segno (no image service, no remote
asset), so the order page and the vendor's phone work offline; it encodes the bare
ticket code, which is what the check-in page looks up.
"""

from __future__ import annotations

import datetime as dt

import segno
from django.utils import timezone

from core.ical import TZID, calendar, escape_text, format_local, format_utc
from core.site_url import site_host

PRODID = "-//Banua//Experience tickets//ID"


def qr_svg(code: str, *, scale: int = 4) -> str:
    """An ``<svg>`` element (no XML declaration) for embedding in HTML."""
    return segno.make(code, error="m", micro=False).svg_inline(
        scale=scale, title=code, border=2
    )


def ticket_event_lines(*, ticket, host: str, stamp: dt.datetime) -> list[str]:
    session = ticket.session
    experience = session.experience
    ends = session.starts_at + dt.timedelta(minutes=experience.duration_minutes)
    location = ""
    if experience.meeting_point_id:
        location = experience.meeting_point.title
    if experience.meeting_note:
        location = ", ".join(p for p in (location, experience.meeting_note) if p)
    lines = [
        "BEGIN:VEVENT",
        f"UID:ticket-{ticket.code}@{host}",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{format_local(session.starts_at)}",
        f"DTEND;TZID={TZID}:{format_local(ends)}",
        f"SUMMARY:{escape_text(experience.product.name)}",
        f"DESCRIPTION:{escape_text(f'Tiket / ticket {ticket.code}')}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if session.status == "cancelled" or ticket.cancelled_at:
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    return lines


def tickets_calendar(*, tickets, host: str | None = None) -> str:
    """The tickets as a calendar; UIDs on the configured site's domain by default."""
    host = host or site_host()
    stamp = timezone.now()
    return calendar(
        events=[
            ticket_event_lines(ticket=ticket, host=host, stamp=stamp)
            for ticket in tickets
        ],
        name="Banua",
        prodid=PRODID,
    )
