"""Receivers of the marketplace's signals: the vendors app sits above the marketplace, so
the marketplace reaches it through signals, never by importing it.

Connected in ``VendorsConfig.ready()``.
"""

from vendors.services import vendor_payout_status_sync


def stripe_account_updated(sender, account: dict, **kwargs) -> None:
    """Stripe's ``account.updated``: the vendor's payout status follows the account."""
    vendor_payout_status_sync(account=account)
