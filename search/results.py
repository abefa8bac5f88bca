"""Typed search results, the same whichever backend (Elasticsearch or SQL) answered."""

from dataclasses import asdict, dataclass, field

from django.urls import reverse

JSON_FIELDS = (
    "id",
    "name",
    "slug",
    "kind",
    "price",
    "in_stock",
    "vendor",
    "category",
    "region",
    "technique",
    "dye",
    "village",
    "rating",
    "score",
    "highlight",
    "distance_km",
)


@dataclass
class ProductHit:
    id: int
    name: str
    slug: str
    price: int | None
    in_stock: bool
    vendor: dict
    category: dict
    region: str
    kind: str = "goods"  # or "experience" (marketplace.models.ProductKind)
    technique: str = ""
    dye: str = ""
    village: str = ""
    rating: float = 0.0
    score: float | None = None
    highlight: dict[str, str] = field(default_factory=dict)
    distance_km: float | None = None
    # The loaded product row when the database answered (the page reuses it for cards).
    product: object | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict:
        data = {name: getattr(self, name) for name in JSON_FIELDS}
        data["url"] = self.url
        return data

    @property
    def url(self) -> str:
        return reverse("marketplace:product_detail", kwargs={"slug": self.slug})


@dataclass
class FacetBucket:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class ProductSearchResult:
    query: str
    backend: str  # "elasticsearch" or "database"
    total: int
    page: int
    per_page: int
    sort: str
    hits: list[ProductHit]
    facets: dict[str, list[FacetBucket]]
    did_you_mean: str | None = None
    # Shown apart, labelled, when nothing matches: never counted in ``total``.
    related: list[ProductHit] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_json(self) -> dict:
        return {
            "query": self.query,
            "backend": self.backend,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "per_page": self.per_page,
            "sort": self.sort,
            "did_you_mean": self.did_you_mean,
            "related": [hit.as_json() for hit in self.related],
            "results": [hit.as_json() for hit in self.hits],
            "facets": {
                name: [asdict(bucket) for bucket in buckets]
                for name, buckets in self.facets.items()
            },
        }


@dataclass
class Suggestion:
    text: str
    slug: str

    @property
    def url(self) -> str:
        return reverse("marketplace:product_detail", kwargs={"slug": self.slug})
