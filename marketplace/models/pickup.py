"""Pick-up points and windows, and the office's event stalls.

A pick-up point is a place (a floating market's jetty, a festival's stall row) where
shoppers collect what they pre-ordered, during one of its windows. A vendor offers a
point either through ``VendorPickupPoint`` or by having a stall at an event
(``EventStall``) whose point it is. Checkout turns "pick up at <point>, <window>" into
a sub-order with ``pickup_window`` set: no courier, no fee, no address.

Tourism pages are referenced by string: the marketplace sits below tourism and never
imports it.
"""

from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class PickupPoint(models.Model):
    name = models.CharField(_("name"), max_length=120)
    destination = models.ForeignKey(
        "tourism.DestinationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pickup_points",
        verbose_name=_("destination"),
    )
    event = models.ForeignKey(
        "tourism.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pickup_points",
        verbose_name=_("event"),
        help_text=_("Windows of an event's point must lie within the event's dates."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    meeting_note = models.TextField(
        _("meeting note"),
        max_length=500,
        blank=True,
        help_text=_("Where exactly to meet, shown to the shopper with the code."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("pick-up point")
        verbose_name_plural = _("pick-up points")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class PickupWindow(models.Model):
    point = models.ForeignKey(
        PickupPoint,
        on_delete=models.CASCADE,
        related_name="windows",
        verbose_name=_("pick-up point"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("pick-up window")
        verbose_name_plural = _("pick-up windows")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="pickup_window_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.point}, {self.label}"

    @property
    def label(self) -> str:
        """The window as people read it (such as Sat 5 Dec 05:30–07:00), in WITA."""
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        same_day = start.date() == end.date()
        until = (
            formats.time_format(end, "H:i")
            if same_day
            else formats.date_format(end, "D j M H:i")
        )
        return f"{formats.date_format(start, 'D j M H:i')}–{until}"


class VendorPickupPoint(models.Model):
    """A vendor hands pre-orders over at this point (during any of its windows)."""

    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        related_name="pickup_points",
        verbose_name=_("vendor"),
    )
    point = models.ForeignKey(
        PickupPoint,
        on_delete=models.CASCADE,
        related_name="vendor_links",
        verbose_name=_("pick-up point"),
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("vendor pick-up point")
        verbose_name_plural = _("vendor pick-up points")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "point"], name="vendor_pickup_point_once"
            )
        ]

    def __str__(self):
        return f"{self.vendor} @ {self.point}"


class EventStall(models.Model):
    """A vendor's stall at an event, placed by the office.

    The event's pre-orders are collected at the stall.
    """

    event = models.ForeignKey(
        "tourism.EventPage",
        on_delete=models.CASCADE,
        related_name="stalls",
        verbose_name=_("event"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        related_name="stalls",
        verbose_name=_("vendor"),
    )
    label = models.CharField(
        _("stall label"), max_length=40, help_text=_("For example “B12”.")
    )
    pickup_point = models.ForeignKey(
        PickupPoint,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stalls",
        verbose_name=_("pick-up point"),
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("event stall")
        verbose_name_plural = _("event stalls")
        ordering = ["event_id", "label", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "vendor"], name="event_stall_one_per_vendor"
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.vendor})"
