"""Search insight for the office: how often each query was searched, found nothing, and
led to a click, per day. Aggregated counts only: no user, session or address is kept."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
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
        terms = self.split(self.terms or "")
        if len(terms) < 2:
            raise ValidationError(
                {"terms": _("Give at least two terms, separated by commas.")}
            )
        self.terms = ", ".join(terms)


class ProductDocument(models.Model):
    """A product's searchable text for the database engine (PostgreSQL full-text
    search, SQLite FTS5): one row per product, in four weight classes like the
    Elasticsearch field boosts (a: name; b: tags, category, motif; c: village and shop;
    d: description, technique, dye).

    Written only by ``search.dbindex`` (on save, in the saving transaction, and by
    ``manage.py search_reindex --database``). On PostgreSQL ``vector`` holds the
    weighted, unaccented tsvector (GIN-indexed) and ``words`` the folded words that
    pg_trgm corrects typos from; on SQLite the migration's FTS5 table
    ``search_productdocument_fts`` mirrors a-d through triggers, and ``vector`` is left
    empty.
    """

    product = models.OneToOneField(
        "marketplace.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("product"),
    )
    a = models.TextField(_("name"), blank=True)
    b = models.TextField(_("tags, category and motif"), blank=True)
    c = models.TextField(_("village and shop"), blank=True)
    d = models.TextField(_("description"), blank=True)
    words = models.TextField(_("words for spelling"), blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("product search document")
        verbose_name_plural = _("product search documents")

    def __str__(self) -> str:
        return self.a
