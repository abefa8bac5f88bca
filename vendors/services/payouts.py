"""How a vendor gets paid: Stripe Connect Express (through the marketplace's one Stripe
module) or, where Connect is not open, a bank account the office pays by transfer."""

from django.db import transaction

from marketplace.payments import stripe_client
from vendors.models import BankAccount, PayoutStatus, Vendor
from vendors.services.common import audit, require_actor


class PayoutUnavailable(Exception):
    """Stripe could not be reached or refused; the vendor gets a message, not a 500."""


class PayoutNotConfigured(PayoutUnavailable):
    """The site has no Stripe keys: Stripe payouts are not offered (bank transfer is)."""


def payout_status_from_account(account: dict) -> str:
    """Maps a Stripe Account object to our four states.

    enabled: Stripe will pay out; restricted: Stripe disabled the account or is waiting
    on overdue information; pending: onboarding started but not complete.
    """
    requirements = account.get("requirements") or {}
    if account.get("payouts_enabled") and account.get("charges_enabled", True):
        return PayoutStatus.ENABLED
    if requirements.get("disabled_reason") or requirements.get("past_due"):
        if account.get("details_submitted") or requirements.get("past_due"):
            return PayoutStatus.RESTRICTED
    return PayoutStatus.PENDING


def vendor_payout_status_sync(*, account: dict) -> None:
    """Called by the marketplace webhook dispatcher on ``account.updated`` (and by the
    return URL). Safe to replay: it only writes when the status differs."""
    account_id = account.get("id") or ""
    if not account_id:
        return
    status = payout_status_from_account(account)
    with transaction.atomic():
        vendor = (
            Vendor.objects.select_for_update()
            .filter(stripe_account_id=account_id)
            .first()
        )
        if vendor is None:
            vendor_id = (account.get("metadata") or {}).get("vendor_id")
            if not vendor_id or not str(vendor_id).isdigit():
                return
            vendor = (
                Vendor.objects.select_for_update()
                .filter(pk=int(vendor_id), stripe_account_id="")
                .first()
            )
            if vendor is None:
                return
            vendor.stripe_account_id = account_id
        if vendor.payout_status == status and vendor.stripe_account_id == account_id:
            return
        vendor.payout_status = status
        vendor.save(update_fields=["stripe_account_id", "payout_status", "updated_at"])
        audit(
            instance=vendor,
            action="banua.vendor.payout_status",
            actor=None,
            vendor=vendor,
            data={"status": status, "account": account_id},
        )


def vendor_payout_link_create(
    *, vendor: Vendor, actor, refresh_url: str, return_url: str
) -> str:
    """The Stripe-hosted onboarding URL; creates the Express account the first time."""
    require_actor(actor=actor, vendor=vendor)
    if not stripe_client.is_configured():
        raise PayoutNotConfigured
    try:
        with transaction.atomic():
            locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
            if not locked.stripe_account_id:
                # Idempotent on the vendor id inside the client, so a retry after a
                # crash finds the same account rather than making a second one.
                account = stripe_client.account_create_express(
                    vendor_id=locked.pk, email=locked.owner.email or ""
                )
                locked.stripe_account_id = account["id"]
                locked.payout_status = PayoutStatus.PENDING
                locked.save(
                    update_fields=["stripe_account_id", "payout_status", "updated_at"]
                )
                audit(
                    instance=locked,
                    action="banua.vendor.payout_start",
                    actor=actor,
                    vendor=locked,
                    data={"account": account["id"]},
                )
        return stripe_client.account_link_create(
            account_id=locked.stripe_account_id,
            refresh_url=refresh_url,
            return_url=return_url,
        )
    except stripe_client.StripeError as error:
        raise PayoutUnavailable(str(error)) from error


def vendor_payout_refresh(*, vendor: Vendor, actor) -> Vendor:
    """Asks Stripe for the account now (the return URL), in case the webhook is late."""
    require_actor(actor=actor, vendor=vendor)
    if not vendor.stripe_account_id:
        return vendor
    if not stripe_client.is_configured():
        raise PayoutNotConfigured
    try:
        account = stripe_client.account_retrieve(account_id=vendor.stripe_account_id)
    except stripe_client.StripeError as error:
        raise PayoutUnavailable(str(error)) from error
    vendor_payout_status_sync(account=account)
    vendor.refresh_from_db()
    return vendor


def bank_account_save(
    *,
    vendor: Vendor,
    actor,
    bank: str,
    account_number: str,
    holder_name: str,
    bank_name_other: str = "",
) -> BankAccount:
    """Create or replace the vendor's bank account for transfers."""
    require_actor(actor=actor, vendor=vendor)
    number = "".join(ch for ch in account_number if not ch.isspace() and ch not in ".-")
    with transaction.atomic():
        account = BankAccount.objects.select_for_update().filter(vendor=vendor).first()
        account = account or BankAccount(vendor=vendor)
        account.bank = bank
        account.bank_name_other = bank_name_other.strip()
        account.account_number = number
        account.holder_name = " ".join(holder_name.split())
        account.full_clean()
        account.save()
        audit(
            instance=vendor,
            action="banua.vendor.bank_account",
            actor=actor,
            vendor=vendor,
            # Never the full number in the log; the last digits identify it.
            data={"bank": account.bank, "account": account.masked_number},
        )
    return account
