"""Opening hours as data: shown in each language, in schema.org, migrated from text."""

import datetime as dt
import importlib

from django.apps import apps as django_apps
from django.utils import translation

from tests.tourism.factories import publish
from tests.tourism.test_seo import json_ld
from tourism import opening_hours

WEEKDAYS_9_TO_5 = {
    "days": ["mo", "tu", "we", "th"],
    "opens": "09:00",
    "closes": "17:00",
}
WEEKEND = {"days": ["sa", "su"], "opens": "07:00", "closes": "12:00"}


def _with_hours(page, rows, note=""):
    page.opening_hours_spec = [("hours", row) for row in rows]
    page.opening_hours = note
    return publish(page)


def test_hours_are_shown_in_each_language(client, full_site):
    _with_hours(full_site.destination, [WEEKDAYS_9_TO_5, WEEKEND], "Jumat tutup")
    _with_hours(
        full_site.destination_en, [WEEKDAYS_9_TO_5, WEEKEND], "Closed on Fridays"
    )
    html_id = client.get(full_site.destination.url).content.decode()
    html_en = client.get(full_site.destination_en.url).content.decode()
    assert "Senin–Kamis" in html_id and "Jumat tutup" in html_id
    assert "Monday–Thursday" in html_en and "Closed on Fridays" in html_en
    assert "Sabtu–Minggu" in html_id
    assert "Saturday–Sunday" in html_en


def test_hours_are_opening_hours_specification_in_json_ld(client, full_site):
    _with_hours(full_site.destination, [WEEKDAYS_9_TO_5, WEEKEND])
    attraction = json_ld(client, full_site.destination)["TouristAttraction"]
    assert "openingHours" not in attraction
    assert attraction["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [
                "https://schema.org/Monday",
                "https://schema.org/Tuesday",
                "https://schema.org/Wednesday",
                "https://schema.org/Thursday",
            ],
            "opens": "09:00",
            "closes": "17:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Saturday", "https://schema.org/Sunday"],
            "opens": "07:00",
            "closes": "12:00",
        },
    ]


def test_every_day_and_all_day_read_naturally():
    row = {
        "days": opening_hours.DAY_CODES,
        "opens": dt.time(0),
        "closes": dt.time(23, 59),
    }
    with translation.override("en"):
        (line,) = opening_hours.describe([row])
        assert (line.days, line.hours) == ("Every day", "24 hours")
    with translation.override("id"):
        (line,) = opening_hours.describe([row])
        assert (line.days, line.hours) == ("Setiap hari", "24 jam")


def test_old_bilingual_strings_become_rows_and_a_note_per_language():
    text = "09.00–17.00 WITA, Jumat tutup / closed on Fridays"
    rows, note = opening_hours.parse_legacy(text, "id")
    assert rows == [
        {
            "days": ["mo", "tu", "we", "th", "sa", "su"],
            "opens": "09:00",
            "closes": "17:00",
        }
    ]
    assert note == ""
    text = "24 jam; pendakian disarankan 04.30 / 24 hours; climb from 4:30"
    assert opening_hours.parse_legacy(text, "en") == (
        [{"days": opening_hours.DAY_CODES, "opens": "00:00", "closes": "23:59"}],
        "climb from 4:30",
    )
    text = "Terbuka di luar waktu salat / Open outside prayer times"
    assert opening_hours.parse_legacy(text, "en") == ([], "Open outside prayer times")


def test_the_migration_splits_old_strings_on_live_pages_and_revisions(db, full_site):
    migration = importlib.import_module(
        "tourism.migrations.0005_destination_opening_hours_spec"
    )
    page = full_site.destination_en
    page.opening_hours = "09.00–17.00 WITA, Jumat tutup / closed on Fridays"
    page.opening_hours_spec = []
    page = publish(page)
    migration.split_opening_hours(django_apps, None)
    page.refresh_from_db()
    assert page.opening_hours == ""
    assert [row.value["days"] for row in page.opening_hours_spec] == [
        ["mo", "tu", "we", "th", "sa", "su"]
    ]
    latest = page.latest_revision.as_object()
    assert latest.opening_hours_spec[0].value["opens"] == dt.time(9, 0)
