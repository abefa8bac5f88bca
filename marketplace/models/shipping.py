"""How each vendor ships: flat rate, per-kilogram rate, pick-up at the shop."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShippingMethod(models.TextChoices):
    FLAT = "flat", _("Flat rate")
    PER_KG = "per_kg", _("Per-kg rate")
    PICKUP = "pickup", _("Pick-up at the shop")
    # A sub-order of experiences only: nothing travels, the visitor comes to the
    # meeting point.
    NONE = "none", _("Nothing to ship")


# Used for a vendor that never configured shipping, so every shop can sell from day one.
DEFAULT_FLAT_RATE = 20_000
DEFAULT_PER_KG_RATE = 12_000


class VendorShipping(models.Model):
    vendor = models.OneToOneField(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        related_name="shipping",
        verbose_name=_("vendor"),
    )
    flat_enabled = models.BooleanField(_("offer flat rate"), default=True)
    flat_rate = models.PositiveIntegerField(
        _("flat rate (Rp)"), default=DEFAULT_FLAT_RATE
    )
    per_kg_enabled = models.BooleanField(_("offer per-kg rate"), default=True)
    per_kg_rate = models.PositiveIntegerField(
        _("rate per kg (Rp)"), default=DEFAULT_PER_KG_RATE
    )
    pickup_enabled = models.BooleanField(_("offer pick-up at the shop"), default=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("vendor shipping options")
        verbose_name_plural = _("vendor shipping options")

    def __str__(self):
        return f"shipping of vendor {self.vendor_id}"
