"""Parsing of product-search parameters, shared by the JSON API and the search page.

Bad input raises ``SearchParamsError`` with one message per parameter, so the API can
answer 422 and the page can show the message, never a 500.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
PER_PAGE = 24
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default from + size limit
DEFAULT_KM = 25
MAX_KM = 500

SORTS = ("relevance", "price_asc", "price_desc", "newest", "rating", "distance")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off"}

# Price buckets for the facet, whole rupiah: (key, from, to) with `to` exclusive.
PRICE_RANGES = (
    ("0-50000", 0, 50_000),
    ("50000-100000", 50_000, 100_000),
    ("100000-250000", 100_000, 250_000),
    ("250000-500000", 250_000, 500_000),
    ("500000-", 500_000, None),
)


# Words as every engine sees them: letters and digits only, so no engine's own syntax
# (FTS5 and tsquery operators, query_string, quotes) ever reaches it.
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
MAX_WORDS = 12


def clean_query(raw: object, *, limit: int | None = None) -> str:
    """Printable text with single spaces: no NUL or other control characters, no lone
    surrogates (PostgreSQL and the JSON encoder reject both), optionally cut short."""
    text = raw if isinstance(raw, str) else ""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cs", "Cf", "Zl", "Zp") else char
        for char in text[: (limit or 10_000) * 2]
    )
    text = " ".join(text.split())
    return text[:limit] if limit else text


def query_words(q: str, *, limit: int = MAX_WORDS) -> list[str]:
    """The query's words, lowercased, in order, at most ``limit`` of them. Backends
    build their queries from these, never from the raw text."""
    return [match.group(0).lower() for match in WORD_RE.finditer(q)][:limit]


class SearchParamsError(ValueError):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(
            "; ".join(f"{key}: {message}" for key, message in errors.items())
        )


@dataclass(frozen=True)
class ProductSearchParams:
    q: str = ""
    category: str = ""
    vendor: str = ""
    region: str = ""
    technique: str = ""
    dye: str = ""
    village: str = ""
    motif: str = ""
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    near: int | None = None  # a destination page id
    km: int = DEFAULT_KM
    # Filled in by the caller once the destination is looked up: (lat, lon).
    near_point: tuple[float, float] | None = field(default=None, compare=False)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def filters(self) -> dict:
        """The user's filters that are set, by name (for facet exclusion and links)."""
        names = ("category", "vendor", "region", "technique", "dye", "village", "motif")
        return {name: getattr(self, name) for name in names if getattr(self, name)}


def _int(data, name, errors, *, minimum=0, maximum=None):
    raw = (data.get(name) or "").strip()
    if raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        errors[name] = str(_("Must be a whole number."))
        return None
    if value < minimum or (maximum is not None and value > maximum):
        if maximum is None:
            errors[name] = str(_("Must be at least %(min)s.") % {"min": minimum})
        else:
            errors[name] = str(
                _("Must be between %(min)s and %(max)s.")
                % {"min": minimum, "max": maximum}
            )
        return None
    return value


def _slug(data, name, errors):
    raw = (data.get(name) or "").strip()
    if raw and not SLUG_RE.match(raw):
        errors[name] = str(_("Use letters, digits and hyphens only."))
        return ""
    return raw


def parse_product_params(data) -> ProductSearchParams:
    """Validated parameters from a QueryDict or dict; raises SearchParamsError."""
    errors: dict[str, str] = {}
    q = clean_query(data.get("q") or "")
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = str(
            _("Keep the search under %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        )
    price_min = _int(data, "price_min", errors)
    price_max = _int(data, "price_max", errors)
    if price_min is not None and price_max is not None and price_min > price_max:
        errors["price_max"] = str(_("The highest price is below the lowest price."))
    raw_stock = (data.get("in_stock") or "").strip().lower()
    in_stock = None
    if raw_stock in TRUE_VALUES:
        in_stock = True
    elif raw_stock in FALSE_VALUES:
        in_stock = False
    elif raw_stock:
        errors["in_stock"] = str(_("Use true or false."))
    sort = (data.get("sort") or "relevance").strip()
    if sort not in SORTS:
        errors["sort"] = str(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(SORTS)}
        )
    page = _int(data, "page", errors, minimum=1) or 1
    near = _int(data, "near", errors, minimum=1)
    km = _int(data, "km", errors, minimum=1, maximum=MAX_KM) or DEFAULT_KM
    if sort == "distance" and near is None and "sort" not in errors:
        errors["sort"] = str(_("Sorting by distance needs a destination (near)."))
    if (page - 1) * PER_PAGE + PER_PAGE > MAX_RESULT_WINDOW and "page" not in errors:
        errors["page"] = str(
            _("Pages past %(max)s are not available; narrow the search.")
            % {"max": MAX_RESULT_WINDOW // PER_PAGE}
        )
    params = {
        name: _slug(data, name, errors)
        for name in ("category", "vendor", "region", "technique", "dye")
    }
    village = clean_query(data.get("village") or "", limit=120)
    motif = clean_query(data.get("motif") or "", limit=120)
    if errors:
        raise SearchParamsError(errors)
    return ProductSearchParams(
        q=q,
        village=village,
        motif=motif,
        price_min=price_min,
        price_max=price_max,
        in_stock=in_stock,
        sort=sort,
        page=page,
        near=near,
        km=km,
        **params,
    )
