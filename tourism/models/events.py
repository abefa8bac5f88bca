from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index

from tourism import ical
from tourism.api_fields import StallsHereField
from tourism.blocks import BodyBlock
from tourism.forms import EventDateFilterForm
from tourism.models.base import TourismPage, image_fk

ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICAL_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventIndexPage(RoutablePageMixin, TourismPage):
    """Lists upcoming events; sits directly under a home page.

    `?date=YYYY-MM-DD` narrows the list to one day. Sub-routes: `feed/` (one iCalendar
    feed of every upcoming event in its language), `calendar/` and
    `calendar/<year>/<month>/` (a month grid), `archive/` (events that have ended).
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*TourismPage.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["tourism.HomePage"]
    subpage_types = ["tourism.EventPage"]

    class Meta:
        verbose_name = _("event index")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.intro

    @property
    def feed_url(self) -> str:
        return self.url + self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        # A bad date is shown as a form error next to the full list, never a 500.
        form = EventDateFilterForm(request.GET or None)
        day = form.cleaned_data.get("date") if form.is_valid() else None
        context["filter_form"] = form
        context["filter_date"] = day
        if day:
            context["occurrences"] = selectors.event_list_on_date(index=self, day=day)
        else:
            context["events"] = selectors.event_list_upcoming(index=self)
        return context

    @property
    def calendar_url(self) -> str:
        return self.url + self.reverse_subpage("calendar")

    @property
    def archive_url(self) -> str:
        return self.url + self.reverse_subpage("archive")

    def month_url(self, day) -> str:
        return self.url + self.reverse_subpage(
            "calendar_month", kwargs={"year": day.year, "month": day.month}
        )

    @path("calendar/", name="calendar")
    def calendar_current(self, request):
        today = timezone.now().astimezone(ZoneInfo("Asia/Makassar")).date()
        return self.calendar_month(request, today.year, today.month)

    @path("calendar/<int:year>/<int:month>/", name="calendar_month")
    def calendar_month(self, request, year, month):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        # Bounded so a crawler following "next month" links stops somewhere.
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise Http404
        month_data = selectors.event_month(index=self, year=year, month=month)
        return self.render(
            request,
            context_overrides={
                "month": month_data,
                "weekdays": [(WEEKDAYS_ABBR[i], WEEKDAYS[i]) for i in range(7)],
                "previous_url": self.month_url(month_data.previous)
                if month_data.previous.year >= 2000
                else "",
                "next_url": self.month_url(month_data.next)
                if month_data.next.year <= 2100
                else "",
            },
            template="tourism/event_calendar_page.html",
        )

    @path("archive/", name="archive")
    def archive(self, request):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        return self.render(
            request,
            context_overrides={"past_events": selectors.event_list_past(index=self)},
            template="tourism/event_archive_page.html",
        )

    @path("feed/", name="feed")
    def feed(self, request):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        events = selectors.event_list_upcoming(index=self)
        body = ical.calendar_for_events(events=events, request=request, name=self.title)
        return _calendar_response(body, f"{self.slug}.ics")


class EventPage(RoutablePageMixin, TourismPage):
    """A festival or happening with a start and end (stored in UTC, shown in WITA).

    Sits under an event index; its venue may be a destination page. `ical/` is the
    event as an iCalendar file.
    """

    summary = models.TextField(_("summary"), max_length=300)
    hero_image = image_fk(_("hero image"))
    start_at = models.DateTimeField(_("starts at"))
    end_at = models.DateTimeField(_("ends at"))
    is_yearly = models.BooleanField(_("held every year"), default=False)
    venue = models.ForeignKey(
        "tourism.DestinationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("venue"),
    )
    venue_name = models.CharField(
        _("venue name"),
        max_length=255,
        blank=True,
        help_text=_("When the venue is not a destination page."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *TourismPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
        FieldPanel("is_yearly"),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("venue_name")]),
        FieldPanel("body"),
        *TourismPage.pin_panels,
    ]
    search_fields = [
        *TourismPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start_at"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("start_at"),
        APIField("end_at"),
        APIField("is_yearly"),
        APIField("venue"),
        APIField("venue_name"),
        APIField("body"),
        APIField("hero_image"),
        APIField(
            "hero_image_thumbnail",
            serializer=ImageRenditionField("fill-480x320", source="hero_image"),
        ),
        # Vendors' stalls with their pick-up windows (issue 11).
        APIField("stalls", serializer=StallsHereField()),
    ]
    parent_page_types = ["tourism.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start_at and self.end_at and self.end_at < self.start_at:
            raise ValidationError(
                {"end_at": _("An event cannot end before it starts.")}
            )

    @property
    def is_upcoming(self) -> bool:
        return self.end_at >= timezone.now()

    @property
    def ical_url(self) -> str:
        return self.url + self.reverse_subpage("ical")

    @property
    def venue_label(self) -> str:
        return self.venue.title if self.venue_id and self.venue else self.venue_name

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context["stalls"] = selectors.event_stalls(event=self)
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        body = ical.calendar_for_events(events=[self], request=request, name=self.title)
        return _calendar_response(body, f"{self.slug}.ics")
