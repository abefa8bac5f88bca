"""Reads of vendors. "What the public may see" is written once here."""

from django.db.models import Q

from vendors.models import Vendor


def vendor_list_public():
    return Vendor.objects.active().select_related("logo")


def vendor_list_for_destination(*, destination, limit: int = 6):
    """Active vendors tied to a destination (any translation of it) or in its region."""
    translation_key = destination.translation_key
    return list(
        vendor_list_public()
        .filter(Q(destination__translation_key=translation_key) | Q(region=destination.region))
        .order_by("name")[:limit]
    )


def vendor_get_public(*, slug: str):
    return vendor_list_public().select_related("banner", "destination").filter(slug=slug).first()
