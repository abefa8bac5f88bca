"""Opening hours as data: day ranges and times, shown per language and in schema.org.

Each row of a destination's `opening_hours_spec` is {"days": ["mo", ...], "opens":
time, "closes": time}. `describe` groups consecutive days ("Monday–Friday") in the
active language; `schema_org` gives `openingHoursSpecification`. `parse_legacy` reads the
old bilingual strings ("08.00–17.00 WITA, Jumat tutup / closed on Fridays") once, for the
data migration and the demo seed.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.dates import WEEKDAYS
from django.utils.formats import time_format
from django.utils.translation import gettext as _

DAY_CODES = ["mo", "tu", "we", "th", "fr", "sa", "su"]
SCHEMA_DAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


@dataclass(frozen=True)
class HoursLine:
    days: str
    hours: str


def _as_time(value) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def _day_ranges(codes) -> list[tuple[int, int]]:
    indexes = sorted({DAY_CODES.index(code) for code in codes if code in DAY_CODES})
    ranges = []
    for index in indexes:
        if ranges and ranges[-1][1] == index - 1:
            ranges[-1] = (ranges[-1][0], index)
        else:
            ranges.append((index, index))
    return ranges


def describe(rows) -> list[HoursLine]:
    """One line per row, days and times in the active language (WEEKDAYS is translated)."""
    lines = []
    for row in rows:
        ranges = _day_ranges(row.get("days") or [])
        if ranges == [(0, 6)]:
            days = _("Every day")
        else:
            days = ", ".join(
                str(WEEKDAYS[a]) if a == b else f"{WEEKDAYS[a]}–{WEEKDAYS[b]}"
                for a, b in ranges
            )
        opens, closes = _as_time(row.get("opens")), _as_time(row.get("closes"))
        if opens == dt.time(0, 0) and closes in (dt.time(23, 59), dt.time(0, 0)):
            hours = _("24 hours")
        elif opens and closes:
            hours = f"{time_format(opens, 'TIME_FORMAT')}–{time_format(closes, 'TIME_FORMAT')}"
        else:
            hours = _("Closed")
        lines.append(HoursLine(days, hours))
    return lines


def schema_org(rows) -> list[dict]:
    """schema.org `openingHoursSpecification` entries (times in the place's own zone)."""
    specs = []
    for row in rows:
        opens, closes = _as_time(row.get("opens")), _as_time(row.get("closes"))
        days = [
            SCHEMA_DAYS[DAY_CODES.index(c)]
            for c in DAY_CODES
            if c in row.get("days", [])
        ]
        if not (days and opens and closes):
            continue
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{day}" for day in days],
                "opens": opens.strftime("%H:%M"),
                "closes": closes.strftime("%H:%M"),
            }
        )
    return specs


# --- the old free-text field ----------------------------------------------------------
_RANGE = re.compile(r"(\d{1,2})[.:](\d{2})\s*[–-]\s*(\d{1,2})[.:](\d{2})")
_ALL_DAY = re.compile(r"24\s*(jam|hours)", re.IGNORECASE)
_FRIDAY_CLOSED = re.compile(r"jumat tutup|closed on fridays", re.IGNORECASE)
_FILLER = re.compile(
    r"WITA|setiap hari|daily|24\s*(jam|hours)|jumat tutup|closed on fridays|[\s,;.:–-]",
    re.IGNORECASE,
)


def parse_legacy(text: str, language: str) -> tuple[list[dict], str]:
    """(rows, note) from one old "Indonesian / English" string, for `language`.

    The first time range (or "24 jam") applies to every day, less Friday when the text
    says it is closed; whatever else the text says stays as the note in that language.
    """
    text = (text or "").strip()
    if not text:
        return [], ""
    halves = [half.strip() for half in text.split(" / ", 1)]
    note = halves[1] if language == "en" and len(halves) == 2 else halves[0]
    days = [
        code for code in DAY_CODES if not (code == "fr" and _FRIDAY_CLOSED.search(text))
    ]
    match = _RANGE.search(halves[0])
    if _ALL_DAY.search(text):
        rows = [{"days": days, "opens": "00:00", "closes": "23:59"}]
    elif match:
        h1, m1, h2, m2 = match.groups()
        rows = [
            {
                "days": days,
                "opens": f"{int(h1):02}:{m1}",
                "closes": f"{int(h2):02}:{m2}",
            }
        ]
    else:
        rows = []
    leftover = _RANGE.sub("", note.split(";", 1)[-1] if ";" in note else note)
    if rows and not _FILLER.sub("", leftover):
        note = ""
    elif rows and ";" in note:
        note = note.split(";", 1)[1].strip()
    return rows, note
