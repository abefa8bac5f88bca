"""What the vendor services share: who may act for a shop, and the audit entry."""

from django.core.exceptions import PermissionDenied
from wagtail.log_actions import log


def actor_may_act_for(
    *, actor, vendor, staff_perm: str = "vendors.change_vendor"
) -> bool:
    """The shop's owner, or office staff with the permission to change it."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    return actor.pk == vendor.owner_id or actor.has_perm(staff_perm)


def require_actor(*, actor, vendor, staff_perm: str = "vendors.change_vendor") -> None:
    if not actor_may_act_for(actor=actor, vendor=vendor, staff_perm=staff_perm):
        raise PermissionDenied


def audit(*, instance, action: str, actor, vendor, data: dict | None = None) -> None:
    """One log entry; staff acting for a vendor are marked so the history shows it."""
    payload = dict(data or {})
    if actor is not None and actor.pk != vendor.owner_id:
        payload["on_behalf_of_vendor"] = vendor.pk
    log(instance=instance, action=action, user=actor, data=payload)
