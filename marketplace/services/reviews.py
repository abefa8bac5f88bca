"""Reviews: only the buyer of a delivered item may rate it, once."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError
from marketplace.limits import REVIEW_TEXT_MAX_LENGTH
from marketplace.models import OrderLine, OrderStatus, Review


def review_create(*, user, order_line_id, rating, text: str = "") -> Review:
    try:
        rating = int(rating)
        line_pk = int(order_line_id)
    except (TypeError, ValueError):
        raise MarketplaceError(
            _("Choose a rating from 1 to 5 stars."), code="bad_rating"
        ) from None
    if not 1 <= rating <= 5:
        raise MarketplaceError(
            _("Choose a rating from 1 to 5 stars."), code="bad_rating"
        )
    text = (text or "").strip()
    if len(text) > REVIEW_TEXT_MAX_LENGTH:
        raise MarketplaceError(_("The review is too long."), code="review_too_long")
    line = (
        OrderLine.objects.select_related("suborder__order", "variant")
        .filter(pk=line_pk, suborder__order__buyer=user)
        .first()
    )
    if line is None:
        raise MarketplaceError(
            _("You can only review products you bought."), code="not_buyer", status=403
        )
    if line.suborder.status != OrderStatus.DELIVERED:
        raise MarketplaceError(
            _("You can review this item once it has been delivered."),
            code="not_delivered",
        )
    try:
        with transaction.atomic():
            return Review.objects.create(
                product_id=line.variant.product_id,
                order_line=line,
                author=user,
                rating=rating,
                text=text,
            )
    except IntegrityError:
        raise MarketplaceError(
            _("You have already reviewed this item."), code="already_reviewed"
        ) from None
