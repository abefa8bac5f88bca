"""Search benchmark on the real Elasticsearch node: bulk-load throughput, then p50/p95
of product search and autocomplete, at 10k and 100k generated products.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search_bench.py
    .venv/bin/python bench/search_bench.py --sizes 100000 --queries 600 --ab

Documents are generated directly in the product document's shape and bulk-indexed into a
throw-away versioned index with the production mapping and analysis (going through the
ORM would measure SQLite, not search). The timed searches are distinct (words, word
pairs, typos, filters, sorts and pages drawn from the catalogue's vocabulary with a
seeded generator), and so are the autocomplete prefixes, so the shard request cache
cannot answer them from an earlier request; each goes once with the request cache and
once without, interleaved. Queries go through the same code as the API
(search.products), facets and highlights included. The indices are deleted at the end.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banua.settings.test")

import django  # noqa: E402

ITEMS = [
    (
        "Kain Sasirangan",
        "kain-sasirangan",
        "Kain Sasirangan",
        "Sasirangan cloth",
        "tie-dye",
    ),
    (
        "Kemeja Sasirangan",
        "busana-sasirangan",
        "Busana Sasirangan",
        "Sasirangan clothing",
        "tie-dye",
    ),
    (
        "Syal Sasirangan",
        "aksesori-sasirangan",
        "Aksesori Sasirangan",
        "Sasirangan accessories",
        "tie-dye",
    ),
    ("Tas Purun", "kerajinan", "Kerajinan", "Crafts", "woven"),
    ("Tikar Purun", "kerajinan", "Kerajinan", "Crafts", "woven"),
    (
        "Dodol Kandangan",
        "kuliner",
        "Kuliner dan Oleh-oleh",
        "Food and souvenirs",
        "cooked",
    ),
    ("Kue Bingka", "kuliner", "Kuliner dan Oleh-oleh", "Food and souvenirs", "cooked"),
    (
        "Amplang Ikan",
        "kuliner",
        "Kuliner dan Oleh-oleh",
        "Food and souvenirs",
        "cooked",
    ),
    (
        "Cincin Kecubung",
        "perhiasan",
        "Perhiasan dan Batu Mulia",
        "Jewellery and gems",
        "carved",
    ),
    (
        "Gelang Perak",
        "perhiasan",
        "Perhiasan dan Batu Mulia",
        "Jewellery and gems",
        "carved",
    ),
]
MOTIFS = [
    "Kambang Kacang",
    "Gigi Haruan",
    "Bayam Raja",
    "Naga Balimbur",
    "Hiris Pudak",
    "Ramak Sahang",
    "Kulat Karikit",
    "Ombak Sinapur Karang",
    "Daun Jaruju",
    "Tampuk Manggis",
]
COLOURS = ["Merah", "Biru", "Hijau", "Kuning", "Ungu", "Coklat", "Hitam", "Jingga"]
WORDS = [
    "dicelup tangan",
    "pewarna alami",
    "katun primisima",
    "anyaman halus",
    "oleh-oleh khas",
    "buatan perajin",
    "kampung sasirangan",
    "pasar terapung",
    "kecil",
    "besar",
    "ringan",
    "tahan lama",
    "wangi",
    "renyah",
    "ukiran",
    "perak 925",
    "sutra",
    "voal",
]
REGIONS = [
    "banjarmasin",
    "banjarbaru",
    "banjar",
    "tapin",
    "hulu-sungai-selatan",
    "tabalong",
]
QUERIES = [
    "kain sasirangan",
    "sasirangn",
    "tas purun",
    "dodol",
    "oleh-oleh",
    "souvenir",
    "kemeja merah",
    "cincin kecubung",
    "wastra biru",
    "pewarna alami",
    "gigi haruan",
    "kerajinan",
    "silver bracelet",
    "woven bag",
    "kue bingka",
    "naga balimbur",
    "syal sutra",
    "amplang",
    "tikar",
    "batik",
    "kain tenun",
    "kecil",
    "hijau",
]
PREFIXES = [
    "ka",
    "kai",
    "kain s",
    "sa",
    "sasi",
    "do",
    "dod",
    "ta",
    "tas p",
    "ci",
    "cin",
    "ke",
    "kem",
    "ge",
    "sy",
    "am",
    "ti",
    "bi",
    "gi",
    "na",
]


# Words a shopper may type that the generated catalogue answers in English (the
# English sub-fields) or not at all (a search that matches nothing also costs).
ENGLISH_WORDS = [
    "cloth",
    "bag",
    "bracelet",
    "silver",
    "ring",
    "souvenir",
    "woven",
    "snack",
    "gift",
    "red",
    "blue",
    "scarf",
    "batik",
    "tenun",
]
SORT_CHOICES = ["price_asc", "price_desc", "newest", "rating"]


def vocabulary() -> list[str]:
    """Every word of the generated catalogue a shopper could type, plus English."""
    words = set(ENGLISH_WORDS)
    for item in ITEMS:
        for text in (item[0], item[2], item[3]):
            words.update(text.lower().split())
    for text in MOTIFS + COLOURS + WORDS:
        words.update(text.lower().split())
    return sorted(word for word in words if len(word) >= 2 and not word.isdigit())


def typo(word: str, rng: random.Random) -> str:
    """One edit (drop, swap, replace or add a letter) after the first letter, in
    the last word (what is being typed)."""
    head, _space, word = word.rpartition(" ")
    head = f"{head} " if head else ""
    if len(word) < 4:
        return head + word
    at = rng.randrange(1, len(word) - 1)
    return head + _edit(word, at, rng)


def _edit(word: str, at: int, rng: random.Random) -> str:
    edit = rng.choice(("drop", "swap", "replace", "add"))
    letter = rng.choice("abcdeghiklmnprstuy")
    if edit == "drop":
        return word[:at] + word[at + 1 :]
    if edit == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if edit == "replace":
        return word[:at] + letter + word[at + 1 :]
    return word[:at] + letter + word[at:]


def search_params(count: int, *, seed: int = 7) -> list:
    """``count`` distinct product searches drawn from the vocabulary (seeded): one to
    three words, a typo in one search in six, a filter in one in three, another sort
    in one in four, a later page in one in seven, now and then no words and only a
    filter. Distinct, so that the shard request cache cannot answer them: each is
    asked once per variant."""
    from search.params import PRICE_RANGES, ProductSearchParams

    rng, words, seen = random.Random(seed), vocabulary(), set()
    categories = sorted({item[1] for item in ITEMS})
    techniques = sorted({item[4] for item in ITEMS})
    while len(seen) < count:
        draw = rng.random()
        if draw < 0.05:
            q = ""
        else:
            chosen = rng.sample(words, rng.choices((1, 2, 3), (45, 45, 10))[0])
            if rng.random() < 1 / 6:
                at = rng.randrange(len(chosen))
                chosen[at] = typo(chosen[at], rng)
            q = " ".join(chosen)
        filters: dict = {}
        for _number in range(3 if not q else rng.choices((0, 1, 2), (65, 30, 5))[0]):
            name = rng.choice(
                ("category", "region", "vendor", "technique", "dye", "stock", "price")
            )
            if name == "category":
                filters["category"] = rng.choice(categories)
            elif name == "region":
                filters["region"] = rng.choice(REGIONS)
            elif name == "vendor":
                filters["vendor"] = f"toko-{rng.randrange(400)}"
            elif name == "technique":
                filters["technique"] = rng.choice(techniques)
            elif name == "dye":
                filters["dye"] = rng.choice(("natural", "synthetic"))
            elif name == "stock":
                filters["in_stock"] = True
            else:
                _key, low, high = rng.choice(PRICE_RANGES)
                filters["price_min"], filters["price_max"] = low, high
        sort = rng.choice(SORT_CHOICES) if rng.random() < 0.25 else "relevance"
        page = rng.choices((1, 2, 3), (86, 10, 4))[0]
        seen.add(ProductSearchParams(q=q, sort=sort, page=page, **filters))
    ordered = sorted(seen, key=repr)
    rng.shuffle(ordered)
    return ordered


def suggest_prefixes(count: int, *, seed: int = 11) -> list[str]:
    """``count`` distinct autocomplete inputs (seeded): the first 2 to 14 letters of
    a product name as generated ("kain sasirangan naga ..."), a typo in one in eight
    from 4 letters. Distinct, like the searches; real typing repeats prefixes, which the
    request cache then answers (the "cache on" column of repeats is not measured)."""
    rng, seen = random.Random(seed), set()
    while len(seen) < count:
        name = " ".join(
            (rng.choice(ITEMS)[0], rng.choice(MOTIFS), rng.choice(COLOURS))
        ).lower()
        prefix = name[: rng.randrange(2, 25)].rstrip()
        if len(prefix) >= 4 and rng.random() < 1 / 8:
            prefix = typo(prefix, rng)
        if len(prefix) >= 2:
            seen.add(prefix)
    ordered = sorted(seen)
    rng.shuffle(ordered)
    return ordered


WITA = dt.timezone(dt.timedelta(hours=8))


def generate(count: int, start: int = 1):
    rng = random.Random(start)
    vendors = [
        (f"toko-{n}", f"Toko Perajin {n}", rng.choice(REGIONS)) for n in range(400)
    ]
    for pk in range(start, start + count):
        item, category, category_name, category_en, technique = rng.choice(ITEMS)
        motif, colour = rng.choice(MOTIFS), rng.choice(COLOURS)
        vendor, vendor_name, region = rng.choice(vendors)
        name = f"{item} {motif} {colour} {pk}"
        tags = rng.sample(
            [
                "kain",
                "wastra",
                "oleh-oleh",
                "sasirangan",
                "tas",
                "kerajinan",
                "kue",
                "perhiasan",
                "purun",
                "dodol",
            ],
            3,
        )
        description = " ".join(rng.sample(WORDS, 5)).capitalize() + "."
        dye = rng.choice(["natural", "synthetic", ""])
        published = dt.datetime(
            2026, rng.randrange(1, 12), rng.randrange(1, 28), 8, tzinfo=WITA
        )
        yield {
            "id": pk,
            "name": name,
            "slug": f"produk-{pk}",
            "description": description,
            "tags": tags,
            "motif_name": motif,
            "motif_meaning": "",
            "maker_name": vendor_name,
            "village": "Kampung Sasirangan" if "sasirangan" in category else "",
            "technique": technique,
            "provenance": technique.replace("-", " "),
            "dye": dye,
            "category": category,
            "category_path": [category],
            "category_name": category_name,
            "category_facet": f"{category}|{category_name}|{category_en}",
            "vendor_facet": f"{vendor}|{vendor_name}",
            "category_name_en": category_en,
            "vendor": vendor,
            "vendor_name": vendor_name,
            "region": region,
            "spelling": f"{name} {category_name} {' '.join(tags)}",
            "price": rng.randrange(10, 2000) * 1000,
            "in_stock": rng.random() > 0.1,
            "rating": round(rng.uniform(0, 5), 1),
            "rating_count": rng.randrange(0, 50),
            "is_featured": rng.random() < 0.02,
            "visible": True,
            "published_at": published.isoformat(),
            "location": {
                "lat": -3.3 + rng.uniform(-0.6, 0.6),
                "lon": 114.6 + rng.uniform(-0.6, 0.8),
            },
        }


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(function, arguments, repeat):
    samples = []
    for number in range(repeat):
        argument = arguments[number % len(arguments)]
        began = time.perf_counter()
        function(argument)
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def _before_facets(search, params):
    """The facet aggregations as they were before the shared one (one filter
    aggregation per facet, six in all), for the A/B run."""
    from elasticsearch.dsl import A, Q

    from search.filters import TERM_FACETS
    from search.products import _facet_agg, _filter_clauses

    search = search._clone()
    search.aggs._params["aggs"] = {}
    clauses = _filter_clauses(params)
    for name in (*TERM_FACETS, "price"):
        others = [clause for key, clause in clauses.items() if key != name]
        agg = A("filter", Q("bool", filter=others))
        agg.bucket("values", _facet_agg(name))
        search.aggs.bucket(name, agg)
    return search


# The scoring query's fields before the ``details`` copy_to field (search.products).
BEFORE_ID_FIELDS = [
    "name^8",
    "tags^4",
    "category_name^3",
    "motif_name^3",
    "village^2",
    "vendor_name^2",
    "provenance^1",
    "description^1",
    "motif_meaning^0.5",
]
BEFORE_EN_FIELDS = [
    "name.en^6",
    "tags.en^3",
    "category_name_en^2",
    "provenance.en^1",
    "description.en^0.5",
    "motif_meaning.en^0.3",
]


def _before_scoring(params, *, client):
    """The product search as it was before the cheaper scoring query: nine plus six
    fields per word and the fuzzy clauses (scoring and highlight) in every request,
    one request (the facets as they are now)."""
    from search import products

    fields = list(products.ID_FIELDS), list(products.EN_FIELDS)
    products.ID_FIELDS[:], products.EN_FIELDS[:] = BEFORE_ID_FIELDS, BEFORE_EN_FIELDS
    try:
        return products.build_search(params, client=client, fuzzy=True)
    finally:
        products.ID_FIELDS[:], products.EN_FIELDS[:] = fields


def _before_suggest(q):
    """Autocomplete as it was: the fuzzy match in every request."""
    from search.products import build_suggest

    return build_suggest(q, fuzzy=True).extra(track_total_hits=True).execute()


def _interleaved(variants: dict, arguments: list) -> dict:
    """Each argument once through every variant, the order alternating, so that a
    busy machine slows all variants alike and none profits from the other's
    warm-up. Returns {variant: [(client ms, node took ms)]}."""
    samples = {name: [] for name in variants}
    names = list(variants)
    for number, argument in enumerate(arguments):
        for name in names if number % 2 == 0 else names[::-1]:
            began = time.perf_counter()
            took = variants[name](argument)
            samples[name].append(((time.perf_counter() - began) * 1000, took))
    return samples


def _summary(samples: list) -> tuple[float, float, float, float]:
    client = [ms for ms, _took in samples]
    node = [took for _ms, took in samples if took is not None]
    return (
        statistics.median(client),
        percentile(client, 0.95),
        statistics.median(node) if node else float("nan"),
        percentile(node, 0.95) if node else float("nan"),
    )


def run(size: int, queries: int, *, ab: bool = False) -> dict:
    """Load ``size`` products, then time ``queries`` distinct searches and as many
    distinct autocomplete prefixes, each once with the request cache and once
    without (interleaved). With ``ab``, the same distinct queries also go through
    the requests as they were before this benchmark's changes (cache off)."""
    from django.conf import settings
    from elasticsearch.helpers import parallel_bulk

    from search import engine, indexing
    from search.products import (
        product_suggest_es,
        search_response,
        search_result,
    )

    # The test settings keep Elasticsearch off unless asked for: this run asks for it.
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"banua_bench_{uuid.uuid4().hex[:8]}"
    # A slow request on a busy machine is a figure, not an error (the site's 2 s
    # timeout would end the run).
    settings.ELASTICSEARCH_TIMEOUT = 60
    client = engine.get_client()
    index = indexing.index_create(client=client)

    def searched(params, *, cache, shape=None, scoring_before=False):
        settings.ELASTICSEARCH_REQUEST_CACHE = cache
        if scoring_before:
            search = _before_scoring(params, client=client)
            if shape:
                search = shape(search, params)
            response = search.execute().to_dict()
        else:
            response = search_response(params, client=client)  # as the API asks
        search_result(response, params, client=client)  # as the API does
        return response["took"]

    def suggested(q, *, cache, fuzzy_first=False):
        settings.ELASTICSEARCH_REQUEST_CACHE = cache
        if fuzzy_first:
            _before_suggest(q)
        else:
            product_suggest_es(q)
        return None  # one request or two: the client's time is the figure

    try:
        client.indices.put_settings(index=index, settings={"refresh_interval": "-1"})
        actions = (
            {"_index": index, "_id": doc["id"], "_source": doc}
            for doc in generate(size)
        )
        began = time.perf_counter()
        for ok, item in parallel_bulk(
            client, actions, chunk_size=1000, thread_count=2, request_timeout=120
        ):
            if not ok:
                raise RuntimeError(item)
        client.indices.put_settings(index=index, settings={"refresh_interval": "1s"})
        client.options(request_timeout=120).indices.refresh(index=index)
        load_seconds = time.perf_counter() - began
        indexing.alias_swap(new_index=index, client=client)
        client.options(request_timeout=600).indices.forcemerge(
            index=index, max_num_segments=1
        )
        # Warm-up on queries of another seed: the timed ones stay first-seen.
        for params in search_params(40, seed=1):
            searched(params, cache=False)
        for prefix in suggest_prefixes(40, seed=2):
            suggested(prefix, cache=False)
        search_variants = {
            "on": lambda p: searched(p, cache=True),
            "off": lambda p: searched(p, cache=False),
        }
        suggest_variants = {
            "on": lambda q: suggested(q, cache=True),
            "off": lambda q: suggested(q, cache=False),
        }
        if ab:
            search_variants["scoring before"] = lambda p: searched(
                p, cache=False, scoring_before=True
            )
            search_variants["before"] = lambda p: searched(
                p, cache=False, shape=_before_facets, scoring_before=True
            )
            suggest_variants["before"] = lambda q: suggested(
                q, cache=False, fuzzy_first=True
            )
        load_average = os.getloadavg()[0]
        search_ms = _interleaved(search_variants, search_params(queries))
        suggest_ms = _interleaved(suggest_variants, suggest_prefixes(queries))
        load_average = max(load_average, os.getloadavg()[0])
    finally:
        settings.ELASTICSEARCH_REQUEST_CACHE = True
        client.indices.delete(
            index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}_*",
            ignore_unavailable=True,
            allow_no_indices=True,
        )
    return {
        "size": size,
        "docs_per_s": size / load_seconds,
        "load_s": load_seconds,
        "load_average": load_average,
        "search": {name: _summary(rows) for name, rows in search_ms.items()},
        "suggest": {name: _summary(rows) for name, rows in suggest_ms.items()},
    }


