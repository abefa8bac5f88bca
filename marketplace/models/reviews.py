"""Reviews by buyers whose item was delivered: one per order line."""

from django.conf import settings
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from marketplace.limits import REVIEW_TEXT_MAX_LENGTH


class Review(models.Model):
    product = models.ForeignKey(
        "marketplace.Product", on_delete=models.CASCADE, related_name="reviews"
    )
    order_line = models.OneToOneField(
        "marketplace.OrderLine", on_delete=models.CASCADE, related_name="review"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(
        _("review"),
        max_length=REVIEW_TEXT_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(REVIEW_TEXT_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    # The shop's one public answer, shown under the review. Columns of the review
    # itself, so there can never be two; the vendor may edit it.
    reply = models.TextField(
        _("shop's reply"),
        max_length=REVIEW_TEXT_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(REVIEW_TEXT_MAX_LENGTH)],
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    # Hidden by the office (abuse, personal data, off-topic): off the product page and
    # out of the rating, kept for the record with the reason.
    is_hidden = models.BooleanField(_("hidden by the office"), default=False)
    hidden_reason = models.TextField(
        _("reason for hiding"),
        max_length=REVIEW_TEXT_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(REVIEW_TEXT_MAX_LENGTH)],
    )

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="review_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), REVIEW_TEXT_MAX_LENGTH),
                name="review_text_bounded",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("reply"), REVIEW_TEXT_MAX_LENGTH),
                name="review_reply_bounded",
            ),
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="review_hidden_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.rating}/5"
