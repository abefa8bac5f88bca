"""A vendor is one artisan's or micro-enterprise's shop, owned by one user account."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tourism.choices import Region

whatsapp_validator = RegexValidator(
    r"^62\d{8,13}$",
    _("Write the WhatsApp number in international form without + or spaces, e.g. 6281234567890."),
)


class VendorStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class VendorCategory(models.TextChoices):
    SASIRANGAN = "sasirangan", _("Sasirangan cloth")
    FOOD = "food", _("Food and snacks")
    CRAFTS = "crafts", _("Crafts")
    JEWELLERY = "jewellery", _("Gems and jewellery")


class VendorQuerySet(models.QuerySet):
    def active(self):
        """Vendors whose shop may be shown and sold from (approved, not suspended)."""
        return self.filter(status=VendorStatus.APPROVED)


class Vendor(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vendor", verbose_name=_("owner account")
    )
    name = models.CharField(_("shop name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    owner_name = models.CharField(_("owner's name"), max_length=120)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=16, validators=[whatsapp_validator])
    address = models.CharField(_("address"), max_length=255)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    craft_village = models.CharField(_("craft village"), max_length=120, blank=True)
    destination = models.ForeignKey(
        "tourism.DestinationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vendors",
        verbose_name=_("destination or village"),
        help_text=_("The destination page the shop belongs to, shown on both pages."),
    )
    category = models.CharField(_("category"), max_length=20, choices=VendorCategory.choices)
    story = models.TextField(_("story"), blank=True)
    nib = models.CharField(
        _("NIB business number"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^\d{13}$", _("The NIB has 13 digits."))],
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("logo"),
    )
    banner = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("banner"),
    )
    status = models.CharField(_("status"), max_length=20, choices=VendorStatus.choices, default=VendorStatus.PENDING)
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the shop was rejected or suspended; shown to the vendor.")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    holiday_from = models.DateField(_("closed from"), null=True, blank=True)
    holiday_until = models.DateField(_("closed until"), null=True, blank=True)
    holiday_note = models.CharField(_("holiday note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(holiday_until__isnull=True)
                | Q(holiday_from__isnull=True)
                | Q(holiday_until__gte=models.F("holiday_from")),
                name="vendor_holiday_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == VendorStatus.APPROVED

    def is_on_holiday(self, on=None) -> bool:
        """Closed for orders today (products stay visible, but cannot be bought)."""
        if not self.holiday_from:
            return False
        day = on or timezone.localdate()
        return self.holiday_from <= day and (self.holiday_until is None or day <= self.holiday_until)

    @property
    def whatsapp_url(self) -> str:
        return f"https://wa.me/{self.whatsapp}"