def run_database(size: int, queries: int) -> dict:
    """The database engine (PostgreSQL full-text or SQLite FTS5, whichever
    DATABASE_URL names) on ``size`` generated products: rows written with bulk_create,
    documents built by ``search.dbindex.documents_rebuild`` (timed as the load), then
    the same queries through search.fallback. Everything is deleted at the end."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from marketplace.models import Category, Product, ProductVariant
    from search import dbindex
    from search.fallback import product_search_db, product_suggest_db
    from search.models import ProductDocument
    from search.params import ProductSearchParams
    from vendors.models import Vendor, VendorStatus

    run_id = uuid.uuid4().hex[:6]
    User = get_user_model()
    categories, vendors, tags = {}, {}, {}
    try:
        rows, variants, tagged = [], [], []
        for doc in generate(size):
            if doc["category"] not in categories:
                categories[doc["category"]] = Category.objects.create(
                    slug=f"{doc['category']}-{run_id}",
                    name=doc["category_name"],
                    name_en=doc["category_name_en"],
                )
            if doc["vendor"] not in vendors:
                owner = User.objects.create(username=f"bench-{run_id}-{doc['vendor']}")
                vendors[doc["vendor"]] = Vendor.objects.create(
                    owner=owner,
                    slug=f"{doc['vendor']}-{run_id}",
                    name=doc["vendor_name"],
                    owner_name=doc["vendor_name"],
                    whatsapp="6281251000101",
                    address="Banjarmasin",
                    region=doc["region"],
                    category="sasirangan",
                    latitude=doc["location"]["lat"],
                    longitude=doc["location"]["lon"],
                    status=VendorStatus.APPROVED,
                    approved_at=timezone.now(),
                )
            rows.append(
                Product(
                    vendor=vendors[doc["vendor"]],
                    category=categories[doc["category"]],
                    name=doc["name"],
                    slug=f"{doc['slug']}-{run_id}",
                    description=doc["description"],
                    status="published",
                    village=doc["village"],
                    technique=doc["technique"],
                    dye=doc["dye"],
                    motif_name=doc["motif_name"],
                    published_at=dt.datetime.fromisoformat(doc["published_at"]),
                )
            )
            variants.append(doc["price"])
            tagged.append(doc["tags"])
        began = time.perf_counter()
        products = Product.objects.bulk_create(rows, batch_size=2000)
        ProductVariant.objects.bulk_create(
            (
                ProductVariant(
                    product=product, sku=f"B{run_id}-{product.pk}", price=price, stock=5
                )
                for product, price in zip(products, variants, strict=True)
            ),
            batch_size=2000,
        )
        product_type = ContentType.objects.get_for_model(Product)
        for names in tagged:
            for name in names:
                if name not in tags:
                    tags[name] = Tag.objects.get_or_create(name=name)[0]
        TaggedItem.objects.bulk_create(
            (
                TaggedItem(tag=tags[name], content_type=product_type, object_id=p.pk)
                for p, names in zip(products, tagged, strict=True)
                for name in names
            ),
            batch_size=5000,
        )
        dbindex.documents_rebuild(chunk_size=2000)
        load_seconds = time.perf_counter() - began
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        params = [ProductSearchParams(q=q) for q in QUERIES]
        params += [ProductSearchParams(q="kain", sort="price_asc")]
        timed(product_search_db, params, 10)  # warm caches (and the vocabulary)
        search_ms = timed(product_search_db, params, queries)
        timed(lambda q: product_suggest_db(q), PREFIXES, 10)
        suggest_ms = timed(lambda q: product_suggest_db(q), PREFIXES, queries)
    finally:
        # Raw deletes, children first: the ORM's collector (signals, Wagtail's
        # reference index) takes minutes over 100k products.
        products = Product.objects.filter(slug__endswith=f"-{run_id}")
        ids = products.values("pk")
        ProductDocument.objects.filter(product__in=ids)._raw_delete(connection.alias)
        TaggedItem.objects.filter(
            content_type__model="product", object_id__in=ids
        )._raw_delete(connection.alias)
        ProductVariant.objects.filter(product__in=ids)._raw_delete(connection.alias)
        products._raw_delete(connection.alias)
        Vendor.objects.filter(slug__endswith=f"-{run_id}").delete()
        User.objects.filter(username__startswith=f"bench-{run_id}-").delete()
        Category.objects.filter(slug__endswith=f"-{run_id}").delete()
    return {
        "size": size,
        "docs_per_s": size / load_seconds,
        "load_s": load_seconds,
        "search_p50": statistics.median(search_ms),
        "search_p95": percentile(search_ms, 0.95),
        "suggest_p50": statistics.median(suggest_ms),
        "suggest_p95": percentile(suggest_ms, 0.95),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--ab",
        action="store_true",
        help=(
            "Elasticsearch: also time the requests as they were before the cheaper "
            "scoring query ('scoring bef.'), before that and the shared facet "
            "aggregation ('before'), and autocomplete before its exact-first "
            "request (request cache off)"
        ),
    )
    parser.add_argument(
        "--engine",
        choices=["elasticsearch", "database"],
        default="elasticsearch",
        help=(
            "database: the PostgreSQL/SQLite engine of DATABASE_URL (use a "
            "throw-away, migrated database; the rows are deleted afterwards)"
        ),
    )
    args = parser.parse_args()
    if args.engine == "database":
        django.setup()
        from django.db import connection

        print(f"database engine on {connection.vendor}; {args.queries} timed requests")
        _table()
        for size in (int(value) for value in args.sizes.split(",")):
            _row(run_database(size, args.queries))
        return
    if not os.environ.get("ELASTICSEARCH_URL"):
        sys.exit(
            "Set ELASTICSEARCH_URL (e.g. source .services/env) to run the search "
            "benchmark."
        )
    django.setup()
    print(
        f"Elasticsearch at {os.environ['ELASTICSEARCH_URL']}; {args.queries} distinct "
        "searches and as many distinct autocomplete prefixes per size, each with the "
        "request cache on and off (interleaved); ms, client side (node 'took' in "
        "brackets)"
    )
    for size in (int(value) for value in args.sizes.split(",")):
        _es_rows(run(size, args.queries, ab=args.ab))


def _es_rows(row: dict) -> None:
    print(
        f"{row['size']} products: bulk {row['docs_per_s']:.0f} docs/s, "
        f"load {row['load_s']:.1f} s, load average {row['load_average']:.1f}"
    )
    for kind in ("search", "suggest"):
        for name, (p50, p95, took50, took95) in row[kind].items():
            label = {
                "on": "cache on",
                "off": "cache off",
                "scoring before": "scoring bef.",
            }.get(name, "before, off")
            took = f"  (took {took50:.0f}/{took95:.0f})" if took50 == took50 else ""
            print(
                f"  {kind:8} {label:12} p50 {p50:6.1f}  p95 {p95:6.1f}{took}",
                flush=True,
            )


def _table() -> None:
    print(
        f"{'products':>9} {'bulk docs/s':>12} {'load s':>7} "
        f"{'search p50':>11} {'p95':>7} "
        f"{'suggest p50':>12} {'p95':>7}  (ms, client side)"
    )


def _row(row: dict) -> None:
    print(
        f"{row['size']:>9} {row['docs_per_s']:>12.0f} {row['load_s']:>7.1f} "
        f"{row['search_p50']:>11.1f} {row['search_p95']:>7.1f} "
        f"{row['suggest_p50']:>12.1f} {row['suggest_p95']:>7.1f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
