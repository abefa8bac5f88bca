"""E-mails about orders, each in the recipient's language (id and en templates).

Every mail goes through the outbox (``notifications.services.email_queue``): callers
run these inside the transaction of the change they announce, so the mail is stored
with it and sent by a background task after commit; an SMTP failure never breaks the
write and is retried. Dedupe keys make a replayed cause (webhook, signal) mail once.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.conf import settings

from core.translation_urls import absolute_reverse_in_language
from marketplace.models import Order, Payout, Refund, SubOrder, Ticket
from marketplace.ticketing import tickets_calendar
from notifications.services import email_language, email_queue

# Public tracking pages of the couriers vendors use most; ``{}`` is the tracking number.
# MARKETPLACE_TRACKING_URLS (same shape, keys as below) adds or replaces entries.
TRACKING_URLS = {
    "jne": "https://www.jne.co.id/tracking-package?resi={}",
    "jnt": "https://jet.co.id/track?awb={}",
    "sicepat": "https://www.sicepat.com/checkAwb?awb={}",
    "pos": "https://www.posindonesia.co.id/id/tracking?barcode={}",
    "anteraja": "https://anteraja.id/tracking/{}",
}
# What vendors type in the courier field, reduced to letters, mapped to a table key.
_COURIER_ALIASES = {
    "jne": "jne",
    "jneexpress": "jne",
    "jnt": "jnt",
    "jt": "jnt",
    "jntexpress": "jnt",
    "jandt": "jnt",
    "jetexpress": "jnt",
    "sicepat": "sicepat",
    "sicepatekspres": "sicepat",
    "sicepatexpress": "sicepat",
    "pos": "pos",
    "posindonesia": "pos",
    "posind": "pos",
    "anteraja": "anteraja",
}


def tracking_url(*, courier: str, tracking_number: str) -> str:
    """The courier's tracking page for this parcel, or "" for an unknown courier."""
    key = _COURIER_ALIASES.get(re.sub(r"[^a-z]", "", (courier or "").lower()), "")
    table = {**TRACKING_URLS, **getattr(settings, "MARKETPLACE_TRACKING_URLS", {})}
    pattern = table.get(key)
    number = (tracking_number or "").strip()
    if not pattern or not number:
        return ""
    return pattern.format(quote(number, safe=""))


def _order_url(order: Order, language: str) -> str:
    return absolute_reverse_in_language(
        "marketplace:order_detail",
        language=email_language(language),
        args=[order.number],
    )


def _vendor_language(suborder: SubOrder) -> str:
    # Vendors are addressed in Indonesian unless their account says otherwise.
    return getattr(suborder.vendor, "language", "") or "id"


def _buyer_mail(
    *, order: Order, template: str, key: str, attachments=None, **context
) -> None:
    email_queue(
        attachments=attachments,
        to=order.email,
        template=f"marketplace/{template}",
        language=order.language,
        context={
            "order": order,
            "order_url": _order_url(order, order.language),
            **context,
        },
        dedupe_key=key,
    )


def _vendor_mail(*, suborder: SubOrder, template: str, key: str, **context) -> None:
    owner = suborder.vendor.owner
    if not owner.email:
        return
    url = absolute_reverse_in_language(
        "vendors:order_detail",
        language=email_language(_vendor_language(suborder)),
        args=[suborder.pk],
    )
    email_queue(
        to=owner.email,
        template=f"marketplace/{template}",
        language=_vendor_language(suborder),
        context={
            "order": suborder.order,
            "suborder": suborder,
            "dashboard_url": url,
            **context,
        },
        dedupe_key=key,
    )


def order_paid_queue_emails(*, order_id: int) -> None:
    """The buyer's receipt and each vendor's "new order"; called when payment lands."""
    order = Order.objects.prefetch_related(
        "suborders__lines", "suborders__vendor__owner"
    ).get(pk=order_id)
    _buyer_mail(order=order, template="buyer_order_paid", key=f"order-paid-{order.pk}")
    for suborder in order.suborders.all():
        _vendor_mail(
            suborder=suborder,
            template="vendor_new_order",
            key=f"vendor-new-order-{suborder.pk}",
        )


# The name the background task has always called.
def order_paid_send_emails(*, order_id: int) -> None:
    order_paid_queue_emails(order_id=order_id)


