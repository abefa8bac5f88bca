"""Search insight for the office: how often each query was searched, found nothing, and
led to a click, per day. Aggregated counts only: no user, session or address is kept."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchQueryDay(models.Model):
    """One normalised query on one day (Asia/Makassar dates, the site's time zone)."""

    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches with no result"), default=0)
    clicks = models.PositiveIntegerField(_("result clicks"), default=0)

    class Meta:
        verbose_name = _("search query per day")
        verbose_name_plural = _("search queries per day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query"], name="search_query_day_unique"
            )
        ]
        indexes = [models.Index(fields=["day"], name="search_query_day_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.query}"
