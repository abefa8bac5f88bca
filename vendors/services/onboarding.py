"""The vendor application, the office's decision, and the vendor's own shop edits."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.site_url import absolute_url
from core.text import sanitise_text
from core.translation_urls import absolute_reverse_in_language
from notifications.services import email_queue
from vendors.models import Vendor, VendorStatus
from vendors.photos import photo_ingest, photo_validate
from vendors.services.common import audit, require_actor

# Slugs that would clash with fixed API paths (/api/v1/vendors/me/...).
RESERVED_SLUGS = {"me", "products"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "toko"
    if base in RESERVED_SLUGS:
        base = f"toko-{base}"
    slug, number = base, 2
    while Vendor.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def vendor_apply(
    *,
    user,
    name: str,
    owner_name: str,
    whatsapp: str,
    address: str,
    region: str,
    category: str,
    craft_village: str = "",
    story: str = "",
    nib: str = "",
    destination=None,
) -> Vendor:
    """The artisan's application: a pending shop the office will approve or reject."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        if Vendor.objects.select_for_update().filter(owner=user).exists():
            raise ValidationError(_("This account already has a shop."))
        vendor = Vendor(
            owner=user,
            name=name.strip(),
            slug=_unique_slug(name),
            owner_name=owner_name.strip(),
            whatsapp=whatsapp,
            address=address.strip(),
            region=region,
            category=category,
            craft_village=craft_village.strip(),
            story=sanitise_text(story),
            nib=nib,
            destination=destination,
            status=VendorStatus.PENDING,
        )
        vendor.full_clean()
        vendor.save()
        audit(instance=vendor, action="banua.vendor.apply", actor=user, vendor=vendor)
        _mail_office_application(vendor)
    return vendor


# --- the office's decisions -----------------------------------------------------------

_TRANSITIONS = {
    # action: (statuses it may start from, status it ends in, reason required)
    "approve": (
        {VendorStatus.PENDING, VendorStatus.REJECTED},
        VendorStatus.APPROVED,
        False,
    ),
    "reject": ({VendorStatus.PENDING}, VendorStatus.REJECTED, True),
    "suspend": ({VendorStatus.APPROVED}, VendorStatus.SUSPENDED, True),
    "reinstate": ({VendorStatus.SUSPENDED}, VendorStatus.APPROVED, False),
}


def _vendor_decide(*, vendor: Vendor, actor, action: str, reason: str) -> Vendor:
    if (
        actor is None
        or not actor.is_authenticated
        or not actor.has_perm("vendors.change_vendor")
    ):
        raise PermissionDenied
    allowed_from, to_status, reason_required = _TRANSITIONS[action]
    reason = sanitise_text(reason)
    if reason_required and not reason:
        raise ValidationError(
            {"reason": _("Give the reason; the vendor will read it.")}
        )
    with transaction.atomic():
        # Locked: two officers deciding at once must not both act on the old status.
        locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
        if locked.status not in allowed_from:
            raise ValidationError(
                _("A shop that is “%(status)s” cannot be changed this way.")
                % {"status": locked.get_status_display()}
            )
        locked.status = to_status
        locked.status_reason = reason
        if to_status == VendorStatus.APPROVED and locked.approved_at is None:
            locked.approved_at = timezone.now()
        # A full save (not queryset.update) so post_save receivers, e.g. search, see it.
        locked.save(
            update_fields=["status", "status_reason", "approved_at", "updated_at"]
        )
        audit(
            instance=locked,
            action=f"banua.vendor.{action}",
            actor=actor,
            vendor=locked,
            data={"reason": reason, "status": to_status},
        )
        _mail_decision(locked, action)
    vendor.refresh_from_db()
    return vendor


def vendor_approve(*, vendor: Vendor, actor, reason: str = "") -> Vendor:
    return _vendor_decide(vendor=vendor, actor=actor, action="approve", reason=reason)


def vendor_reject(*, vendor: Vendor, actor, reason: str) -> Vendor:
    return _vendor_decide(vendor=vendor, actor=actor, action="reject", reason=reason)


