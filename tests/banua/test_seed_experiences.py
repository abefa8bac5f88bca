"""The demo seed lists bookable experiences with sessions over the next 60 days, and a
second run adds none."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.models import Experience, ExperienceSession

pytestmark = pytest.mark.django_db


def test_seed_lists_experiences_with_sessions_over_sixty_days(settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=io.StringIO())
    experiences = Experience.objects.filter(product__status="published")
    assert experiences.count() >= 4
    meeting = {e.meeting_point.slug for e in experiences if e.meeting_point}
    assert {"kampung-sasirangan", "pasar-terapung-lok-baintan"} <= meeting
    names = " ".join(experiences.values_list("product__name", flat=True))
    assert "Sasirangan" in names and "Klotok" in names
    horizon = timezone.now() + dt.timedelta(days=61)
    for experience in experiences:
        sessions = ExperienceSession.objects.filter(experience=experience)
        assert sessions.filter(starts_at__gt=timezone.now()).count() >= 4
        assert not sessions.filter(starts_at__gt=horizon).exists()
    before = ExperienceSession.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert ExperienceSession.objects.count() == before
    assert Experience.objects.count() == experiences.count()
