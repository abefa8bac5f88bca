"""Bounds on everything a client may send: numbers, ids, texts and lists.

One place, imported by the models, forms, services and both API routers (marketplace
and vendors), so a bound is never copied by hand. A value outside these bounds is a
form error or the API's JSON error, never a database error: SQLite cannot bind an
integer above 2**63 - 1, PostgreSQL refuses an ``integer`` above 2**31 - 1, taggit's
tag column is ``varchar(100)``, and one million-character description made every
matching Elasticsearch query fail.
"""

from __future__ import annotations

from typing import Annotated, get_args

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, field_validator, model_validator

from core.api import PAGE_LIMIT_MAX, PAGE_OFFSET_MAX

# --- numbers and ids -------------------------------------------------------------------

# Primary keys are BigAutoField (settings.DEFAULT_AUTO_FIELD): bigint on PostgreSQL,
# the whole 64-bit range on SQLite. Django turns an out-of-range ``pk=`` into "no row",
# but not a foreign-key or ``__in`` lookup, so ids are bounded before any query.
ID_MAX = 2**63 - 1
# PositiveIntegerField is a PostgreSQL ``integer``: prices, stock, weights, quantities.
INT_MAX = 2**31 - 1

# --- list pages ------------------------------------------------------------------------

# The API's pagination (core.api.BoundedLimitOffset) owns these; named here too so a
# form or test reads every bound from this module.
LIMIT_MAX = PAGE_LIMIT_MAX
OFFSET_MAX = PAGE_OFFSET_MAX

# --- texts and lists -------------------------------------------------------------------

# taggit's Tag.name is a varchar(100); PostgreSQL refuses longer names with an error.
TAG_MAX_LENGTH = 100
TAGS_MAX = 20
# A product description longer than a few pages is a paste accident or an attack; it
# also bloats every search document and highlight.
DESCRIPTION_MAX_LENGTH = 5000
# The meaning of a motif, the office's reason for hiding a product: a paragraph or two.
NOTE_MAX_LENGTH = 2000
REVIEW_TEXT_MAX_LENGTH = 2000
# The dashboard's variant formset already stops at 50 rows.
VARIANTS_MAX = 50


def id_or_none(value) -> int | None:
    """A positive id that fits the database, or None (no such row) for anything else.

    For ids that arrive as form or query values; the query that follows then finds
    nothing instead of failing on an integer the database cannot bind.
    """
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 1 <= number <= ID_MAX else None


# --- the same bounds as django-ninja types (API schemas and parameters) ----------------

# PostgreSQL text cannot hold a NUL character: a query or insert with one is a
# database error. Slugs and order numbers are words and hyphens anyway.
SLUG_PATTERN = r"^[-\w]+$"
Slug = Annotated[str, Field(min_length=1, max_length=160, pattern=SLUG_PATTERN)]

Id = Annotated[int, Field(ge=1, le=ID_MAX)]
# An id as a JSON object key (always a string in JSON): digits only, below ID_MAX, so
# the schema says which keys are accepted; callers turn it into an int.
IdKey = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,17}$")]
Tag = Annotated[str, Field(min_length=1, max_length=TAG_MAX_LENGTH)]


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


# The same rules stated in the OpenAPI schema, so clients (and the fuzzer) know them: a
# string with no pattern of its own gets this one (a NUL is refused), and a dict whose
# keys have a pattern (ids as JSON keys) accepts no other key, as pydantic does.
NO_NUL_PATTERN = r"^[^\x00]*$"


def _state_no_nul(schema) -> None:
    if isinstance(schema, dict):
        if schema.get("type") == "string" and "pattern" not in schema:
            schema["pattern"] = NO_NUL_PATTERN
        if "patternProperties" in schema:
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            _state_no_nul(value)
    elif isinstance(schema, list):
        for value in schema:
            _state_no_nul(value)


class InputSchema(Schema):
    """Base of every API input schema: no text anywhere in it may hold a NUL.

    PostgreSQL refuses NUL in text (a 500 on save or lookup) and no real name,
    address or description contains one; checked once here for every declared field,
    nested lists and dict keys included, so a new field cannot forget it, and stated
    in the JSON schema as a pattern. Undeclared keys are ignored, as everywhere.
    """

    model_config = ConfigDict(json_schema_extra=_state_no_nul)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_bool_for_numbers(cls, value, info):
        # pydantic reads true/false as 1/0 for an int; the schema says integer, so a
        # boolean is the wrong type, as JSON Schema (and the fuzzer) see it.
        if isinstance(value, bool) and not _takes_bool(
            cls.model_fields[info.field_name].annotation
        ):
            raise ValueError("a number is expected, not true/false")
        return value

    @model_validator(mode="after")
    def _refuse_nul(self):
        # After validation: only declared fields are left (undeclared keys are
        # ignored, never stored, so a NUL in one does no harm).
        if _has_nul(self.model_dump()):
            raise ValueError("text must not contain NUL (\\x00) characters")
        return self


def _takes_bool(annotation) -> bool:
    if annotation is bool:
        return True
    return any(_takes_bool(arg) for arg in get_args(annotation))


def _not_bool(value):
    if isinstance(value, bool):
        raise ValueError("a number is expected, not true/false")
    return value


# An int inside a container (a dict's values) that refuses true/false.
NotBool = BeforeValidator(_not_bool)
