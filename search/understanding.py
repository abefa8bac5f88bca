"""Query understanding shared by both engines: which words of a query name the thing
wanted, and which only qualify it.

A shopper's query mixes words that say *what* (sasirangan, dodol, bracelet) with words
that say *where* (Martapura, Lok Baintan) and generic shopping words (asli, murah,
original). Only the first kind may decide whether a product matches: otherwise "laptop
murah" fills a page with everything cheap. Places and generic words boost; a query made
only of places lists what is made there; a query of generic words alone matches nothing.
The word lists live in search/analysis/ beside the analyzer's, one file per list.
"""

from dataclasses import dataclass, field
from functools import cache, lru_cache

from search.analysis import read_word_list, synonym_rules
from search.params import query_words


@dataclass(frozen=True)
class Place:
    name: str
    region: str = ""


@dataclass(frozen=True)
class QueryIntent:
    # Units that must (mostly) match: single words, or a multi-word synonym ("buah
    # tangan") kept whole so its analysis still sees both words.
    content: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    generic: tuple[str, ...] = ()
    price: str = ""  # "low", "high" or ""
    words: tuple[str, ...] = field(default=(), compare=False)

    @property
    def content_text(self) -> str:
        return " ".join(self.content)

    @property
    def required(self) -> int:
        """How many content units a product must match: all of one or two, then all
        but a third (a stray word in a long query does not empty the page)."""
        count = len(self.content)
        if count <= 2:
            return count
        return count - count // 3

    @property
    def matches_nothing(self) -> bool:
        """Only generic words: nothing the shopper wants is named."""
        return bool(self.words) and not self.content and not self.places


@cache
def _places() -> dict[tuple[str, ...], Place]:
    places = {}
    for line in read_word_list("places.txt"):
        name, _sep, region = (part.strip() for part in line.partition("|"))
        places[tuple(name.lower().split())] = Place(name=name.lower(), region=region)
    return places


@cache
def _generic() -> frozenset[str]:
    return frozenset(word.lower() for word in read_word_list("generic_words.txt"))


@cache
def _price_words() -> dict[str, str]:
    words = {}
    for line in read_word_list("price_words.txt"):
        word, _sep, intent = (part.strip() for part in line.partition("|"))
        words[word.lower()] = intent
    return words


def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The synonym rules the Elasticsearch analyzer reads (file and admin), as groups
    of equivalent terms, lowercase, hyphens and spaces as written."""
    return _groups(tuple(synonym_rules()))


@lru_cache(maxsize=8)
def _groups(rules: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    groups = []
    for line in rules:
        terms = tuple(term.strip().lower() for term in line.split(",") if term.strip())
        if len(terms) > 1:
            groups.append(terms)
    return tuple(groups)


def _phrases() -> frozenset[tuple[str, ...]]:
    """Multi-word synonym terms, as word tuples."""
    return _phrases_of(synonym_groups())


@lru_cache(maxsize=8)
def _phrases_of(groups) -> frozenset[tuple[str, ...]]:
    return frozenset(
        tuple(term.split()) for group in groups for term in group if " " in term
    )


def synonyms_of(unit: str) -> tuple[str, ...]:
    """The unit and its synonyms (the unit first)."""
    found = [unit]
    for group in synonym_groups():
        if unit in group:
            found += [term for term in group if term not in found]
    return tuple(found)


def _longest(words: list[str], start: int, known) -> int:
    """Length of the longest entry of ``known`` starting at words[start] (0: none)."""
    for size in (3, 2, 1):
        if start + size <= len(words) and tuple(words[start : start + size]) in known:
            return size
    return 0


def understand(q: str) -> QueryIntent:
    words = query_words(q)
    content, places, generic, price = [], [], [], ""
    place_names = _places()
    phrases = _phrases()
    index = 0
    while index < len(words):
        size = _longest(words, index, place_names)
        if size:
            places.append(place_names[tuple(words[index : index + size])])
            index += size
            continue
        size = _longest(words, index, phrases)
        if size > 1:
            content.append(" ".join(words[index : index + size]))
            index += size
            continue
        word = words[index]
        if word in _price_words():
            price = price or _price_words()[word]
        if word in _generic() or word in _price_words():
            generic.append(word)
        else:
            content.append(word)
        index += 1
    return QueryIntent(
        content=tuple(content),
        places=tuple(places),
        generic=tuple(generic),
        price=price,
        words=tuple(words),
    )
