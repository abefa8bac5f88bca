"""Shop e-mails go through the outbox: an SMTP outage or a newline in a shop name never
breaks the application or the office's decision (issue 9, point 7)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import EmailStatus, OutboundEmail
from tests.notifications.backends import FAILING_BACKEND, LOCMEM_BACKEND
from tests.vendors.factories import UserFactory, VendorFactory, office_user
from vendors import services
from vendors.models import Vendor, VendorStatus

pytestmark = pytest.mark.django_db

APPLICATION = {
    "name": "Wadai Acil",
    "owner_name": "Acil Imah",
    "whatsapp": "0812 5100 0199",
    "address": "Jl. Pramuka 3",
    "region": "banjarmasin",
    "category": "food",
    "story": "Kue basah setiap pagi.",
}


@pytest.fixture(autouse=True)
def _english_urls():
    with translation.override("en"):
        yield


def _retry_later(settings):
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    OutboundEmail.objects.update(next_attempt_at=timezone.now())
    call_command("notifications_send_pending")


def test_application_is_saved_while_smtp_is_down_and_mailed_later(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    office = office_user(email="dinas@banua.test")
    user = UserFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("vendors:apply"), APPLICATION)
    assert response.status_code == 302
    assert Vendor.objects.get(owner=user).status == VendorStatus.PENDING
    (email,) = OutboundEmail.objects.all()
    assert email.to == office.email and email.status == EmailStatus.PENDING
    assert "SMTPException" in email.last_error and mail.outbox == []
    _retry_later(settings)
    assert [m.to for m in mail.outbox] == [[office.email]]
    assert "Wadai Acil" in mail.outbox[0].subject


def test_approval_from_the_admin_succeeds_while_smtp_is_down(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    office = office_user(email="dinas@banua.test")
    client.force_login(office)
    vendor = VendorFactory(status=VendorStatus.PENDING)
    url = reverse("wagtailsnippets_vendors_vendor:moderate", args=[vendor.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.APPROVED
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {
        EmailStatus.PENDING
    }
    _retry_later(settings)
    assert {vendor.owner.email, office.email} == {a for m in mail.outbox for a in m.to}


def test_a_newline_in_the_shop_name_still_gives_valid_mails(
    django_capture_on_commit_callbacks,
):
    office = office_user(email="dinas@banua.test")
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        vendor = services.vendor_apply(
            user=user,
            **{
                **APPLICATION,
                "whatsapp": "6281251000199",
                "name": "Wadai\nAcil\r\nBcc: x@evil.test",
            },
        )
        services.vendor_approve(vendor=vendor, actor=office)
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {
        EmailStatus.SENT
    }
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "x@evil.test" not in message.recipients()
        message.message()  # builds the headers: would raise BadHeaderError
    vendor_mail = next(m for m in mail.outbox if m.to == [user.email])
    # Vendors are written to in Indonesian.
    assert vendor_mail.subject.startswith("Toko Anda")
