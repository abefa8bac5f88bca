"""The low-stock e-mail: once per low spell, when a variant's sellable stock falls to or
below its threshold (the variant's own, else the shop's).

Runs in a background task after the stock change committed (``vendors.tasks``), never
under the checkout's row locks: the claim is a conditional UPDATE, so a task run twice,
or two tasks for the same variant, mail once; the e-mail row is written in the same
transaction as the claim, and the outbox sends it after commit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.site_url import absolute_url
from marketplace.models import ProductVariant
from marketplace.services.stock import (
    variant_low_stock_claim,
    variant_low_stock_rearm,
)
from notifications.services import email_queue


def low_stock_check(*, variant_ids: list[int]) -> int:
    """Mails the vendor about each variant that has just become low; re-arms those
    that recovered. Returns how many e-mails were queued."""
    variants = (
        ProductVariant.objects.filter(pk__in=variant_ids)
        .select_related("product__vendor__owner")
        .order_by("pk")
    )
    queued = 0
    for variant in variants:
        vendor = variant.product.vendor
        threshold = (
            variant.low_stock_threshold
            if variant.low_stock_threshold is not None
            else vendor.low_stock_threshold
        )
        if variant.sellable > threshold:
            variant_low_stock_rearm(variant_id=variant.pk, threshold=threshold)
            continue
        now = timezone.now()
        with transaction.atomic():
            if not variant_low_stock_claim(
                variant_id=variant.pk, threshold=threshold, now=now
            ):
                continue
            email_queue(
                to=vendor.owner.email,
                template="vendors/low_stock",
                language=getattr(settings, "LANGUAGE_CODE", "id"),
                context={
                    "vendor": vendor,
                    "variant": variant,
                    "product": variant.product,
                    "sellable": variant.sellable,
                    "threshold": threshold,
                    "stock_url": absolute_url(reverse("vendors:stock_bulk")),
                },
                dedupe_key=f"low-stock:{variant.pk}:{now.isoformat()}",
            )
            queued += 1
    return queued
