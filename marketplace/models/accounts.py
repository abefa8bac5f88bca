"""What the marketplace keeps about a shopper: contact details, saved addresses,
favourite products and shops, and "tell me when it's back" alerts.

They live here, not in an accounts app, because the marketplace uses them: checkout
offers the saved addresses, the catalogue shows the hearts, stock changes fire the
alerts. The account itself is Django's user (the e-mail is the username).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# An Indonesian postcode: five digits, never starting with 0 (same rule as checkout).
postal_code_validator = RegexValidator(
    r"^[1-9]\d{4}$", _("An Indonesian postal code has 5 digits.")
)
phone_validator = RegexValidator(
    r"^\+?\d[\d\s-]{7,18}$", _("Enter a valid phone number.")
)


class ShopperProfile(models.Model):
    """The contact details Django's user has no field for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shopper_profile",
        verbose_name=_("account"),
    )
    phone = models.CharField(
        _("phone / WhatsApp"), max_length=20, blank=True, validators=[phone_validator]
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("shopper profile")
        verbose_name_plural = _("shopper profiles")

    def __str__(self):
        return str(self.user)


class ShopperAddress(models.Model):
    """A delivery address in the Indonesian format; at most one default per shopper
    (a partial unique constraint, so two tabs cannot both make theirs the default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shopper_addresses",
        verbose_name=_("account"),
    )
    label = models.CharField(_("label"), max_length=40, blank=True)
    recipient_name = models.CharField(_("recipient"), max_length=120)
    phone = models.CharField(
        _("phone / WhatsApp"), max_length=20, validators=[phone_validator]
    )
    address_line = models.CharField(_("street address"), max_length=200)
    province = models.CharField(_("province"), max_length=60)
    city = models.CharField(_("regency / city (kabupaten/kota)"), max_length=80)
    district = models.CharField(_("district (kecamatan)"), max_length=80)
    village = models.CharField(_("village (kelurahan/desa)"), max_length=80)
    postal_code = models.CharField(
        _("postal code"), max_length=5, validators=[postal_code_validator]
    )
    is_default = models.BooleanField(_("default address"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("saved address")
        verbose_name_plural = _("saved addresses")
        ordering = ["-is_default", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(is_default=True),
                name="shopper_address_one_default",
            )
        ]

    def __str__(self):
        return self.label or f"{self.recipient_name}, {self.city}"

    @property
    def street_with_village(self) -> str:
        """An order keeps one street line; the kelurahan travels in it."""
        return f"{self.address_line}, {self.village}"


class FavouriteProduct(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="favourite_products",
        verbose_name=_("account"),
    )
    product = models.ForeignKey(
        "marketplace.Product",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("favourite product")
        verbose_name_plural = _("favourite products")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "product"], name="favourite_product_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} ♥ product {self.product_id}"


class FavouriteVendor(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="favourite_vendors",
        verbose_name=_("account"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("shop"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("favourite shop")
        verbose_name_plural = _("favourite shops")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "vendor"], name="favourite_vendor_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} ♥ shop {self.vendor_id}"


class StockAlert(models.Model):
    """A "tell me when it's back" request on a sold-out variant, for a logged-in shopper.

    ``notified_at`` is set by the conditional UPDATE that claims the alert before its
    e-mail is queued, so each alert mails once however many stock changes race.
    Only one waiting alert per shopper and variant (partial unique constraint).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stock_alerts",
        verbose_name=_("account"),
    )
    variant = models.ForeignKey(
        "marketplace.ProductVariant",
        on_delete=models.CASCADE,
        related_name="stock_alerts",
        verbose_name=_("variant"),
    )
    language = models.CharField(_("language"), max_length=8, default="id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("back-in-stock alert")
        verbose_name_plural = _("back-in-stock alerts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "variant"],
                condition=Q(notified_at__isnull=True),
                name="stock_alert_one_waiting",
            )
        ]
        indexes = [
            models.Index(
                fields=["variant"],
                condition=Q(notified_at__isnull=True),
                name="stock_alert_waiting_idx",
            )
        ]

    def __str__(self):
        return f"alert {self.pk}: variant {self.variant_id}"
