"""Parsing of product-search parameters, shared by the JSON API and the search page.

Bad input raises ``SearchParamsError`` with one message per parameter, so the API can
answer 422 and the page can show the message, never a 500.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from search.filters import (
    PRICE_RANGES,  # noqa: F401 - declared there, read from here
    VALUE_FILTERS,
)

MAX_QUERY_LENGTH = 200
PER_PAGE = 24
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default from + size limit
DEFAULT_KM = 25
MAX_KM = 500

SORTS = ("relevance", "price_asc", "price_desc", "newest", "rating", "distance")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off"}

# Session dates a shopper can ask for: wide enough for any plan, narrow enough that
# every engine (and the day after the last one) can represent them.
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)


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
    """A product search. One field per filter of ``search.filters`` (its
    ``VALUE_FILTERS`` by name)."""

    q: str = ""
    kind: str = ""  # "goods" or "experience"
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
    # Experiences with an open session on one of these days (inclusive).
    date_from: dt.date | None = None
    date_to: dt.date | None = None
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
        """The user's one-value filters that are set, by name (for facet selection
        and links)."""
        return {
            item.name: getattr(self, item.name)
            for item in VALUE_FILTERS
            if getattr(self, item.name)
        }

    def has_filters(self) -> bool:
        """Whether anything narrows the products (the page offers to clear it)."""
        return bool(
            self.filters()
            or self.price_min
            or self.price_max
            or self.in_stock
            or self.date_from
            or self.date_to
        )


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


def _choice(data, name, errors, choices):
    raw = (data.get(name) or "").strip()
    if raw and raw not in choices.values:
        errors[name] = str(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)}
        )
        return ""
    return raw


def _date(data, name, errors):
    raw = (data.get(name) or "").strip()
    if raw == "":
        return None
    try:
        # Only the ISO day the date input sends (fromisoformat also reads other
        # shapes, such as week dates, that no shopper means).
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError(raw)
        value = dt.date.fromisoformat(raw)
    except ValueError:
        errors[name] = str(_("Enter a real date as YYYY-MM-DD."))
        return None
    if not DATE_MIN <= value <= DATE_MAX:
        errors[name] = str(
            _("Choose a date between %(min)s and %(max)s.")
            % {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        )
        return None
    return value


def _value_filter(data, item, errors) -> str:
    if item.parse == "choice":
        return _choice(data, item.name, errors, item.choices)
    if item.parse == "text":
        return clean_query(data.get(item.name) or "", limit=120)
    return _slug(data, item.name, errors)


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
    values = {item.name: _value_filter(data, item, errors) for item in VALUE_FILTERS}
    date_from = _date(data, "date_from", errors)
    date_to = _date(data, "date_to", errors)
    if date_from and date_to and date_from > date_to:
        errors["date_to"] = str(_("The last day is before the first day."))
    if errors:
        raise SearchParamsError(errors)
    return ProductSearchParams(
        q=q,
        **values,
        date_from=date_from,
        date_to=date_to,
        price_min=price_min,
        price_max=price_max,
        in_stock=in_stock,
        sort=sort,
        page=page,
        near=near,
        km=km,
    )
