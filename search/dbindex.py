"""The database's own search index: one ``search.ProductDocument`` row per product.

Elasticsearch is fed after commit by a worker because it is another system; this index
lives in the same database as the product, so it is written in the saving transaction
(like Wagtail's database search backend): a product and its document commit or roll
back together and the database engine never shows a half-saved product. A failure to
write a document is logged and never breaks the save (a savepoint keeps the outer
transaction usable); ``manage.py search_reindex --database`` repairs any drift.

This module is the one place that writes documents. PostgreSQL gets the weighted
``tsvector`` here (``unaccent`` + the ``simple`` configuration: prefix matching stands in
for stemming, as in the word-start matching the database path always had); SQLite's
FTS5 table follows the row through the migration's triggers.
"""

import logging
import unicodedata
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError, connection, transaction
from django.db.models import Func

from marketplace.models import Product
from search.models import ProductDocument

logger = logging.getLogger(__name__)

WEIGHTS = {"a": "A", "b": "B", "c": "C", "d": "D"}


class Unaccent(Func):
    """PostgreSQL's ``unaccent()`` (the extension the search migration creates)."""

    function = "unaccent"


def fold(text: str) -> str:
    """Lowercase without accents, as ``unaccent`` and FTS5's ``remove_diacritics`` do;
    used for the query's words and the words pg_trgm compares."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _products():
    return Product.objects.select_related("vendor", "category", "category__parent")


def document_texts(product: Product, tags: list[str]) -> dict[str, str]:
    """The four weight classes of one product (the Elasticsearch boosts, grouped)."""
    category = product.category
    categories = [category.name, category.name_en]
    if category.parent_id:
        categories += [category.parent.name, category.parent.name_en]
    texts = {
        "a": product.name,
        "b": " ".join([*tags, *categories, product.motif_name]),
        "c": " ".join(
            [product.village, product.vendor.name, product.vendor.craft_village]
        ),
        "d": " ".join(
            [
                product.description,
                product.technique,
                str(product.get_technique_display()) if product.technique else "",
                product.dye,
            ]
        ),
    }
    texts = {key: " ".join(value.split()) for key, value in texts.items()}
    texts["words"] = fold(" ".join([texts["a"], texts["b"], texts["c"]]))
    return texts


def _tags_by_product(ids: list[int]) -> dict[int, list[str]]:
    # taggit's generic TaggedItem: other models' tags share the table.
    through = Product.tags.through.objects.filter(
        content_type=ContentType.objects.get_for_model(Product), object_id__in=ids
    )
    tags: dict[int, list[str]] = {}
    for product_id, name in through.values_list("object_id", "tag__name"):
        tags.setdefault(product_id, []).append(name)
    return tags


def _write(products: list[Product]) -> int:
    ids = [product.pk for product in products]
    tags = _tags_by_product(ids)
    rows = [
        ProductDocument(
            product_id=product.pk, **document_texts(product, tags.get(product.pk, []))
        )
        for product in products
    ]
    # Delete then insert (not update) so SQLite's triggers see plain inserts and
    # deletes, the two writes FTS5's external-content tables handle most simply.
    ProductDocument.objects.filter(product_id__in=ids).delete()
    ProductDocument.objects.bulk_create(rows)
    if connection.vendor == "postgresql":
        vector = None
        for field, weight in WEIGHTS.items():
            part = SearchVector(Unaccent(field), weight=weight, config="simple")
            vector = part if vector is None else vector + part
        ProductDocument.objects.filter(product_id__in=ids).update(vector=vector)
    return len(rows)


def documents_sync(*, product_ids: Iterable[int]) -> int:
    """Rewrite the documents of these products (deleted ones simply have none: the
    row goes with its product). Never raises: a failure is logged."""
    ids = sorted(set(product_ids))
    if not ids:
        return 0
    try:
        with transaction.atomic():
            return _write(list(_products().filter(pk__in=ids)))
    except DatabaseError:
        logger.exception("Database search documents of products %s not written", ids)
        return 0


def documents_rebuild(*, chunk_size: int = 1000) -> int:
    """Every product's document, rewritten in chunks (each chunk one transaction)."""
    written = 0
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        with transaction.atomic():
            written += _write(list(_products().filter(pk__in=chunk)))
    with transaction.atomic():
        ProductDocument.objects.exclude(
            product_id__in=Product.objects.values("pk")
        ).delete()
    return written
