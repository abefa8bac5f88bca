"""The product search document (Elasticsearch), owned by the search app.

It lives here, not in the catalogue's app, because the mapping names the analyzers of
``search/analysis/`` and the search app sits above the marketplace. The analyzers
(Indonesian stemming with protected words, the reviewed stop words, query-side
synonyms) are built from those word lists when ``search/indexing.py`` creates a
versioned index. The index name registered here is a placeholder: the real name is an
alias chosen from settings at call time (``search.indexing.alias_name()``), so tests
can use a prefix of their own.
"""

from django.db.models import Avg, Count, Prefetch, Q
from django.utils import translation
from django_elasticsearch_dsl import Document, fields
from django_elasticsearch_dsl.registries import registry

from marketplace.models import Experience, Product, ProductKind, ProductVariant
from search import analysis, filters

_ID = analysis.INDONESIAN
_ID_SEARCH = analysis.INDONESIAN_SEARCH


# The low-weight words of a product (its village, shop, provenance, description and
# motif meaning) copied into one field (``details``) that the scoring query reads
# instead of five: each field a word is looked up in costs a scorer for every match,
# and five fewer per word was about a third of the node's time at 100k products
# (README, "Search speed"). The fields themselves stay for the place query, the
# highlighter and the facets.
DETAILS = "details"


def _text(
    *,
    english: bool = True,
    autocomplete: bool = False,
    raw: bool = False,
    details: bool = False,
):
    """A text field analysed in Indonesian, with the sub-fields the queries use; with
    ``details``, its words are also copied into the ``details`` field."""
    sub = {"exact": fields.TextField(analyzer=analysis.EXACT)}
    if english:
        sub["en"] = fields.TextField(analyzer=analysis.ENGLISH)
    if autocomplete:
        sub["autocomplete"] = fields.TextField(
            analyzer=analysis.AUTOCOMPLETE, search_analyzer=analysis.EXACT
        )
    if raw:
        sub["raw"] = fields.KeywordField()
    extra = {"copy_to": DETAILS} if details else {}
    return fields.TextField(
        analyzer=_ID, search_analyzer=_ID_SEARCH, fields=sub, **extra
    )


def _facet():
    """A keyword a facet counts. Its global ordinals (the shard-wide numbering the
    terms aggregation counts by) are built when a refresh opens a new segment, not
    by the first search after it: every search counts these facets, so the first
    search after each write would otherwise pay for building all of them."""
    return fields.KeywordField(eager_global_ordinals=True)


