"""Full-text match conditions on the database's own index (search.dbindex), one
renderer per database: PostgreSQL ``tsquery`` on the GIN-indexed ``tsvector``, SQLite
FTS5 ``MATCH`` on the migration's virtual table.

A condition is "one of these terms, in these weight classes": each term is a phrase of
words whose last word may be the start of a longer word (``sasir`` finds sasirangan,
as Elasticsearch's edge n-grams do), and the classes are the document's weight
classes (a: name, b: tags/category/motif, c: village/shop, d: description). Terms come
from ``search.params.query_words``, then are split again into plain letters and digits
here, so neither engine's query syntax (quotes, operators, column filters) can come
from the shopper: both renderers quote every word.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from search.dbindex import fold

TOKEN_RE = re.compile(r"[^\W_]+")
ALL = "abcd"
FTS_TABLE = "search_productdocument_fts"
FTS_SELECT = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608


def tokens(term: str) -> tuple[str, ...]:
    """The plain words of a term, folded (no accents, lowercase)."""
    return tuple(TOKEN_RE.findall(fold(term)))[:8]


def _phrases(terms) -> list[tuple[str, ...]]:
    found = []
    for term in terms:
        words = tokens(term)
        if words and words not in found:
            found.append(words)
    return found


def tsquery(terms, classes: str = ALL) -> str:
    """A ``to_tsquery`` string: the terms OR-ed, each a phrase (``<->``), the last word
    a prefix, every word limited to ``classes`` (``'kain':*AB``)."""
    weights = "" if classes == ALL else classes.upper()
    parts = []
    for words in _phrases(terms):
        lexemes = [f"'{word}':{weights}" if weights else f"'{word}'" for word in words]
        lexemes[-1] = f"'{words[-1]}':*{weights}"
        parts.append("(" + " <-> ".join(lexemes) + ")")
    return " | ".join(parts)


def fts5_query(terms, classes: str = ALL) -> str:
    """An FTS5 ``MATCH`` string: the terms OR-ed, each a quoted phrase whose last
    word is a prefix, limited to the ``classes`` columns."""
    expression = " OR ".join(f'"{" ".join(words)}"*' for words in _phrases(terms))
    if classes == ALL:
        return expression
    return "{" + " ".join(classes) + "} : (" + expression + ")"


def matches(terms, classes: str = ALL) -> Q:
    """Products whose document holds one of ``terms`` in ``classes`` (none if the
    terms have no word left)."""
    if not _phrases(terms):
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        query = SearchQuery(tsquery(terms, classes), search_type="raw", config="simple")
        return Q(search_document__vector=query)
    # A constant SQL text; the shopper's words travel only as the bound parameter.
    ids = RawSQL(  # noqa: S611
        FTS_SELECT,
        (fts5_query(terms, classes),),
    )
    return Q(pk__in=ids)