def vendor_suspend(*, vendor: Vendor, actor, reason: str) -> Vendor:
    return _vendor_decide(vendor=vendor, actor=actor, action="suspend", reason=reason)


def vendor_reinstate(*, vendor: Vendor, actor, reason: str = "") -> Vendor:
    return _vendor_decide(vendor=vendor, actor=actor, action="reinstate", reason=reason)


# --- the vendor's own shop ------------------------------------------------------------

SHOP_FIELDS = {
    "name",
    "owner_name",
    "whatsapp",
    "address",
    "region",
    "craft_village",
    "category",
    "story",
    "story_en",
    "nib",
    "destination",
    "holiday_from",
    "holiday_until",
    "holiday_note",
    "low_stock_threshold",
}


def vendor_shop_update(
    *, vendor: Vendor, actor, fields: dict, logo=None, banner=None
) -> Vendor:
    """The shop details the vendor keeps up to date; the status is never among them."""
    require_actor(actor=actor, vendor=vendor)
    unknown = set(fields) - SHOP_FIELDS
    if unknown:
        raise ValueError(f"not shop fields: {sorted(unknown)}")
    # Checked before any write so a bad picture leaves the shop as it was.
    for upload in (logo, banner):
        if upload is not None:
            photo_validate(upload)
    with transaction.atomic():
        locked = Vendor.objects.select_for_update().get(pk=vendor.pk)
        for name, value in fields.items():
            if name in {"story", "story_en", "holiday_note"}:
                value = sanitise_text(value)
            setattr(locked, name, value)
        if logo is not None:
            locked.logo = photo_ingest(
                upload=logo, title=f"Logo {locked.name}", user=actor
            )
        if banner is not None:
            locked.banner = photo_ingest(
                upload=banner, title=f"Banner {locked.name}", user=actor
            )
        locked.full_clean()
        locked.save()
        audit(
            instance=locked,
            action="wagtail.edit",
            actor=actor,
            vendor=locked,
            data={"fields": sorted(fields)},
        )
    return locked


# --- e-mails --------------------------------------------------------------------------


def office_emails() -> list[str]:
    """Who in the tourism office hears about applications: BANUA_OFFICE_EMAILS if set,
    else the active users allowed to change vendors."""
    configured = getattr(settings, "BANUA_OFFICE_EMAILS", None)
    if configured:
        return list(configured)
    User = get_user_model()
    allowed = (
        Q(is_superuser=True)
        | Q(
            groups__permissions__codename="change_vendor",
            groups__permissions__content_type__app_label="vendors",
        )
        | Q(
            user_permissions__codename="change_vendor",
            user_permissions__content_type__app_label="vendors",
        )
    )
    return sorted(
        set(
            User.objects.filter(allowed, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _mail_office_application(vendor: Vendor) -> None:
    """Queued in the application's transaction: an SMTP outage never loses it nor
    turns the saved application into an error page (the outbox retries it)."""
    context = {
        "vendor": vendor,
        "url": absolute_url(
            reverse("wagtailsnippets_vendors_vendor:edit", args=[vendor.pk])
        ),
    }
    for address in office_emails():
        email_queue(
            to=address,
            template="vendors/office_application",
            language=settings.LANGUAGE_CODE,
            context=context,
        )


def _mail_decision(vendor: Vendor, action: str) -> None:
    """The vendor hears the office's decision in its language, the office in the site's;
    queued in the decision's transaction (see ``_mail_office_application``)."""
    dashboard = absolute_reverse_in_language(
        "vendors:dashboard", language=_vendor_language(vendor)
    )
    context = {
        "vendor": vendor,
        "action": action,
        "reason": vendor.status_reason or "-",
        "url": dashboard,
    }
    email_queue(
        to=vendor.owner.email,
        template="vendors/vendor_decision",
        language=_vendor_language(vendor),
        context=context,
    )
    for address in office_emails():
        email_queue(
            to=address,
            template="vendors/office_decision",
            language=settings.LANGUAGE_CODE,
            context=context,
        )


def _vendor_language(vendor: Vendor) -> str:
    # Vendors are addressed in Indonesian unless their account says otherwise.
    return getattr(vendor, "language", "") or "id"
