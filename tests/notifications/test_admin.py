"""The office sees the outbox, read-only, with the error of a mail waiting for a
retry."""

import pytest
from django.urls import reverse

from notifications.models import EmailStatus, OutboundEmail
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_superuser_sees_pending_mails_and_their_error_read_only(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    email = OutboundEmail.objects.create(
        to="buyer@banua.test",
        subject="Pesanan BNA-1 sudah dikirim",
        body="…",
        status=EmailStatus.PENDING,
        attempts=2,
        last_error="SMTPException: 421 Service not available",
    )
    listing = client.get(reverse("notifications_outbox:index"), {"status": "pending"})
    assert listing.status_code == 200
    assert "Pesanan BNA-1 sudah dikirim" in listing.content.decode()
    inspect = client.get(reverse("notifications_outbox:inspect", args=[email.pk]))
    assert inspect.status_code == 200 and "421 Service" in inspect.content.decode()
    assert client.get(reverse("notifications_outbox:add")).status_code in (302, 403)
