"""The shopper's cart: one per account, or one per browser session for guests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Where a guest's cart key lives in the session data (not the session key, which
# login rotates).
SESSION_CART_KEY = "banua_cart"


class Cart(models.Model):
    """One cart across every vendor; the page groups its items by vendor."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cart",
        verbose_name=_("account"),
    )
    session_key = models.CharField(
        _("session"), max_length=40, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(session_key__isnull=False),
                name="cart_has_an_owner",
            )
        ]

    def __str__(self):
        return f"cart {self.pk}"


class CartItem(models.Model):
    cart = models.ForeignKey(
        Cart, on_delete=models.CASCADE, related_name="items", verbose_name=_("cart")
    )
    # Exactly one of: a variant (goods) or a session (an experience's seats).
    variant = models.ForeignKey(
        "marketplace.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("variant"),
    )
    session = models.ForeignKey(
        "marketplace.ExperienceSession",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("session"),
    )
    # For a session: quantity = adults + children (the seats it takes).
    quantity = models.PositiveIntegerField(_("quantity"))
    adults = models.PositiveIntegerField(_("adults"), default=0)
    children = models.PositiveIntegerField(_("children"), default=0)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "variant"], name="cart_item_one_row_per_variant"
            ),
            models.UniqueConstraint(
                fields=["cart", "session"], name="cart_item_one_row_per_session"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="cart_item_quantity_positive"
            ),
            models.CheckConstraint(
                condition=(
                    Q(variant__isnull=False, session__isnull=True)
                    | Q(
                        variant__isnull=True,
                        session__isnull=False,
                        quantity=models.F("adults") + models.F("children"),
                    )
                ),
                name="cart_item_variant_or_session",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.variant_id or self.session_id}"
