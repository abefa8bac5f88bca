"""A vendor is one artisan's or micro-enterprise's shop, owned by one user account."""

import datetime as dt
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Region, VendorStatus

whatsapp_validator = RegexValidator(
    r"^62\d{8,13}$",
    _(
        "Write the WhatsApp number in international form without + or spaces, e.g. "
        "6281234567890."
    ),
)


class VendorCategory(models.TextChoices):
    SASIRANGAN = "sasirangan", _("Sasirangan cloth")
    FOOD = "food", _("Food and snacks")
    CRAFTS = "crafts", _("Crafts")
    JEWELLERY = "jewellery", _("Gems and jewellery")


class PayoutStatus(models.TextChoices):
    """Where the vendor stands with Stripe Connect payouts (mirrors the account)."""

    NOT_STARTED = "not_started", _("Not started")
    PENDING = "pending", _("Pending")
    ENABLED = "enabled", _("Enabled")
    RESTRICTED = "restricted", _("Restricted")


class VendorQuerySet(models.QuerySet):
    def active(self):
        """Vendors whose shop may be shown and sold from (approved, not suspended)."""
        return self.filter(status=VendorStatus.APPROVED)


class Vendor(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="vendor",
        verbose_name=_("owner account"),
    )
    name = models.CharField(_("shop name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    owner_name = models.CharField(_("owner's name"), max_length=120)
    whatsapp = models.CharField(
        _("WhatsApp number"), max_length=16, validators=[whatsapp_validator]
    )
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
    category = models.CharField(
        _("category"), max_length=20, choices=VendorCategory.choices
    )
    story = models.TextField(_("story"), blank=True)
    # Shown under /en/; blank means the Indonesian story is shown, marked lang="id".
    story_en = models.TextField(_("story (English)"), blank=True)
    nib = models.CharField(
        _("NIB business number"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^\d{13}$", _("The NIB has 13 digits."))],
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("banner"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VendorStatus.choices,
        default=VendorStatus.PENDING,
    )
    status_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the shop was rejected or suspended; shown to the vendor."),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    holiday_from = models.DateField(_("closed from"), null=True, blank=True)
    holiday_until = models.DateField(_("closed until"), null=True, blank=True)
    holiday_note = models.CharField(_("holiday note"), max_length=255, blank=True)
    low_stock_threshold = models.PositiveSmallIntegerField(
        _("low-stock alert at"),
        default=3,
        validators=[MaxValueValidator(10_000)],
        help_text=_(
            "You get an e-mail when a variant's sellable stock falls to this number or "
            "below (a variant can set its own)."
        ),
    )
    stripe_account_id = models.CharField(_("Stripe account"), max_length=64, blank=True)
    payout_status = models.CharField(
        _("payout status"),
        max_length=20,
        choices=PayoutStatus.choices,
        default=PayoutStatus.NOT_STARTED,
    )
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
            models.UniqueConstraint(
                fields=["stripe_account_id"],
                condition=~Q(stripe_account_id=""),
                name="vendor_one_shop_per_stripe_account",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The database constraint says the same; this gives the vendor a clear message.
        if (
            self.holiday_from
            and self.holiday_until
            and self.holiday_until < self.holiday_from
        ):
            raise ValidationError(
                {
                    "holiday_until": _(
                        "The shop cannot reopen before its holiday starts."
                    )
                }
            )

    @property
    def is_active(self) -> bool:
        return self.status == VendorStatus.APPROVED

    @property
    def stripe_destination(self) -> str | None:
        """The connected account that receives this shop's Stripe transfers, or None.

        The one rule for every caller (payout scheduling and release in
        ``marketplace.services.ledger``, the payouts dashboard): an account id alone is
        not enough, Stripe must have enabled payouts on it (``account.updated`` keeps
        ``payout_status`` in step). Without one the office pays the shop by bank.
        """
        if self.stripe_account_id and self.payout_status == PayoutStatus.ENABLED:
            return self.stripe_account_id
        return None

    def is_on_holiday(self, on=None) -> bool:
        """Closed for orders today (products stay visible, but cannot be bought)."""
        if not self.holiday_from:
            return False
        day = on or timezone.localdate()
        return self.holiday_from <= day and (
            self.holiday_until is None or day <= self.holiday_until
        )

    @property
    def whatsapp_url(self) -> str:
        return f"https://wa.me/{self.whatsapp}"

    def whatsapp_link(self, *, text: str = "") -> str:
        """A wa.me link that opens the chat with a prefilled message."""
        return f"{self.whatsapp_url}?text={quote(text)}" if text else self.whatsapp_url

    @property
    def reopens_on(self):
        """The first day the shop takes orders again; None when no return is set."""
        return self.holiday_until + dt.timedelta(days=1) if self.holiday_until else None

    @property
    def can_publish(self) -> bool:
        """Only shops the office approved may put listings on the storefront."""
        return self.status == VendorStatus.APPROVED


class Bank(models.TextChoices):
    BRI = "bri", "BRI"
    BNI = "bni", "BNI"
    MANDIRI = "mandiri", "Bank Mandiri"
    BCA = "bca", "BCA"
    BSI = "bsi", "BSI (Bank Syariah Indonesia)"
    KALSEL = "kalsel", "Bank Kalsel"
    BTN = "btn", "BTN"
    CIMB = "cimb", "CIMB Niaga"
    DANAMON = "danamon", "Danamon"
    PERMATA = "permata", "PermataBank"
    OTHER = "other", _("Other bank")


# Account number lengths the big Indonesian banks issue; others accept 6 to 20 digits.
BANK_ACCOUNT_DIGITS = {
    Bank.BRI: (15,),
    Bank.BNI: (10,),
    Bank.MANDIRI: (13,),
    Bank.BCA: (10,),
    Bank.BSI: (10,),
    Bank.BTN: (16,),
}

account_number_validator = RegexValidator(
    r"^\d{6,20}$", _("Write the account number as 6 to 20 digits.")
)
holder_name_validator = RegexValidator(
    r"^[A-Za-z][A-Za-z .,'-]{1,119}$",
    _(
        "Write the account holder's name as printed in the bank book (letters, "
        "spaces, . , ' -)."
    ),
)


class BankAccount(models.Model):
    """A bank account for vendors paid by transfer (Connect is not open to everyone)."""

    vendor = models.OneToOneField(
        Vendor,
        on_delete=models.CASCADE,
        related_name="bank_account",
        verbose_name=_("vendor"),
    )
    bank = models.CharField(_("bank"), max_length=20, choices=Bank.choices)
    bank_name_other = models.CharField(
        _("bank name (if other)"), max_length=80, blank=True
    )
    account_number = models.CharField(
        _("account number"), max_length=20, validators=[account_number_validator]
    )
    holder_name = models.CharField(
        _("account holder"), max_length=120, validators=[holder_name_validator]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(account_number__regex=r"^[0-9]{6,20}$"),
                name="bank_account_number_digits",
            ),
        ]

    def __str__(self):
        return f"{self.bank_display} {self.masked_number}"

    def clean(self):
        lengths = BANK_ACCOUNT_DIGITS.get(self.bank)
        number = self.account_number or ""
        if lengths and number.isdigit() and len(number) not in lengths:
            raise ValidationError(
                {
                    "account_number": _(
                        "%(bank)s account numbers have %(digits)s digits."
                    )
                    % {
                        "bank": self.get_bank_display(),
                        "digits": " / ".join(str(n) for n in lengths),
                    }
                }
            )
        if self.bank == Bank.OTHER and not self.bank_name_other.strip():
            raise ValidationError({"bank_name_other": _("Name the bank.")})

    @property
    def bank_display(self) -> str:
        return (
            self.bank_name_other if self.bank == Bank.OTHER else self.get_bank_display()
        )

    @property
    def masked_number(self) -> str:
        """Only the last four digits are ever shown back."""
        return "•••• " + self.account_number[-4:]