@registry.register_document
class ProductDocument(Document):
    """One visible product: its words, provenance, facets, price, stock and place."""

    id = fields.IntegerField()  # tie-breaker for stable sorting (_id has no doc values)
    name = _text(autocomplete=True, raw=True)
    slug = fields.KeywordField()
    kind = fields.KeywordField()  # goods or experience (a facet and a filter)
    description = _text(details=True)
    tags = _text(autocomplete=False)
    motif_name = _text(english=False, raw=True)
    motif_meaning = _text(details=True)
    maker_name = fields.TextField(analyzer=analysis.EXACT)
    village = _text(english=False, raw=True, details=True)
    technique = _facet()
    # The technique and dye in words ("Woven (anyaman / tenun)", "Natural dye"), so that
    # a shopper typing "tenun" or "natural dye" finds the products recorded with them.
    provenance = _text()
    dye = _facet()
    category = fields.KeywordField()  # slug of the product's own category
    category_path = (
        fields.KeywordField()
    )  # its slug and its parents', for parent filters
    # "slug|name|name_en" and "slug|name": facet buckets carry their own labels, so
    # facets need neither a database query nor a top_hits sub-aggregation.
    category_facet = _facet()
    vendor_facet = _facet()
    category_name = _text()
    category_name_en = fields.TextField(analyzer=analysis.ENGLISH)
    vendor = fields.KeywordField()  # vendor slug
    vendor_name = _text(english=False, raw=True, details=True)
    # Filled in the index by copy_to from the fields marked ``details`` (null in _source).
    details = _text()
    region = _facet()
    # Words for "did you mean": names, tags and categories, unstemmed.
    spelling = fields.TextField(analyzer=analysis.EXACT)
    price = fields.IntegerField()  # lowest price of an active variant, whole rupiah
    in_stock = fields.BooleanField()
    rating = (
        fields.FloatField()
    )  # average review score; 0 until the marketplace has reviews
    rating_count = fields.IntegerField()
    is_featured = fields.BooleanField()
    visible = fields.BooleanField()
    published_at = fields.DateField()
    location = fields.GeoPointField()
    # The days (site time zone) of an experience's open sessions, for the date filter
    # (search.filters.SessionDateFilter); empty for goods.
    session_dates = fields.DateField(multi=True)

    class Index:
        name = "banua_products_placeholder"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    class Django:
        model = Product
        # Syncing is ours (search/signals.py enqueues tasks after commit).
        ignore_signals = True
        auto_refresh = False
        queryset_pagination = 500

    def get_queryset(self):
        return (
            Product.objects.select_related("vendor", "category", "category__parent")
            .annotate(
                # Reviews the office hid do not count (as on the product page).
                rating_average=Avg(
                    "reviews__rating", filter=Q(reviews__is_hidden=False)
                ),
                rating_count=Count("reviews", filter=Q(reviews__is_hidden=False)),
            )
            .prefetch_related(
                "tags",
                Prefetch(
                    "variants", queryset=ProductVariant.objects.filter(is_active=True)
                ),
                Prefetch(
                    "experience__sessions",
                    queryset=filters.open_sessions().order_by("starts_at"),
                    to_attr="open_sessions",
                ),
            )
        )

    def should_index_object(self, obj) -> bool:
        """Only what the storefront may show is searchable (the rule of
        ``Product.objects.visible()``, written once in the model)."""
        return obj.is_visible

    # --- preparers: every value comes from rows loaded by get_queryset() ---
    def _active_variants(self, obj):
        return [variant for variant in obj.variants.all() if variant.is_active]

    def prepare_tags(self, obj):
        return sorted(tag.name for tag in obj.tags.all())

    def prepare_provenance(self, obj):
        with translation.override("en"):
            labels = [obj.get_technique_display(), obj.get_dye_display()]
        return " ".join(str(label) for label in labels if label)

    def prepare_category(self, obj):
        return obj.category.slug

    def prepare_category_path(self, obj):
        path, category, seen = [], obj.category, set()
        while category is not None and category.pk not in seen:
            seen.add(category.pk)
            path.append(category.slug)
            category = category.parent
        return path

    def prepare_category_facet(self, obj):
        category = obj.category
        return f"{category.slug}|{category.name}|{category.name_en}"

    def prepare_vendor_facet(self, obj):
        return f"{obj.vendor.slug}|{obj.vendor.name}"

    def prepare_category_name(self, obj):
        return obj.category.name

    def prepare_category_name_en(self, obj):
        return obj.category.name_en

    def prepare_vendor(self, obj):
        return obj.vendor.slug

    def prepare_vendor_name(self, obj):
        return obj.vendor.name

    def prepare_region(self, obj):
        return obj.vendor.region

    def prepare_village(self, obj):
        return obj.village or obj.vendor.craft_village

    def prepare_spelling(self, obj):
        words = [obj.name, obj.category.name, obj.motif_name, obj.village]
        words += [tag.name for tag in obj.tags.all()]
        return " ".join(word for word in words if word)

    def prepare_price(self, obj):
        prices = [variant.price for variant in self._active_variants(obj)]
        return min(prices) if prices else None

    def prepare_in_stock(self, obj):
        return any(variant.in_stock for variant in self._active_variants(obj))

    def prepare_rating(self, obj):
        return float(getattr(obj, "rating_average", None) or 0.0)

    def prepare_rating_count(self, obj):
        return int(getattr(obj, "rating_count", None) or 0)

    def prepare_details(self, obj):
        return None  # copy_to fills it in the index

    def prepare_visible(self, obj):
        return self.should_index_object(obj)

    def prepare_session_dates(self, obj):
        if obj.kind != ProductKind.EXPERIENCE:
            return []
        try:
            experience = obj.experience
        except Experience.DoesNotExist:
            return []
        sessions = getattr(experience, "open_sessions", None)
        if sessions is None:  # a row not loaded through get_queryset()
            sessions = filters.open_sessions().filter(experience=experience)
        return sorted({filters.session_day(session.starts_at) for session in sessions})

    def prepare_location(self, obj):
        vendor = obj.vendor
        if vendor.latitude is None or vendor.longitude is None:
            return None
        return {"lat": float(vendor.latitude), "lon": float(vendor.longitude)}
