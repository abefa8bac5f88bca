"""iCalendar (RFC 5545) building blocks shared by the tourism events and the
marketplace's experience tickets: escaping, folding, WITA times.

Times are written with TZID=Asia/Makassar and a VTIMEZONE (WITA is UTC+8 all year, no
daylight saving), so calendar apps show the local time wherever the visitor is;
DTSTAMP is UTC as the RFC requires.
"""

import datetime as dt
from zoneinfo import ZoneInfo

TZID = "Asia/Makassar"
WITA = ZoneInfo(TZID)

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:WITA",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # continuation lines start with one space
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def format_local(value: dt.datetime) -> str:
    return value.astimezone(WITA).strftime("%Y%m%dT%H%M%S")


def format_utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(*, events: list[list[str]], name: str, prodid: str) -> str:
    """A VCALENDAR around ready VEVENT line lists, CRLF line ends, folded lines."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
