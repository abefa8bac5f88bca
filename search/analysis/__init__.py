"""Analysis settings of the product index, built from the word lists kept beside this
module.

The lists are plain text so that reviewers can change them without touching code; a
change takes effect with the next ``manage.py search_reindex`` (analysis is fixed per
index).
"""

from pathlib import Path

from django.core.cache import cache
from django.db import DatabaseError

from search.models import SearchSynonym

HERE = Path(__file__).resolve().parent

# Analyzer names referenced by the document mapping (search/documents.py).
INDONESIAN = "banua_id"
INDONESIAN_SEARCH = "banua_id_search"
EXACT = "banua_exact"
AUTOCOMPLETE = "banua_autocomplete"
ENGLISH = "banua_en"


def read_word_list(name: str) -> list[str]:
    """Lines of a list file, without comments and blanks."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


SYNONYMS_CACHE_KEY = "search:analysis:synonyms"
SYNONYMS_CACHE_SECONDS = 300


def synonym_rules() -> list[str]:
    """Synonym rules in Solr format: the reviewed file plus the office's rules from the
    admin (search.models.SearchSynonym). Cached briefly; saving a rule clears it."""
    rules = cache.get(SYNONYMS_CACHE_KEY)
    if rules is None:
        rules = read_word_list("synonyms.txt") + _admin_rules()
        cache.set(SYNONYMS_CACHE_KEY, rules, SYNONYMS_CACHE_SECONDS)
    return rules


def _admin_rules() -> list[str]:
    try:
        return [
            ", ".join(SearchSynonym.split(terms))
            for terms in SearchSynonym.objects.values_list("terms", flat=True)
            if len(SearchSynonym.split(terms)) > 1
        ]
    except DatabaseError:  # before the first migrate: the file's rules only
        return []


def clear_synonym_cache() -> None:
    cache.delete(SYNONYMS_CACHE_KEY)


def index_analysis() -> dict:
    """The ``settings.analysis`` block of the product index (read at index build)."""
    return {
        "filter": {
            "banua_id_stop": {
                "type": "stop",
                "stopwords": read_word_list("stopwords_id.txt"),
            },
            "banua_id_protected": {
                "type": "keyword_marker",
                "keywords": read_word_list("protected_words.txt"),
                "ignore_case": True,
            },
            "banua_id_stemmer": {"type": "stemmer", "language": "indonesian"},
            # Query side only: synonym_graph handles multi-word rules ("buah tangan")
            # and keeps the index small; changing the list needs a reindex all the same.
            "banua_synonyms": {
                "type": "synonym_graph",
                "synonyms": synonym_rules(),
            },
            "banua_edge": {"type": "edge_ngram", "min_gram": 2, "max_gram": 20},
            "banua_en_stemmer": {"type": "stemmer", "language": "english"},
            "banua_en_possessive": {
                "type": "stemmer",
                "language": "possessive_english",
            },
        },
        "analyzer": {
            INDONESIAN: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "asciifolding",
                    "banua_id_stop",
                    "banua_id_protected",
                    "banua_id_stemmer",
                ],
            },
            INDONESIAN_SEARCH: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "asciifolding",
                    "banua_synonyms",
                    "banua_id_stop",
                    "banua_id_protected",
                    "banua_id_stemmer",
                ],
            },
            EXACT: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
            AUTOCOMPLETE: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "banua_edge"],
            },
            ENGLISH: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "banua_en_possessive",
                    "lowercase",
                    "asciifolding",
                    "stop",
                    "banua_en_stemmer",
                ],
            },
        },
    }
