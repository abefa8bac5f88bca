"""A destination page shows the experiences that meet there, with their next sessions
and seats left, in both languages."""

import datetime as dt

from bs4 import BeautifulSoup

from marketplace.models import Experience, ExperienceSession
from tests.marketplace.factories import bookable_session


def test_destination_page_lists_experiences_meeting_there(client, full_site):
    session = bookable_session(capacity=9, name="Kelas Mencelup Sasirangan")
    experience = session.experience
    experience.meeting_point = full_site.destination
    experience.save(update_fields=["meeting_point"])
    ExperienceSession.objects.create(
        experience=experience,
        starts_at=session.starts_at + dt.timedelta(days=7),
        capacity=4,
        booked=4,
    )
    elsewhere = bookable_session(name="Tur Klotok")
    assert Experience.objects.count() == 2

    def block(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        section = soup.select_one("section.experiences-here")
        return section.get_text(" ", strip=True) if section else ""

    indonesian = block(full_site.destination.url)
    assert "Kelas Mencelup Sasirangan" in indonesian
    assert elsewhere.experience.product.name not in indonesian
    english = block(full_site.destination_en.url)
    assert "Kelas Mencelup Sasirangan" in english
    assert "9 seats left" in english
    assert "Fully booked" in english
