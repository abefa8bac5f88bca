"""The order state machine: one status step at a time, with a history row.

Orders, fulfilment and refunds all move statuses through these; they sit below all
three, so the refund service uses them without importing the order service (which
calls the refund service when a late payment cannot be fulfilled).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError
from marketplace.models import ORDER_TRANSITIONS, Order, OrderStatus, OrderStatusChange

# How far along each status is: an order's status follows its sub-orders forward.
_RANK = {
    OrderStatus.PENDING: 0,
    OrderStatus.PAID: 1,
    OrderStatus.PROCESSING: 2,
    OrderStatus.SHIPPED: 3,
    OrderStatus.READY_FOR_PICKUP: 3,
    OrderStatus.DELIVERED: 4,
}


def status_transition(obj, *, to: str, actor=None, note: str = "") -> None:
    """Moves an Order or SubOrder (already locked) one step, refusing invalid moves."""
    if to not in ORDER_TRANSITIONS[obj.status]:
        raise MarketplaceError(
            _("An order that is %(from)s cannot become %(to)s.")
            % {"from": OrderStatus(obj.status).label, "to": OrderStatus(to).label},
            code="invalid_transition",
            status=409,
        )
    order = obj if isinstance(obj, Order) else obj.order
    OrderStatusChange.objects.create(
        order=order,
        suborder=None if isinstance(obj, Order) else obj,
        from_status=obj.status,
        to_status=to,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note[:255],
    )
    obj.status = to
    obj.save(update_fields=["status"])


def order_status_sync(order: Order, *, actor=None) -> None:
    """Moves the order forward to where all its sub-orders are."""
    statuses = list(order.suborders.values_list("status", flat=True))
    live = [s for s in statuses if s != OrderStatus.REFUNDED]
    if not live:
        target = OrderStatus.REFUNDED
    else:
        target = min(live, key=lambda s: _RANK.get(s, 0))
        if target == OrderStatus.PAID and any(_RANK.get(s, 0) > 1 for s in live):
            target = OrderStatus.PROCESSING
    if target == order.status:
        return
    if target == OrderStatus.REFUNDED or _RANK.get(target, 0) > _RANK.get(
        order.status, 0
    ):
        # Skip intermediate steps (paid -> shipped is allowed; paid -> delivered goes
        # via shipped).
        while order.status != target:
            allowed = ORDER_TRANSITIONS[order.status]
            if target in allowed:
                status_transition(order, to=target, actor=actor)
            else:
                step = min(
                    allowed - {OrderStatus.REFUNDED, OrderStatus.CANCELLED},
                    key=lambda s: _RANK[s],
                )
                status_transition(order, to=step, actor=actor)


def order_lock(order_id: int) -> Order:
    """The order row, locked until the transaction ends (take it before sub-orders)."""
    return Order.objects.select_for_update().get(pk=order_id)
