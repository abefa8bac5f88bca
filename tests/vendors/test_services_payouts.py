import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.vendors.factories import BankAccountFactory, UserFactory, VendorFactory
from vendors import services
from vendors.models import PayoutStatus
from vendors.services.payouts import payout_status_from_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("account", "status"),
    [
        (
            {
                "charges_enabled": True,
                "payouts_enabled": True,
                "details_submitted": True,
            },
            PayoutStatus.ENABLED,
        ),
        (
            {
                "payouts_enabled": False,
                "details_submitted": False,
                "requirements": {"currently_due": ["external_account"]},
            },
            PayoutStatus.PENDING,
        ),
        (
            {
                "payouts_enabled": False,
                "details_submitted": True,
                "requirements": {
                    "disabled_reason": "requirements.past_due",
                    "past_due": ["individual.id_number"],
                },
            },
            PayoutStatus.RESTRICTED,
        ),
        (
            {
                "payouts_enabled": False,
                "details_submitted": True,
                "requirements": {"disabled_reason": "rejected.fraud"},
            },
            PayoutStatus.RESTRICTED,
        ),
    ],
)
def test_stripe_account_maps_to_payout_status(account, status):
    assert payout_status_from_account(account) == status


def test_status_sync_updates_the_vendor_with_that_account_and_is_replay_safe():
    vendor = VendorFactory(
        stripe_account_id="acct_123", payout_status=PayoutStatus.PENDING
    )
    other = VendorFactory(
        stripe_account_id="acct_999", payout_status=PayoutStatus.PENDING
    )
    account = {"id": "acct_123", "charges_enabled": True, "payouts_enabled": True}
    services.vendor_payout_status_sync(account=account)
    services.vendor_payout_status_sync(account=account)
    vendor.refresh_from_db()
    other.refresh_from_db()
    assert vendor.payout_status == PayoutStatus.ENABLED
    assert other.payout_status == PayoutStatus.PENDING
    assert (
        ModelLogEntry.objects.filter(
            action="banua.vendor.payout_status", object_id=str(vendor.pk)
        ).count()
        == 1
    )
    assert vendor.stripe_destination == "acct_123"
    assert other.stripe_destination is None


def test_status_sync_links_an_account_by_metadata_and_ignores_unknown_ones():
    vendor = VendorFactory()
    services.vendor_payout_status_sync(
        account={"id": "acct_new", "metadata": {"vendor_id": str(vendor.pk)}}
    )
    vendor.refresh_from_db()
    assert (vendor.stripe_account_id, vendor.payout_status) == (
        "acct_new",
        PayoutStatus.PENDING,
    )
    services.vendor_payout_status_sync(
        account={"id": "acct_nobody", "metadata": {"vendor_id": "nope"}}
    )
    services.vendor_payout_status_sync(account={})


def test_bank_account_is_validated_per_bank_and_shown_masked():
    vendor = VendorFactory()
    with pytest.raises(ValidationError) as error:
        services.bank_account_save(
            vendor=vendor,
            actor=vendor.owner,
            bank="bca",
            account_number="12345",
            holder_name="Siti",
        )
    assert "account_number" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.bank_account_save(
            vendor=vendor,
            actor=vendor.owner,
            bank="bri",
            account_number="1234567890",
            holder_name="Siti",
        )
    assert "15" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.bank_account_save(
            vendor=vendor,
            actor=vendor.owner,
            bank="bca",
            account_number="1234567890",
            holder_name="<script>",
        )
    assert "holder_name" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.bank_account_save(
            vendor=vendor,
            actor=vendor.owner,
            bank="other",
            account_number="12345678",
            holder_name="Siti",
        )
    account = services.bank_account_save(
        vendor=vendor,
        actor=vendor.owner,
        bank="bca",
        account_number="123 456-7890",
        holder_name="Siti  Aisyah",
    )
    assert account.account_number == "1234567890"
    assert account.masked_number == "•••• 7890"
    assert account.holder_name == "Siti Aisyah"
    entry = ModelLogEntry.objects.get(action="banua.vendor.bank_account")
    assert "1234567890" not in str(entry.data)


def test_bank_account_belongs_to_its_vendor_only():
    account = BankAccountFactory()
    with pytest.raises(PermissionDenied):
        services.bank_account_save(
            vendor=account.vendor,
            actor=UserFactory(),
            bank="bca",
            account_number="1111111111",
            holder_name="X Y",
        )


@pytest.mark.stripe
def test_connect_onboarding_against_stripe_mock(settings):
    import os

    settings.STRIPE_API_BASE = os.environ["STRIPE_API_BASE"]
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    vendor = VendorFactory()
    url = services.vendor_payout_link_create(
        vendor=vendor,
        actor=vendor.owner,
        refresh_url="http://testserver/dasbor/pembayaran/stripe/segarkan/",
        return_url="http://testserver/dasbor/pembayaran/stripe/kembali/",
    )
    assert url.startswith("https://")
    vendor.refresh_from_db()
    assert vendor.stripe_account_id.startswith("acct_")
    assert vendor.payout_status in {
        PayoutStatus.PENDING,
        PayoutStatus.ENABLED,
        PayoutStatus.RESTRICTED,
    }
    first_account = vendor.stripe_account_id
    # A second click reuses the account and only makes a fresh link.
    services.vendor_payout_link_create(
        vendor=vendor,
        actor=vendor.owner,
        refresh_url="http://t/r",
        return_url="http://t/x",
    )
    vendor.refresh_from_db()
    assert vendor.stripe_account_id == first_account
    # The return URL asks Stripe for the account and stores its status.
    refreshed = services.vendor_payout_refresh(vendor=vendor, actor=vendor.owner)
    assert refreshed.payout_status in set(PayoutStatus.values) - {
        PayoutStatus.NOT_STARTED
    }
