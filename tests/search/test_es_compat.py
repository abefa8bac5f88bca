"""The Elasticsearch test node's ``banua-compat`` module (scripts/services/es-compat/)
registers exactly the analysis components Banua's indexes use, and the node runs them.

The module stands in for the analysis-common module the test distribution lacks. A
component it registers but no index uses is dead code; one an index uses but nobody
registers breaks index creation on that node only. The first test compares the Java
source with the index settings; the second is the node's self-check as a test.
"""

import re
import uuid
from pathlib import Path

import pytest
from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

from search import analysis

# index_analysis() reads the office's synonyms from the database.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "scripts/services/es-compat/BanuaCompatPlugin.java"

# What the Elasticsearch server registers itself (no module needed).
SERVER = {
    "analyzer": {"custom", "standard"},
    "tokenizer": {"standard"},
    "filter": {"lowercase", "stop"},
    "char_filter": set(),
}
REGISTRY_METHODS = {
    "getAnalyzers": "analyzer",
    "getTokenizers": "tokenizer",
    "getTokenFilters": "filter",
    "getCharFilters": "char_filter",
}


def _used(block: dict) -> dict[str, set[str]]:
    """Component types an ``analysis`` settings block needs, by kind."""
    used = {kind: set() for kind in SERVER}
    defined = {kind: block.get(kind, {}) for kind in SERVER}
    for kind, components in defined.items():
        for definition in components.values():
            used[kind].add(definition.get("type", "custom"))
    for analyzer in defined["analyzer"].values():
        tokenizer = analyzer.get("tokenizer")
        if tokenizer and tokenizer not in defined["tokenizer"]:
            used["tokenizer"].add(tokenizer)
        for kind, key in (("filter", "filter"), ("char_filter", "char_filter")):
            for name in analyzer.get(key, []):
                if name not in defined[kind]:
                    used[kind].add(name)
    return used


def _registered() -> dict[str, set[str]]:
    source = PLUGIN.read_text(encoding="utf-8")
    found = {kind: set() for kind in SERVER}
    for method, kind in REGISTRY_METHODS.items():
        match = re.search(
            rf"public Map<[^\n]*> {method}\(\) \{{(.*?)\n    \}}", source, re.S
        )
        if match:
            found[kind] = set(re.findall(r'm\.put\("([a-z_]+)"', match.group(1)))
    return found


def _all_used() -> dict[str, set[str]]:
    product = _used(analysis.index_analysis())
    pages = _used(Elasticsearch8SearchBackend.settings["settings"]["analysis"])
    return {kind: product[kind] | pages[kind] for kind in SERVER}


def test_the_module_registers_exactly_what_the_indexes_use():
    used = _all_used()
    registered = _registered()
    for kind in SERVER:
        assert registered[kind] == used[kind] - SERVER[kind], kind
    # Not vacuous: the product index needs the module's Indonesian stemming.
    assert {"stemmer", "synonym_graph", "keyword_marker"} <= registered["filter"]


@pytest.mark.elasticsearch
def test_the_node_runs_the_product_index_analysis(es):
    """The self-check the node runs at start-up, as a test: the product index's real
    analysis settings create an index, and each analyzer gives the expected tokens."""
    index = f"banua_test_compat_{uuid.uuid4().hex[:8]}"
    es.indices.create(
        index=index,
        settings={"number_of_replicas": 0, "analysis": analysis.index_analysis()},
    )
    try:

        def tokens(analyzer: str, text: str) -> list[str]:
            answer = es.indices.analyze(index=index, analyzer=analyzer, text=text)
            return [token["token"] for token in answer["tokens"]]

        assert "bangun" in tokens(analysis.INDONESIAN, "Pembangunan")
        assert tokens(analysis.EXACT, "Café") == ["cafe"]
        assert {"ka", "kai", "kain"} <= set(tokens(analysis.AUTOCOMPLETE, "Kain"))
        assert "colour" in tokens(analysis.ENGLISH, "Colours")
    finally:
        es.indices.delete(index=index, ignore_unavailable=True)
    info = es.info()
    assert info["tagline"] == "You Know, for Search"
