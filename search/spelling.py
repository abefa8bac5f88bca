"""Spelling correction for the database path: the catalogue's own words are the
dictionary, so "sasirangn" finds sasirangan without Elasticsearch.

The vocabulary (words of product names, tags, categories, motifs, villages and shops,
plus the synonym and place lists) is read once and cached for a few minutes; a word is
corrected only when it is in no product and a catalogue word is within one edit (words
up to five letters) or two edits (longer words), like Elasticsearch's AUTO fuzziness.
"""

from django.core.cache import cache

from marketplace.models import Category, Product
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


def correct(unit: str) -> str:
    """``unit`` with each unknown word replaced by the nearest catalogue word."""
    words = unit.split()
    known = vocabulary()
    fixed = []
    for word in words:
        if len(word) < MIN_LENGTH or word in known or not word.isalpha():
            fixed.append(word)
            continue
        limit = 1 if len(word) <= 5 else 2
        best, best_distance = word, limit + 1
        for candidate in known:
            if candidate[0] != word[0] and limit == 1:
                continue
            found = distance(word, candidate, limit)
            if found < best_distance or (
                found == best_distance and best != word and candidate < best
            ):
                best, best_distance = candidate, found
        fixed.append(best if best_distance <= limit else word)
    return " ".join(fixed)
