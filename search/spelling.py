"""Spelling correction for the database path: the catalogue's own words are the
dictionary, so "sasirangn" finds sasirangan without Elasticsearch.

On PostgreSQL the candidates come from pg_trgm: the documents whose folded words are
trigram-similar to the typed word (``<%``, word similarity), the 20 nearest read first
from the trigram GiST index of ``search.ProductDocument.words`` (``<<->``), and the
nearest word in them within the edit limit below wins. On SQLite (the quick start) the
candidates are the vocabulary below.

The vocabulary (words of product names, tags, categories, motifs, villages and shops,
plus the synonym and place lists) is read once and cached for a few minutes; a word is
corrected only when it is in no product and a catalogue word is within one edit (words
up to five letters) or two edits (longer words), like Elasticsearch's AUTO fuzziness.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from marketplace.models import Category, Product
from search import fulltext
from search.dbindex import fold
from search.models import ProductDocument
from search.params import query_words
from search.understanding import synonym_groups

CACHE_KEY = "search:spelling:vocabulary"
CACHE_SECONDS = 300
MIN_LENGTH = 4


def _build_vocabulary() -> frozenset[str]:
    words: set[str] = set()
    rows = Product.objects.visible().values_list(
        "name", "motif_name", "village", "vendor__name", "vendor__craft_village"
    )
    for row in rows.iterator(chunk_size=2000):
        for text in row:
            words.update(query_words(text or "", limit=100))
    for name, name_en in Category.objects.values_list("name", "name_en"):
        words.update(query_words(f"{name} {name_en or ''}", limit=100))
    tags = Product.tags.through.objects.values_list("tag__name", flat=True).distinct()
    for tag in tags:
        words.update(query_words(tag or "", limit=100))
    for group in synonym_groups():
        for term in group:
            words.update(query_words(term))
    return frozenset(word for word in words if len(word) >= 3)


def vocabulary() -> frozenset[str]:
    words = cache.get(CACHE_KEY)
    if words is None:
        words = _build_vocabulary()
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def clear() -> None:
    cache.delete(CACHE_KEY)


def distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), cut off past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


TRIGRAM_ROWS = 20


def _known_pg(word: str) -> bool:
    """A word that starts a word of some product (the index answers), or a synonym."""
    if any(word in group for group in synonym_groups()):
        return True
    query = fulltext.matches((word,))
    return ProductDocument.objects.filter(
        product__in=Product.objects.filter(query)
    ).exists()


def _candidates_pg(word: str) -> set[str]:
    """Words of the documents most trigram-similar to ``word`` (pg_trgm)."""
    folded = fold(word)
    rows = (
        ProductDocument.objects.alias(
            close=RawSQL(
                "%s <%% search_productdocument.words",
                (folded,),
                output_field=BooleanField(),
            )
        )
        .filter(close=True)
        # Nearest first by word distance (1 - word similarity): the GiST index
        # (migration 0003) walks the documents in this order and stops at the
        # limit instead of scoring every similar document.
        .alias(
            distance=RawSQL(
                "%s <<-> search_productdocument.words",
                (folded,),
                output_field=FloatField(),
            )
        )
        .order_by("distance")
        .values_list("words", flat=True)[:TRIGRAM_ROWS]
    )
    candidates = set()
    for text in rows:
        candidates.update(query_words(text, limit=200))
    for group in synonym_groups():
        for term in group:
            candidates.update(query_words(term))
    return {candidate for candidate in candidates if len(candidate) >= 3}


def _nearest(word: str, candidates, limit: int) -> tuple[str, int]:
    best, best_distance = word, limit + 1
    for candidate in candidates:
        if candidate[0] != word[0] and limit == 1:
            continue
        found = distance(word, candidate, limit)
        if found < best_distance or (
            found == best_distance and best != word and candidate < best
        ):
            best, best_distance = candidate, found
    return best, best_distance


def correct(unit: str) -> str:
    """``unit`` with each unknown word replaced by the nearest catalogue word."""
    if connection.vendor == "postgresql":
        return _correct_pg(unit)
    words = unit.split()
    known = vocabulary()
    fixed = []
    for word in words:
        if len(word) < MIN_LENGTH or word in known or not word.isalpha():
            fixed.append(word)
            continue
        limit = 1 if len(word) <= 5 else 2
        best, best_distance = _nearest(word, known, limit)
        fixed.append(best if best_distance <= limit else word)
    return " ".join(fixed)


def _correct_pg(unit: str) -> str:
    fixed = []
    for word in unit.split():
        if len(word) < MIN_LENGTH or not word.isalpha() or _known_pg(word):
            fixed.append(word)
            continue
        limit = 1 if len(word) <= 5 else 2
        best, best_distance = _nearest(word, _candidates_pg(word), limit)
        fixed.append(best if best_distance <= limit else word)
    return " ".join(fixed)
