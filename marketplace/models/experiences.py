"""Experiences: workshops, guided tours, river trips, sold as products of another kind.

An ``Experience`` is the one-to-one detail of a ``Product`` whose ``kind`` is
EXPERIENCE, so moderation, photos, shop pages and search reuse the product path. What
is booked is a seat in an ``ExperienceSession``; seats are held like stock (see
``services/seats.py``), and each paid booking line gets a ``Ticket``.
"""

import secrets

from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.limits import INT_MAX, NOTE_MAX_LENGTH
from marketplace.models.orders import Reservation


class Experience(models.Model):
    """What a visitor books: the product's details that goods do not have."""

    product = models.OneToOneField(
        "marketplace.Product",
        on_delete=models.CASCADE,
        related_name="experience",
        verbose_name=_("product"),
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), default=120, validators=[MaxValueValidator(10_080)]
    )
    meeting_point = models.ForeignKey(
        "tourism.DestinationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
        verbose_name=_("meeting point"),
    )
    meeting_note = models.CharField(
        _("how to find the meeting point"), max_length=255, blank=True
    )
    languages = models.CharField(
        _("languages offered"),
        max_length=120,
        blank=True,
        help_text=_("For example: Indonesian, English, Banjar."),
    )
    included = models.TextField(
        _("what's included"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    price = models.PositiveIntegerField(
        _("price per person (Rp)"), validators=[MaxValueValidator(INT_MAX)]
    )
    child_price = models.PositiveIntegerField(
        _("child price (Rp)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(INT_MAX)],
        help_text=_("Leave empty if children pay the full price."),
    )
    free_cancellation_hours = models.PositiveIntegerField(
        _("free cancellation until (hours before)"),
        default=24,
        validators=[MaxValueValidator(24 * 60)],
    )

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gt=0), name="experience_price_positive"
            ),
        ]

    def __str__(self):
        return self.product.name

    @property
    def price_for_children(self) -> int:
        return self.price if self.child_price is None else self.child_price


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class ExperienceSession(models.Model):
    """One date and time of an experience with its seats.

    ``held`` seats belong to unpaid orders, ``booked`` to paid ones; both move only
    through the conditional UPDATEs of ``services/seats.py`` and the database refuses
    more than ``capacity`` of them together.
    """

    experience = models.ForeignKey(
        Experience,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("experience"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MaxValueValidator(10_000)]
    )
    held = models.PositiveIntegerField(_("seats held by unpaid orders"), default=0)
    booked = models.PositiveIntegerField(_("seats booked"), default=0)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["experience", "starts_at"], name="session_one_per_start"
            ),
            models.CheckConstraint(
                condition=Q(held__gte=0) & Q(booked__gte=0),
                name="session_seats_never_negative",
            ),
            models.CheckConstraint(
                condition=Q(held__lte=F("capacity") - F("booked")),
                name="session_never_oversold",
            ),
        ]

    def __str__(self):
        return f"{self.experience} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.held - self.booked, 0)

    @property
    def is_bookable(self) -> bool:
        return self.status == SessionStatus.SCHEDULED and self.seats_left > 0


class SeatReservation(Reservation):
    """Seats held for an unpaid order, the twin of ``StockReservation`` for sessions."""

    order = models.ForeignKey(
        "marketplace.Order", on_delete=models.CASCADE, related_name="seat_reservations"
    )
    session = models.ForeignKey(
        ExperienceSession, on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveIntegerField()

    class Meta(Reservation.Meta):
        verbose_name = _("seat reservation")
        verbose_name_plural = _("seat reservations")
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gt=0), name="seat_reservation_positive"
            )
        ]

    def __str__(self):
        return f"{self.seats} x {self.session_id} ({self.status})"


def new_ticket_code() -> str:
    """Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L): easy to
    read out or type at the meeting point."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _i in range(10))


class Ticket(models.Model):
    """The entry for one paid booking line, shown as a QR code and checked in once."""

    line = models.OneToOneField(
        "marketplace.OrderLine",
        on_delete=models.CASCADE,
        related_name="ticket",
        verbose_name=_("booking"),
    )
    session = models.ForeignKey(
        ExperienceSession,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("session"),
    )
    code = models.CharField(
        _("code"), max_length=16, unique=True, default=new_ticket_code
    )
    participants = models.PositiveIntegerField(_("participants"))
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["session__starts_at", "id"]

    def __str__(self):
        return self.code
