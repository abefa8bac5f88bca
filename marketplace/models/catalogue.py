"""Catalogue models: categories, products, their photos and their sellable variants.

A product is what the shopper sees; a variant (motif, size, colour) is what is bought,
with its own SKU, price and stock. Prices are whole rupiah.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.choices import VendorStatus
from marketplace.limits import DESCRIPTION_MAX_LENGTH, INT_MAX, NOTE_MAX_LENGTH


class Category(models.Model):
    name = models.CharField(_("name (Indonesian)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Technique(models.TextChoices):
    HAND_DRAWN = "hand-drawn", _("Hand-drawn (tulis)")
    TIE_DYE = "tie-dye", _("Tie-dyed (jumputan / sasirangan)")
    STAMPED = "stamped", _("Stamped (cap)")
    PRINTED = "printed", _("Printed")
    WOVEN = "woven", _("Woven (anyaman / tenun)")
    CARVED = "carved", _("Carved or cut")
    COOKED = "cooked", _("Home-cooked")


class Dye(models.TextChoices):
    NATURAL = "natural", _("Natural dye")
    SYNTHETIC = "synthetic", _("Synthetic dye")


class ProductKind(models.TextChoices):
    GOODS = "goods", _("Goods")
    EXPERIENCE = "experience", _("Experience")


# What the storefront may show: published, not hidden by moderation, vendor active.
# Written once as lookups: the queryset filters with them (``visible()``) and the
# search indexer tests a loaded row against them (``Product.is_visible``).
VISIBLE_WHEN = {
    "status": ProductStatus.PUBLISHED,
    "is_hidden": False,
    "vendor__status": VendorStatus.APPROVED,
}


class ProductQuerySet(models.QuerySet):
    def visible(self):
        """The products the storefront may show (``VISIBLE_WHEN``)."""
        return self.filter(**VISIBLE_WHEN)


class Product(models.Model):
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("vendor"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("category"),
    )
    name = models.CharField(_("name"), max_length=140)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    # Goods ship; an experience (workshop, tour) is booked by session and has its
    # details in ``Experience``. One kind column keeps moderation, photos, shop pages
    # and search on the one product path.
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=ProductKind.choices,
        default=ProductKind.GOODS,
        db_index=True,
    )
    # Bounded because every text is indexed and highlighted by Elasticsearch: one
    # million-character description used to make every matching query fail.
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    # Optional English texts, shown under /en/; where one is blank the Indonesian
    # text is shown marked lang="id" (see marketplace.bilingual).
    name_en = models.CharField(_("name (English)"), max_length=140, blank=True)
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProductStatus.choices,
        default=ProductStatus.DRAFT,
    )
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.TextField(
        _("reason for hiding"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    tags = TaggableManager(blank=True, verbose_name=_("tags"))
    # Provenance: who made it, where, and how. No other marketplace records this.
    maker_name = models.CharField(_("maker"), max_length=120, blank=True)
    village = models.CharField(_("village"), max_length=120, blank=True)
    technique = models.CharField(
        _("technique"), max_length=20, choices=Technique.choices, blank=True
    )
    dye = models.CharField(_("dye"), max_length=20, choices=Dye.choices, blank=True)
    motif_name = models.CharField(_("motif"), max_length=120, blank=True)
    motif_meaning = models.TextField(
        _("meaning of the motif"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    motif_meaning_en = models.TextField(
        _("meaning of the motif (English)"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "is_hidden"])]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    Length("description"), DESCRIPTION_MAX_LENGTH
                ),
                name="product_description_bounded",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    Length("description_en"), DESCRIPTION_MAX_LENGTH
                ),
                name="product_description_en_bounded",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_visible(self) -> bool:
        """This row passes ``VISIBLE_WHEN`` (the queryset's ``visible()``), read from
        the loaded row and its vendor, without a query of its own."""
        for lookup, expected in VISIBLE_WHEN.items():
            value = self
            for name in lookup.split("__"):
                value = getattr(value, name)
            if value != expected:
                return False
        return True

    def clean(self):
        # The storefront also filters on the vendor (ProductQuerySet.visible), so a
        # listing of a shop that is not approved never shows even if it got published
        # some other way.
        if (
            self.status == ProductStatus.PUBLISHED
            and self.vendor_id
            and not self.vendor.can_publish
        ):
            raise ValidationError(
                {
                    "status": _(
                        "Only shops approved by the tourism office can publish "
                        "products."
                    )
                }
            )


class ProductImage(models.Model):
    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="images",
        verbose_name=_("product"),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("image"),
    )
    alt_text = models.CharField(_("alternative text"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.alt_text


class ProductVariant(models.Model):
    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="variants",
        verbose_name=_("product"),
    )
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    motif = models.CharField(_("motif"), max_length=80, blank=True)
    size = models.CharField(_("size"), max_length=40, blank=True)
    colour = models.CharField(_("colour"), max_length=40, blank=True)
    # One English label for the whole variant ("Red / 2 m"), shown under /en/ instead
    # of motif / size / colour when set.
    label_en = models.CharField(_("label (English)"), max_length=160, blank=True)
    # Bounded to PostgreSQL's integer column on every database, so SQLite (64-bit)
    # accepts exactly what PostgreSQL does.
    price = models.PositiveIntegerField(
        _("price (Rp)"), validators=[MaxValueValidator(INT_MAX)]
    )
    # On-hand: the units physically on the vendor's shelf, including those held for
    # unpaid orders. Only the vendor (dashboard, API, bulk stock page) sets it; a paid
    # order takes its units off it.
    stock = models.PositiveIntegerField(_("stock on hand"), default=0)
    # Units held by unpaid orders. Checkout raises it, cancel/expiry lowers it, payment
    # moves it off ``stock``. Kept apart from ``stock`` so a vendor's save (which
    # writes on-hand) can never undo or double a hold: sellable = stock - held.
    held = models.PositiveIntegerField(_("held by unpaid orders"), default=0)
    weight_grams = models.PositiveIntegerField(
        _("weight (g)"), default=250, validators=[MaxValueValidator(INT_MAX)]
    )
    is_active = models.BooleanField(_("on sale"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The vendor's low-stock e-mail: this variant's own threshold (else the shop's),
    # and when the alert for the current low spell was claimed (cleared once sellable
    # stock rises above the threshold again, so each spell is mailed once). Written
    # only by the low-stock services, never with the stock columns.
    low_stock_threshold = models.PositiveIntegerField(
        _("low-stock alert at"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(INT_MAX)],
        help_text=_("Leave empty to use the shop's threshold."),
    )
    low_stock_alerted_at = models.DateTimeField(
        _("low-stock e-mail sent at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="variant_stock_never_negative"
            ),
            models.CheckConstraint(
                condition=Q(held__gte=0), name="variant_held_never_negative"
            ),
            # A vendor cannot set on-hand below what unpaid orders hold, and nothing
            # can be held that is not on the shelf.
            models.CheckConstraint(
                condition=Q(held__lte=models.F("stock")),
                name="variant_held_within_stock",
            ),
            models.CheckConstraint(
                condition=Q(price__gt=0), name="variant_price_positive"
            ),
        ]

    def __str__(self):
        return (
            f"{self.product.name} – {self.label}" if self.label else self.product.name
        )

    @property
    def label(self) -> str:
        return " / ".join(part for part in (self.motif, self.size, self.colour) if part)

    @property
    def sellable(self) -> int:
        """Units a shopper may still buy: on-hand minus those held by unpaid orders."""
        return max(self.stock - self.held, 0)

    @property
    def in_stock(self) -> bool:
        return self.sellable > 0
