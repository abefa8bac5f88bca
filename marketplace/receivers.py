"""Receivers of other apps' signals: thin hand-overs to the marketplace's services.

Connected in ``MarketplaceConfig.ready()``.
"""

import logging

from django.db import transaction

from marketplace.models import StockAlert
from marketplace.services import cart_merge_at_login
from marketplace.services.accounts import stock_alerts_notify_task

logger = logging.getLogger(__name__)


def merge_guest_cart(sender, request, user, **kwargs):
    """On log-in, the guest cart of this session joins the user's cart."""
    if request is None or not hasattr(request, "session"):
        return
    cart_merge_at_login(user=user, session=request.session)


def stock_alerts_enqueue(sender, variant_ids=(), **kwargs):
    """On ``stock_changed``: after commit (the sender may hold row locks, and a rolled
    back change must mail nobody), hand the variants with waiting alerts to the
    background task. Most stock changes (checkouts) have no alert: a cheap query skips
    them.
    """
    ids = sorted({int(pk) for pk in variant_ids})
    if ids:
        transaction.on_commit(lambda: _stock_alerts_enqueue(ids), robust=True)


def _stock_alerts_enqueue(variant_ids: list[int]) -> None:
    if not StockAlert.objects.filter(
        variant_id__in=variant_ids, notified_at=None
    ).exists():
        return
    try:
        stock_alerts_notify_task.enqueue(variant_ids=variant_ids)
    except Exception:  # noqa: BLE001 - a queue outage must not break the stock write
        logger.exception("Could not enqueue stock alerts for %s", variant_ids)
