"""Reviews: only the buyer of a delivered item may rate it, once."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

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


def review_reply(*, vendor, review_id, text: str) -> Review:
    """The shop's one public reply to a review of its own product (written again if
    it exists, cleared when empty). ``vendor`` scopes the lookup: another shop's review
    is not found."""
    text = (text or "").strip()
    if len(text) > REVIEW_TEXT_MAX_LENGTH:
        raise MarketplaceError(_("The reply is too long."), code="reply_too_long")
    with transaction.atomic():
        review = (
            Review.objects.select_for_update()
            .filter(pk=review_id, product__vendor=vendor)
            .first()
        )
        if review is None:
            raise MarketplaceError(
                _("That review is not about your products."),
                code="not_found",
                status=404,
            )
        review.reply = text
        review.replied_at = timezone.now() if text else None
        review.save(update_fields=["reply", "replied_at"])
    return review


def review_hide(*, review_id, actor, reason: str) -> Review:
    """The office takes a review off the product page and out of the rating; the
    reason is required and kept, and the action is in the review's history."""
    reason = (reason or "").strip()
    if not reason:
        raise MarketplaceError(
            _("Say why the review is hidden."), code="reason_required"
        )
    if len(reason) > REVIEW_TEXT_MAX_LENGTH:
        raise MarketplaceError(_("The reason is too long."), code="reason_too_long")
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review_id)
        review.is_hidden = True
        review.hidden_reason = reason
        review.save(update_fields=["is_hidden", "hidden_reason"])
        log(
            instance=review,
            action="banua.review.hide",
            user=actor,
            data={"reason": reason},
        )
    return review


def review_unhide(*, review_id, actor) -> Review:
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review_id)
        review.is_hidden = False
        review.hidden_reason = ""
        review.save(update_fields=["is_hidden", "hidden_reason"])
        log(instance=review, action="banua.review.unhide", user=actor)
    return review
