"""Query understanding: content words decide what matches; places, generic shopping
words and price intent only boost."""

import pytest

from search.understanding import Place, synonyms_of, understand

pytestmark = pytest.mark.django_db


def test_generic_and_price_words_are_not_content():
    intent = understand("laptop gaming murah")
    assert intent.content == ("laptop", "gaming")
    assert intent.generic == ("murah",)
    assert intent.price == "low"
    assert intent.required == 2


def test_places_are_recognised_including_two_word_names():
    intent = understand("kerajinan lok baintan asli")
    assert intent.content == ("kerajinan",)
    assert intent.places == (Place(name="lok baintan", region="banjar"),)
    assert intent.generic == ("asli",)


def test_only_generic_words_match_nothing_but_a_place_alone_does():
    assert understand("murah asli original").matches_nothing
    assert not understand("martapura").matches_nothing
    assert understand("martapura").content == ()


def test_multi_word_synonyms_stay_whole():
    assert understand("buah tangan").content == ("buah tangan",)
    assert "oleh-oleh" in synonyms_of("buah tangan")


def test_long_queries_need_most_words_not_all():
    assert understand("kain sasirangan motif kambang kacang").required == 4
    assert understand("kain sasirangan motif").required == 2
