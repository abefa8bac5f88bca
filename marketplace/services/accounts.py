"""Shopper account writes: profile, saved addresses, favourites, back-in-stock alerts.

Each function validates, opens its own transaction and returns what it changed.
Alerts are e-mailed by ``stock_alerts_notify`` (run in the background after a stock
change commits, see ``marketplace.receivers.stock_alerts_enqueue``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.choices import PROVINCES
from core.translation_urls import absolute_reverse_in_language
from marketplace.bilingual import local_text
from marketplace.errors import MarketplaceError
from marketplace.models import (
    FavouriteProduct,
    FavouriteVendor,
    Product,
    ProductVariant,
    ShopperAddress,
    ShopperProfile,
    StockAlert,
)
from notifications.services import email_language, email_queue

ADDRESS_FIELDS = (
    "label",
    "recipient_name",
    "phone",
    "address_line",
    "province",
    "city",
    "district",
    "village",
    "postal_code",
)
# A shopper keeps a handful of addresses; the cap keeps a script from filling the table.
MAX_ADDRESSES = 20
MAX_WAITING_ALERTS = 50


def _provinces() -> list[str]:
    # The checkout form's list, so a saved address is always one checkout accepts.
    return PROVINCES


# --- profile ---------------------------------------------------------------------------
def profile_update(*, user, first_name: str, last_name: str, phone: str):
    """Name on the account, phone on the shopper profile, in one transaction."""
    with transaction.atomic():
        profile, _created = ShopperProfile.objects.get_or_create(user=user)
        profile.phone = phone.strip()
        profile.full_clean(exclude=["user"])
        profile.save(update_fields=["phone"])
        user.first_name = first_name.strip()[:150]
        user.last_name = last_name.strip()[:150]
        user.save(update_fields=["first_name", "last_name"])
    return profile


# --- addresses -------------------------------------------------------------------------
def _address_apply(address: ShopperAddress, data: dict) -> None:
    for name in ADDRESS_FIELDS:
        setattr(address, name, str(data.get(name, "") or "").strip())
    if address.province not in _provinces():
        raise ValidationError({"province": _("Choose a province from the list.")})
    address.full_clean(exclude=["user"])


def address_save(
    *,
    user,
    data: dict,
    address: ShopperAddress | None = None,
    make_default: bool = False,
) -> ShopperAddress:
    """Create or update one of the shopper's addresses. The first address becomes the
    default; ``make_default`` moves the default to this one."""
    with transaction.atomic():
        if address is None:
            # Locks the shopper's rows so two tabs cannot both pass the cap or both
            # become the first (default) address.
            existing = list(
                ShopperAddress.objects.select_for_update()
                .filter(user=user)
                .values_list("pk", flat=True)
            )
            if len(existing) >= MAX_ADDRESSES:
                raise MarketplaceError(
                    _("You can save at most %(max)d addresses.")
                    % {"max": MAX_ADDRESSES},
                    code="too_many_addresses",
                )
            address = ShopperAddress(user=user, is_default=not existing)
        elif address.user_id != user.pk:
            raise MarketplaceError(
                _("Address not found."), code="not_found", status=404
            )
        _address_apply(address, data)
        address.save()
        if make_default and not address.is_default:
            address_set_default(user=user, address_id=address.pk)
            address.is_default = True
    return address


def address_set_default(*, user, address_id: int) -> ShopperAddress:
    with transaction.atomic():
        address = (
            ShopperAddress.objects.select_for_update()
            .filter(user=user, pk=address_id)
            .first()
        )
        if address is None:
            raise MarketplaceError(
                _("Address not found."), code="not_found", status=404
            )
        # Clear first: the partial unique constraint allows one default at a time.
        ShopperAddress.objects.filter(user=user, is_default=True).exclude(
            pk=address.pk
        ).update(is_default=False)
        if not address.is_default:
            address.is_default = True
            address.save(update_fields=["is_default"])
    return address


def address_delete(*, user, address_id: int) -> None:
    """Deleting the default hands the default to the newest remaining address."""
    with transaction.atomic():
        address = (
            ShopperAddress.objects.select_for_update()
            .filter(user=user, pk=address_id)
            .first()
        )
        if address is None:
            raise MarketplaceError(
                _("Address not found."), code="not_found", status=404
            )
        was_default = address.is_default
        address.delete()
        if was_default:
            successor = ShopperAddress.objects.filter(user=user).first()
            if successor is not None:
                successor.is_default = True
                successor.save(update_fields=["is_default"])


# --- favourites ------------------------------------------------------------------------
def favourite_product_set(*, user, product: Product, on: bool) -> bool:
    """Heart on or off (idempotent: a double submit leaves one row); returns ``on``."""
    if on:
        try:
            with transaction.atomic():
                FavouriteProduct.objects.get_or_create(user=user, product=product)
        except IntegrityError:
            pass  # the same heart from another tab in between: already on
    else:
        FavouriteProduct.objects.filter(user=user, product=product).delete()
    return on


def favourite_vendor_set(*, user, vendor, on: bool) -> bool:
    if on:
        try:
            with transaction.atomic():
                FavouriteVendor.objects.get_or_create(user=user, vendor=vendor)
        except IntegrityError:
            pass
    else:
        FavouriteVendor.objects.filter(user=user, vendor=vendor).delete()
    return on


# --- back-in-stock alerts --------------------------------------------------------------
def stock_alert_subscribe(
    *, user, variant: ProductVariant, language: str
) -> StockAlert:
    """Only for a sold-out variant on sale; a second request returns the waiting one."""
    # Fresh figures: the caller's instance may predate a checkout's hold.
    variant = ProductVariant.objects.get(pk=variant.pk)
    if variant.sellable > 0:
        raise MarketplaceError(
            _("This variant is in stock: you can buy it now."), code="in_stock"
        )
    if not variant.is_active:
        raise MarketplaceError(_("This variant is no longer sold."), code="not_sold")
    waiting = StockAlert.objects.filter(user=user, variant=variant, notified_at=None)
    if waiting.count() == 0 and (
        StockAlert.objects.filter(user=user, notified_at=None).count()
        >= MAX_WAITING_ALERTS
    ):
        raise MarketplaceError(
            _("You are waiting for too many items already."), code="too_many_alerts"
        )
    try:
        with transaction.atomic():
            alert, _created = StockAlert.objects.get_or_create(
                user=user,
                variant=variant,
                notified_at=None,
                defaults={"language": email_language(language)},
            )
    except IntegrityError:
        alert = waiting.get()
    return alert


def stock_alert_cancel(*, user, alert_id: int) -> None:
    StockAlert.objects.filter(user=user, pk=alert_id, notified_at=None).delete()


def _product_url(product: Product, language: str) -> str:
    """Absolute, from the site's configured address (a background task has no
    request to take a host from)."""
    return absolute_reverse_in_language(
        "marketplace:product_detail", language=language, kwargs={"slug": product.slug}
    )


def stock_alerts_notify(*, variant_ids: list[int]) -> int:
    """E-mails the waiting alerts of these variants that are sellable again and on
    show; returns how many were mailed.

    Safe to run twice and concurrently: each alert is claimed by a conditional UPDATE
    (``notified_at`` from NULL to now) in the same transaction that queues its e-mail
    in the outbox, and the mail's dedupe key is the alert's id. No row of the catalogue
    is locked, so the outbox send after commit never waits on a checkout.
    """
    sent = 0
    variants = (
        ProductVariant.objects.filter(
            pk__in=list(variant_ids)[:1000],
            is_active=True,
            stock__gt=F("held"),
            product__in=Product.objects.visible(),
        )
        .select_related("product")
        .order_by("pk")
    )
    for variant in variants:
        alerts = StockAlert.objects.filter(
            variant=variant, notified_at=None
        ).select_related("user")
        for alert in alerts:
            with transaction.atomic():
                claimed = StockAlert.objects.filter(
                    pk=alert.pk, notified_at=None
                ).update(notified_at=timezone.now())
                if not claimed or not alert.user.email or not alert.user.is_active:
                    continue
                language = email_language(alert.language)
                with translation.override(language):
                    name = str(local_text(variant.product, "name"))
                    label = (
                        variant.label_en
                        if language == "en" and variant.label_en
                        else variant.label
                    )
                email_queue(
                    to=alert.user.email,
                    template="marketplace/stock_alert",
                    language=language,
                    context={
                        "name": alert.user.first_name,
                        "product_name": name,
                        "variant_label": label,
                        "product_url": _product_url(variant.product, language),
                    },
                    dedupe_key=f"stock-alert-{alert.pk}",
                )
                sent += 1
    return sent


@task()
def stock_alerts_notify_task(*, variant_ids: list[int]) -> int:
    return stock_alerts_notify(variant_ids=variant_ids)
