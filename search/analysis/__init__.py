"""Analysis settings of the product index, built from the word lists kept beside this
module.

The lists are plain text so that reviewers can change them without touching code; a
change
takes effect with the next ``manage.py search_reindex`` (analysis is fixed per index).
"""

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Analyzer names referenced by the document mapping (marketplace/documents.py).
INDONESIAN = "banua_id"
INDONESIAN_SEARCH = "banua_id_search"
EXACT = "banua_exact"
AUTOCOMPLETE = "banua_autocomplete"
ENGLISH = "banua_en"


def read_word_list(name: str) -> list[str]:
    """Lines of a list file, without comments and blanks."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def index_analysis() -> dict:
    """The ``settings.analysis`` block of the product index."""
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
            # and
            # keeps the index small; changing the list needs a reindex all the same.
            "banua_synonyms": {
                "type": "synonym_graph",
                "synonyms": read_word_list("synonyms.txt"),
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
