"""Receivers of the marketplace's signals: the vendors app sits above the marketplace, so
the marketplace reaches it through signals, never by importing it.

Connected in ``VendorsConfig.ready()``.
"""

import logging

from django.db import transaction

from vendors.services import vendor_payout_status_sync
from vendors.tasks import low_stock_check_task

logger = logging.getLogger(__name__)


def stripe_account_updated(sender, account: dict, **kwargs) -> None:
    """Stripe's ``account.updated``: the vendor's payout status follows the account."""
    vendor_payout_status_sync(account=account)


def stock_changed_check_low_stock(sender, variant_ids=(), **kwargs) -> None:
    """After the stock change commits (checkout sends this under its row locks), a
    background task checks the variants against their low-stock thresholds."""
    ids = sorted({int(pk) for pk in variant_ids})
    if not ids:
        return

    def enqueue() -> None:
        try:
            low_stock_check_task.enqueue(variant_ids=ids)
        except Exception:  # noqa: BLE001 - a queue outage must not fail the sale
            logger.exception("Could not enqueue the low-stock check of %s", ids)

    transaction.on_commit(enqueue, robust=True)
