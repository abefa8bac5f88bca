"""Search insight for the office: how often each query was searched, found nothing, and
led to a click, per day. Aggregated counts only: no user, session or address is kept."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.params import clean_query, query_words


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


class SearchSynonym(models.Model):
    """A synonym rule the office adds in the admin, on top of search/analysis/
    synonyms.txt: equivalent terms, comma-separated ("songket, tenun"). Both engines
    read the file and these rows; saving one rebuilds the Elasticsearch index in the
    worker with an alias swap, so searches never see a half-built index."""

    terms = models.CharField(
        _("equivalent terms"),
        max_length=500,
        help_text=_(
            "Comma-separated words or phrases that mean the same, e.g. "
            '"songket, tenun, woven cloth".'
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    @staticmethod
    def split(terms: str) -> list[str]:
        """The rule's terms, lowercase, single-spaced, letters, digits, hyphens only."""

        found = []
        for part in terms.split(","):
            term = " ".join(query_words(clean_query(part, limit=100), limit=5))
            if term and term not in found:
                found.append(term)
        return found

    def clean(self):
        from django.core.exceptions import ValidationError

        terms = self.split(self.terms or "")
        if len(terms) < 2:
            raise ValidationError(
                {"terms": _("Give at least two terms, separated by commas.")}
            )
        self.terms = ", ".join(terms)