def suborder_shipped_queue_email(*, suborder: SubOrder) -> None:
    """Courier, tracking number and, for known couriers, a link to follow the parcel."""
    _buyer_mail(
        order=suborder.order,
        template="buyer_suborder_shipped",
        key=f"suborder-shipped-{suborder.pk}",
        suborder=suborder,
        tracking_url=tracking_url(
            courier=suborder.courier, tracking_number=suborder.tracking_number
        ),
    )


def suborder_ready_queue_email(*, suborder: SubOrder) -> None:
    _buyer_mail(
        order=suborder.order,
        template="buyer_suborder_ready",
        key=f"suborder-ready-{suborder.pk}",
        suborder=suborder,
    )


def suborder_completed_queue_email(*, suborder: SubOrder) -> None:
    """The sub-order arrived (or was collected): thanks, and where to review it."""
    order = suborder.order
    _buyer_mail(
        order=order,
        template="buyer_suborder_completed",
        key=f"suborder-completed-{suborder.pk}",
        suborder=suborder,
        review_url=_order_url(order, order.language) + "#reviews",
        can_review=bool(order.buyer_id),
    )


def order_cancelled_queue_emails(*, order: Order, refund_follows: bool) -> None:
    _buyer_mail(
        order=order,
        template="buyer_order_cancelled",
        key=f"order-cancelled-{order.pk}",
        refund_follows=refund_follows,
    )


def order_refunded_queue_emails(*, order_id: int, refund_ids) -> None:
    """Buyer: the money is on its way back. Each vendor concerned: do not ship."""

    refunds = list(
        Refund.objects.filter(pk__in=list(refund_ids), order_id=order_id)
        .select_related("suborder__vendor__owner", "order")
        .order_by("id")
    )
    if not refunds:
        return
    order = refunds[0].order
    _buyer_mail(
        order=order,
        template="buyer_order_refunded",
        key="order-refunded-" + "-".join(str(r.pk) for r in refunds),
        refunds=refunds,
        refund_total=sum(r.amount for r in refunds),
    )
    for refund in refunds:
        # A refunded booking line leaves the rest of the sub-order to ship; the vendor
        # cancelled its session (and sees the line in the dashboard), no "do not ship".
        if refund.suborder is None or refund.line_id is not None:
            continue
        _vendor_mail(
            suborder=refund.suborder,
            template="vendor_order_cancelled",
            key=f"vendor-cancelled-{refund.suborder_id}",
            refund=refund,
        )


def payout_paid_queue_email(*, payout_id: int) -> None:
    payout = (
        Payout.objects.select_related("vendor__owner", "suborder__order")
        .filter(pk=payout_id)
        .first()
    )
    if payout is None or not payout.vendor.owner.email:
        return
    language = getattr(payout.vendor, "language", "") or "id"
    url = absolute_reverse_in_language(
        "vendors:payouts", language=email_language(language)
    )
    email_queue(
        to=payout.vendor.owner.email,
        template="marketplace/vendor_payout_paid",
        language=language,
        context={"payout": payout, "vendor": payout.vendor, "payouts_url": url},
        dedupe_key=f"payout-paid-{payout.pk}",
    )


def _site_host() -> str:
    return settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]


def order_tickets_queue_email(*, order_id: int) -> None:
    """The buyer's tickets (codes, meeting point) with an ``.ics`` of the sessions;
    called in the payment transition right after the tickets are issued."""
    tickets = list(
        Ticket.objects.filter(line__suborder__order_id=order_id)
        .select_related(
            "line", "session__experience__product", "session__experience__meeting_point"
        )
        .order_by("session__starts_at", "id")
    )
    if not tickets:
        return
    order = tickets[0].line.suborder.order
    _buyer_mail(
        order=order,
        template="buyer_tickets",
        key=f"order-tickets-{order_id}",
        tickets=tickets,
        attachments=[
            {
                "filename": f"banua-{order.number}.ics",
                "content": tickets_calendar(tickets=tickets, host=_site_host()),
                "mimetype": "text/calendar",
            }
        ],
    )


def session_cancelled_queue_email(*, suborder: SubOrder, session) -> None:
    """Tells the buyer that the organiser cancelled their session; the refund has its
    own mail. One per sub-order and session, so a resumed cancel mails no one twice.
    """
    order = suborder.order
    _buyer_mail(
        order=order,
        template="buyer_session_cancelled",
        key=f"session-cancelled-{session.pk}-{suborder.pk}",
        session=session,
        experience_name=session.experience.product.name,
    )
